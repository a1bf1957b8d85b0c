/* compare.c — two runs side by side (see compare.h). */
#include "output/compare.h"

#include <math.h>
#include <string.h>

#include "output/results.h"
#include "store/store.h"

static const char units_sql[] =
    "SELECT a.unit, a.name, a.total, b.total, a.grade, b.grade, a.rank, b.rank"
    " FROM run_units a JOIN run_units b ON b.run_id = ?2 AND b.unit = a.unit"
    " WHERE a.run_id = ?1 ORDER BY abs(b.total - a.total) DESC, abs(b.rank - a.rank) DESC,"
    " a.unit";

/* Items whose points moved, the biggest move first. */
static const char items_sql[] =
    "SELECT s.area, s.item, coalesce(i.title, s.item), s.points, t.points, s.explanation,"
    " t.explanation FROM run_scores s JOIN run_scores t ON t.run_id = ?2 AND t.unit = s.unit"
    " AND t.area = s.area AND t.item = s.item"
    " LEFT JOIN run_items i ON i.run_id = ?2 AND i.area = s.area AND i.item = s.item"
    " WHERE s.run_id = ?1 AND s.unit = ?3 AND s.points IS NOT t.points"
    " ORDER BY abs(coalesce(t.points, 0) - coalesce(s.points, 0)) DESC, s.area, s.item";

static const char *txt(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

static const char *pts(sqlite3_stmt *st, int i, char *buf, size_t n)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        snprintf(buf, n, "—");
    else
        snprintf(buf, n, "%.2f", sqlite3_column_double(st, i));
    return buf;
}

/* 上升3位 / 下降2位 / 持平 */
static const char *rank_move(int before, int after, char *buf, size_t n)
{
    if (after < before)
        snprintf(buf, n, "上升%d位", before - after);
    else if (after > before)
        snprintf(buf, n, "下降%d位", after - before);
    else
        snprintf(buf, n, "持平");
    return buf;
}

struct out {
    sqlite3 *db;
    sqlite3_stmt *items;
    int format;
    FILE *f;
    size_t wname;
    int first;
};

static void table_unit(struct out *o, sqlite3_stmt *u)
{
    char a[32], b[32], mv[32];
    double d = sqlite3_column_double(u, 3) - sqlite3_column_double(u, 2);
    kp_out_cell(o->f, txt(u, 1), o->wname, 0);
    fprintf(o->f, "  %s → %s (%+.2f)  %s → %s  第%d → 第%d名 (%s)\n", pts(u, 2, a, sizeof a),
            pts(u, 3, b, sizeof b), d, txt(u, 4), txt(u, 5), sqlite3_column_int(u, 6),
            sqlite3_column_int(u, 7),
            rank_move(sqlite3_column_int(u, 6), sqlite3_column_int(u, 7), mv, sizeof mv));
}

static void table_item(struct out *o, sqlite3_stmt *it)
{
    char a[32], b[32];
    fprintf(o->f, "    %s %s: %s → %s\n      之前：%s\n      之后：%s\n", txt(it, 0), txt(it, 2),
            pts(it, 3, a, sizeof a), pts(it, 4, b, sizeof b), txt(it, 5), txt(it, 6));
}

static void csv_row(struct out *o, sqlite3_stmt *u, sqlite3_stmt *it)
{
    char a[32], b[32];
    const char *fields[] = {txt(u, 0), txt(u, 1), it ? txt(it, 0) : "", it ? txt(it, 1) : "",
                            it ? txt(it, 2) : "总分", it ? pts(it, 3, a, sizeof a) : pts(u, 2, a, sizeof a),
                            it ? pts(it, 4, b, sizeof b) : pts(u, 3, b, sizeof b),
                            it ? "" : txt(u, 4), it ? "" : txt(u, 5),
                            it ? txt(it, 5) : "", it ? txt(it, 6) : ""};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (i)
            fputc(',', o->f);
        kp_out_csv(o->f, fields[i]);
    }
    if (it)
        fputs(",,\n", o->f);
    else
        fprintf(o->f, ",%d,%d\n", sqlite3_column_int(u, 6), sqlite3_column_int(u, 7));
}

static void json_unit(struct out *o, sqlite3_stmt *u)
{
    fprintf(o->f, "%s\n    {\"unit\": ", o->first ? "" : ",");
    kp_out_json(o->f, txt(u, 0));
    fputs(", \"name\": ", o->f);
    kp_out_json(o->f, txt(u, 1));
    fprintf(o->f, ", \"total_before\": %.2f, \"total_after\": %.2f, \"grade_before\": ",
            sqlite3_column_double(u, 2), sqlite3_column_double(u, 3));
    kp_out_json(o->f, txt(u, 4));
    fputs(", \"grade_after\": ", o->f);
    kp_out_json(o->f, txt(u, 5));
    fprintf(o->f, ", \"rank_before\": %d, \"rank_after\": %d, \"items\": [",
            sqlite3_column_int(u, 6), sqlite3_column_int(u, 7));
}

static void json_item(struct out *o, sqlite3_stmt *it, int first)
{
    char a[32], b[32];
    fprintf(o->f, "%s\n      {\"area\": ", first ? "" : ",");
    kp_out_json(o->f, txt(it, 0));
    fputs(", \"item\": ", o->f);
    kp_out_json(o->f, txt(it, 1));
    fputs(", \"title\": ", o->f);
    kp_out_json(o->f, txt(it, 2));
    fprintf(o->f, ", \"points_before\": %s, \"points_after\": %s, \"explanation_before\": ",
            sqlite3_column_type(it, 3) == SQLITE_NULL ? "null" : pts(it, 3, a, sizeof a),
            sqlite3_column_type(it, 4) == SQLITE_NULL ? "null" : pts(it, 4, b, sizeof b));
    kp_out_json(o->f, txt(it, 5));
    fputs(", \"explanation_after\": ", o->f);
    kp_out_json(o->f, txt(it, 6));
    fputc('}', o->f);
}

/* One county and its moved items. */
static int one_unit(struct out *o, sqlite3_stmt *u)
{
    if (o->format == KP_FORMAT_TABLE)
        table_unit(o, u);
    else if (o->format == KP_FORMAT_CSV)
        csv_row(o, u, NULL);
    else
        json_unit(o, u);
    sqlite3_bind_text(o->items, 3, txt(u, 0), -1, SQLITE_TRANSIENT);
    int rc, n = 0;
    while ((rc = sqlite3_step(o->items)) == SQLITE_ROW) {
        if (o->format == KP_FORMAT_TABLE)
            table_item(o, o->items);
        else if (o->format == KP_FORMAT_CSV)
            csv_row(o, u, o->items);
        else
            json_item(o, o->items, n == 0);
        n++;
    }
    sqlite3_reset(o->items);
    if (o->format == KP_FORMAT_JSON)
        fputs(n ? "\n    ]}" : "]}", o->f);
    o->first = 0;
    return rc == SQLITE_DONE ? 0 : -1;
}

static void header(struct out *o, long long a, long long b)
{
    if (o->format == KP_FORMAT_TABLE)
        fprintf(o->f, "考评记录 %lld → %lld 的变化（按总分变化大小排列）\n", a, b);
    else if (o->format == KP_FORMAT_CSV)
        fputs("unit,name,area,item,title,before,after,grade_before,grade_after,"
              "explanation_before,explanation_after,rank_before,rank_after\n", o->f);
    else
        fprintf(o->f, "{\"run_before\": %lld, \"run_after\": %lld, \"units\": [", a, b);
}

static size_t name_width(sqlite3_stmt *u)
{
    size_t w = 6;
    while (sqlite3_step(u) == SQLITE_ROW)
        if (kp_text_width(txt(u, 1)) > w)
            w = kp_text_width(txt(u, 1));
    sqlite3_reset(u);
    return w;
}

int kp_compare_runs(sqlite3 *db, long long a, long long b, int format, FILE *f, kp_err *e)
{
    struct out o = {.db = db, .format = format, .f = f, .first = 1};
    sqlite3_stmt *u = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, units_sql, -1, &u, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, items_sql, -1, &o.items, NULL) != SQLITE_OK) {
        kp_sql_fail(e, db, "comparing runs");
        goto out;
    }
    sqlite3_bind_int64(u, 1, a);
    sqlite3_bind_int64(u, 2, b);
    sqlite3_bind_int64(o.items, 1, a);
    sqlite3_bind_int64(o.items, 2, b);
    o.wname = name_width(u);
    header(&o, a, b);
    int step;
    while ((step = sqlite3_step(u)) == SQLITE_ROW)
        if (one_unit(&o, u)) {
            kp_sql_fail(e, db, "comparing runs");
            goto out;
        }
    if (step != SQLITE_DONE) {
        kp_sql_fail(e, db, "comparing runs");
        goto out;
    }
    if (format == KP_FORMAT_JSON)
        fputs("\n]}\n", f);
    rc = 0;
out:
    sqlite3_finalize(u);
    sqlite3_finalize(o.items);
    return rc;
}

/* Counties and their moved items in one list, ordered as the terminal shows them. */
static const char flat_sql[] =
    "WITH u AS (SELECT a.unit, a.name, a.total ta, b.total tb, a.grade ga, b.grade gb,"
    "  a.rank ra, b.rank rb, abs(b.total - a.total) eff, abs(b.rank - a.rank) reff"
    "  FROM run_units a JOIN run_units b ON b.run_id = ?2 AND b.unit = a.unit WHERE a.run_id = ?1)"
    " SELECT unit, name, '', '', '总分', ta, tb, ga, gb, ra, rb, '', '', eff, reff, 0 k, 0 ie"
    " FROM u UNION ALL"
    " SELECT u.unit, u.name, s.area, s.item, coalesce(i.title, s.item), s.points, t.points,"
    "  '', '', NULL, NULL, s.explanation, t.explanation, u.eff, u.reff, 1,"
    "  abs(coalesce(t.points, 0) - coalesce(s.points, 0))"
    " FROM u JOIN run_scores s ON s.run_id = ?1 AND s.unit = u.unit"
    " JOIN run_scores t ON t.run_id = ?2 AND t.unit = s.unit AND t.area = s.area"
    "  AND t.item = s.item"
    " LEFT JOIN run_items i ON i.run_id = ?2 AND i.area = s.area AND i.item = s.item"
    " WHERE s.points IS NOT t.points"
    " ORDER BY eff DESC, reff DESC, unit, k, ie DESC";

int kp_compare_xlsx(sqlite3 *db, long long a, long long b, const char *path, kp_err *e)
{
    static const char *const names[] = {"单位代码", "单位名称", "工作", "指标", "项目",
                                        "之前", "之后", "之前等次", "之后等次", "之前名次",
                                        "之后名次", "之前说明", "之后说明"};
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, flat_sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "comparing runs");
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    int rc = kp_xlsx_query(db, st, "规则调整影响", names, 13, path, e);
    sqlite3_finalize(st);
    return rc;
}
