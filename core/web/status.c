/* status.c — submission status per county, table and year (see status.h). */
#include "web/status.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define MAX_TABLES 256

const struct kp_column *kp_status_unit_column(const struct kp_table *t)
{
    for (size_t i = 0; i < t->ncolumns; i++)
        if (t->columns[i].type == KP_UNIT)
            return &t->columns[i];
    return NULL;
}

size_t kp_status_tables(const kp_registry *reg, const struct kp_table **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < kp_registry_count(reg); i++) {
        const struct kp_plugin *p = kp_registry_plugin(reg, i);
        for (size_t t = 0; t < p->ntables && n < max; t++)
            if (kp_status_unit_column(&p->tables[t]))
                out[n++] = &p->tables[t];
    }
    return n;
}

/* The SQL condition that puts a row of `t` in year ?1. */
const char *kp_status_year_condition(const struct kp_table *t, char *buf, size_t n)
{
    const struct kp_column *date = NULL;
    for (size_t i = 0; i < t->ncolumns; i++) {
        const struct kp_column *c = &t->columns[i];
        if (c->type == KP_YEAR && (c->flags & KP_COL_KEY)) {
            snprintf(buf, n, "x.\"%s\" = ?1", c->id);
            return buf;
        }
        if (c->type == KP_DATE && (c->flags & KP_COL_KEY) && !date)
            date = c;
    }
    if (!date)
        return "1";
    snprintf(buf, n, "substr(x.\"%s\", 1, 4) = printf('%%04d', ?1)", date->id);
    return buf;
}

/* Rows per county of one table in `year`, into counts[county code] of `by_county`. */
static int count_rows(sqlite3 *db, const struct kp_table *t, int year, json_t *by_county,
                      kp_err *e)
{
    char cond[256], sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT u.county, count(*) FROM \"%s\" x JOIN units u ON u.code = x.\"%s\""
             " WHERE %s AND u.county IS NOT NULL GROUP BY u.county",
             t->id, kp_status_unit_column(t)->id, kp_status_year_condition(t, cond, sizeof cond));
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, t->id);
    sqlite3_bind_int(st, 1, year);
    json_t *counts = json_object();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_object_set_new(counts, (const char *)sqlite3_column_text(st, 0),
                            json_integer(sqlite3_column_int64(st, 1)));
    sqlite3_finalize(st);
    json_object_set_new(by_county, t->id, counts);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, t->id);
}

/* The last submission of each (county, table): {county: {table: {at, by, on_behalf}}}. */
static int last_submissions(sqlite3 *db, json_t **out, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT s.unit, f.tbl, max(s.import_id), strftime('%Y-%m-%d %H:%M', s.at, 'localtime'),"
                           " u.name, s.on_behalf"
                           " FROM kp_submission_files f JOIN kp_submissions s USING (import_id)"
                           " JOIN kp_users u ON u.id = s.user_id GROUP BY s.unit, f.tbl",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "submissions");
    json_t *all = json_object();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *unit = (const char *)sqlite3_column_text(st, 0);
        json_t *per = json_object_get(all, unit);
        if (!per)
            json_object_set_new(all, unit, per = json_object());
        json_object_set_new(per, (const char *)sqlite3_column_text(st, 1),
                            json_pack("{s:s, s:s, s:b}", "at",
                                      (const char *)sqlite3_column_text(st, 3), "by",
                                      (const char *)sqlite3_column_text(st, 4), "on_behalf",
                                      sqlite3_column_int(st, 5)));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        json_decref(all);
        return kp_sql_fail(e, db, "submissions");
    }
    *out = all;
    return 0;
}

static json_t *cell(const struct kp_table *t, json_t *counts, json_t *last, const char *unit)
{
    json_int_t rows = json_integer_value(json_object_get(json_object_get(counts, t->id), unit));
    json_t *l = json_object_get(json_object_get(last, unit), t->id);
    json_t *c = json_pack("{s:s, s:s, s:I, s:b, s:b}", "id", t->id, "title", t->title, "rows",
                          rows, "missing", rows == 0, "present", rows > 0);
    json_object_set_new(c, "last_at", json_string(l ? json_string_value(json_object_get(l, "at")) : ""));
    json_object_set_new(c, "last_by", json_string(l ? json_string_value(json_object_get(l, "by")) : ""));
    json_object_set_new(c, "on_behalf", json_boolean(l && json_is_true(json_object_get(l, "on_behalf"))));
    return c;
}

/* Rows per county for every table, and the last submissions. */
static int gather(sqlite3 *db, const kp_registry *reg, int year, const struct kp_table **tables,
                  size_t *n, json_t **counts, json_t **last, kp_err *e)
{
    *n = kp_status_tables(reg, tables, MAX_TABLES);
    *counts = json_object();
    *last = NULL;
    for (size_t i = 0; i < *n; i++)
        if (count_rows(db, tables[i], year, *counts, e))
            goto fail;
    if (last_submissions(db, last, e))
        goto fail;
    return 0;
fail:
    json_decref(*counts);
    return -1;
}

int kp_status_county(sqlite3 *db, const kp_registry *reg, int year, const char *unit,
                     json_t **out, kp_err *e)
{
    const struct kp_table *tables[MAX_TABLES];
    size_t n;
    json_t *counts, *last;
    if (gather(db, reg, year, tables, &n, &counts, &last, e))
        return -1;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, cell(tables[i], counts, last, unit));
    json_decref(counts);
    json_decref(last);
    *out = a;
    return 0;
}

int kp_status_counties(sqlite3 *db, json_t **out, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT code, name FROM units WHERE level = 2 ORDER BY code", -1,
                           &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "units");
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(a, json_pack("{s:s, s:s}", "code",
                                           (const char *)sqlite3_column_text(st, 0), "name",
                                           (const char *)sqlite3_column_text(st, 1)));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return kp_sql_fail(e, db, "units");
    }
    *out = a;
    return 0;
}

static json_t *matrix_row(json_t *county, const struct kp_table **tables, size_t n,
                          json_t *counts, json_t *last)
{
    const char *code = json_string_value(json_object_get(county, "code"));
    json_t *cells = json_array(), *owed = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *c = cell(tables[i], counts, last, code);
        if (json_is_true(json_object_get(c, "missing")))
            json_array_append_new(owed, json_pack("{s:s, s:s}", "id", tables[i]->id, "title",
                                                  tables[i]->title));
        json_array_append_new(cells, c);
    }
    json_t *row = json_deep_copy(county);
    json_object_set_new(row, "owed_count", json_integer((json_int_t)json_array_size(owed)));
    json_object_set_new(row, "complete", json_boolean(json_array_size(owed) == 0));
    json_object_set_new(row, "owed", owed);
    json_object_set_new(row, "cells", cells);
    return row;
}

int kp_status_matrix(sqlite3 *db, const kp_registry *reg, int year, json_t **out, kp_err *e)
{
    const struct kp_table *tables[MAX_TABLES];
    size_t n;
    json_t *counts, *last, *counties;
    if (kp_status_counties(db, &counties, e))
        return -1;
    if (gather(db, reg, year, tables, &n, &counts, &last, e)) {
        json_decref(counties);
        return -1;
    }
    json_t *cols = json_array(), *rows = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(cols, json_pack("{s:s, s:s}", "id", tables[i]->id, "title",
                                              tables[i]->title));
    size_t i;
    json_t *c;
    json_array_foreach(counties, i, c)
        json_array_append_new(rows, matrix_row(c, tables, n, counts, last));
    json_decref(counties);
    json_decref(counts);
    json_decref(last);
    *out = json_pack("{s:i, s:o, s:o}", "year", year, "tables", cols, "counties", rows);
    return 0;
}

int kp_deadline_get(sqlite3 *db, int year, json_t **out, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT due, reopened FROM kp_deadlines WHERE year = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "deadlines");
    sqlite3_bind_int(st, 1, year);
    int rc = sqlite3_step(st);
    char due[32] = "";
    int reopened = 0;
    if (rc == SQLITE_ROW) {
        snprintf(due, sizeof due, "%s", (const char *)sqlite3_column_text(st, 0));
        reopened = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "deadlines");
    char today[16];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    int open = !due[0] || reopened || strcmp(today, due) <= 0;
    *out = json_pack("{s:i, s:s, s:b, s:b, s:b}", "year", year, "due", due, "reopened", reopened,
                     "open", open, "passed", due[0] && strcmp(today, due) > 0);
    return 0;
}

int kp_deadline_open(sqlite3 *db, int year, kp_err *e)
{
    json_t *d;
    if (kp_deadline_get(db, year, &d, e))
        return -1;
    int open = json_is_true(json_object_get(d, "open"));
    json_decref(d);
    return open;
}

static int valid_date(const char *s)
{
    int y, m, d;
    char rest;
    return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &rest) == 3 && m >= 1 &&
           m <= 12 && d >= 1 && d <= 31;
}

int kp_deadline_set(sqlite3 *db, int year, const char *due, int reopened, kp_err *e)
{
    if (!valid_date(due))
        return kp_fail(e, "截止日期须写成 YYYY-MM-DD，例如 %d-12-31", year);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO kp_deadlines(year, due, reopened)"
                               " VALUES(?1, ?2, ?3)",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "deadlines");
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_text(st, 2, due, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, reopened != 0);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, "deadlines");
}

int kp_web_default_year_db(sqlite3 *db, int configured, int *out, kp_err *e)
{
    if (configured) {
        *out = configured;
        return 0;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT max(year) FROM kp_deadlines", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "deadlines");
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return kp_sql_fail(e, db, "deadlines");
    if (*out == 0) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        *out = tm.tm_year + 1900;
    }
    return 0;
}
