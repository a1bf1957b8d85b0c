/*
 * import_vs_sqlite.c — kaoping's import beside SQLite storing the same rows
 * with nothing else to do.
 *
 *   build/bench/import_vs_sqlite DATA_DIR SCRATCH_DIR PLUGIN.so...
 *
 * DATA_DIR holds the CSV files a city sends (`kaoping demo DIR --counties 100
 * --scale N` writes them to DIR/data).  The baseline is what sqlite3's
 * `.import` does, done with the SQLite C API so that both sides read the CSV
 * with the same reader: per file an untyped table named after the header, no
 * index, one prepared INSERT of every field as text, all files in one
 * transaction.  Then kaoping imports the folder into a new database (first
 * import) and imports it again (a resubmission, every row unchanged).
 * Prints rows/s by the clock and per CPU second, the ratio to the baseline
 * in CPU time (the machine is shared: the clock also measures the
 * neighbours), and the process's peak resident memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <sqlite3.h>

#include "csv/csv.h"
#include "import/import.h"
#include "util/dirlist.h"

typedef struct {
    double wall, cpu;
    long rows;
} timing;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int sql_fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    return -1;
}

/* CREATE TABLE "t"("a", "b", ...) and INSERT INTO "t" VALUES(?, ?, ...) from the header. */
static int prepare_table(sqlite3 *db, kp_csv *c, const char *name, sqlite3_stmt **ins)
{
    size_t n = kp_csv_nfields(c);
    size_t cap = 256 + n * 80;
    char *create = malloc(cap), *insert = malloc(cap);
    int rc = -1;
    if (!create || !insert)
        goto out;
    int a = snprintf(create, cap, "CREATE TABLE \"%s\"(", name);
    int b = snprintf(insert, cap, "INSERT INTO \"%s\" VALUES(", name);
    for (size_t i = 0; i < n; i++) {
        a += snprintf(create + a, cap - (size_t)a, "%s\"%s\"", i ? ", " : "",
                      kp_csv_field(c, i, NULL));
        b += snprintf(insert + b, cap - (size_t)b, "%s?", i ? ", " : "");
    }
    snprintf(create + a, cap - (size_t)a, ")");
    snprintf(insert + b, cap - (size_t)b, ")");
    if (sqlite3_exec(db, create, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, insert, -1, ins, NULL) != SQLITE_OK)
        rc = sql_fail(db, name);
    else
        rc = 0;
out:
    free(create);
    free(insert);
    return rc;
}

/* One file into its own table; the rows counted into *rows. */
static int sqlite_file(sqlite3 *db, const char *path, const char *name, long *rows)
{
    kp_csv *c;
    kp_err e;
    sqlite3_stmt *ins = NULL;
    if (kp_csv_open_file(&c, path, &e) || kp_csv_next(c, &e) != 1) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    int rc = prepare_table(db, c, name, &ins), more;
    size_t n = kp_csv_nfields(c);
    while (rc == 0 && (more = kp_csv_next(c, &e)) == 1) {
        for (size_t i = 0; i < n; i++) {
            size_t len = 0;
            const char *f = i < kp_csv_nfields(c) ? kp_csv_field(c, i, &len) : NULL;
            if (sqlite3_bind_text(ins, (int)i + 1, f, (int)len, SQLITE_STATIC) != SQLITE_OK)
                rc = sql_fail(db, path);
        }
        if (rc == 0 && sqlite3_step(ins) != SQLITE_DONE)
            rc = sql_fail(db, path);
        sqlite3_reset(ins);
        (*rows)++;
    }
    if (rc == 0 && more < 0) {
        fprintf(stderr, "%s\n", e.msg);
        rc = -1;
    }
    sqlite3_finalize(ins);
    kp_csv_close(c);
    return rc;
}

/* The folder's files of a loaded table, as "DIR/NAME.csv"; the demo's
 * manual_*.csv are scores, not table rows, and go through another command. */
static int table_files(const kp_registry *reg, const char *dir, char ***out, size_t *n)
{
    kp_dirlist l;
    kp_err e;
    if (kp_dirlist_read(&l, dir, ".csv", &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    *out = calloc(l.n + 1, sizeof **out);
    *n = 0;
    for (size_t i = 0; *out && i < l.n; i++) {
        char name[256], path[8192];
        snprintf(name, sizeof name, "%.*s", (int)strlen(l.names[i]) - 4, l.names[i]);
        if (strcmp(name, "units") && !kp_registry_find_table(reg, name, NULL))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, l.names[i]);
        if (!((*out)[(*n)++] = strdup(path)))
            break;
    }
    kp_dirlist_free(&l);
    return *out && (*n == 0 || (*out)[*n - 1]) ? 0 : -1;
}

/* The table name sqlite3's .import would take: the file's name without ".csv". */
static void table_name(const char *path, char *name, size_t cap)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(name, cap, "%.*s", (int)strlen(base) - 4, base);
}

static int sqlite_import(const char *db_path, char *const *files, size_t n, timing *t)
{
    remove(db_path);
    sqlite3 *db;
    int rc = -1;
    char name[256];
    double w0 = now(), c0 = cpu();
    if (sqlite3_open(db_path, &db) != SQLITE_OK ||
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        sql_fail(db, db_path);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        table_name(files[i], name, sizeof name);
        if (sqlite_file(db, files[i], name, &t->rows))
            goto out;
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        sql_fail(db, db_path);
        goto out;
    }
    rc = 0;
out:
    sqlite3_close(db);
    t->wall = now() - w0;
    t->cpu = cpu() - c0;
    return rc;
}

/* The first few problems, so that a refused folder says why. */
static void problem(void *ud, const char *msg)
{
    int *n = ud;
    if ((*n)++ < 5)
        fprintf(stderr, "%s\n", msg);
}

static int kaoping_import(kp_store *s, const kp_registry *reg, char *const *files, size_t n,
                          timing *t)
{
    kp_import_totals tot;
    kp_err e;
    int problems = 0;
    kp_import_hooks hooks = {.ud = &problems, .problem = problem};
    double w0 = now(), c0 = cpu();
    int rc = kp_import(s, reg, (const char *const *)files, n, &hooks, &tot, &e);
    t->wall = now() - w0;
    t->cpu = cpu() - c0;
    t->rows = tot.rows;
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    return rc;
}

static void print(const char *what, const timing *t, const timing *base)
{
    printf("%-22s %8ld rows %7.2f s %7.2f s CPU %9.0f rows/s %9.0f rows/CPU s", what, t->rows,
           t->wall, t->cpu, t->rows / t->wall, t->rows / t->cpu);
    if (base)
        printf("  %.2fx sqlite3 (CPU)", t->cpu / base->cpu);
    printf("\n");
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: import_vs_sqlite DATA_DIR SCRATCH_DIR PLUGIN.so...\n");
        return 2;
    }
    const char *data = argv[1], *scratch = argv[2];
    char path[4096];
    mkdir(scratch, 0777);
    kp_registry *reg;
    kp_err e;
    if (kp_registry_load_paths(&reg, (const char *const *)argv + 3, (size_t)argc - 3, NULL, NULL,
                               &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    char **files;
    size_t nfiles;
    if (table_files(reg, data, &files, &nfiles))
        return 1;
    timing base = {0}, first = {0}, again = {0};
    snprintf(path, sizeof path, "%s/sqlite.db", scratch);
    if (sqlite_import(path, files, nfiles, &base))
        return 1;
    long rss_base = peak_rss_kib();
    snprintf(path, sizeof path, "%s/kaoping.db", scratch);
    remove(path);
    kp_store *s;
    if (kp_store_open(&s, path, KP_STORE_CREATE, &e) || kp_store_migrate_plugins(s, reg, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    int rc = kaoping_import(s, reg, files, nfiles, &first) ||
             kaoping_import(s, reg, files, nfiles, &again);
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    kp_store_close(s);
    kp_registry_free(reg);
    if (rc)
        return 1;
    print("sqlite3 .import (C API)", &base, NULL);
    print("kaoping first import", &first, &base);
    print("kaoping resubmission", &again, &base);
    printf("peak RSS: %ld KiB after the baseline, %ld KiB in all\n", rss_base, peak_rss_kib());
    return first.rows == base.rows ? 0 : 1;
}
