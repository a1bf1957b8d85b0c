/*
 * stage.h — a file's rows on their way into a table.
 *
 * The loader only parses and appends each row to an unindexed temporary
 * table, kp_stage; everything else is done set-based, in key order, once the
 * whole file is read: rows repeated within the file, which rows are new,
 * changed or the same, which stored rows of the file's (county, year)s are
 * gone from it, the guard against removing most of a county, and then one
 * pass that keeps the images, removes, replaces and adds.
 */
#ifndef KP_IMPORT_STAGE_H
#define KP_IMPORT_STAGE_H

#include <sqlite3.h>

#include "import/import.h"
#include "kaoping/plugin.h"
#include "util/buf.h"

/* The column that places a row in a county (the first unit column), or -1. */
int kp_table_unit_column(const struct kp_table *t);
/* SQL for a row's year, on table alias `alias`: its year column, else the
 * year of a date in its key, else NULL (the table is per county). */
void kp_table_year_expr(const struct kp_table *t, const char *alias, kp_buf *b);

/* (Re)create kp_stage with `t`'s columns. */
int kp_stage_create(sqlite3 *db, const struct kp_table *t, kp_err *e);

/* "INSERT INTO kp_stage(<columns>, _line) VALUES(?1, ..., ?n+1)" into `st`. */
int kp_stage_prepare_insert(sqlite3 *db, const struct kp_table *t, sqlite3_stmt **st, kp_err *e);

/* A problem found while classifying: the file's line (1 for the whole file). */
typedef void (*kp_stage_problem_fn)(void *ud, long line, const char *msg);

struct kp_stage_job {
    const struct kp_table *t;
    const int *present;   /* per table column: carried by the file (>= 0) or not */
    long import_id;
    int merge, force;
    int write;            /* 0: only look for problems (the run already failed) */
    kp_stage_problem_fn problem;
    void *ud;
};

/*
 * Classify the staged rows against the table and, when job->write and no
 * problem was found, apply them.  Counts go to `st` (per county too).
 * Returns the number of problems reported, or -1 when the store failed.
 */
int kp_stage_apply(sqlite3 *db, const struct kp_stage_job *job, kp_import_file_stats *st,
                   kp_err *e);

/* Drop the temporary tables. */
void kp_stage_drop(sqlite3 *db);

#endif
