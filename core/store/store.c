/*
 * store.c — opening the database, applying the core migrations, and the
 * guarded read-only connection used for code that others wrote.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/migrations.h"

/* How long a writer waits for another writer before giving up (ms). */
#define KP_BUSY_TIMEOUT_MS 10000

struct kp_store {
    sqlite3 *db;
    char *path;
};

int kp_store_schema_version(void)
{
    return (int)kp_nmigrations;
}

int kp_sql_fail(kp_err *e, sqlite3 *db, const char *what)
{
    int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
    const char *msg = db ? sqlite3_errmsg(db) : "no connection";
    if (code == SQLITE_BUSY || (code & 0xff) == SQLITE_BUSY)
        return kp_fail(e, "%s: the database is busy (another kaoping is writing to it); "
                          "try again when it has finished", what);
    return kp_fail(e, "%s: %s", what, msg);
}

int kp_sql_exec(sqlite3 *db, const char *sql, const char *what, kp_err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        if (msg && (sqlite3_errcode(db) & 0xff) != SQLITE_BUSY) {
            kp_fail(e, "%s: %s", what, msg);
            sqlite3_free(msg);
            return -1;
        }
        sqlite3_free(msg);
        return kp_sql_fail(e, db, what);
    }
    return 0;
}

int kp_store_exec(kp_store *s, const char *sql, kp_err *e)
{
    return kp_sql_exec(s->db, sql, s->path, e);
}

int kp_store_begin(kp_store *s, kp_err *e)
{
    return kp_sql_exec(s->db, "BEGIN IMMEDIATE", s->path, e);
}

int kp_store_commit(kp_store *s, kp_err *e)
{
    return kp_sql_exec(s->db, "COMMIT", s->path, e);
}

void kp_store_rollback(kp_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static int read_int(sqlite3 *db, const char *sql, int *out, const char *what, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, what);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return kp_sql_fail(e, db, what);
    return 0;
}

/* A database that has tables but not ours must not be migrated into one. */
static int check_ours(sqlite3 *db, const char *path, int version, kp_err *e)
{
    int tables = 0;
    if (read_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", &tables, path, e))
        return -1;
    if (version == 0 && tables > 0)
        return kp_fail(e, "%s: this SQLite database was not made by kaoping; "
                          "give 'kaoping init' a new file", path);
    return 0;
}

static int migrate(sqlite3 *db, const char *path, kp_err *e)
{
    int version = 0;
    if (read_int(db, "PRAGMA user_version", &version, path, e))
        return -1;
    if (version > (int)kp_nmigrations)
        return kp_fail(e, "%s: the database was made by a newer kaoping (schema version %d; "
                          "this kaoping knows up to %d); use that kaoping or a newer one",
                       path, version, (int)kp_nmigrations);
    if (check_ours(db, path, version, e))
        return -1;
    if (version == (int)kp_nmigrations)
        return 0;
    if (kp_sql_exec(db, "BEGIN IMMEDIATE", path, e))
        return -1;
    /* Read again inside the transaction: another process may have migrated. */
    if (read_int(db, "PRAGMA user_version", &version, path, e))
        goto fail;
    for (size_t i = (size_t)version; i < kp_nmigrations; i++) {
        char what[512];
        snprintf(what, sizeof what, "%s: schema migration %zu", path, i + 1);
        if (kp_sql_exec(db, kp_migrations[i], what, e))
            goto fail;
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", (int)kp_nmigrations);
    if (kp_sql_exec(db, sql, path, e) || kp_sql_exec(db, "COMMIT", path, e))
        goto fail;
    return 0;
fail:
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int kp_store_open(kp_store **out, const char *path, unsigned flags, kp_err *e)
{
    *out = NULL;
    struct stat st;
    if (!(flags & KP_STORE_CREATE) && stat(path, &st) != 0)
        return kp_fail(e, "%s: no such database; create it with 'kaoping init --db %s'", path, path);

    kp_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return kp_fail(e, "%s: out of memory", path);
    }
    int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (flags & KP_STORE_CREATE)
        oflags |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
        kp_sql_fail(e, s->db, path);
        kp_store_close(s);
        return -1;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, KP_BUSY_TIMEOUT_MS);
    /* WAL lets reports read while an import writes; NORMAL is durable at
     * every checkpoint and cannot corrupt the file on a crash. */
    if (kp_sql_exec(s->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                    "PRAGMA foreign_keys = ON;", path, e) ||
        migrate(s->db, path, e)) {
        kp_store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

void kp_store_close(kp_store *s)
{
    if (!s)
        return;
    if (s->db)
        sqlite3_close_v2(s->db);
    free(s->path);
    free(s);
}

sqlite3 *kp_store_db(kp_store *s)
{
    return s->db;
}

const char *kp_store_path(const kp_store *s)
{
    return s->path;
}

/* Allow reading and SELECT, and the few functions SELECTs need; deny the rest. */
static int reader_authorizer(void *ud, int action, const char *a, const char *b,
                             const char *db, const char *trigger)
{
    (void)ud, (void)b, (void)db, (void)trigger;
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        /* load_extension is off on this connection anyway; refuse it by name too. */
        if (a && !sqlite3_stricmp(a, "load_extension"))
            return SQLITE_DENY;
        return SQLITE_OK;
    default:
        return SQLITE_DENY;
    }
}

int kp_store_open_reader(sqlite3 **out, const char *path, kp_err *e)
{
    *out = NULL;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        kp_sql_fail(e, db, path);
        sqlite3_close_v2(db);
        return -1;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, KP_BUSY_TIMEOUT_MS);
    if (sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL) != SQLITE_OK ||
        sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) != SQLITE_OK ||
        sqlite3_set_authorizer(db, reader_authorizer, NULL) != SQLITE_OK) {
        kp_sql_fail(e, db, path);
        sqlite3_close_v2(db);
        return -1;
    }
    /* Bound what a runaway query can take: no huge strings or blobs. */
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 16 * 1024 * 1024);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    *out = db;
    return 0;
}

int kp_store_reader_snapshot(sqlite3 *db, const char *what, kp_err *e)
{
    /* The guard refuses transaction statements (scripts have no use for
     * them); it is lifted for just these two, which cannot write. */
    if (sqlite3_set_authorizer(db, NULL, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, what);
    int rc = kp_sql_exec(db, "BEGIN; SELECT count(*) FROM sqlite_schema", what, e);
    if (sqlite3_set_authorizer(db, reader_authorizer, NULL) != SQLITE_OK)
        return kp_fail(e, "%s: cannot guard the read-only connection", what);
    return rc;
}
