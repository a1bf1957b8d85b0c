/*
 * import.c — an import run: which file goes into which table, in what order,
 * inside one transaction that is committed only when every row of every file
 * was good.
 */
#include "import/import.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "import/loader.h"
#include "store/units.h"
#include "util/buf.h"
#include "util/dirlist.h"

#define MAX_FILES 4096
#define IMPORT_CACHE_KIB "32768"

struct job {
    char *path;
    const struct kp_table *table; /* NULL: not known (reported) */
    char *named;                  /* the table name given or derived */
};

struct jobs {
    struct job *items;
    size_t n, cap;
};

static int has_csv_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && !strcasecmp(name + n - 4, ".csv");
}

/* "dir/health_lectures.csv" -> "health_lectures" */
static char *table_from_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (has_csv_suffix(base))
        n -= 4;
    return strndup(base, n);
}

static int add_job(struct jobs *j, const char *path, const char *table, kp_err *e)
{
    if (j->n == MAX_FILES)
        return kp_fail(e, "more than %d files in one import", MAX_FILES);
    if (j->n == j->cap) {
        size_t cap = j->cap ? j->cap * 2 : 16;
        struct job *p = realloc(j->items, cap * sizeof *p);
        if (!p)
            return kp_fail(e, "out of memory");
        j->items = p;
        j->cap = cap;
    }
    struct job *job = &j->items[j->n];
    job->path = strdup(path);
    job->named = table ? strdup(table) : table_from_path(path);
    job->table = NULL;
    if (!job->path || !job->named) {
        free(job->path);
        free(job->named);
        return kp_fail(e, "out of memory");
    }
    j->n++;
    return 0;
}

/* A file found in a folder is imported only when it is a regular file in
 * that folder: a FIFO would hang the import, a device never ends, and a link
 * to /etc/shadow would show its first line in the error about its header.
 * A link that stays inside the folder is fine; one that leaves it needs
 * --follow. */
static int folder_file_ok(const char *real_dir, const char *path, int follow, kp_err *e)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return kp_fail_errno(e, "%s", path);
    if (S_ISLNK(st.st_mode) && !follow) {
        char target[PATH_MAX];
        size_t n = strlen(real_dir);
        if (!realpath(path, target))
            return kp_fail_errno(e, "%s: a link that leads nowhere", path);
        if (strncmp(target, real_dir, n) != 0 || target[n] != '/')
            return kp_fail(e, "%s: is a link to a file outside the folder; it is not imported "
                              "unless you give --follow", path);
    }
    if (stat(path, &st) != 0)
        return kp_fail_errno(e, "%s", path);
    if (!S_ISREG(st.st_mode))
        return kp_fail(e, "%s: is not a regular file (a FIFO, device, socket or folder); "
                          "only files are imported from a folder", path);
    return 0;
}

static int add_folder(struct jobs *j, const char *dir, int follow, kp_err *e)
{
    char real_dir[PATH_MAX];
    if (!realpath(dir, real_dir))
        return kp_fail_errno(e, "%s", dir);
    kp_dirlist l;
    if (kp_dirlist_read(&l, dir, ".csv", e))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.n && rc == 0; i++) {
        char path[PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", dir, l.names[i]) >= (int)sizeof path)
            rc = kp_fail(e, "%s/%s: the path is too long", dir, l.names[i]);
        else
            rc = folder_file_ok(real_dir, path, follow, e) || add_job(j, path, NULL, e);
    }
    if (rc == 0 && l.n == 0)
        rc = kp_fail(e, "%s: the folder holds no .csv files", dir);
    kp_dirlist_free(&l);
    return rc;
}

static int collect(struct jobs *j, const char *const *paths, size_t npaths, int follow, kp_err *e)
{
    for (size_t i = 0; i < npaths; i++) {
        const char *arg = paths[i];
        const char *eq = strchr(arg, '=');
        struct stat st;
        if (eq && eq != arg && stat(arg, &st) != 0) {
            /* table=path: a file whose name is not its table */
            char *table = strndup(arg, (size_t)(eq - arg));
            int rc = table ? add_job(j, eq + 1, table, e) : kp_fail(e, "out of memory");
            free(table);
            if (rc)
                return -1;
            continue;
        }
        if (stat(arg, &st) != 0)
            return kp_fail_errno(e, "%s", arg);
        if (S_ISDIR(st.st_mode) ? add_folder(j, arg, follow, e) : add_job(j, arg, NULL, e))
            return -1;
    }
    /* Units first: every other table refers to them.  Stable otherwise. */
    size_t front = 0;
    for (size_t i = 0; i < j->n; i++)
        if (!strcmp(j->items[i].named, "units")) {
            struct job u = j->items[i];
            memmove(j->items + front + 1, j->items + front, (i - front) * sizeof u);
            j->items[front++] = u;
        }
    return 0;
}

static void free_jobs(struct jobs *j)
{
    for (size_t i = 0; i < j->n; i++) {
        free(j->items[i].path);
        free(j->items[i].named);
    }
    free(j->items);
}

static void report(const kp_import_hooks *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void report(const kp_import_hooks *h, const char *fmt, ...)
{
    if (!h->problem)
        return;
    char msg[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    h->problem(h->ud, msg);
}

/* Find each job's table; an unknown table is a problem of that file. */
static long resolve_tables(struct jobs *j, const kp_registry *reg, const kp_import_hooks *h)
{
    long problems = 0;
    for (size_t i = 0; i < j->n; i++) {
        struct job *job = &j->items[i];
        if (!strcmp(job->named, "units")) {
            job->table = &kp_units_table;
            continue;
        }
        job->table = kp_registry_find_table(reg, job->named, NULL);
        if (!job->table) {
            problems++;
            report(h, "%s:1: no loaded plugin has a table \"%s\"; name the file after its table "
                      "(see 'kaoping plugins') or give it as TABLE=%s",
                   job->path, job->named, job->path);
        }
    }
    return problems;
}

struct settle_ctx {
    const kp_import_hooks *h;
    const char *path;
};

static void settle_problem(void *ud, long line, const char *column, const char *msg)
{
    struct settle_ctx *c = ud;
    report(c->h, "%s:%ld: %s: %s", c->path, line, column, msg);
}

static int begin_run(sqlite3 *db, kp_store *s, struct jobs *j, long *id, kp_err *e)
{
    kp_buf files;
    kp_buf_init(&files, 0);
    for (size_t i = 0; i < j->n; i++)
        kp_buf_printf(&files, "%s%s", i ? "\n" : "", j->items[i].path);
    sqlite3_stmt *st;
    int rc = -1;
    if (!files.data) {
        kp_fail(e, "out of memory");
    } else if (sqlite3_prepare_v2(db, "INSERT INTO kp_imports(started, files)"
                                      " VALUES(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1)",
                                  -1, &st, NULL) != SQLITE_OK) {
        kp_sql_fail(e, db, kp_store_path(s));
    } else {
        sqlite3_bind_text(st, 1, files.data, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_DONE) {
            *id = (long)sqlite3_last_insert_rowid(db);
            rc = 0;
        } else {
            kp_sql_fail(e, db, kp_store_path(s));
        }
        sqlite3_finalize(st);
    }
    kp_buf_free(&files);
    return rc;
}

static int finish_run(sqlite3 *db, kp_store *s, const kp_import_totals *t, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "UPDATE kp_imports SET added = ?1, replaced = ?2, unchanged = ?3"
                               " WHERE id = ?4", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, kp_store_path(s));
    sqlite3_bind_int64(st, 1, t->added);
    sqlite3_bind_int64(st, 2, t->replaced);
    sqlite3_bind_int64(st, 3, t->unchanged);
    sqlite3_bind_int64(st, 4, t->import_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, kp_store_path(s));
}

int kp_import(kp_store *s, const kp_registry *reg, const char *const *paths, size_t npaths,
              const kp_import_hooks *hooks, kp_import_totals *totals, kp_err *e)
{
    static const kp_import_hooks none = {0};
    const kp_import_hooks *h = hooks ? hooks : &none;
    sqlite3 *db = kp_store_db(s);
    struct jobs j = {0};
    kp_import_file_stats *stats = NULL;
    int rc = -1, in_tx = 0;
    memset(totals, 0, sizeof *totals);

    if (npaths == 0) {
        kp_fail(e, "no files to import");
        goto out;
    }
    if (collect(&j, paths, npaths, h->follow, e))
        goto out;
    totals->files = (long)j.n;
    totals->problems = resolve_tables(&j, reg, h);
    if (!(stats = calloc(j.n, sizeof *stats))) {
        kp_fail(e, "out of memory");
        goto out;
    }
    /* An import touches many pages of the key indexes in one transaction;
     * a larger page cache keeps them out of the WAL until commit.  Bounded,
     * so memory stays flat whatever the file size. */
    if (kp_store_exec(s, "PRAGMA cache_size = -" IMPORT_CACHE_KIB, e) || kp_store_begin(s, e))
        goto out;
    in_tx = 1;
    if (begin_run(db, s, &j, &totals->import_id, e))
        goto out;
    const char *units_path = NULL;
    for (size_t i = 0; i < j.n; i++) {
        if (!j.items[i].table)
            continue;
        stats[i].path = j.items[i].path;
        stats[i].table = j.items[i].table->id;
        kp_err ferr;
        if (kp_load_file(db, j.items[i].table, j.items[i].path, totals->import_id, h, &stats[i],
                         &totals->problems, &ferr) &&
            sqlite3_get_autocommit(db)) {
            kp_fail(e, "%s", ferr.msg); /* the store itself gave up */
            goto out;
        }
        if (j.items[i].table == &kp_units_table)
            units_path = j.items[i].path;
    }
    if (totals->problems == 0 && units_path) {
        struct settle_ctx ctx = {h, units_path};
        int n = kp_units_settle(db, totals->import_id, settle_problem, &ctx, e);
        if (n < 0)
            goto out;
        totals->problems += n;
    }
    if (totals->problems) {
        kp_fail(e, "%ld problem%s found; nothing was imported", totals->problems,
                totals->problems == 1 ? "" : "s");
        goto out;
    }
    for (size_t i = 0; i < j.n; i++) {
        totals->rows += stats[i].rows;
        totals->added += stats[i].added;
        totals->replaced += stats[i].replaced;
        totals->unchanged += stats[i].unchanged;
    }
    if (finish_run(db, s, totals, e) || kp_store_commit(s, e))
        goto out;
    in_tx = 0;
    if (h->file_done)
        for (size_t i = 0; i < j.n; i++)
            h->file_done(h->ud, &stats[i]);
    rc = 0;
out:
    if (in_tx)
        kp_store_rollback(s);
    free(stats);
    free_jobs(&j);
    return rc;
}
