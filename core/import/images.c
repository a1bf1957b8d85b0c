/* images.c — keeping rows as they were (see images.h). */
#include "import/images.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

int kp_images_columns(sqlite3 *db, const char *table, const char *prefix, kp_buf *cols, int *n,
                      kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", -1, &st,
                           NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, table);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    int rc, bad = 0;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        bad |= kp_buf_printf(cols, "%s%s%s", (*n)++ ? ", " : "", prefix,
                             (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, table);
    if (bad)
        return kp_fail(e, "out of memory");
    if (*n == 0)
        return kp_fail(e, "table %s does not exist in the database", table);
    return 0;
}

/* Run `sql` (one statement) with ?1 bound to `import_id`. */
static int run_with_id(sqlite3 *db, const char *sql, long import_id, const char *what, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, what);
    sqlite3_bind_int64(st, 1, import_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, what);
}

int kp_images_keep(sqlite3 *db, long import_id, const char *table, const char *action,
                   const char *from_where, kp_err *e)
{
    kp_buf cols, sql;
    kp_buf_init(&cols, 0);
    kp_buf_init(&sql, 0);
    int n, rc = kp_images_columns(db, table, "t.", &cols, &n, e);
    if (rc == 0) {
        /* OR IGNORE: a row added earlier in the same import is already listed. */
        if (kp_buf_printf(&sql, "INSERT OR IGNORE INTO kp_import_images(import_id, tbl, row_id, "
                                "action, image, row_last) SELECT ?1, '%s', t.rowid, '%s',"
                                " json_array(%s), t.rowid"
                                " FROM %s AS t %s",
                          table, action, cols.data, table, from_where))
            rc = kp_fail(e, "out of memory");
        else
            rc = run_with_id(db, sql.data, import_id, table, e);
    }
    kp_buf_free(&cols);
    kp_buf_free(&sql);
    return rc;
}

int kp_images_added(sqlite3 *db, long import_id, const char *table, int64_t after, kp_err *e)
{
    /* New rows take rowids above every old one: one range lists them all. */
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO kp_import_images(import_id, tbl, row_id, action, row_last)"
             " SELECT ?1, '%s', %lld + 1, 'added', max(rowid) FROM %s"
             " HAVING max(rowid) > %lld",
             table, (long long)after, table, (long long)after);
    return run_with_id(db, sql, import_id, table, e);
}

int kp_images_max_rowid(sqlite3 *db, const char *table, int64_t *out, kp_err *e)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT coalesce(max(rowid), 0) FROM %s", table);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, table);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : kp_sql_fail(e, db, table);
}

int kp_images_bump_version(sqlite3 *db, kp_err *e)
{
    return kp_sql_exec(db, "UPDATE kp_meta SET value = CAST(value AS INTEGER) + 1"
                           " WHERE key = 'data_version'",
                       "recording the data version", e);
}

const char *kp_images_os_user(void)
{
    const struct passwd *pw = getpwuid(geteuid());
    if (pw && pw->pw_name)
        return pw->pw_name;
    const char *u = getenv("USER");
    return u ? u : "?";
}
