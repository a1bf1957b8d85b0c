/* undo.c — listing imports and undoing one (see undo.h). */
#include "import/undo.h"

#include <stdio.h>
#include <string.h>

#include "import/images.h"
#include "store/units.h"
#include "util/buf.h"

static const char *text(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return s ? s : "";
}

int kp_imports_each(kp_store *s, int (*fn)(void *ud, const kp_import_record *r), void *ud,
                    kp_err *e)
{
    sqlite3 *db = kp_store_db(s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT id, started, coalesce(os_user, ''), kind, files, added,"
                               " replaced, removed, unchanged FROM kp_imports ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, kp_store_path(s));
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        kp_import_record r = {
            .id = (long)sqlite3_column_int64(st, 0), .started = text(st, 1),
            .os_user = text(st, 2), .kind = text(st, 3), .files = text(st, 4),
            .added = (long)sqlite3_column_int64(st, 5),
            .replaced = (long)sqlite3_column_int64(st, 6),
            .removed = (long)sqlite3_column_int64(st, 7),
            .unchanged = (long)sqlite3_column_int64(st, 8)};
        if (fn(ud, &r))
            break;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, kp_store_path(s));
}

/* The later imports that changed rows this one changed: they go first. */
static int later_imports(sqlite3 *db, long id, kp_buf *out, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT DISTINCT b.import_id FROM kp_import_images a"
                               " JOIN kp_import_images b ON b.tbl = a.tbl AND b.row_id <= a.row_last"
                               " AND b.row_last >= a.row_id AND b.import_id > a.import_id"
                               " WHERE a.import_id = ?1"
                               " ORDER BY 1 DESC", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "finding later imports");
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        kp_buf_printf(out, "%s%lld", out->len ? ", " : "", (long long)sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, "finding later imports");
}

static int exists(sqlite3 *db, long id, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM kp_imports WHERE id = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return kp_sql_fail(e, db, "finding the import");
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return kp_fail(e, "there is no import %ld; 'kaoping imports' lists them", id);
    return kp_sql_fail(e, db, "finding the import");
}

/* Take out what the import added or replaced, put back what it replaced or removed. */
static int restore_table(sqlite3 *db, long id, const char *table, long *rows, kp_err *e)
{
    kp_buf cols, sql;
    kp_buf_init(&cols, 0);
    kp_buf_init(&sql, 0);
    int n, rc = kp_images_columns(db, table, "", &cols, &n, e);
    if (rc)
        goto out;
    /* The rows it added are one range of rowids (several files of one
     * import add one after the other). */
    static const char *const deletes[] = {
        "DELETE FROM %s WHERE rowid IN (SELECT row_id FROM kp_import_images"
        " WHERE import_id = %ld AND tbl = '%s' AND action = 'replaced')",
        "DELETE FROM %1$s WHERE rowid BETWEEN (SELECT min(row_id) FROM kp_import_images"
        " WHERE import_id = %2$ld AND tbl = '%3$s' AND action = 'added') AND (SELECT max(row_last)"
        " FROM kp_import_images WHERE import_id = %2$ld AND tbl = '%3$s' AND action = 'added')",
    };
    for (size_t i = 0; i < 2; i++) {
        kp_buf_clear(&sql);
        kp_buf_printf(&sql, deletes[i], table, id, table);
        if (!sql.data || (rc = kp_sql_exec(db, sql.data, table, e)))
            goto out;
        *rows += sqlite3_changes(db);
    }
    kp_buf_clear(&sql);
    kp_buf_printf(&sql, "INSERT INTO %s(rowid, %s) SELECT row_id", table, cols.data);
    for (int i = 0; i < n; i++)
        kp_buf_printf(&sql, ", json_extract(image, '$[%d]')", i);
    kp_buf_printf(&sql, " FROM kp_import_images WHERE import_id = %ld AND tbl = '%s'"
                        " AND action <> 'added' ORDER BY row_id", id, table);
    if (!sql.data) {
        rc = kp_fail(e, "out of memory");
    } else if (sqlite3_exec(db, sql.data, NULL, NULL, NULL) != SQLITE_OK) {
        rc = sqlite3_errcode(db) == SQLITE_CONSTRAINT
                 ? kp_fail(e, "import %ld cannot be undone: a later import stored rows in %s "
                              "with the keys of rows it removed; undo that import first",
                           id, table)
                 : kp_sql_fail(e, db, table);
    } else {
        *rows += sqlite3_changes(db);
    }
out:
    kp_buf_free(&cols);
    kp_buf_free(&sql);
    return rc;
}

static void ignore_problem(void *ud, long line, const char *column, const char *msg)
{
    (void)ud, (void)line, (void)column, (void)msg;
}

static int restore_all(sqlite3 *db, long id, long *rows, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT DISTINCT tbl FROM kp_import_images WHERE import_id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "undoing");
    sqlite3_bind_int64(st, 1, id);
    int rc, failed = 0, units = 0;
    while (!failed && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        units |= !strcmp(text(st, 0), "units");
        failed = restore_table(db, id, text(st, 0), rows, e);
    }
    if (!failed && rc != SQLITE_DONE)
        failed = kp_sql_fail(e, db, "undoing");
    sqlite3_finalize(st);
    /* Units put back may move others between counties: settle the tree again. */
    if (!failed && units && kp_units_settle(db, 0, ignore_problem, NULL, e) < 0)
        failed = -1;
    return failed ? -1 : 0;
}

static int forget(sqlite3 *db, long id, kp_err *e)
{
    char sql[160];
    snprintf(sql, sizeof sql, "DELETE FROM kp_import_images WHERE import_id = %ld;"
                              "DELETE FROM kp_imports WHERE id = %ld", id, id);
    return kp_sql_exec(db, sql, "undoing", e);
}

int kp_import_undo(kp_store *s, long id, long *rows, kp_err *e)
{
    sqlite3 *db = kp_store_db(s);
    kp_buf later;
    kp_buf_init(&later, 0);
    *rows = 0;
    if (kp_store_begin(s, e))
        return -1;
    int rc = exists(db, id, e);
    if (rc == 0)
        rc = later_imports(db, id, &later, e);
    if (rc == 0 && later.len)
        rc = kp_fail(e, "import %ld cannot be undone yet: import %s changed the same rows "
                        "later; undo %s first, newest first",
                     id, later.data, strchr(later.data, ',') ? "those" : "it");
    if (rc == 0)
        rc = restore_all(db, id, rows, e);
    if (rc == 0 && *rows)
        rc = kp_images_bump_version(db, e);
    if (rc == 0)
        rc = forget(db, id, e);
    if (rc == 0)
        rc = kp_store_commit(s, e);
    if (rc)
        kp_store_rollback(s);
    kp_buf_free(&later);
    return rc;
}
