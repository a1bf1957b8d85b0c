/* audit.c — the audit log (see audit.h). */
#include "web/audit.h"

#include "store/store.h"

int kp_audit(sqlite3 *db, const char *who, const char *addr, const char *action,
             const char *detail, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO kp_audit(at, who, addr, action, detail)"
                               " VALUES(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4)",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "audit");
    sqlite3_bind_text(st, 1, who, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, addr, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, detail, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, "audit");
}

int kp_audit_list(sqlite3 *db, long limit, long offset, json_t **out, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT id, at, who, addr, action, detail FROM kp_audit"
                               " ORDER BY id DESC LIMIT ?1 OFFSET ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "audit");
    sqlite3_bind_int64(st, 1, limit);
    sqlite3_bind_int64(st, 2, offset);
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(
            a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
                         (json_int_t)sqlite3_column_int64(st, 0), "at",
                         (const char *)sqlite3_column_text(st, 1), "who",
                         (const char *)sqlite3_column_text(st, 2), "addr",
                         (const char *)sqlite3_column_text(st, 3), "action",
                         (const char *)sqlite3_column_text(st, 4), "detail",
                         (const char *)sqlite3_column_text(st, 5)));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return kp_sql_fail(e, db, "audit");
    }
    *out = a;
    return 0;
}
