/*
 * import.h — loading the files county staff send (CSV, xlsx, xls) into the store.
 *
 * One call imports a set of files as one all-or-nothing run: every row of
 * every file is validated against the table the file names (a plugin's
 * table, or the core's units), stored by natural key (added, replaced or
 * unchanged), and if anything at all is wrong nothing is stored and every
 * problem is reported as `file:line: column: what is wrong, what was
 * expected`.
 */
#ifndef KP_IMPORT_IMPORT_H
#define KP_IMPORT_IMPORT_H

#include <stdint.h>

#include "plugin/registry.h"
#include "store/store.h"
#include "util/err.h"

typedef struct kp_import_file_stats {
    const char *path;      /* as given */
    const char *table;     /* the table it went into */
    const char *encoding;  /* as detected */
    long rows, added, replaced, unchanged;
} kp_import_file_stats;

typedef struct kp_import_hooks {
    void *ud;
    /* One problem, already formatted `file:line: column: message`. */
    void (*problem)(void *ud, const char *msg);
    /* A file was read (called only when the whole run succeeded). */
    void (*file_done)(void *ud, const kp_import_file_stats *st);
    /* Progress through a file: bytes read of `total` (0 if unknown), rows so far. */
    void (*progress)(void *ud, const char *path, uint64_t done, uint64_t total, long rows);
    /* Something skipped on purpose (a title row, a 合计 row, an unnamed empty column). */
    void (*note)(void *ud, const char *msg);
    /* Import files of a folder that are links to files outside it. */
    int follow;
} kp_import_hooks;

typedef struct kp_import_totals {
    long files, rows, added, replaced, unchanged, problems;
    long import_id;
} kp_import_totals;

/* How many problems one file reports before it only counts them. */
#define KP_IMPORT_MAX_PROBLEMS_PER_FILE 50

/*
 * Import `paths` (files, `table=file`, or folders whose *.csv files are taken
 * in name order); units.csv is always imported first.  Returns 0 when
 * everything was stored, -1 when nothing was: `e` then says why in one line
 * (the problems themselves went to hooks->problem).
 */
int kp_import(kp_store *s, const kp_registry *reg, const char *const *paths, size_t npaths,
              const kp_import_hooks *hooks, kp_import_totals *totals, kp_err *e);

#endif
