/* runs.c — listing, choosing and publishing assessment runs (see runs.h). */
#include "assess/runs.h"

#include "store/store.h"

static const char *col_text(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

int kp_runs_each(sqlite3 *db, int (*fn)(void *ud, const kp_run_row *r), void *ud, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, year, created_at, rules_path, rules_sha256,"
                           " coalesce(label, ''), official, coalesce(data_version, -1) <"
                           " (SELECT CAST(value AS INTEGER) FROM kp_meta WHERE key = 'data_version')"
                           " FROM assessment_runs ORDER BY id", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "listing the runs");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        kp_run_row r = {.id = sqlite3_column_int64(st, 0), .year = sqlite3_column_int(st, 1),
                        .created = col_text(st, 2), .rules_path = col_text(st, 3),
                        .rules_sha256 = col_text(st, 4), .label = col_text(st, 5),
                        .official = sqlite3_column_int(st, 6), .stale = sqlite3_column_int(st, 7)};
        if (fn(ud, &r))
            break;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, "listing the runs");
}

int kp_runs_default(sqlite3 *db, int year, long long *id, int *official, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, official FROM assessment_runs WHERE year = CASE WHEN ?1"
                           " THEN ?1 ELSE (SELECT max(year) FROM assessment_runs) END"
                           " ORDER BY official DESC, id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "finding the run");
    sqlite3_bind_int(st, 1, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *official = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "finding the run");
    if (year)
        return kp_fail(e, "no assessment of %d has been run yet; run 'kaoping assess' first", year);
    return kp_fail(e, "no assessment has been run yet; run 'kaoping assess' first");
}

int kp_runs_find(sqlite3 *db, long long id, int *year, int *official, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT year, official FROM assessment_runs WHERE id = ?1", -1,
                           &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "finding the run");
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *year = sqlite3_column_int(st, 0);
        *official = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return kp_fail(e, "there is no assessment run %lld; 'kaoping runs' lists them", id);
    return kp_sql_fail(e, db, "finding the run");
}

static int set_official(sqlite3 *db, long long id, int year, kp_err *e)
{
    /* Two statements: the unique index on the official run of a year is
     * checked row by row, so the old one must stop being official first. */
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "UPDATE assessment_runs SET official = 0 WHERE year = ?2 AND official;"
                           , -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "publishing the run");
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "publishing the run");
    if (sqlite3_prepare_v2(db,
                           "UPDATE assessment_runs SET official = 1, published_at ="
                           " strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "publishing the run");
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, "publishing the run");
}

int kp_runs_publish(sqlite3 *db, long long id, long long *replaced, kp_err *e)
{
    int year, official, dummy;
    *replaced = 0;
    if (kp_runs_find(db, id, &year, &official, e))
        return -1;
    if (official)
        return kp_fail(e, "run %lld is already the official run of %d", id, year);
    kp_err ignore;
    if (kp_runs_default(db, year, replaced, &dummy, &ignore) == 0 && !dummy)
        *replaced = 0;
    if (kp_sql_exec(db, "BEGIN IMMEDIATE", "publishing the run", e))
        return -1;
    if (set_official(db, id, year, e) || kp_sql_exec(db, "COMMIT", "publishing the run", e)) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}
