/*
 * eval.c — evaluating indicators: the host side of struct kp_host.
 *
 * A plugin's compute callback sees the store only through the function table
 * built here, on a read-only connection guarded by an authorizer.  Prepared
 * statements are cached per SQL text, since every county runs the same few
 * queries.  What a plugin hands back is checked before it is believed: a value
 * that is not a finite, non-negative number, or no value at all, marks the
 * indicator failed with the plugin's and indicator's names.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin/registry.h"

#define KP_STMT_CACHE 128
#define KP_MAX_EVIDENCE 100000
#define KP_MAX_FIGURES 64

struct cached {
    char *sql;
    sqlite3_stmt *st;
};

struct kp_evaluator {
    sqlite3 *db;
    struct cached cache[KP_STMT_CACHE];
    size_t ncache;
    sqlite3_stmt *unit_name;
};

struct kp_eval {
    kp_evaluator *ev;
    const struct kp_plugin *plugin;
    const struct kp_indicator *ind;
    const char *county;
    int year;
    int has_value, no_data, failed, oom;
    kp_indicator_result *res;
    size_t cap_figures, cap_evidence;
};

struct kp_row {
    sqlite3_stmt *st;
};

static int set_failed(struct kp_eval *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int set_failed(struct kp_eval *e, const char *fmt, ...)
{
    if (e->failed)
        return -1; /* keep the first reason: it is the cause */
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    e->failed = 1;
    free(e->res->message);
    e->res->message = strdup(msg);
    return -1;
}

static const char *host_county(struct kp_eval *e)
{
    return e->county;
}

static int host_year(struct kp_eval *e)
{
    return e->year;
}

static sqlite3_stmt *prepare(struct kp_eval *e, const char *sql)
{
    kp_evaluator *ev = e->ev;
    for (size_t i = 0; i < ev->ncache; i++)
        if (!strcmp(ev->cache[i].sql, sql))
            return ev->cache[i].st;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ev->db, sql, -1, &st, NULL) != SQLITE_OK) {
        set_failed(e, "query refused: %s", sqlite3_errmsg(ev->db));
        return NULL;
    }
    if (!sqlite3_stmt_readonly(st)) {
        sqlite3_finalize(st);
        set_failed(e, "query refused: only SELECT is allowed");
        return NULL;
    }
    if (ev->ncache == KP_STMT_CACHE) { /* full: drop the oldest */
        sqlite3_finalize(ev->cache[0].st);
        free(ev->cache[0].sql);
        memmove(ev->cache, ev->cache + 1, (KP_STMT_CACHE - 1) * sizeof ev->cache[0]);
        ev->ncache--;
    }
    char *copy = strdup(sql);
    if (!copy) {
        sqlite3_finalize(st);
        set_failed(e, "out of memory");
        return NULL;
    }
    ev->cache[ev->ncache++] = (struct cached){copy, st};
    return st;
}

static int bind_context(struct kp_eval *e, sqlite3_stmt *st)
{
    char date[16];
    for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
        const char *name = sqlite3_bind_parameter_name(st, i);
        int rc;
        if (!name)
            return set_failed(e, "query has an unnamed parameter; use :county, :year, "
                                 ":prev_year, :year_start or :year_end");
        if (!strcmp(name, ":county"))
            rc = sqlite3_bind_text(st, i, e->county, -1, SQLITE_STATIC);
        else if (!strcmp(name, ":year"))
            rc = sqlite3_bind_int(st, i, e->year);
        else if (!strcmp(name, ":prev_year"))
            rc = sqlite3_bind_int(st, i, e->year - 1);
        else if (!strcmp(name, ":year_start") || !strcmp(name, ":year_end")) {
            snprintf(date, sizeof date, "%04d-%s", e->year,
                     name[6] == 's' ? "01-01" : "12-31");
            rc = sqlite3_bind_text(st, i, date, -1, SQLITE_TRANSIENT);
        } else
            return set_failed(e, "query uses unknown parameter %s", name);
        if (rc != SQLITE_OK)
            return set_failed(e, "binding %s: %s", name, sqlite3_errstr(rc));
    }
    return 0;
}

static int host_query(struct kp_eval *e, const char *sql, int (*row)(void *, struct kp_row *),
                      void *ud)
{
    sqlite3_stmt *st = prepare(e, sql);
    if (!st || bind_context(e, st))
        return -1;
    struct kp_row r = {st};
    int rc, stopped = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (row && row(ud, &r)) {
            stopped = 1;
            break;
        }
    }
    if (!stopped && rc != SQLITE_DONE)
        set_failed(e, "query failed: %s", sqlite3_errmsg(e->ev->db));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return e->failed ? -1 : 0;
}

static int host_query_number(struct kp_eval *e, const char *sql, double *out, int *is_null)
{
    sqlite3_stmt *st = prepare(e, sql);
    if (!st || bind_context(e, st))
        return -1;
    int rc = sqlite3_step(st);
    int null = rc != SQLITE_ROW || sqlite3_column_type(st, 0) == SQLITE_NULL;
    *out = null ? 0 : sqlite3_column_double(st, 0);
    if (is_null)
        *is_null = null;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        set_failed(e, "query failed: %s", sqlite3_errmsg(e->ev->db));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return e->failed ? -1 : 0;
}

static int row_columns(struct kp_row *r)
{
    return sqlite3_column_count(r->st);
}

static int row_ok(struct kp_row *r, int col)
{
    return col >= 0 && col < sqlite3_column_count(r->st);
}

static int row_is_null(struct kp_row *r, int col)
{
    return !row_ok(r, col) || sqlite3_column_type(r->st, col) == SQLITE_NULL;
}

static int64_t row_int(struct kp_row *r, int col)
{
    return row_ok(r, col) ? sqlite3_column_int64(r->st, col) : 0;
}

static double row_real(struct kp_row *r, int col)
{
    return row_ok(r, col) ? sqlite3_column_double(r->st, col) : 0.0;
}

static const char *row_text(struct kp_row *r, int col)
{
    const unsigned char *s = row_ok(r, col) ? sqlite3_column_text(r->st, col) : NULL;
    return s ? (const char *)s : "";
}

static void set_value(struct kp_eval *e, double v)
{
    if (!isfinite(v)) {
        set_failed(e, "returned a value that is not a number");
        return;
    }
    if (v < 0) {
        set_failed(e, "returned a negative value (%g)", v);
        return;
    }
    e->has_value = 1;
    e->res->value = v;
}

static void set_no_data(struct kp_eval *e, const char *why)
{
    e->no_data = 1;
    free(e->res->message);
    e->res->message = strdup(why && *why ? why : "无数据");
}

static void add_figure(struct kp_eval *e, const char *name, double v)
{
    kp_indicator_result *res = e->res;
    if (!name || !*name || !isfinite(v)) {
        set_failed(e, "added a figure without a name or with a value that is not a number");
        return;
    }
    if (res->nfigures == KP_MAX_FIGURES)
        return;
    if (res->nfigures == e->cap_figures) {
        size_t cap = e->cap_figures ? e->cap_figures * 2 : 4;
        kp_figure *p = realloc(res->figures, cap * sizeof *p);
        if (!p) {
            e->oom = 1;
            return;
        }
        res->figures = p;
        e->cap_figures = cap;
    }
    char *copy = strdup(name);
    if (!copy) {
        e->oom = 1;
        return;
    }
    res->figures[res->nfigures++] = (kp_figure){copy, v};
}

static const char *unit_name(kp_evaluator *ev, const char *key)
{
    sqlite3_reset(ev->unit_name);
    sqlite3_bind_text(ev->unit_name, 1, key, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(ev->unit_name) == SQLITE_ROW)
        return (const char *)sqlite3_column_text(ev->unit_name, 0);
    return "";
}

static void add_evidence(struct kp_eval *e, const char *key, const char *detail)
{
    kp_indicator_result *res = e->res;
    if (!key || !*key) {
        set_failed(e, "added evidence without a key");
        return;
    }
    if (res->nevidence == KP_MAX_EVIDENCE)
        return;
    if (res->nevidence == e->cap_evidence) {
        size_t cap = e->cap_evidence ? e->cap_evidence * 2 : 16;
        kp_evidence *p = realloc(res->evidence, cap * sizeof *p);
        if (!p) {
            e->oom = 1;
            return;
        }
        res->evidence = p;
        e->cap_evidence = cap;
    }
    kp_evidence item = {strdup(key), strdup(unit_name(e->ev, key)), strdup(detail ? detail : "")};
    if (!item.key || !item.name || !item.detail) {
        free(item.key), free(item.name), free(item.detail);
        e->oom = 1;
        return;
    }
    res->evidence[res->nevidence++] = item;
}

static int host_fail(struct kp_eval *e, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return set_failed(e, "%s", msg);
}

static const struct kp_host host = {
    .abi_major = KP_ABI_MAJOR,
    .abi_minor = KP_ABI_MINOR,
    .size = sizeof(struct kp_host),
    .county = host_county,
    .year = host_year,
    .query = host_query,
    .query_number = host_query_number,
    .row_columns = row_columns,
    .row_is_null = row_is_null,
    .row_int = row_int,
    .row_real = row_real,
    .row_text = row_text,
    .set_value = set_value,
    .set_no_data = set_no_data,
    .add_figure = add_figure,
    .add_evidence = add_evidence,
    .fail = host_fail,
};

int kp_evaluator_open(kp_evaluator **out, const kp_registry *r, const char *db_path, kp_err *e)
{
    (void)r;
    *out = NULL;
    kp_evaluator *ev = calloc(1, sizeof *ev);
    if (!ev)
        return kp_fail(e, "out of memory");
    if (kp_store_open_reader(&ev->db, db_path, e)) {
        free(ev);
        return -1;
    }
    /* Every county of an assessment is computed from the same data, even
     * when an import commits while it runs. */
    if (kp_store_reader_snapshot(ev->db, db_path, e)) {
        kp_evaluator_close(ev);
        return -1;
    }
    if (sqlite3_prepare_v2(ev->db, "SELECT name FROM units WHERE code = ?1", -1, &ev->unit_name,
                           NULL) != SQLITE_OK) {
        kp_sql_fail(e, ev->db, db_path);
        kp_evaluator_close(ev);
        return -1;
    }
    *out = ev;
    return 0;
}

void kp_evaluator_close(kp_evaluator *ev)
{
    if (!ev)
        return;
    for (size_t i = 0; i < ev->ncache; i++) {
        sqlite3_finalize(ev->cache[i].st);
        free(ev->cache[i].sql);
    }
    sqlite3_finalize(ev->unit_name);
    sqlite3_close_v2(ev->db);
    free(ev);
}

void kp_indicator_result_free(kp_indicator_result *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->nfigures; i++)
        free(res->figures[i].name);
    for (size_t i = 0; i < res->nevidence; i++) {
        free(res->evidence[i].key);
        free(res->evidence[i].name);
        free(res->evidence[i].detail);
    }
    free(res->figures);
    free(res->evidence);
    free(res->message);
    memset(res, 0, sizeof *res);
}

int kp_evaluate(kp_evaluator *ev, const struct kp_plugin *p, const struct kp_indicator *ind,
                const char *county, int year, kp_indicator_result *out, kp_err *err)
{
    memset(out, 0, sizeof *out);
    struct kp_eval e = {.ev = ev, .plugin = p, .ind = ind, .county = county, .year = year,
                        .res = out};
    int rc = ind->compute(&host, &e);
    if (e.oom) {
        kp_indicator_result_free(out);
        return kp_fail(err, "%s.%s: out of memory", p->id, ind->id);
    }
    if (rc != 0 && !e.failed)
        set_failed(&e, "failed without saying why");
    if (!e.failed && !e.has_value && !e.no_data)
        set_failed(&e, "set no value");
    if (e.failed) {
        /* Name the culprit so the user knows whom to ask. */
        char msg[1280];
        snprintf(msg, sizeof msg, "plugin %s, indicator %s: %s", p->id, ind->id,
                 out->message ? out->message : "failed");
        free(out->message);
        out->message = strdup(msg);
        out->status = KP_RESULT_FAILED;
        out->value = 0;
    } else if (e.no_data) {
        out->status = KP_RESULT_NO_DATA;
        out->value = 0;
    } else {
        out->status = KP_RESULT_VALUE;
        free(out->message);
        out->message = NULL;
    }
    return 0;
}
