/*
 * migrate.c — creating and extending the tables plugins describe.
 *
 * A plugin's tables are derived from its descriptor.  A table that does not
 * exist is created with a unique index on its natural key; a table that
 * exists gains the columns the plugin now declares and it lacks.  Nothing is
 * ever dropped: a column a newer plugin no longer declares stays, with its
 * data.  A signature of each plugin's tables is kept in kp_plugins, so that
 * the usual case — nothing changed — costs one SELECT and no write.
 */
#include <stdio.h>
#include <string.h>

#include "plugin/registry.h"
#include "util/buf.h"

const char *kp_sql_type(int type);

const char *kp_sql_type(int type)
{
    switch (type) {
    case KP_INT:
    case KP_BOOL:
    case KP_YEAR:
        return "INTEGER";
    case KP_REAL:
        return "REAL";
    default:
        return "TEXT";
    }
}

static int signature(const struct kp_plugin *p, kp_buf *b)
{
    for (size_t t = 0; t < p->ntables; t++) {
        const struct kp_table *tab = &p->tables[t];
        if (kp_buf_printf(b, "%s(", tab->id))
            return -1;
        for (size_t c = 0; c < tab->ncolumns; c++)
            if (kp_buf_printf(b, "%s %s%s,", tab->columns[c].id, kp_sql_type(tab->columns[c].type),
                              tab->columns[c].flags & KP_COL_KEY ? " key" : ""))
                return -1;
        if (kp_buf_puts(b, ");"))
            return -1;
    }
    return 0;
}

static int stored_signature_matches(sqlite3 *db, const struct kp_plugin *p, const char *sig,
                                    int *matches, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT signature FROM kp_plugins WHERE id = ?", -1, &st, NULL))
        return kp_sql_fail(e, db, "reading plugin schemas");
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *matches = rc == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), sig);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "reading plugin schemas");
    return 0;
}

static int column_exists(sqlite3 *db, const char *table, const char *column, int *exists,
                         kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", -1, &st,
                           NULL))
        return kp_sql_fail(e, db, "reading table columns");
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *exists = rc == SQLITE_ROW;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "reading table columns");
    return 0;
}

static int table_exists(sqlite3 *db, const char *table, int *exists, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                           -1, &st, NULL))
        return kp_sql_fail(e, db, "reading tables");
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *exists = rc == SQLITE_ROW;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kp_sql_fail(e, db, "reading tables");
    return 0;
}

static int create_table(sqlite3 *db, const struct kp_plugin *p, const struct kp_table *t,
                        kp_err *e)
{
    kp_buf b;
    kp_buf_init(&b, 0);
    int rc = kp_buf_printf(&b, "CREATE TABLE %s(", t->id);
    for (size_t c = 0; c < t->ncolumns; c++)
        rc |= kp_buf_printf(&b, "%s %s, ", t->columns[c].id, kp_sql_type(t->columns[c].type));
    /* Where each row came from: the import run and the line of its file. */
    rc |= kp_buf_printf(&b, "_import INTEGER NOT NULL, _line INTEGER NOT NULL);\n"
                            "CREATE UNIQUE INDEX %s_key ON %s(",
                        t->id, t->id);
    const char *sep = "";
    for (size_t c = 0; c < t->ncolumns; c++)
        if (t->columns[c].flags & KP_COL_KEY) {
            rc |= kp_buf_printf(&b, "%s%s", sep, t->columns[c].id);
            sep = ", ";
        }
    rc |= kp_buf_puts(&b, ");\n");
    /* Indicators select rows by unit; give every unit column that does not
     * lead the key an index of its own. */
    int first_key = 1;
    for (size_t c = 0; c < t->ncolumns; c++) {
        const struct kp_column *col = &t->columns[c];
        int leads = first_key && (col->flags & KP_COL_KEY);
        if (col->flags & KP_COL_KEY)
            first_key = 0;
        if (col->type == KP_UNIT && !leads)
            rc |= kp_buf_printf(&b, "CREATE INDEX %s_%s ON %s(%s);\n", t->id, col->id, t->id,
                                col->id);
    }
    if (rc) {
        kp_buf_free(&b);
        return kp_fail(e, "out of memory");
    }
    char what[256];
    snprintf(what, sizeof what, "plugin %s: creating table %s", p->id, t->id);
    rc = kp_sql_exec(db, b.data, what, e);
    kp_buf_free(&b);
    return rc;
}

static int migrate_table(sqlite3 *db, const struct kp_plugin *p, const struct kp_table *t,
                         kp_err *e)
{
    int exists;
    if (column_exists(db, t->id, "_import", &exists, e))
        return -1;
    if (!exists) {
        /* A table without _import was not made from a plugin description. */
        int any = 0;
        if (table_exists(db, t->id, &any, e))
            return -1;
        if (any)
            return kp_fail(e, "plugin %s: the database already has a table %s that kaoping did "
                              "not make", p->id, t->id);
        return create_table(db, p, t, e);
    }
    for (size_t c = 0; c < t->ncolumns; c++) {
        const struct kp_column *col = &t->columns[c];
        if (column_exists(db, t->id, col->id, &exists, e))
            return -1;
        if (exists)
            continue;
        if (col->flags & KP_COL_KEY)
            return kp_fail(e, "plugin %s: table %s gained key column %s; a key cannot change "
                              "on existing data",
                           p->id, t->id, col->id);
        char sql[512], what[256];
        snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s", t->id, col->id,
                 kp_sql_type(col->type));
        snprintf(what, sizeof what, "plugin %s: adding column %s.%s", p->id, t->id, col->id);
        if (kp_sql_exec(db, sql, what, e))
            return -1;
    }
    return 0;
}

static int record_plugin(sqlite3 *db, const struct kp_plugin *p, const char *sig, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO kp_plugins(id, version, signature, first_seen)"
                           " VALUES(?1, ?2, ?3, datetime('now'))"
                           " ON CONFLICT(id) DO UPDATE SET version = ?2, signature = ?3",
                           -1, &st, NULL))
        return kp_sql_fail(e, db, "recording plugin");
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->version, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, sig, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : kp_sql_fail(e, db, "recording plugin");
}

int kp_store_migrate_plugins(kp_store *s, const kp_registry *r, kp_err *e)
{
    sqlite3 *db = kp_store_db(s);
    int in_tx = 0, rc = -1;
    kp_buf sig;
    kp_buf_init(&sig, 0);
    for (size_t i = 0; i < kp_registry_count(r); i++) {
        const struct kp_plugin *p = kp_registry_plugin(r, i);
        kp_buf_clear(&sig);
        if (signature(p, &sig)) {
            kp_fail(e, "out of memory");
            goto out;
        }
        /* A plugin without tables has an empty signature (and the buffer
         * has no data until something is written to it). */
        const char *sigtext = sig.data;
        int same;
        if (stored_signature_matches(db, p, sigtext, &same, e))
            goto out;
        if (same)
            continue;
        if (!in_tx) {
            if (kp_store_begin(s, e))
                goto out;
            in_tx = 1;
        }
        for (size_t t = 0; t < p->ntables; t++)
            if (migrate_table(db, p, &p->tables[t], e))
                goto out;
        if (record_plugin(db, p, sigtext, e))
            goto out;
    }
    rc = in_tx ? kp_store_commit(s, e) : 0;
    in_tx = 0;
out:
    if (in_tx)
        kp_store_rollback(s);
    kp_buf_free(&sig);
    return rc;
}
