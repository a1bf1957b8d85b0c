/*
 * results.c — the ranking and a county's details of a stored run, as a
 * terminal table, CSV or JSON (see results.h).
 */
#include "assess/results.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uniwidth.h>

#include "store/store.h"
#include "util/safetext.h"

#define MAX_AREAS 32
#define SHOW_EVIDENCE 10

int kp_format_parse(const char *s)
{
    if (!strcmp(s, "table")) return KP_FORMAT_TABLE;
    if (!strcmp(s, "csv")) return KP_FORMAT_CSV;
    if (!strcmp(s, "csv-raw")) return KP_FORMAT_CSV_RAW;
    if (!strcmp(s, "json")) return KP_FORMAT_JSON;
    return -1;
}

size_t kp_text_width(const char *s)
{
    int w = u8_strwidth((const uint8_t *)s, "UTF-8");
    return w < 0 ? strlen(s) : (size_t)w;
}

/* Print `s` in a column of `width` display cells. */
static void cell(FILE *f, const char *s, size_t width, int right)
{
    size_t w = kp_text_width(s);
    size_t pad = w < width ? width - w : 0;
    if (right)
        fprintf(f, "%*s%s", (int)pad, "", s);
    else
        fprintf(f, "%s%*s", s, (int)pad, "");
}

static const char *num(double v, char *buf, size_t size)
{
    if (fabs(v - llround(v)) < 0.005)
        snprintf(buf, size, "%lld", (long long)llround(v));
    else
        snprintf(buf, size, "%.2f", v);
    return buf;
}

static int is_csv(int format)
{
    return format == KP_FORMAT_CSV || format == KP_FORMAT_CSV_RAW;
}

/* A field of CSV.  For people (KP_FORMAT_CSV) a value a spreadsheet would
 * take for a formula (=cmd|' /C calc'!A0, +1+1, @SUM, -2+3) starts with a
 * quote, which spreadsheets show as text; KP_FORMAT_CSV_RAW keeps it. */
static void csv_field(FILE *f, const char *s, int format)
{
    if (format == KP_FORMAT_CSV && *s && strchr("=+-@\t\r", *s)) {
        /* A plain negative number is a number, not a formula. */
        char *end;
        strtod(s, &end);
        if (*s != '-' || *end)
            fputc('\'', f);
    }
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void json_str(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void json_num(FILE *f, sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        fputs("null", f);
    else
        fprintf(f, "%.10g", sqlite3_column_double(st, col));
}

static const char *col_text(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return s ? s : "";
}

/* ---- the run ------------------------------------------------------------------------ */

struct run_head {
    int year;
    char title[512], created[64], sha[80], rules_path[1024];
    double possible;
    int units, not_scored, skipped_areas;
    int nareas;
    char area_id[MAX_AREAS][64], area_short[MAX_AREAS][128], area_title[MAX_AREAS][256];
    double area_weight[MAX_AREAS];
    int area_assessed[MAX_AREAS];
};

static int read_head(sqlite3 *db, long long id, struct run_head *h, kp_err *e)
{
    sqlite3_stmt *st;
    memset(h, 0, sizeof *h);
    if (sqlite3_prepare_v2(db, "SELECT year, title, created_at, rules_sha256, rules_path, possible,"
                           " units, not_scored, skipped_areas FROM assessment_runs WHERE id = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the run");
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (rc == SQLITE_DONE)
            return kp_fail(e, "there is no assessment run %lld", id);
        return kp_sql_fail(e, db, "reading the run");
    }
    h->year = sqlite3_column_int(st, 0);
    snprintf(h->title, sizeof h->title, "%s", col_text(st, 1));
    snprintf(h->created, sizeof h->created, "%s", col_text(st, 2));
    snprintf(h->sha, sizeof h->sha, "%s", col_text(st, 3));
    snprintf(h->rules_path, sizeof h->rules_path, "%s", col_text(st, 4));
    h->possible = sqlite3_column_double(st, 5);
    h->units = sqlite3_column_int(st, 6);
    h->not_scored = sqlite3_column_int(st, 7);
    h->skipped_areas = sqlite3_column_int(st, 8);
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db, "SELECT area, short_title, title, weight, status = 'assessed'"
                           " FROM run_areas WHERE run_id = ? ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the run's areas");
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && h->nareas < MAX_AREAS) {
        int i = h->nareas++;
        snprintf(h->area_id[i], sizeof h->area_id[i], "%s", col_text(st, 0));
        snprintf(h->area_short[i], sizeof h->area_short[i], "%s", col_text(st, 1));
        snprintf(h->area_title[i], sizeof h->area_title[i], "%s", col_text(st, 2));
        h->area_weight[i] = sqlite3_column_double(st, 3);
        h->area_assessed[i] = sqlite3_column_int(st, 4);
    }
    sqlite3_finalize(st);
    return 0;
}

int kp_results_latest(sqlite3 *db, long long *run_id, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT max(id) FROM assessment_runs", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "finding the latest run");
    int rc = sqlite3_step(st);
    int none = rc != SQLITE_ROW || sqlite3_column_type(st, 0) == SQLITE_NULL;
    if (!none)
        *run_id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (none)
        return kp_fail(e, "no assessment has been run yet; run 'kaoping assess' first");
    return 0;
}

/* ---- the ranking ---------------------------------------------------------------------- */

static const char ranking_sql[] =
    "SELECT rank, unit, name, total, possible, score, grade, vetoed_by, not_scored, no_data"
    " FROM run_units WHERE run_id = ?1 ORDER BY rank, unit";

/* One county's area subtotals, in area order; has[i] is 0 for a skipped area. */
static int area_points(sqlite3 *db, long long id, const char *unit, double *pts, int *has,
                       int n, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT s.points FROM run_areas a LEFT JOIN run_area_scores s"
                           " ON s.run_id = a.run_id AND s.area = a.area AND s.unit = ?2"
                           " WHERE a.run_id = ?1 ORDER BY a.seq", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading area scores");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, unit, -1, SQLITE_TRANSIENT);
    int i = 0;
    while (sqlite3_step(st) == SQLITE_ROW && i < n) {
        has[i] = sqlite3_column_type(st, 0) != SQLITE_NULL;
        pts[i] = sqlite3_column_double(st, 0);
        i++;
    }
    sqlite3_finalize(st);
    return 0;
}

static int ranking(sqlite3 *db, long long id, int format, FILE *f, kp_err *e)
{
    struct run_head h;
    if (read_head(db, id, &h, e) < 0)
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, ranking_sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the ranking");
    sqlite3_bind_int64(st, 1, id);
    int scaled = fabs(h.possible - 100) > 0.001;

    size_t wname = kp_text_width("县市区"), warea[MAX_AREAS];
    if (format == KP_FORMAT_TABLE) {
        /* First pass for the name column's width. */
        while (sqlite3_step(st) == SQLITE_ROW) {
            size_t w = kp_text_width(col_text(st, 2));
            if (w > wname)
                wname = w;
        }
        sqlite3_reset(st);
        fprintf(f, "%s（考评年度 %d）  运行 %lld，%s\n", h.title, h.year, id, h.created);
        fprintf(f, "规则 %s  sha256 %.12s\n\n", h.rules_path, h.sha);
        cell(f, "名次", 4, 1);
        fputs("  ", f);
        cell(f, "县市区", wname, 0);
        for (int i = 0; i < h.nareas; i++) {
            char head[200];
            snprintf(head, sizeof head, "%s", h.area_short[i]);
            warea[i] = kp_text_width(head) > 6 ? kp_text_width(head) : 6;
            fputs("  ", f);
            cell(f, head, warea[i], 1);
        }
        fputs("    总分", f);
        if (scaled)
            fputs("  折合百分", f);
        fputs("  等次\n", f);
    } else if (is_csv(format)) {
        fputs("rank,unit,name", f);
        for (int i = 0; i < h.nareas; i++)
            fprintf(f, ",%s", h.area_id[i]);
        fputs(",total,possible,score,grade,vetoed_by,not_scored,no_data\n", f);
    } else {
        fprintf(f, "{\"run\": {\"id\": %lld, \"year\": %d, \"title\": ", id, h.year);
        json_str(f, h.title);
        fprintf(f, ", \"created_at\": \"%s\", \"rules_path\": ", h.created);
        json_str(f, h.rules_path);
        fprintf(f, ", \"rules_sha256\": \"%s\", \"possible\": %g, \"not_scored\": %d,"
                   " \"skipped_areas\": %d},\n \"areas\": [", h.sha, h.possible, h.not_scored,
                h.skipped_areas);
        for (int i = 0; i < h.nareas; i++) {
            fprintf(f, "%s{\"id\": \"%s\", \"title\": ", i ? ", " : "", h.area_id[i]);
            json_str(f, h.area_title[i]);
            fprintf(f, ", \"weight\": %g, \"assessed\": %s}", h.area_weight[i],
                    h.area_assessed[i] ? "true" : "false");
        }
        fputs("],\n \"units\": [", f);
    }

    int rc, n = 0, vetoes = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        double pts[MAX_AREAS];
        int has[MAX_AREAS];
        const char *unit = col_text(st, 1);
        if (area_points(db, id, unit, pts, has, h.nareas, e) < 0) {
            sqlite3_finalize(st);
            return -1;
        }
        char b[64];
        const char *vetoed = (const char *)sqlite3_column_text(st, 7);
        vetoes += vetoed != NULL;
        if (format == KP_FORMAT_TABLE) {
            char rank[16];
            snprintf(rank, sizeof rank, "%d", sqlite3_column_int(st, 0));
            cell(f, rank, 4, 1);
            fputs("  ", f);
            cell(f, col_text(st, 2), wname, 0);
            for (int i = 0; i < h.nareas; i++) {
                fputs("  ", f);
                cell(f, has[i] ? num(pts[i], b, sizeof b) : "-", warea[i], 1);
            }
            fprintf(f, "  %6s", num(sqlite3_column_double(st, 3), b, sizeof b));
            if (scaled)
                fprintf(f, "  %8s", num(sqlite3_column_double(st, 5), b, sizeof b));
            fprintf(f, "  %s%s\n", col_text(st, 6), vetoed ? "*" : "");
        } else if (is_csv(format)) {
            fprintf(f, "%d,", sqlite3_column_int(st, 0));
            csv_field(f, unit, format);
            fputc(',', f);
            csv_field(f, col_text(st, 2), format);
            for (int i = 0; i < h.nareas; i++)
                fprintf(f, ",%s", has[i] ? num(pts[i], b, sizeof b) : "");
            fprintf(f, ",%s", num(sqlite3_column_double(st, 3), b, sizeof b));
            fprintf(f, ",%s", num(sqlite3_column_double(st, 4), b, sizeof b));
            fprintf(f, ",%s,", num(sqlite3_column_double(st, 5), b, sizeof b));
            csv_field(f, col_text(st, 6), format);
            fputc(',', f);
            csv_field(f, vetoed ? vetoed : "", format);
            fprintf(f, ",%d,%d\n", sqlite3_column_int(st, 8), sqlite3_column_int(st, 9));
        } else {
            fprintf(f, "%s\n  {\"rank\": %d, \"unit\": ", n ? "," : "", sqlite3_column_int(st, 0));
            json_str(f, unit);
            fputs(", \"name\": ", f);
            json_str(f, col_text(st, 2));
            fputs(", \"areas\": {", f);
            for (int i = 0; i < h.nareas; i++) {
                fprintf(f, "%s\"%s\": ", i ? ", " : "", h.area_id[i]);
                if (has[i])
                    fprintf(f, "%.10g", pts[i]);
                else
                    fputs("null", f);
            }
            fputs("}, \"total\": ", f);
            json_num(f, st, 3);
            fputs(", \"possible\": ", f);
            json_num(f, st, 4);
            fputs(", \"score\": ", f);
            json_num(f, st, 5);
            fputs(", \"grade\": ", f);
            json_str(f, col_text(st, 6));
            fputs(", \"vetoed_by\": ", f);
            json_str(f, vetoed);
            fprintf(f, ", \"not_scored\": %d, \"no_data\": %d}", sqlite3_column_int(st, 8),
                    sqlite3_column_int(st, 9));
        }
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "reading the ranking");
    if (format == KP_FORMAT_JSON) {
        fputs("\n]}\n", f);
    } else if (format == KP_FORMAT_TABLE) {
        fputc('\n', f);
        for (int i = 0; i < h.nareas; i++)
            if (!h.area_assessed[i])
                fprintf(f, "- %s（%s）：插件未加载，未评分\n", h.area_title[i], h.area_id[i]);
        if (scaled)
            fprintf(f, "已评领域满分合计 %s 分，等次和名次按折合百分计。\n",
                    num(h.possible, (char[32]){0}, 32));
        if (vetoes)
            fprintf(f, "* 触发一票否决，等次受限（'kaoping results --unit 代码' 查看原因）。\n");
        if (h.not_scored)
            fprintf(f, "注意：%d 项指标未能评分（插件或规则出错），其得分按0计；"
                       "'kaoping results --unit 代码' 列出原因。\n", h.not_scored);
    }
    return 0;
}

/* ---- one county --------------------------------------------------------------------------- */

static const char unit_sql[] =
    "SELECT a.title, a.weight, s.area, s.item, i.title, i.kind, i.measure, s.status, s.figure,"
    " s.previous, s.target, s.points, s.possible, s.explanation, s.reason, i.evidence_title,"
    " i.rule_text, sc.points, a.status, s.vetoed"
    " FROM run_scores s"
    " JOIN run_items i ON i.run_id = s.run_id AND i.area = s.area AND i.item = s.item"
    " JOIN run_areas a ON a.run_id = s.run_id AND a.area = s.area"
    " LEFT JOIN run_area_scores sc ON sc.run_id = s.run_id AND sc.unit = s.unit AND sc.area = s.area"
    " WHERE s.run_id = ?1 AND s.unit = ?2 ORDER BY a.seq, i.seq";

static const char *status_word(const char *status)
{
    if (!strcmp(status, "no_data")) return "无数据";
    if (!strcmp(status, "not_scored")) return "未评分";
    if (!strcmp(status, "skipped")) return "未评分（插件未加载）";
    return "";
}

static int print_evidence(sqlite3 *db, long long id, const char *unit, const char *area,
                          const char *item, const char *title, int format, FILE *f, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT key, name, detail FROM run_evidence WHERE run_id = ?1 AND"
                           " unit = ?2 AND area = ?3 AND item = ?4 ORDER BY seq", -1, &st,
                           NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading evidence");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, area, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, item, -1, SQLITE_TRANSIENT);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (format == KP_FORMAT_JSON) {
            fprintf(f, "%s{\"key\": ", n ? ", " : "");
            json_str(f, col_text(st, 0));
            fputs(", \"name\": ", f);
            json_str(f, col_text(st, 1));
            fputs(", \"detail\": ", f);
            json_str(f, col_text(st, 2));
            fputc('}', f);
        } else {
            if (n == 0)
                fprintf(f, "        %s：\n", title && *title ? title : "依据");
            if (n < SHOW_EVIDENCE)
                fprintf(f, "          %s %s%s%s\n", col_text(st, 0), col_text(st, 1),
                        *col_text(st, 2) ? "  " : "", col_text(st, 2));
        }
        n++;
    }
    sqlite3_finalize(st);
    if (format == KP_FORMAT_TABLE && n > SHOW_EVIDENCE)
        fprintf(f, "          ……共 %d 个\n", n);
    return 0;
}

static int unit_details(sqlite3 *db, long long id, const char *unit, int format, FILE *f,
                        kp_err *e)
{
    struct run_head h;
    if (read_head(db, id, &h, e) < 0)
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT name, total, possible, score, grade, rank, vetoed_by,"
                           " grade_before_veto FROM run_units WHERE run_id = ?1 AND unit = ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the county");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, unit, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return kp_fail(e, "county '%s' is not in assessment run %lld", unit, id);
    }
    char b[64], b2[64];
    if (format == KP_FORMAT_TABLE) {
        fprintf(f, "%s %s — %s（考评年度 %d，运行 %lld）\n", unit, col_text(st, 0), h.title, h.year,
                id);
        fprintf(f, "总分 %s（满分 %s）", num(sqlite3_column_double(st, 1), b, sizeof b),
                num(sqlite3_column_double(st, 2), b2, sizeof b2));
        if (fabs(h.possible - 100) > 0.001)
            fprintf(f, "，折合百分 %s", num(sqlite3_column_double(st, 3), b, sizeof b));
        fprintf(f, "，等次 %s，第 %d 名\n", col_text(st, 4), sqlite3_column_int(st, 5));
        if (sqlite3_column_type(st, 6) != SQLITE_NULL)
            fprintf(f, "一票否决：%s（按得分本为%s）\n", col_text(st, 6), col_text(st, 7));
    } else if (is_csv(format)) {
        fputs("area,item,kind,title,status,figure,previous,target,points,possible,explanation,"
              "reason\n", f);
    } else {
        fprintf(f, "{\"run\": %lld, \"unit\": ", id);
        json_str(f, unit);
        fputs(", \"name\": ", f);
        json_str(f, col_text(st, 0));
        fputs(", \"total\": ", f);
        json_num(f, st, 1);
        fputs(", \"possible\": ", f);
        json_num(f, st, 2);
        fputs(", \"score\": ", f);
        json_num(f, st, 3);
        fputs(", \"grade\": ", f);
        json_str(f, col_text(st, 4));
        fprintf(f, ", \"rank\": %d, \"vetoed_by\": ", sqlite3_column_int(st, 5));
        json_str(f, (const char *)sqlite3_column_text(st, 6));
        fputs(",\n \"items\": [", f);
    }
    sqlite3_finalize(st);

    if (sqlite3_prepare_v2(db, unit_sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the county's scores");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, unit, -1, SQLITE_TRANSIENT);
    char last_area[64] = "";
    int rc, n = 0, area_no = 0;
    static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八",
                                           "九", "十"};
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *area = col_text(st, 2), *item = col_text(st, 3);
        const char *status = col_text(st, 7);
        if (format == KP_FORMAT_TABLE) {
            if (strcmp(area, last_area)) {
                snprintf(last_area, sizeof last_area, "%s", area);
                const char *no = area_no < 10 ? numerals[area_no] : "";
                area_no++;
                if (!strcmp(col_text(st, 18), "skipped"))
                    fprintf(f, "\n%s、%s（%s分）：插件未加载，未评分\n", no, col_text(st, 0),
                            num(sqlite3_column_double(st, 1), b, sizeof b));
                else
                    fprintf(f, "\n%s、%s（%s分）：得 %s 分\n", no, col_text(st, 0),
                            num(sqlite3_column_double(st, 1), b, sizeof b),
                            num(sqlite3_column_double(st, 17), b2, sizeof b2));
            }
            const char *kind = col_text(st, 5);
            const char *tag = !strcmp(kind, "bonus") ? "［加分］" : !strcmp(kind, "deduction") ?
                              "［扣分］" : !strcmp(kind, "veto") ? "［一票否决］" : "";
            fprintf(f, "  %s%s", tag, col_text(st, 4));
            if (*status_word(status))
                fprintf(f, "  %s", status_word(status));
            else if (sqlite3_column_type(st, 11) != SQLITE_NULL)
                fprintf(f, "  %s/%s分", num(sqlite3_column_double(st, 11), b, sizeof b),
                        num(sqlite3_column_double(st, 12), b2, sizeof b2));
            fprintf(f, "\n      %s\n", col_text(st, 13));
            if (strcmp(status, "skipped") && strcmp(status, "not_scored"))
                fprintf(f, "      计分方法：%s\n", col_text(st, 16));
            if (print_evidence(db, id, unit, area, item, col_text(st, 15), format, f, e) < 0) {
                sqlite3_finalize(st);
                return -1;
            }
        } else if (is_csv(format)) {
            csv_field(f, area, format);
            fputc(',', f);
            csv_field(f, item, format);
            fprintf(f, ",%s,", col_text(st, 5));
            csv_field(f, col_text(st, 4), format);
            fprintf(f, ",%s", status);
            for (int c = 8; c <= 12; c++)
                fprintf(f, ",%s", sqlite3_column_type(st, c) == SQLITE_NULL ? "" :
                        num(sqlite3_column_double(st, c), b, sizeof b));
            fputc(',', f);
            csv_field(f, col_text(st, 13), format);
            fputc(',', f);
            csv_field(f, col_text(st, 14), format);
            fputc('\n', f);
        } else {
            fprintf(f, "%s\n  {\"area\": \"%s\", \"item\": \"%s\", \"kind\": \"%s\", \"title\": ",
                    n ? "," : "", area, item, col_text(st, 5));
            json_str(f, col_text(st, 4));
            fprintf(f, ", \"status\": \"%s\", \"measure\": ", status);
            json_str(f, (const char *)sqlite3_column_text(st, 6));
            static const char *const names[] = {"figure", "previous", "target", "points", "possible"};
            for (int c = 8; c <= 12; c++) {
                fprintf(f, ", \"%s\": ", names[c - 8]);
                json_num(f, st, c);
            }
            if (sqlite3_column_type(st, 19) != SQLITE_NULL)
                fprintf(f, ", \"vetoed\": %s", sqlite3_column_int(st, 19) ? "true" : "false");
            fputs(", \"explanation\": ", f);
            json_str(f, col_text(st, 13));
            fputs(", \"reason\": ", f);
            json_str(f, (const char *)sqlite3_column_text(st, 14));
            fputs(", \"rule\": ", f);
            json_str(f, col_text(st, 16));
            fputs(", \"evidence\": [", f);
            if (print_evidence(db, id, unit, area, item, NULL, format, f, e) < 0) {
                sqlite3_finalize(st);
                return -1;
            }
            fputs("]}", f);
        }
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "reading the county's scores");
    if (format == KP_FORMAT_JSON)
        fputs("\n]}\n", f);
    return 0;
}

/* ---- the terminal ------------------------------------------------------------------- */

/* A table is for a terminal, which obeys the escape sequences a county's
 * name or a rule's explanation may hold: it is made whole first, then shown
 * with control characters escaped visibly ("\x1b"). */
static int shown(FILE *f, int format, kp_err *e,
                 int (*print)(sqlite3 *, long long, const char *, int, FILE *, kp_err *),
                 sqlite3 *db, long long id, const char *unit)
{
    if (format != KP_FORMAT_TABLE)
        return print(db, id, unit, format, f, e);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return kp_fail_errno(e, "showing the results");
    int rc = print(db, id, unit, format, mem, e);
    if (fclose(mem) != 0 && rc == 0)
        rc = kp_fail_errno(e, "showing the results");
    kp_buf clean;
    kp_buf_init(&clean, 0);
    if (rc == 0 && kp_safetext_append(&clean, text, 0, KP_TEXT_ESCAPES))
        rc = kp_fail(e, "out of memory showing the results");
    if (rc == 0 && clean.len && fwrite(clean.data, 1, clean.len, f) != clean.len)
        rc = kp_fail_errno(e, "showing the results");
    kp_buf_free(&clean);
    free(text);
    return rc;
}

static int ranking_of(sqlite3 *db, long long id, const char *unit, int format, FILE *f, kp_err *e)
{
    (void)unit;
    return ranking(db, id, format, f, e);
}

int kp_results_ranking(sqlite3 *db, long long id, int format, FILE *f, kp_err *e)
{
    return shown(f, format, e, ranking_of, db, id, NULL);
}

int kp_results_unit(sqlite3 *db, long long id, const char *unit, int format, FILE *f, kp_err *e)
{
    return shown(f, format, e, unit_details, db, id, unit);
}
