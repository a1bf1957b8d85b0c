/*
 * delete.c — `kaoping delete`: a county's or a unit's rows out of one table,
 * as an import of its own, so that it is listed and can be undone.
 */
#include "import/undo.h"

#include <stdio.h>
#include <string.h>

#include "import/images.h"
#include "import/stage.h"
#include "store/units.h"
#include "util/buf.h"

/* "FROM <table> AS t WHERE ..." selecting the rows `rq` names. */
static int build_where(sqlite3 *db, const struct kp_table *t, const kp_delete_request *rq,
                       kp_buf *w, kp_err *e)
{
    int u = kp_table_unit_column(t);
    if (u < 0)
        return kp_fail(e, "table %s has no unit column; its rows cannot be removed by unit",
                       t->id);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT level FROM units WHERE code = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return kp_sql_fail(e, db, "finding the unit");
    sqlite3_bind_text(st, 1, rq->unit, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int level = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "finding the unit");
    if (!level)
        return kp_fail(e, "unit code \"%s\" is not in the database", rq->unit);
    if (level == KP_COUNTY)
        kp_buf_printf(w, "WHERE t.%s IN (SELECT code FROM units WHERE county = '%s')",
                      t->columns[u].id, rq->unit);
    else
        kp_buf_printf(w, "WHERE t.%s = '%s'", t->columns[u].id, rq->unit);
    if (rq->year) {
        kp_buf y;
        kp_buf_init(&y, 0);
        kp_table_year_expr(t, "t", &y);
        int none = y.data && !strcmp(y.data, "NULL");
        if (!none)
            kp_buf_printf(w, " AND %s = %d", y.data, rq->year);
        kp_buf_free(&y);
        if (none)
            return kp_fail(e, "table %s has no year; leave out --year", t->id);
    }
    return w->data ? 0 : kp_fail(e, "out of memory");
}

/* Every row's key as "col=value, ..." through `show`; the count into *n. */
static int show_rows(sqlite3 *db, const struct kp_table *t, const char *where,
                     void (*show)(void *, const char *), void *ud, long *n, kp_err *e)
{
    kp_buf sql;
    kp_buf_init(&sql, 0);
    kp_buf_puts(&sql, "SELECT ");
    const char *sep = "";
    for (size_t c = 0; c < t->ncolumns; c++)
        if (t->columns[c].flags & KP_COL_KEY) {
            kp_buf_printf(&sql, "%s'%s=' || coalesce(t.%s, '')", sep, t->columns[c].id,
                          t->columns[c].id);
            sep = " || ', ' || ";
        }
    kp_buf_printf(&sql, " FROM %s AS t %s ORDER BY t.rowid", t->id, where);
    sqlite3_stmt *st;
    if (!sql.data || sqlite3_prepare_v2(db, sql.data, -1, &st, NULL) != SQLITE_OK) {
        kp_buf_free(&sql);
        return kp_sql_fail(e, db, t->id);
    }
    kp_buf_free(&sql);
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        (*n)++;
        if (show)
            show(ud, (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, t->id);
}

static int record(sqlite3 *db, const kp_delete_request *rq, long removed, long *id, kp_err *e)
{
    char files[512];
    if (rq->year)
        snprintf(files, sizeof files, "delete %s --unit %s --year %d", rq->table, rq->unit,
                 rq->year);
    else
        snprintf(files, sizeof files, "delete %s --unit %s", rq->table, rq->unit);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO kp_imports(started, files, kind, os_user, removed)"
                               " VALUES(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, 'delete', ?2,"
                               " ?3)", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "recording the deletion");
    sqlite3_bind_text(st, 1, files, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, kp_images_os_user(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, removed);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "recording the deletion");
    *id = (long)sqlite3_last_insert_rowid(db);
    return 0;
}

static int remove_rows(kp_store *s, const struct kp_table *t, const kp_delete_request *rq,
                       const char *where, long n, long *id, kp_err *e)
{
    sqlite3 *db = kp_store_db(s);
    kp_buf sql;
    kp_buf_init(&sql, 0);
    kp_buf_printf(&sql, "DELETE FROM %s AS t %s", t->id, where);
    int rc = sql.data ? kp_store_begin(s, e) : kp_fail(e, "out of memory");
    if (rc == 0)
        rc = record(db, rq, n, id, e);
    if (rc == 0)
        rc = kp_images_keep(db, *id, t->id, "removed", where, e);
    if (rc == 0)
        rc = kp_sql_exec(db, sql.data, t->id, e);
    if (rc == 0)
        rc = kp_images_bump_version(db, e);
    if (rc == 0)
        rc = kp_store_commit(s, e);
    if (rc)
        kp_store_rollback(s);
    kp_buf_free(&sql);
    return rc;
}

int kp_import_delete(kp_store *s, const kp_registry *reg, const kp_delete_request *rq,
                     void (*show)(void *ud, const char *row), void *ud, long *removed,
                     long *import_id, kp_err *e)
{
    *removed = 0;
    *import_id = 0;
    const struct kp_table *t = kp_registry_find_table(reg, rq->table, NULL);
    if (!t)
        return kp_fail(e, "no loaded plugin has a table \"%s\"; 'kaoping plugins' lists them",
                       rq->table);
    kp_buf where;
    kp_buf_init(&where, 0);
    int rc = build_where(kp_store_db(s), t, rq, &where, e);
    if (rc == 0)
        rc = show_rows(kp_store_db(s), t, where.data, show, ud, removed, e);
    if (rc == 0 && *removed == 0)
        rc = kp_fail(e, "table %s holds no rows of %s%s; nothing to remove", t->id, rq->unit,
                     rq->year ? " in that year" : "");
    if (rc == 0 && !rq->dry_run)
        rc = remove_rows(s, t, rq, where.data, *removed, import_id, e);
    kp_buf_free(&where);
    return rc;
}
