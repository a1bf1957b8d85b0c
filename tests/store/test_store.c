/* test_store.c — opening, creating and refusing databases.  argv[1]: a scratch folder. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "store/store.h"

static char path[4096];

static void raw(const char *sql)
{
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        fprintf(stderr, "raw SQL failed: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
}

static long scalar(kp_store *s, const char *sql)
{
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(kp_store_db(s), sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void fresh(const char *name)
{
    snprintf(path, sizeof path, "%s", name);
    remove(path);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    char name[4096];
    kp_store *s;
    kp_err e;

    snprintf(name, sizeof name, "%s/store.db", argv[1]);
    fresh(name);
    /* Missing without create: a message that says what to do. */
    CHECK(kp_store_open(&s, path, KP_STORE_EXISTING, &e) == -1);
    CHECK_STR_CONTAINS(e.msg, "no such database; create it with 'kaoping init");

    CHECK(kp_store_open(&s, path, KP_STORE_CREATE, &e) == 0);
    CHECK_INT_EQ(scalar(s, "PRAGMA user_version"), kp_store_schema_version());
    CHECK_INT_EQ(scalar(s, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
    CHECK_INT_EQ(scalar(s, "PRAGMA foreign_keys"), 1);
    kp_store_close(s);
    /* Opening again migrates nothing and keeps the data. */
    raw("INSERT INTO kp_meta VALUES('marker', 'kept')");
    CHECK(kp_store_open(&s, path, KP_STORE_EXISTING, &e) == 0);
    CHECK_INT_EQ(scalar(s, "SELECT count(*) FROM kp_meta WHERE key = 'marker'"), 1);
    kp_store_close(s);

    /* A database from a newer kaoping is refused, untouched. */
    raw("PRAGMA user_version = 99");
    CHECK(kp_store_open(&s, path, KP_STORE_EXISTING, &e) == -1);
    CHECK_STR_CONTAINS(e.msg, "made by a newer kaoping (schema version 99");

    /* Someone else's SQLite file is not turned into ours. */
    snprintf(name, sizeof name, "%s/foreign.db", argv[1]);
    fresh(name);
    raw("CREATE TABLE accounts(id INTEGER)");
    CHECK(kp_store_open(&s, path, KP_STORE_CREATE, &e) == -1);
    CHECK_STR_CONTAINS(e.msg, "was not made by kaoping");

    /* Not a database at all. */
    snprintf(name, sizeof name, "%s/garbage.db", argv[1]);
    fresh(name);
    FILE *f = fopen(path, "w");
    fputs("this is not a database, just some text that is long enough to matter\n", f);
    fclose(f);
    CHECK(kp_store_open(&s, path, KP_STORE_EXISTING, &e) == -1);
    CHECK_STR_CONTAINS(e.msg, "garbage.db");

    /* The reader connection reads and refuses every kind of write. */
    snprintf(name, sizeof name, "%s/store.db", argv[1]);
    snprintf(path, sizeof path, "%s", name);
    raw("PRAGMA user_version = 1");
    sqlite3 *ro;
    CHECK(kp_store_open_reader(&ro, path, &e) == 0);
    static const char *const refused[] = {
        "DELETE FROM kp_meta", "INSERT INTO kp_meta VALUES('a', 'b')", "DROP TABLE kp_meta",
        "ATTACH DATABASE ':memory:' AS other", "PRAGMA user_version = 5",
        "SELECT load_extension('/tmp/x.so')", "CREATE TABLE t(x)"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        int rc = sqlite3_exec(ro, refused[i], NULL, NULL, NULL);
        CHECK(rc != SQLITE_OK);
    }
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(ro, "SELECT value FROM kp_meta WHERE key = 'marker'", -1, &st, NULL) == 0);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR_EQ((const char *)sqlite3_column_text(st, 0), "kept");
    sqlite3_finalize(st);
    sqlite3_close(ro);
    return check_status();
}
