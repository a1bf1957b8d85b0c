/* views.c — county status and submission history as data (see views.h). */
#include "web/views.h"

#include <stdio.h>
#include <string.h>

#include "web/status.h"

json_t *kp_view_county(kp_req *r, const char *unit, const char *unit_name)
{
    sqlite3 *db = kp_store_db(r->store);
    int year = kp_req_year(r);
    json_t *tables = NULL, *deadline = NULL;
    kp_err e;
    if (kp_status_county(db, r->web->reg, year, unit, &tables, &e) ||
        kp_deadline_get(db, year, &deadline, &e)) {
        fprintf(stderr, "kaoping serve: %s\n", e.msg);
        json_decref(tables);
        return NULL;
    }
    size_t i, owed = 0;
    json_t *t;
    json_array_foreach(tables, i, t)
        owed += json_is_true(json_object_get(t, "missing"));
    return json_pack("{s:s, s:s, s:i, s:o, s:o, s:b, s:I}", "unit", unit, "unit_name", unit_name,
                     "year", year, "deadline", deadline, "tables", tables, "complete", owed == 0,
                     "owed_count", (json_int_t)owed);
}

static json_t *files_of(kp_req *r, sqlite3_int64 import_id)
{
    sqlite3 *db = kp_store_db(r->store);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT tbl, file, rows, added, replaced, unchanged"
                               " FROM kp_submission_files WHERE import_id = ?1 ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_int64(st, 1, import_id);
    json_t *a = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *tbl = (const char *)sqlite3_column_text(st, 0);
        const struct kp_table *t = kp_registry_find_table(r->web->reg, tbl, NULL);
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "table", tbl,
                                           "title", t ? t->title : tbl, "file",
                                           (const char *)sqlite3_column_text(st, 1), "rows",
                                           (json_int_t)sqlite3_column_int64(st, 2), "added",
                                           (json_int_t)sqlite3_column_int64(st, 3), "replaced",
                                           (json_int_t)sqlite3_column_int64(st, 4), "unchanged",
                                           (json_int_t)sqlite3_column_int64(st, 5)));
    }
    sqlite3_finalize(st);
    return a;
}

json_t *kp_view_history(kp_req *r, const char *unit)
{
    sqlite3 *db = kp_store_db(r->store);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT s.import_id, s.at, u.name, s.on_behalf FROM kp_submissions s"
                               " JOIN kp_users u ON u.id = s.user_id WHERE s.unit = ?1"
                               " ORDER BY s.import_id DESC LIMIT 200",
                           -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "kaoping serve: %s\n", sqlite3_errmsg(db));
        return NULL;
    }
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
    json_t *a = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        json_t *files = files_of(r, id);
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:b, s:o}", "import_id",
                                           (json_int_t)id, "at",
                                           (const char *)sqlite3_column_text(st, 1), "by",
                                           (const char *)sqlite3_column_text(st, 2), "on_behalf",
                                           sqlite3_column_int(st, 3),
                                           "files", files ? files : json_array()));
    }
    sqlite3_finalize(st);
    return a;
}
