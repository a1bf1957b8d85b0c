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
#include <unistd.h>

#include "import/images.h"
#include "import/loader.h"
#include "sheet/sheet.h"
#include "store/units.h"
#include "util/buf.h"
#include "util/dirlist.h"

#define MAX_FILES 4096
#define IMPORT_CACHE_KIB "32768"

struct job {
    char *path;
    const struct kp_table *table; /* NULL: not known (reported) */
    char *named;                  /* the table name given or derived */
    char *sheet;                  /* a workbook's sheet, or NULL */
    int given;                    /* the table was named: TABLE=FILE */
    char *error;                  /* why the file cannot be read at all, or NULL */
};

struct jobs {
    struct job *items;
    size_t n, cap;
};

/* What folders are searched for; the content, not the name, decides how a file is read. */
static const char *const suffixes[] = {".csv", ".xlsx", ".xls", NULL};

/* "dir/member_trainings.csv" -> "member_trainings" */
static char *table_from_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    for (const char *const *s = suffixes; *s; s++) {
        size_t k = strlen(*s);
        if (n > k && !strcasecmp(base + n - k, *s)) {
            n -= k;
            break;
        }
    }
    return strndup(base, n);
}

/* A table by English id or Chinese title, the core's units included. */
static const struct kp_table *find_table(const kp_registry *reg, const char *name)
{
    if (!strcmp(name, kp_units_table.id) || !strcmp(name, kp_units_table.title))
        return &kp_units_table;
    const struct kp_table *t = kp_registry_find_table(reg, name, NULL);
    for (size_t i = 0; !t && i < kp_registry_count(reg); i++) {
        const struct kp_plugin *p = kp_registry_plugin(reg, i);
        for (size_t k = 0; k < p->ntables && !t; k++)
            if (!strcmp(p->tables[k].title, name))
                t = &p->tables[k];
    }
    return t;
}

static int add_job(struct jobs *j, const char *path, const char *table, const char *sheet,
                   kp_err *e)
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
    job->given = 0;
    job->error = NULL;
    job->sheet = sheet ? strdup(sheet) : NULL;
    if (!job->path || !job->named || (sheet && !job->sheet)) {
        free(job->path);
        free(job->named);
        free(job->sheet);
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

static int add_listed(struct jobs *j, const char *dir, const char *real_dir, const char *suffix,
                      int follow, size_t *found, kp_err *e)
{
    kp_dirlist l;
    if (kp_dirlist_read(&l, dir, suffix, e))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.n && rc == 0; i++) {
        char path[PATH_MAX];
        if (!strncmp(l.names[i], "~$", 2))
            continue; /* the lock file Excel keeps beside a workbook it has open */
        (*found)++;
        if (snprintf(path, sizeof path, "%s/%s", dir, l.names[i]) >= (int)sizeof path)
            rc = kp_fail(e, "%s/%s: the path is too long", dir, l.names[i]);
        else
            rc = folder_file_ok(real_dir, path, follow, e) || add_job(j, path, NULL, NULL, e);
    }
    kp_dirlist_free(&l);
    return rc;
}

static int add_folder(struct jobs *j, const char *dir, int follow, kp_err *e)
{
    char real_dir[PATH_MAX];
    if (!realpath(dir, real_dir))
        return kp_fail_errno(e, "%s", dir);
    size_t found = 0;
    for (const char *const *s = suffixes; *s; s++)
        if (add_listed(j, dir, real_dir, *s, follow, &found, e))
            return -1;
    if (found == 0)
        return kp_fail(e, "%s: the folder holds no .csv files, nor .xlsx or .xls", dir);
    return 0;
}

static void tell(void (*fn)(void *, const char *), void *ud, const char *fmt, va_list ap)
{
    if (!fn)
        return;
    char msg[1400];
    vsnprintf(msg, sizeof msg, fmt, ap);
    fn(ud, msg);
}

static void note(const kp_import_hooks *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(const kp_import_hooks *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tell(h->note, h->ud, fmt, ap);
    va_end(ap);
}

/*
 * A workbook's sheets named after tables (id or title) each go into their
 * table; with none so named, the first visible sheet goes into the table the
 * file is named after.  With TABLE=FILE, only the sheet of that table (or
 * the first).  A workbook that cannot be opened stays one job that reports
 * why, so that the other files are still checked.
 */
static int add_workbook(struct jobs *j, const char *path, const char *table,
                        const kp_registry *reg, const kp_import_hooks *h, kp_err *e)
{
    kp_sheet_names l;
    kp_err why;
    if (kp_sheet_list(path, &l, &why)) {
        if (add_job(j, path, table, NULL, e))
            return -1;
        if (!(j->items[j->n - 1].error = strdup(why.msg)))
            return kp_fail(e, "out of memory");
        return 0;
    }
    size_t before = j->n;
    int rc = 0;
    for (size_t i = 0; i < l.n && rc == 0; i++) {
        const struct kp_table *t = find_table(reg, l.names[i]);
        const struct kp_table *want = table ? find_table(reg, table) : NULL;
        if (t && (!table || t == want))
            rc = add_job(j, path, t->id, l.names[i], e);
        else if (!table && strcmp(l.names[i], "填表说明") && l.n > 1)
            note(h, "%s:%s: 工作表名不是任何表的名称或中文标题，未导入", path, l.names[i]);
    }
    if (rc == 0 && j->n == before)
        rc = add_job(j, path, table, NULL, e);
    kp_sheet_names_free(&l);
    return rc;
}

static int add_file(struct jobs *j, const char *path, const char *table, const kp_registry *reg,
                    const kp_import_hooks *h, kp_err *e)
{
    kp_sheet_kind kind;
    if (kp_sheet_detect(path, &kind, e))
        return -1;
    if (kind == KP_SHEET_CSV)
        return add_job(j, path, table, NULL, e);
    return add_workbook(j, path, table, reg, h, e);
}

static int collect_given(struct jobs *j, const char *const *paths, size_t npaths, int follow,
                         kp_err *e)
{
    for (size_t i = 0; i < npaths; i++) {
        const char *arg = paths[i];
        const char *eq = strchr(arg, '=');
        struct stat st;
        if (eq && eq != arg && stat(arg, &st) != 0) {
            /* table=path: a file whose name is not its table */
            char *table = strndup(arg, (size_t)(eq - arg));
            int rc = table ? add_job(j, eq + 1, table, NULL, e) : kp_fail(e, "out of memory");
            free(table);
            if (rc == 0)
                j->items[j->n - 1].given = 1;
            if (rc)
                return -1;
            continue;
        }
        if (stat(arg, &st) != 0)
            return kp_fail_errno(e, "%s", arg);
        if (S_ISDIR(st.st_mode) ? add_folder(j, arg, follow, e)
                                : add_job(j, arg, NULL, NULL, e))
            return -1;
    }
    return 0;
}

/* Units first: every other table refers to them.  Stable otherwise. */
static void units_first(struct jobs *j)
{
    size_t front = 0;
    for (size_t i = 0; i < j->n; i++)
        if (!strcmp(j->items[i].named, "units")) {
            struct job u = j->items[i];
            memmove(j->items + front + 1, j->items + front, (i - front) * sizeof u);
            j->items[front++] = u;
        }
}

static void free_jobs(struct jobs *j)
{
    for (size_t i = 0; i < j->n; i++) {
        free(j->items[i].path);
        free(j->items[i].named);
        free(j->items[i].sheet);
        free(j->items[i].error);
    }
    free(j->items);
}

static int collect(struct jobs *j, const char *const *paths, size_t npaths,
                   const kp_registry *reg, const kp_import_hooks *h, kp_err *e)
{
    struct jobs given = {0};
    int rc = collect_given(&given, paths, npaths, h->follow, e);
    for (size_t i = 0; i < given.n && rc == 0; i++) {
        struct job *g = &given.items[i];
        rc = add_file(j, g->path, g->given ? g->named : NULL, reg, h, e);
    }
    free_jobs(&given);
    if (rc)
        return -1;
    units_first(j);
    return 0;
}

static void report(const kp_import_hooks *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void report(const kp_import_hooks *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tell(h->problem, h->ud, fmt, ap);
    va_end(ap);
}

/* Find each job's table; an unknown table is a problem of that file. */
static long resolve_tables(struct jobs *j, const kp_registry *reg, const kp_import_hooks *h)
{
    long problems = 0;
    for (size_t i = 0; i < j->n; i++) {
        struct job *job = &j->items[i];
        if (job->error) {
            problems++;
            report(h, "%s", job->error);
            continue;
        }
        if (!strcmp(job->named, "units")) {
            job->table = &kp_units_table;
            continue;
        }
        job->table = find_table(reg, job->named);
        if (!job->table) {
            problems++;
            report(h, "%s:1: no loaded plugin has a table \"%s\"; name the file after its table "
                      "(see 'kaoping plugins') or give it as TABLE=%s",
                   job->path, job->named, job->path);
        }
    }
    return problems;
}

static int has_unit_column(const struct kp_table *t)
{
    for (size_t c = 0; t && c < t->ncolumns; c++)
        if (t->columns[c].type == KP_UNIT)
            return 1;
    return 0;
}

/*
 * Without any unit every unit code of every row is "not in units.csv": say
 * the cause once, and do not read files that could only repeat it.
 * Returns 1 when that is the case.
 */
static int units_missing(sqlite3 *db, struct jobs *j, const kp_import_hooks *h)
{
    int needed = 0;
    for (size_t i = 0; i < j->n; i++) {
        if (j->items[i].table == &kp_units_table)
            return 0;
        needed |= has_unit_column(j->items[i].table);
    }
    sqlite3_stmt *st;
    int empty = 0;
    if (needed && sqlite3_prepare_v2(db, "SELECT NOT EXISTS (SELECT 1 FROM units)", -1, &st,
                                     NULL) == SQLITE_OK) {
        empty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    if (empty)
        report(h, "数据库里还没有任何单位：请先导入 units.csv（单位表），或把它和这些文件一起导入；"
                  "在此之前，每一行的单位代码都无从核对");
    return empty;
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

static const char *run_kind(const struct jobs *j, const kp_import_options *opt)
{
    for (size_t i = 0; i < j->n; i++)
        if (j->items[i].table != &kp_units_table)
            return opt->merge ? "merge" : "replace";
    return "units";
}

static int begin_run(sqlite3 *db, kp_store *s, struct jobs *j, const kp_import_options *opt,
                     long *id, kp_err *e)
{
    kp_buf files;
    kp_buf_init(&files, 0);
    for (size_t i = 0; i < j->n; i++)
        kp_buf_printf(&files, "%s%s", i ? "\n" : "", j->items[i].path);
    sqlite3_stmt *st;
    int rc = -1;
    if (kp_buf_failed(&files)) {
        kp_fail(e, "out of memory");
    } else if (sqlite3_prepare_v2(db, "INSERT INTO kp_imports(started, files, kind, os_user)"
                                      " VALUES(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3)",
                                  -1, &st, NULL) != SQLITE_OK) {
        kp_sql_fail(e, db, kp_store_path(s));
    } else {
        sqlite3_bind_text(st, 1, files.data, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, run_kind(j, opt), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, kp_images_os_user(), -1, SQLITE_TRANSIENT);
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
    if (sqlite3_prepare_v2(db, "UPDATE kp_imports SET added = ?1, replaced = ?2, unchanged = ?3,"
                               " removed = ?5 WHERE id = ?4", -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, kp_store_path(s));
    sqlite3_bind_int64(st, 1, t->added);
    sqlite3_bind_int64(st, 2, t->replaced);
    sqlite3_bind_int64(st, 3, t->unchanged);
    sqlite3_bind_int64(st, 4, t->import_id);
    sqlite3_bind_int64(st, 5, t->removed);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, kp_store_path(s));
    return t->added + t->replaced + t->removed ? kp_images_bump_version(db, e) : 0;
}

int kp_import(kp_store *s, const kp_registry *reg, const char *const *paths, size_t npaths,
              const kp_import_hooks *hooks, kp_import_totals *totals, kp_err *e)
{
    return kp_import_with(s, reg, paths, npaths, NULL, hooks, totals, e);
}

/* Units settle as soon as they are read: the files after them are placed in
 * counties by the tree. */
static int settle_units(sqlite3 *db, const char *path, long id, const kp_import_hooks *h,
                        long *problems, kp_err *e)
{
    struct settle_ctx ctx = {h, path};
    int n = kp_units_settle(db, id, settle_problem, &ctx, e);
    if (n < 0)
        return -1;
    *problems += n;
    return 0;
}

int kp_import_with(kp_store *s, const kp_registry *reg, const char *const *paths, size_t npaths,
                   const kp_import_options *opt, const kp_import_hooks *hooks,
                   kp_import_totals *totals, kp_err *e)
{
    static const kp_import_hooks none = {0};
    static const kp_import_options defaults = {0};
    opt = opt ? opt : &defaults;
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
    if (collect(&j, paths, npaths, reg, h, e))
        goto out;
    totals->files = (long)j.n;
    totals->problems = resolve_tables(&j, reg, h);
    if (totals->problems == 0 && units_missing(db, &j, h)) {
        totals->problems = 1;
        kp_fail(e, "1 problem found; nothing was imported");
        goto out;
    }
    if (!(stats = calloc(j.n, sizeof *stats))) {
        kp_fail(e, "out of memory");
        goto out;
    }
    /* An import touches many pages of the key indexes in one transaction;
     * a larger page cache keeps them out of the WAL until commit, and the
     * staged file (temp) in memory while it fits.  Bounded, so memory
     * stays flat whatever the file size. */
    if (kp_store_exec(s, "PRAGMA cache_size = -" IMPORT_CACHE_KIB ";"
                         "PRAGMA temp.cache_size = -" IMPORT_CACHE_KIB, e) ||
        kp_store_begin(s, e))
        goto out;
    in_tx = 1;
    if (begin_run(db, s, &j, opt, &totals->import_id, e))
        goto out;
    for (size_t i = 0; i < j.n; i++) {
        if (!j.items[i].table)
            continue;
        stats[i].path = j.items[i].path;
        stats[i].table = j.items[i].table->id;
        kp_err ferr;
        if (kp_load_file(db, j.items[i].table, j.items[i].path, j.items[i].sheet, totals->import_id,
                         opt, h, &stats[i], &totals->problems, &ferr) &&
            sqlite3_get_autocommit(db)) {
            kp_fail(e, "%s", ferr.msg); /* the store itself gave up */
            goto out;
        }
        if (j.items[i].table == &kp_units_table && totals->problems == 0 &&
            settle_units(db, j.items[i].path, totals->import_id, h, &totals->problems, e))
            goto out;
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
        totals->removed += stats[i].removed;
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
    for (size_t i = 0; stats && i < j.n; i++)
        free(stats[i].counties);
    free(stats);
    free_jobs(&j);
    return rc;
}
