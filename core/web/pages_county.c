/*
 * pages_county.c — a county's own pages: its tables for the year with their
 * status and deadline, the blank forms, uploading, its history and its
 * stored rows.  City staff reach the same pages for any county (?unit=).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/router.h"
#include "web/status.h"
#include "web/undo.h"
#include "web/upload.h"
#include "web/views.h"

#define ROWS_PER_PAGE 50

int kp_page_county(kp_req *r, const char *arg)
{
    (void)arg;
    char unit[64], name[128];
    if (kp_target_county(r, unit, sizeof unit, name, sizeof name))
        return 0;
    json_t *v = kp_view_county(r, unit, name);
    if (!v)
        return kp_respond_error(r, 500, "服务器内部错误");
    json_t *d = kp_page_data(r, name);
    json_object_update(d, v);
    json_decref(v);
    json_object_set_new(d, "on_behalf", json_boolean(strcmp(r->user.role, "county") != 0));
    json_object_set_new(d, "may_upload", json_boolean(strcmp(r->user.role, "assessor") != 0));
    return kp_respond_page(r, 200, "county", d);
}

/* One header field, quoted when CSV needs it. */
static void put_csv_field(kp_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        kp_buf_puts(b, s);
        return;
    }
    kp_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            kp_buf_putc(b, '"');
        kp_buf_putc(b, *s);
    }
    kp_buf_putc(b, '"');
}

/* The blank form: the Chinese titles as header, UTF-8 with BOM and CRLF, so
 * that Excel on a Chinese Windows opens it right (as `kaoping template` writes it). */
int kp_page_form_csv(kp_req *r, const char *arg)
{
    char id[128];
    size_t n = strlen(arg);
    if (n < 5 || n >= sizeof id || strcmp(arg + n - 4, ".csv"))
        return kp_respond_error(r, 404, "没有这张表");
    memcpy(id, arg, n - 4);
    id[n - 4] = '\0';
    const struct kp_table *t = kp_registry_find_table(r->web->reg, id, NULL);
    if (!t)
        return kp_respond_error(r, 404, "没有这张表");
    kp_buf b;
    kp_buf_init(&b, 0);
    kp_buf_puts(&b, "\xEF\xBB\xBF");
    for (size_t i = 0; i < t->ncolumns; i++) {
        if (i)
            kp_buf_putc(&b, ',');
        put_csv_field(&b, t->columns[i].title);
    }
    int bad = kp_buf_puts(&b, "\r\n");
    snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"%s.csv\"", t->id);
    if (bad || !b.data)
        kp_respond_error(r, 500, "服务器内部错误");
    else
        kp_respond_bytes(r, "text/csv; charset=utf-8", b.data, b.len);
    kp_buf_free(&b);
    return 0;
}

int kp_page_upload(kp_req *r, const char *arg)
{
    (void)arg;
    char unit[64], name[128];
    if (kp_target_county(r, unit, sizeof unit, name, sizeof name))
        return 0;
    json_t *result;
    unsigned status = kp_upload_run(r, unit, &result);
    json_t *d = kp_page_data(r, "上传结果");
    json_object_update(d, result);
    json_decref(result);
    json_object_set_new(d, "unit_name", json_string(name));
    json_object_set_new(d, "on_behalf", json_boolean(strcmp(r->user.role, "county") != 0));
    return kp_respond_page(r, status, "upload", d);
}

/* The history, with the outcome of an undo (`result`, taken) when there was one. */
static int history_page(kp_req *r, const char *unit, const char *name, unsigned status,
                        json_t *result)
{
    json_t *h = kp_view_history(r, unit);
    if (!h) {
        json_decref(result);
        return kp_respond_error(r, 500, "服务器内部错误");
    }
    json_t *d = kp_page_data(r, "提交记录");
    json_object_set_new(d, "unit", json_string(unit));
    json_object_set_new(d, "unit_name", json_string(name));
    json_object_set_new(d, "on_behalf", json_boolean(strcmp(r->user.role, "county") != 0));
    json_object_set_new(d, "may_undo", json_boolean(strcmp(r->user.role, "assessor") != 0));
    json_object_set_new(d, "history", h);
    if (result)
        json_object_set_new(d, "undo", result);
    return kp_respond_page(r, status, "history", d);
}

int kp_page_history(kp_req *r, const char *arg)
{
    (void)arg;
    char unit[64], name[128];
    if (kp_target_county(r, unit, sizeof unit, name, sizeof name))
        return 0;
    return history_page(r, unit, name, 200, NULL);
}

int kp_page_undo(kp_req *r, const char *arg)
{
    long id = kp_undo_id(arg);
    if (!id)
        return kp_respond_error(r, 404, "没有这次提交");
    json_t *result;
    unsigned status = kp_undo_run(r, id, &result);
    if (status == 404 || status >= 500) {
        int rc = kp_respond_error(r, status, json_string_value(json_object_get(result, "message")));
        json_decref(result);
        return rc;
    }
    char unit[64], name[128];
    snprintf(unit, sizeof unit, "%s", json_string_value(json_object_get(result, "unit")));
    if (kp_county_name(r, unit, name, sizeof name) != 1) {
        json_decref(result);
        return kp_respond_error(r, 500, "服务器内部错误");
    }
    return history_page(r, unit, name, status, result);
}

static json_t *row_cells(sqlite3_stmt *st, int ncols)
{
    json_t *cells = json_array();
    for (int i = 0; i < ncols; i++) {
        const unsigned char *v = sqlite3_column_text(st, i);
        json_array_append_new(cells, json_string(v ? (const char *)v : ""));
    }
    return json_pack("{s:o}", "cells", cells);
}

/* One page of the county's rows of `t` in the year. */
static int select_rows(kp_req *r, const struct kp_table *t, const char *unit, long page,
                       json_t *rows, long *total, kp_err *e)
{
    sqlite3 *db = kp_store_db(r->store);
    char cond[256], sql[2048];
    int at = snprintf(sql, sizeof sql, "SELECT ");
    for (size_t i = 0; i < t->ncolumns; i++)
        at += snprintf(sql + at, sizeof sql - (size_t)at, "%sx.\"%s\"", i ? ", " : "",
                       t->columns[i].id);
    snprintf(sql + at, sizeof sql - (size_t)at,
             ", count(*) OVER () FROM \"%s\" x JOIN units u ON u.code = x.\"%s\""
             " WHERE u.county = ?2 AND %s ORDER BY 1, 2 LIMIT %d OFFSET ?3",
             t->id, kp_status_unit_column(t)->id, kp_status_year_condition(t, cond, sizeof cond),
             ROWS_PER_PAGE);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, t->id);
    sqlite3_bind_int(st, 1, kp_req_year(r));
    sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (page - 1) * ROWS_PER_PAGE);
    int rc;
    *total = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_array_append_new(rows, row_cells(st, (int)t->ncolumns));
        *total = sqlite3_column_int64(st, (int)t->ncolumns);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, t->id);
}

static long page_of(const kp_req *r)
{
    const char *p = kp_req_query(r, "page");
    long v = p ? strtol(p, NULL, 10) : 1;
    return v < 1 || v > 1000000 ? 1 : v;
}

int kp_page_rows(kp_req *r, const char *arg)
{
    char unit[64], name[128];
    if (kp_target_county(r, unit, sizeof unit, name, sizeof name))
        return 0;
    const struct kp_table *t = kp_registry_find_table(r->web->reg, arg, NULL);
    if (!t || !kp_status_unit_column(t))
        return kp_respond_error(r, 404, "没有这张表");
    long page = page_of(r), total = 0;
    json_t *rows = json_array(), *heads = json_array();
    kp_err e;
    if (select_rows(r, t, unit, page, rows, &total, &e)) {
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
        json_decref(rows);
        json_decref(heads);
        return kp_respond_error(r, 500, "服务器内部错误");
    }
    for (size_t i = 0; i < t->ncolumns; i++)
        json_array_append_new(heads, json_string(t->columns[i].title));
    long pages = total ? (total + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE : 1;
    json_t *d = kp_page_data(r, t->title);
    json_object_set_new(d, "unit", json_string(unit));
    json_object_set_new(d, "unit_name", json_string(name));
    json_object_set_new(d, "table", json_pack("{s:s, s:s}", "id", t->id, "title", t->title));
    json_object_set_new(d, "heads", heads);
    json_object_set_new(d, "rows", rows);
    json_object_set_new(d, "total", json_integer(total));
    json_object_set_new(d, "page", json_integer(page));
    json_object_set_new(d, "pages", json_integer(pages));
    if (page > 1)
        json_object_set_new(d, "prev", json_integer(page - 1));
    if (page < pages)
        json_object_set_new(d, "next", json_integer(page + 1));
    return kp_respond_page(r, 200, "rows", d);
}
