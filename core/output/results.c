/*
 * results.c — the ranking and a county's details of a stored run (see
 * results.h): reading the run and walking its rows.  How each row looks is
 * the writer's business: results_table.c, results_csv.c, results_json.c,
 * chosen by name from `formats` below.
 */
#include "output/results_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <uniwidth.h>

#include "store/store.h"
#include "util/safetext.h"

static const struct results_writer *const formats[] = {
    [KP_FORMAT_TABLE] = &kp_results_table_writer,
    [KP_FORMAT_CSV] = &kp_results_csv_writer,
    [KP_FORMAT_JSON] = &kp_results_json_writer,
    [KP_FORMAT_CSV_RAW] = &kp_results_csv_raw_writer,
};
#define NFORMATS (sizeof formats / sizeof formats[0])

int kp_format_parse(const char *s)
{
    for (size_t i = 0; i < NFORMATS; i++)
        if (!strcmp(s, formats[i]->name))
            return (int)i;
    return -1;
}

static const struct results_writer *writer(int format, kp_err *e)
{
    if (format < 0 || (size_t)format >= NFORMATS) {
        kp_fail(e, "unknown output format %d", format);
        return NULL;
    }
    return formats[format];
}

size_t kp_text_width(const char *s)
{
    int w = u8_strwidth((const uint8_t *)s, "UTF-8");
    return w < 0 ? strlen(s) : (size_t)w;
}

const char *kp_results_num(double v, char *buf, size_t size)
{
    if (fabs(v - llround(v)) < 0.005)
        snprintf(buf, size, "%lld", (long long)llround(v));
    else
        snprintf(buf, size, "%.2f", v);
    return buf;
}

const char *kp_results_col(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return s ? s : "";
}

/* ---- the run ------------------------------------------------------------------------ */

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
    snprintf(h->title, sizeof h->title, "%s", kp_results_col(st, 1));
    snprintf(h->created, sizeof h->created, "%s", kp_results_col(st, 2));
    snprintf(h->sha, sizeof h->sha, "%s", kp_results_col(st, 3));
    snprintf(h->rules_path, sizeof h->rules_path, "%s", kp_results_col(st, 4));
    h->possible = sqlite3_column_double(st, 5);
    h->units = sqlite3_column_int(st, 6);
    h->not_scored = sqlite3_column_int(st, 7);
    h->skipped_areas = sqlite3_column_int(st, 8);
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM run_scores s JOIN run_items i"
                           " ON i.run_id = s.run_id AND i.area = s.area AND i.item = s.item"
                           " WHERE s.run_id = ?1 AND s.status = 'not_scored'"
                           " AND i.rule_kind = 'manual'", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the run");
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        h->unrated = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db, "SELECT area, short_title, title, weight, status = 'assessed'"
                           " FROM run_areas WHERE run_id = ? ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the run's areas");
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && h->nareas < MAX_AREAS) {
        int i = h->nareas++;
        snprintf(h->area_id[i], sizeof h->area_id[i], "%s", kp_results_col(st, 0));
        snprintf(h->area_short[i], sizeof h->area_short[i], "%s", kp_results_col(st, 1));
        snprintf(h->area_title[i], sizeof h->area_title[i], "%s", kp_results_col(st, 2));
        h->area_weight[i] = sqlite3_column_double(st, 3);
        h->area_assessed[i] = sqlite3_column_int(st, 4);
    }
    sqlite3_finalize(st);
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
    const struct results_writer *w = writer(format, e);
    struct run_head h;
    if (!w || read_head(db, id, &h, e) < 0)
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, ranking_sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the ranking");
    sqlite3_bind_int64(st, 1, id);
    struct ranking_out r = {.f = f, .id = id, .h = &h, .st = st,
                            .scaled = fabs(h.possible - 100) > 0.001};
    w->ranking_head(&r);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        double pts[MAX_AREAS];
        int has[MAX_AREAS];
        if (area_points(db, id, kp_results_col(st, 1), pts, has, h.nareas, e) < 0) {
            sqlite3_finalize(st);
            return -1;
        }
        r.pts = pts;
        r.has = has;
        r.vetoes += sqlite3_column_type(st, 7) != SQLITE_NULL;
        w->ranking_row(&r);
        r.n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "reading the ranking");
    w->ranking_tail(&r);
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

int kp_results_evidence(struct unit_out *u, const char *area, const char *item,
                        sqlite3_stmt **st)
{
    if (sqlite3_prepare_v2(u->db, "SELECT key, name, detail FROM run_evidence WHERE run_id = ?1"
                           " AND unit = ?2 AND area = ?3 AND item = ?4 ORDER BY seq", -1, st,
                           NULL) != SQLITE_OK)
        return kp_sql_fail(u->e, u->db, "reading evidence");
    sqlite3_bind_int64(*st, 1, u->id);
    sqlite3_bind_text(*st, 2, u->unit, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*st, 3, area, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*st, 4, item, -1, SQLITE_TRANSIENT);
    return 0;
}

static int unit_head(struct unit_out *u, const struct results_writer *w)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(u->db, "SELECT name, total, possible, score, grade, rank, vetoed_by,"
                           " grade_before_veto FROM run_units WHERE run_id = ?1 AND unit = ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(u->e, u->db, "reading the county");
    sqlite3_bind_int64(st, 1, u->id);
    sqlite3_bind_text(st, 2, u->unit, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return kp_fail(u->e, "county '%s' is not in assessment run %lld", u->unit, u->id);
    }
    u->st = st;
    w->unit_head(u);
    sqlite3_finalize(st);
    return 0;
}

static int unit_details(sqlite3 *db, long long id, const char *unit, int format, FILE *f,
                        kp_err *e)
{
    const struct results_writer *w = writer(format, e);
    struct run_head h;
    if (!w || read_head(db, id, &h, e) < 0)
        return -1;
    struct unit_out u = {.f = f, .db = db, .id = id, .unit = unit, .h = &h, .e = e};
    if (unit_head(&u, w) < 0)
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, unit_sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the county's scores");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, unit, -1, SQLITE_TRANSIENT);
    u.st = st;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (w->unit_item(&u) < 0) {
            sqlite3_finalize(st);
            return -1;
        }
        u.n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "reading the county's scores");
    w->unit_tail(&u);
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
