/*
 * runs.h — the stored assessment runs as an administrator manages them.
 *
 * A run is immutable once stored.  A run is a draft (试算) until it is
 * published; one run per year is official, and publishing another is an
 * explicit act that says which it replaces.  Everything that reads a run
 * defaults to the official run of the year, else the latest draft.  A run is
 * stale when data changed after it was made (an import or an undo that
 * added, replaced or removed rows).
 */
#ifndef KP_ASSESS_RUNS_H
#define KP_ASSESS_RUNS_H

#include <sqlite3.h>

#include "util/err.h"

typedef struct kp_run_row {
    long long id;
    int year;
    const char *created, *rules_path, *rules_sha256, *label;
    int official, stale;
} kp_run_row;

/* Every run, oldest first. */
int kp_runs_each(sqlite3 *db, int (*fn)(void *ud, const kp_run_row *r), void *ud, kp_err *e);

/*
 * The run to read when none is named: for `year` (0: the newest year with a
 * run) its official run, else its latest draft.  *official says which.
 */
int kp_runs_default(sqlite3 *db, int year, long long *id, int *official, kp_err *e);

/* The year of run `id`, and whether it is official; fails when there is none. */
int kp_runs_find(sqlite3 *db, long long id, int *year, int *official, kp_err *e);

/* Make run `id` the official run of its year; *replaced is the run it
 * replaces (0 for none). */
int kp_runs_publish(sqlite3 *db, long long id, long long *replaced, kp_err *e);

#endif
