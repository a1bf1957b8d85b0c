/*
 * fuzz_import.c — libFuzzer target for the importer (core/import with the
 * health_promotion plugin's tables and the core's units).
 *
 * An input is up to four files separated by a line "#%"; the first byte of
 * each picks its table (units, health_lectures, health_instructors,
 * health_projects, or a name no plugin has).  Every input is imported into a
 * fresh copy of a database that already holds the sample city's units, and
 * the import contract is checked, not just the absence of crashes:
 *   - a failed run leaves the database exactly as it was (no row of the run,
 *     no import recorded) and has reported at least one problem;
 *   - a successful run recorded itself, and its rows carry its id;
 *   - every problem message begins with the file it is about;
 *   - the database passes PRAGMA integrity_check afterwards.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "import/import.h"

#ifndef FUZZ_PLUGIN
#error "FUZZ_PLUGIN must name the health_promotion module"
#endif
#ifndef FUZZ_UNITS
#error "FUZZ_UNITS must name a units.csv"
#endif

#define MAX_FILES 4
static const char sep[] = "\n#%\n";
static const char *const tables[] = {"units", "health_lectures", "health_instructors",
                                     "health_projects", "no_such_table"};

static char dir[64];
static char template_db[128], work_db[128];
static kp_registry *reg;
static char *template_bytes;
static size_t template_len;

static __attribute__((noreturn)) void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_import: %s\n%s\n", what, detail ? detail : "");
    abort();
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0)
        die("cannot write", path);
}

static void remove_db(const char *path)
{
    char side[160];
    remove(path);
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", path);
    remove(side);
}

static void cleanup(void)
{
    char path[160];
    remove_db(template_db);
    remove_db(work_db);
    for (int i = 0; i < MAX_FILES; i++) {
        snprintf(path, sizeof path, "%s/f%d.csv", dir, i);
        remove(path);
    }
    rmdir(dir);
}

static void setup(void)
{
    kp_err e;
    snprintf(dir, sizeof dir, "/tmp/kp-fuzz-import-XXXXXX");
    if (!mkdtemp(dir))
        die("cannot make a scratch folder", NULL);
    atexit(cleanup);
    snprintf(template_db, sizeof template_db, "%s/template.db", dir);
    snprintf(work_db, sizeof work_db, "%s/work.db", dir);
    const char *plugin = FUZZ_PLUGIN;
    if (kp_registry_load_paths(&reg, &plugin, 1, NULL, NULL, &e) || kp_registry_count(reg) != 1)
        die("cannot load the plugin", FUZZ_PLUGIN);

    kp_store *s;
    const char *units = FUZZ_UNITS;
    kp_import_totals t;
    if (kp_store_open(&s, template_db, KP_STORE_CREATE, &e) ||
        kp_store_migrate_plugins(s, reg, &e) || kp_import(s, reg, &units, 1, NULL, &t, &e))
        die("cannot make the template database", e.msg);
    kp_store_close(s);

    FILE *f = fopen(template_db, "rb");
    if (!f || fseek(f, 0, SEEK_END) || (template_len = (size_t)ftell(f)) == 0 ||
        fseek(f, 0, SEEK_SET) || !(template_bytes = malloc(template_len)) ||
        fread(template_bytes, 1, template_len, f) != template_len)
        die("cannot read the template database", template_db);
    fclose(f);
}

static long query_long(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        die("query failed", sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

struct snapshot {
    long rows[4], imports;
};

static void snap(sqlite3 *db, struct snapshot *s)
{
    char sql[128];
    for (int i = 0; i < 4; i++) {
        snprintf(sql, sizeof sql, "SELECT count(*) * 1000003 + total(_import) FROM %s", tables[i]);
        s->rows[i] = query_long(db, sql);
    }
    s->imports = query_long(db, "SELECT count(*) FROM kp_imports");
}

static long rows_of_run(sqlite3 *db, long id)
{
    char sql[128];
    long n = 0;
    for (int i = 0; i < 4; i++) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE _import = %ld", tables[i], id);
        n += query_long(db, sql);
    }
    return n;
}

static void check_integrity(sqlite3 *db)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
        die("integrity_check failed", sqlite3_errmsg(db));
    if (sqlite3_step(st) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), "ok"))
        die("the database is damaged", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

struct problems {
    long count;
};

static void on_problem(void *ud, const char *msg)
{
    struct problems *p = ud;
    p->count++;
    if (strncmp(msg, dir, strlen(dir)) != 0)
        die("a problem that does not begin with its file", msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!reg)
        setup();
    remove_db(work_db);
    write_file(work_db, template_bytes, template_len);

    char args[MAX_FILES][200];
    const char *paths[MAX_FILES];
    size_t nfiles = 0;
    const uint8_t *p = data, *end = data + size;
    while (nfiles < MAX_FILES && p < end) {
        const uint8_t *next = memmem(p, (size_t)(end - p), sep, sizeof sep - 1);
        const uint8_t *stop = next ? next : end;
        /* An empty section is an empty units file. */
        const char *table = tables[stop > p ? *p % 5 : 0];
        char path[160];
        snprintf(path, sizeof path, "%s/f%zu.csv", dir, nfiles);
        write_file(path, p + 1, stop > p ? (size_t)(stop - p - 1) : 0);
        snprintf(args[nfiles], sizeof args[nfiles], "%s=%s", table, path);
        paths[nfiles] = args[nfiles];
        nfiles++;
        p = next ? next + sizeof sep - 1 : end;
    }
    if (nfiles == 0)
        return 0;

    kp_store *s;
    kp_err e;
    if (kp_store_open(&s, work_db, KP_STORE_EXISTING, &e) || kp_store_migrate_plugins(s, reg, &e))
        die("cannot open the work database", e.msg);
    sqlite3 *db = kp_store_db(s);
    struct snapshot before = {0}, after = {0};
    snap(db, &before);

    struct problems probs = {0};
    kp_import_hooks hooks = {.ud = &probs, .problem = on_problem};
    kp_import_totals t;
    int rc = kp_import(s, reg, paths, nfiles, &hooks, &t, &e);
    snap(db, &after);
    if (rc != 0) {
        if (probs.count == 0 && strstr(e.msg, "problem"))
            die("a failed import that reported no problem", e.msg);
        if (memcmp(&before, &after, sizeof before))
            die("a failed import changed the database", e.msg);
    } else {
        if (probs.count != 0)
            die("a successful import that reported problems", NULL);
        if (after.imports != before.imports + 1)
            die("a successful import that was not recorded", NULL);
        if (t.rows != t.added + t.replaced + t.unchanged)
            die("the totals do not add up", NULL);
        long stored = rows_of_run(db, t.import_id);
        if ((t.rows > 0) != (stored > 0) || stored > t.rows)
            die("the rows of the run do not carry its id", NULL);
    }
    check_integrity(db);
    kp_store_close(s);
    return 0;
}
