/* stage.c — classifying and applying a file's rows set-based (see stage.h). */
#include "import/stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/images.h"
#include "import/loader.h"
#include "util/buf.h"

int kp_table_unit_column(const struct kp_table *t)
{
    for (size_t c = 0; c < t->ncolumns; c++)
        if (t->columns[c].type == KP_UNIT)
            return (int)c;
    return -1;
}

void kp_table_year_expr(const struct kp_table *t, const char *alias, kp_buf *b)
{
    for (size_t c = 0; c < t->ncolumns; c++)
        if (t->columns[c].type == KP_YEAR) {
            kp_buf_printf(b, "%s.%s", alias, t->columns[c].id);
            return;
        }
    for (size_t c = 0; c < t->ncolumns; c++)
        if (t->columns[c].type == KP_DATE && (t->columns[c].flags & KP_COL_KEY)) {
            kp_buf_printf(b, "CAST(substr(%s.%s, 1, 4) AS INTEGER)", alias, t->columns[c].id);
            return;
        }
    kp_buf_puts(b, "NULL");
}

/* "a.k1 = b.k1 AND a.k2 = b.k2" or, with sep ", ", "k1, k2". */
static void key_list(const struct kp_table *t, const char *a, const char *b, kp_buf *out)
{
    const char *sep = "";
    for (size_t c = 0; c < t->ncolumns; c++) {
        if (!(t->columns[c].flags & KP_COL_KEY))
            continue;
        if (b)
            kp_buf_printf(out, "%s%s.%s = %s.%s", sep, a, t->columns[c].id, b, t->columns[c].id);
        else
            kp_buf_printf(out, "%s%s%s%s", sep, a, *a ? "." : "", t->columns[c].id);
        sep = b ? " AND " : ", ";
    }
}

static int exec_buf(sqlite3 *db, kp_buf *b, const char *what, kp_err *e)
{
    if (!b->data)
        return kp_fail(e, "out of memory");
    int rc = kp_sql_exec(db, b->data, what, e);
    kp_buf_clear(b);
    return rc;
}

int kp_stage_create(sqlite3 *db, const struct kp_table *t, kp_err *e)
{
    kp_stage_drop(db);
    kp_buf b;
    kp_buf_init(&b, 0);
    kp_buf_puts(&b, "CREATE TEMP TABLE kp_stage(");
    for (size_t c = 0; c < t->ncolumns; c++)
        kp_buf_printf(&b, "%s, ", t->columns[c].id);
    kp_buf_puts(&b, "_line INTEGER, _county TEXT NOT NULL, _rowid INTEGER, _state INTEGER NOT NULL "
                    "DEFAULT 1, _prev_import INTEGER, _prev_line INTEGER)");
    int rc = exec_buf(db, &b, "staging the file", e);
    kp_buf_free(&b);
    return rc;
}

int kp_stage_prepare_insert(sqlite3 *db, const struct kp_table *t, sqlite3_stmt **st, kp_err *e)
{
    kp_buf b;
    kp_buf_init(&b, 0);
    kp_buf_puts(&b, "INSERT INTO kp_stage(");
    for (size_t c = 0; c < t->ncolumns; c++)
        kp_buf_printf(&b, "%s, ", t->columns[c].id);
    kp_buf_puts(&b, "_line, _county) VALUES(");
    for (size_t c = 0; c < t->ncolumns; c++)
        kp_buf_printf(&b, "?%zu, ", c + 1);
    kp_buf_printf(&b, "?%zu, ?%zu)", t->ncolumns + 1, t->ncolumns + 2);
    int rc = 0;
    if (!b.data)
        rc = kp_fail(e, "out of memory");
    else if (sqlite3_prepare_v2(db, b.data, -1, st, NULL) != SQLITE_OK)
        rc = kp_sql_fail(e, db, "staging the file");
    kp_buf_free(&b);
    return rc;
}

void kp_stage_drop(sqlite3 *db)
{
    sqlite3_exec(db, "DROP TABLE IF EXISTS temp.kp_stage; DROP TABLE IF EXISTS temp.kp_scope;"
                     " DROP TABLE IF EXISTS temp.kp_old",
                 NULL, NULL, NULL);
}

struct ctx {
    sqlite3 *db;
    const struct kp_stage_job *job;
    kp_import_file_stats *st;
    kp_buf b;
    int problems;
};

/* Each row of `sql` (line, other line or count, ...) is one problem; `fmt` takes two longs. */
static int report_rows(struct ctx *x, const char *sql, const char *fmt, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(x->db, sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, x->db, x->job->t->id);
    sqlite3_bind_int64(st, 1, x->job->import_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char msg[512];
        snprintf(msg, sizeof msg, fmt, (long)sqlite3_column_int64(st, 1));
        x->problems++;
        x->job->problem(x->job->ud, (long)sqlite3_column_int64(st, 0), msg);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, x->db, x->job->t->id);
}

/* Whether the query in x->b returns a row: 1, 0, or -1 on failure. */
static int exists_row(struct ctx *x, kp_err *e)
{
    sqlite3_stmt *st;
    if (!x->b.data || sqlite3_prepare_v2(x->db, x->b.data, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, x->db, x->job->t->id);
    kp_buf_clear(&x->b);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kp_sql_fail(e, x->db, x->job->t->id);
    return rc == SQLITE_ROW;
}

/* A key twice in the file: the same values are one row, other values a problem. */
static int file_duplicates(struct ctx *x, kp_err *e)
{
    const struct kp_table *t = x->job->t;
    kp_buf_puts(&x->b, "CREATE INDEX temp.kp_stage_key ON kp_stage(");
    key_list(t, "", NULL, &x->b);
    kp_buf_puts(&x->b, ", _line)");
    if (exec_buf(x->db, &x->b, "sorting the file by key", e))
        return -1;
    /* Most files repeat no key: one pass over the index says so. */
    kp_buf_puts(&x->b, "SELECT 1 FROM kp_stage GROUP BY ");
    key_list(t, "", NULL, &x->b);
    kp_buf_puts(&x->b, " HAVING count(*) > 1 LIMIT 1");
    int any = exists_row(x, e);
    if (any <= 0)
        return any;
    kp_buf_puts(&x->b, "SELECT max(_line), min(_line) FROM kp_stage GROUP BY ");
    key_list(t, "", NULL, &x->b);
    kp_buf_puts(&x->b, " HAVING count(*) > 1 AND count(DISTINCT json_array(");
    const char *sep = "";
    for (size_t c = 0; c < t->ncolumns; c++)
        if (x->job->present[c] >= 0) {
            kp_buf_printf(&x->b, "%s%s", sep, t->columns[c].id);
            sep = ", ";
        }
    kp_buf_puts(&x->b, ")) > 1 ORDER BY 1");
    if (!x->b.data || report_rows(x, x->b.data, "this row has the same key as line %ld of this "
                                                "file but other values; keep one of them", e))
        return -1;
    kp_buf_clear(&x->b);
    kp_buf_puts(&x->b, "DELETE FROM kp_stage WHERE rowid NOT IN (SELECT min(rowid) FROM kp_stage"
                       " GROUP BY ");
    key_list(t, "", NULL, &x->b);
    kp_buf_puts(&x->b, ")");
    return exec_buf(x->db, &x->b, "sorting the file by key", e);
}

/* Which staged rows are new (state 1), changed (2) or the same (0). */
static int match(struct ctx *x, kp_err *e)
{
    const struct kp_table *t = x->job->t;
    kp_buf_puts(&x->b, "UPDATE kp_stage SET _rowid = t.rowid, _prev_import = t._import,"
                       " _prev_line = t._line, _state = CASE WHEN 1");
    /* A file that leaves out an optional column replaces only what it carries. */
    for (size_t c = 0; c < t->ncolumns; c++)
        if (x->job->present[c] >= 0)
            kp_buf_printf(&x->b, " AND t.%s IS kp_stage.%s", t->columns[c].id, t->columns[c].id);
    kp_buf_printf(&x->b, " THEN 0 ELSE 2 END FROM %s AS t WHERE ", t->id);
    key_list(t, "t", "kp_stage", &x->b);
    if (exec_buf(x->db, &x->b, "comparing the file with the stored rows", e))
        return -1;
    return report_rows(x, "SELECT _line, _prev_line FROM kp_stage WHERE _state = 2 AND"
                          " _prev_import = ?1 ORDER BY _line",
                       "this row has the same key as line %ld of another file of this import "
                       "but other values; keep one of them", e);
}

/* The county of every staged row, and the stored rows the file covers. */
static int scope(struct ctx *x, kp_err *e)
{
    const struct kp_table *t = x->job->t;
    int u = kp_table_unit_column(t);
    kp_buf_puts(&x->b, "CREATE TEMP TABLE kp_scope(county TEXT NOT NULL, year INTEGER,"
                       " UNIQUE (county, year));"
                       "CREATE TEMP TABLE kp_old(rid INTEGER PRIMARY KEY, county TEXT NOT NULL,"
                       " kept INTEGER NOT NULL DEFAULT 0);"
                       "INSERT OR IGNORE INTO kp_scope SELECT DISTINCT _county, ");
    kp_table_year_expr(t, "kp_stage", &x->b);
    kp_buf_puts(&x->b, " FROM kp_stage;");
    if (!x->job->merge && t != &kp_units_table) {
        /* Rows of units in the county, of the city itself, and without a
         * unit; never rows this import wrote from another of its files. */
        const char *joins[] = {
            "JOIN units u ON u.county = sc.county JOIN %s t ON t.%s = u.code",
            "JOIN units u ON u.level = 1 AND u.code = sc.county JOIN %s t ON t.%s = u.code",
            "JOIN %s t ON sc.county = '' AND t.%s IS NULL",
        };
        for (size_t j = 0; u >= 0 && j < 3; j++) {
            kp_buf_puts(&x->b, "INSERT OR IGNORE INTO kp_old(rid, county) SELECT t.rowid,"
                               " sc.county FROM kp_scope sc ");
            kp_buf_printf(&x->b, joins[j], t->id, t->columns[u].id);
            kp_buf_printf(&x->b, " WHERE t._import <> %ld AND sc.year IS ", x->job->import_id);
            kp_table_year_expr(t, "t", &x->b);
            kp_buf_puts(&x->b, ";");
        }
        if (u < 0) {
            kp_buf_printf(&x->b, "INSERT INTO kp_old(rid, county) SELECT t.rowid, '' FROM %s t"
                                 " WHERE t._import <> %ld;", t->id, x->job->import_id);
        }
        kp_buf_puts(&x->b, "UPDATE kp_old SET kept = 1 WHERE rid IN (SELECT _rowid FROM kp_stage"
                           " WHERE _rowid IS NOT NULL);");
    }
    return exec_buf(x->db, &x->b, "finding the rows the file replaces", e);
}

static int add_county(kp_import_file_stats *st, sqlite3_stmt *q, kp_err *e)
{
    kp_import_county *p = realloc(st->counties, (st->ncounties + 1) * sizeof *p);
    if (!p)
        return kp_fail(e, "out of memory");
    st->counties = p;
    kp_import_county *c = &p[st->ncounties++];
    const char *code = (const char *)sqlite3_column_text(q, 0);
    const char *name = (const char *)sqlite3_column_text(q, 1);
    snprintf(c->code, sizeof c->code, "%s", code ? code : "");
    snprintf(c->name, sizeof c->name, "%s", name ? name : "");
    c->before = (long)sqlite3_column_int64(q, 2);
    c->added = (long)sqlite3_column_int64(q, 3);
    c->replaced = (long)sqlite3_column_int64(q, 4);
    c->removed = (long)sqlite3_column_int64(q, 5);
    c->unchanged = (long)sqlite3_column_int64(q, 6);
    st->added += c->added;
    st->replaced += c->replaced;
    st->removed += c->removed;
    st->unchanged += c->unchanged;
    return 0;
}

/* Per-county counts; the guard against removing more than half of a county. */
static int count_and_guard(struct ctx *x, kp_err *e)
{
    static const char sql[] =
        /* Counted before the county's name is looked up: one lookup per
         * county, not one per row. */
        "SELECT g.c, u.name, g.b, g.a, g.r, g.d, g.n FROM ("
        " SELECT c, sum(b) b, sum(a) a, sum(r) r, sum(d) d, sum(n) n FROM ("
        "  SELECT _county c, 0 b, _state = 1 a, _state = 2 r, 0 d, _state = 0 n"
        "   FROM kp_stage"
        "  UNION ALL SELECT county, 1, 0, 0, NOT kept, 0 FROM kp_old) GROUP BY c) g"
        " LEFT JOIN units u ON u.code = g.c ORDER BY g.c";
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(x->db, sql, -1, &q, NULL) != SQLITE_OK)
        return kp_sql_fail(e, x->db, x->job->t->id);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (add_county(x->st, q, e)) {
            sqlite3_finalize(q);
            return -1;
        }
        const kp_import_county *c = &x->st->counties[x->st->ncounties - 1];
        if (x->job->force || c->removed * 2 <= c->before)
            continue;
        char msg[512];
        snprintf(msg, sizeof msg, "this file would remove %ld of the %ld rows %s%s%s holds in "
                 "table %s (more than half), so nothing was imported; check that it is the "
                 "whole submission, or import it with --force if the rows are meant to go",
                 c->removed, c->before, c->name, *c->name ? " " : "", c->code, x->job->t->id);
        x->problems++;
        x->job->problem(x->job->ud, 1, msg);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, x->db, x->job->t->id);
}

/* One pass: keep images, replace, add, remove, list the added.  Adding
 * before removing keeps the new rowids above every old one, so an added row
 * never takes the rowid of a removed one and undo tells them apart. */
static int write_rows(struct ctx *x, kp_err *e)
{
    const struct kp_table *t = x->job->t;
    long id = x->job->import_id;
    int64_t max;
    if (kp_images_keep(x->db, id, t->id, "replaced",
                       "JOIN kp_stage s ON s._rowid = t.rowid WHERE s._state = 2", e) ||
        kp_images_keep(x->db, id, t->id, "removed",
                       "JOIN kp_old o ON o.rid = t.rowid WHERE NOT o.kept", e) ||
        kp_images_max_rowid(x->db, t->id, &max, e))
        return -1;
    kp_buf_printf(&x->b, "UPDATE %s SET ", t->id);
    for (size_t c = 0; c < t->ncolumns; c++)
        if (x->job->present[c] >= 0)
            kp_buf_printf(&x->b, "%s = s.%s, ", t->columns[c].id, t->columns[c].id);
    kp_buf_printf(&x->b, "_import = %ld, _line = s._line FROM kp_stage s WHERE s._rowid = %s.rowid"
                         " AND s._state = 2;", id, t->id);
    kp_buf_printf(&x->b, "INSERT INTO %s(", t->id);
    for (size_t c = 0; c < t->ncolumns; c++)
        kp_buf_printf(&x->b, "%s, ", t->columns[c].id);
    kp_buf_puts(&x->b, "_import, _line) SELECT ");
    for (size_t c = 0; c < t->ncolumns; c++)
        kp_buf_printf(&x->b, "%s, ", t->columns[c].id);
    kp_buf_printf(&x->b, "%ld, _line FROM kp_stage WHERE _state = 1 ORDER BY ", id);
    key_list(t, "", NULL, &x->b);
    kp_buf_printf(&x->b, ";DELETE FROM %s WHERE rowid IN (SELECT rid FROM kp_old WHERE NOT kept)",
                  t->id);
    if (exec_buf(x->db, &x->b, "storing the file's rows", e))
        return -1;
    return kp_images_added(x->db, id, t->id, max, e);
}

int kp_stage_apply(sqlite3 *db, const struct kp_stage_job *job, kp_import_file_stats *st,
                   kp_err *e)
{
    struct ctx x = {.db = db, .job = job, .st = st};
    kp_buf_init(&x.b, 0);
    int rc = -1;
    if (file_duplicates(&x, e) || match(&x, e) || scope(&x, e) || count_and_guard(&x, e))
        goto out;
    if (job->write && x.problems == 0 && write_rows(&x, e))
        goto out;
    rc = x.problems;
out:
    kp_buf_free(&x.b);
    kp_stage_drop(db);
    return rc;
}
