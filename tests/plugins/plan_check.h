/*
 * plan_check.h — every query a plugin runs reaches its rows through an index.
 *
 * Assessing a city runs each indicator once per county.  A query that scans a
 * whole table costs O(all rows) per county, so O(counties × rows) for the
 * city; one that starts from the county's units (index units_county) and
 * follows keys costs only the county's rows.  This test host runs every
 * indicator of the plugin for every county and year of the dataset, asks
 * SQLite for the plan of each query first, and fails on any full scan.
 *
 * Include after harness.h.
 */
#ifndef KP_TESTS_PLUGINS_PLAN_CHECK_H
#define KP_TESTS_PLUGINS_PLAN_CHECK_H

#include <stdarg.h>

#include "harness.h"

struct kp_eval {
    sqlite3 *db;
    const char *indicator;
    const char *county;
    int year;
    int failed, answered;
};

struct kp_row {
    sqlite3_stmt *st;
};

static inline int plan_bind(struct kp_eval *e, sqlite3_stmt *st)
{
    char date[16];
    for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
        const char *name = sqlite3_bind_parameter_name(st, i);
        int rc = SQLITE_ERROR;
        if (!name)
            rc = SQLITE_ERROR;
        else if (!strcmp(name, ":county"))
            rc = sqlite3_bind_text(st, i, e->county, -1, SQLITE_STATIC);
        else if (!strcmp(name, ":year"))
            rc = sqlite3_bind_int(st, i, e->year);
        else if (!strcmp(name, ":prev_year"))
            rc = sqlite3_bind_int(st, i, e->year - 1);
        else if (!strcmp(name, ":year_start") || !strcmp(name, ":year_end")) {
            snprintf(date, sizeof date, "%04d-%s", e->year, name[6] == 's' ? "01-01" : "12-31");
            rc = sqlite3_bind_text(st, i, date, -1, SQLITE_TRANSIENT);
        }
        if (rc != SQLITE_OK) {
            fprintf(stderr, "%s: cannot bind %s\n", e->indicator, name ? name : "?");
            return -1;
        }
    }
    return 0;
}

/* Fail the check for every step of the plan of `sql` that scans a table. */
static inline int plan_inspect(struct kp_eval *e, const char *sql)
{
    char explain[8192];
    snprintf(explain, sizeof explain, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(e->db, explain, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", e->indicator, sqlite3_errmsg(e->db));
        return -1;
    }
    int rc = plan_bind(e, st);
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        const char *step = (const char *)sqlite3_column_text(st, 3);
        int scans = step && !strncmp(step, "SCAN ", 5) && strcmp(step, "SCAN CONSTANT ROW");
        check_count++;
        if (scans) {
            check_failures++;
            fprintf(stderr, "%s.%s scans a whole table (%s) in:\n  %s\n", h_plugin->id,
                    e->indicator, step, sql);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Prepare `sql` after inspecting its plan; NULL on failure. */
static inline sqlite3_stmt *plan_prepare(struct kp_eval *e, const char *sql)
{
    sqlite3_stmt *st;
    if (plan_inspect(e, sql))
        return NULL;
    if (sqlite3_prepare_v2(e->db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", e->indicator, sqlite3_errmsg(e->db));
        return NULL;
    }
    if (plan_bind(e, st)) {
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

static inline const char *plan_county(struct kp_eval *e)
{
    return e->county;
}

static inline int plan_year(struct kp_eval *e)
{
    return e->year;
}

static inline int plan_query(struct kp_eval *e, const char *sql,
                             int (*row)(void *ud, struct kp_row *r), void *ud)
{
    sqlite3_stmt *st = plan_prepare(e, sql);
    if (!st)
        return e->failed = -1;
    struct kp_row r = {st};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (row && row(ud, &r)) {
            rc = SQLITE_DONE;
            break;
        }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : (e->failed = -1);
}

static inline int plan_query_number(struct kp_eval *e, const char *sql, double *out,
                                    int *is_null)
{
    sqlite3_stmt *st = plan_prepare(e, sql);
    if (!st)
        return e->failed = -1;
    int rc = sqlite3_step(st);
    int null = rc != SQLITE_ROW || sqlite3_column_type(st, 0) == SQLITE_NULL;
    *out = null ? 0 : sqlite3_column_double(st, 0);
    if (is_null)
        *is_null = null;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : (e->failed = -1);
}

static inline int plan_row_columns(struct kp_row *r)
{
    return sqlite3_column_count(r->st);
}

static inline int plan_row_is_null(struct kp_row *r, int col)
{
    return sqlite3_column_type(r->st, col) == SQLITE_NULL;
}

static inline int64_t plan_row_int(struct kp_row *r, int col)
{
    return sqlite3_column_int64(r->st, col);
}

static inline double plan_row_real(struct kp_row *r, int col)
{
    return sqlite3_column_double(r->st, col);
}

static inline const char *plan_row_text(struct kp_row *r, int col)
{
    const unsigned char *s = sqlite3_column_text(r->st, col);
    return s ? (const char *)s : "";
}

static inline void plan_set_value(struct kp_eval *e, double v)
{
    (void)v;
    e->answered = 1;
}

static inline void plan_set_no_data(struct kp_eval *e, const char *why)
{
    (void)why;
    e->answered = 1;
}

static inline void plan_add_figure(struct kp_eval *e, const char *name, double v)
{
    (void)e, (void)name, (void)v;
}

static inline void plan_add_evidence(struct kp_eval *e, const char *key, const char *detail)
{
    (void)e, (void)key, (void)detail;
}

static inline int plan_fail(struct kp_eval *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", e->indicator);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return e->failed = -1;
}

/* Run every indicator for every county of the dataset in `years`. */
static inline void check_query_plans(const int *years, size_t nyears)
{
    static const struct kp_host host = {
        .abi_major = KP_ABI_MAJOR,
        .abi_minor = KP_ABI_MINOR,
        .size = sizeof(struct kp_host),
        .county = plan_county,
        .year = plan_year,
        .query = plan_query,
        .query_number = plan_query_number,
        .row_columns = plan_row_columns,
        .row_is_null = plan_row_is_null,
        .row_int = plan_row_int,
        .row_real = plan_row_real,
        .row_text = plan_row_text,
        .set_value = plan_set_value,
        .set_no_data = plan_set_no_data,
        .add_figure = plan_add_figure,
        .add_evidence = plan_add_evidence,
        .fail = plan_fail,
    };
    static const char *const counties[] = {JIANGBEI, NANSHAN, XINQU};
    sqlite3 *db;
    kp_err err;
    if (kp_store_open_reader(&db, scratch_path("data.db"), &err)) {
        fprintf(stderr, "%s\n", err.msg);
        CHECK(!"the dataset opens read-only");
        return;
    }
    for (size_t i = 0; i < h_plugin->nindicators; i++)
        for (size_t c = 0; c < sizeof counties / sizeof counties[0]; c++)
            for (size_t y = 0; y < nyears; y++) {
                const struct kp_indicator *ind = &h_plugin->indicators[i];
                struct kp_eval e = {.db = db, .indicator = ind->id, .county = counties[c],
                                    .year = years[y]};
                CHECK_INT_EQ(ind->compute(&host, &e), 0);
                CHECK_INT_EQ(e.failed, 0);
                CHECK(e.answered);
            }
    sqlite3_close_v2(db);
}

#endif
