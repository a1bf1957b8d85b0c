/*
 * manual.c — the assessors' score of an item no data can decide (评审打分),
 * and the county's own claim (自评), as a run records them.
 *
 * The latest row of manual_scores counts (history is kept, see migration 3).
 * What the report needs beside the points travels the way plugin results
 * do, so that a stored run shows the same later whatever is imported
 * meanwhile: figures 评审得分 and 自评得分, evidence entries keyed 评审
 * (name: the assessor, detail: the reason), 佐证 (the reference to the
 * papers) and 自评 (the county's note).
 */
#include "assess/manual.h"

#include <stdlib.h>
#include <string.h>

static const char latest_sql[] =
    "SELECT points, assessor, reason, evidence FROM manual_scores "
    "WHERE unit = ?1 AND year = ?2 AND area = ?3 AND item = ?4 AND source = ?5 "
    "ORDER BY id DESC LIMIT 1";

static int add_figure(kp_indicator_result *res, const char *name, double v)
{
    kp_figure *p = realloc(res->figures, (res->nfigures + 1) * sizeof *p);
    if (!p)
        return -1;
    res->figures = p;
    char *copy = strdup(name);
    if (!copy)
        return -1;
    res->figures[res->nfigures++] = (kp_figure){copy, v};
    return 0;
}

static int add_evidence(kp_indicator_result *res, const char *key, const char *name,
                        const char *detail)
{
    kp_evidence *p = realloc(res->evidence, (res->nevidence + 1) * sizeof *p);
    if (!p)
        return -1;
    res->evidence = p;
    kp_evidence ev = {strdup(key), strdup(name ? name : ""), strdup(detail ? detail : "")};
    if (!ev.key || !ev.name || !ev.detail) {
        free(ev.key), free(ev.name), free(ev.detail);
        return -1;
    }
    res->evidence[res->nevidence++] = ev;
    return 0;
}

static const char *col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return s ? (const char *)s : "";
}

/* The latest row of one source into `res`; *found says whether there was
 * one.  -1: out of memory, -2: the database failed. */
static int read_latest(sqlite3_stmt *st, const char *source, kp_indicator_result *res, int *found,
                       double *points)
{
    sqlite3_reset(st);
    sqlite3_bind_text(st, 5, source, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? 0 : -2;
    *points = sqlite3_column_double(st, 0);
    int self = !strcmp(source, "self");
    if (add_figure(res, self ? "自评得分" : "评审得分", *points) < 0)
        return -1;
    if (self)
        return *col_text(st, 2) ? add_evidence(res, "自评", "自评说明", col_text(st, 2)) : 0;
    if (add_evidence(res, "评审", col_text(st, 1), col_text(st, 2)) < 0)
        return -1;
    return *col_text(st, 3) ? add_evidence(res, "佐证", "佐证材料", col_text(st, 3)) : 0;
}

int kp_manual_score(sqlite3 *db, const char *unit, int year, const char *area, const char *item,
                    kp_indicator_result *res, int *scored, double *points, kp_err *e)
{
    memset(res, 0, sizeof *res);
    *scored = 0;
    *points = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, latest_sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the assessors' scores");
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_text(st, 3, area, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, item, -1, SQLITE_STATIC);
    int self_found;
    double self_points;
    int rc = read_latest(st, "assessor", res, scored, points);
    if (rc == 0)
        rc = read_latest(st, "self", res, &self_found, &self_points);
    if (rc < 0) {
        rc = rc == -1 ? kp_fail(e, "out of memory")
                      : kp_sql_fail(e, db, "reading the assessors' scores");
        kp_indicator_result_free(res);
    }
    sqlite3_finalize(st);
    if (rc == 0)
        res->status = *scored ? KP_RESULT_VALUE : KP_RESULT_NO_DATA;
    res->value = *points;
    return rc;
}
