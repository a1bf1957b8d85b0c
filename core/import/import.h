/*
 * import.h — loading the files county staff send (CSV, xlsx, xls) into the store.
 *
 * One call imports a set of files as one all-or-nothing run: every row of
 * every file is validated against the table the file names (a plugin's
 * table, or the core's units), and if anything at all is wrong nothing is
 * stored and every problem is reported as `file:line: column: what is wrong,
 * what was expected`.
 *
 * A file is a county's submission of a table for a year: it replaces, for
 * every (county, year) it holds rows of, that table's rows there (added,
 * replaced, removed, unchanged; see docs/data.md).  The merge mode stores
 * key by key and removes nothing.  Every row replaced or removed is kept as
 * it was, so that kp_import_undo() can bring the state before back.
 */
#ifndef KP_IMPORT_IMPORT_H
#define KP_IMPORT_IMPORT_H

#include <stdint.h>

#include "plugin/registry.h"
#include "store/store.h"
#include "util/err.h"

/* What a file did in one county (its rows' county; "" for rows without a unit). */
typedef struct kp_import_county {
    char code[64];
    char name[128];
    long before; /* rows the file's (county, year)s held before the import */
    long added, replaced, removed, unchanged;
} kp_import_county;

typedef struct kp_import_file_stats {
    const char *path;      /* as given */
    const char *table;     /* the table it went into */
    const char *encoding;  /* as detected */
    long rows, added, replaced, removed, unchanged;
    kp_import_county *counties; /* by code; owned by the import */
    size_t ncounties;
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
    long files, rows, added, replaced, removed, unchanged, problems;
    long import_id;
} kp_import_totals;

typedef struct kp_import_options {
    int merge; /* key by key: add and replace, never remove */
    int force; /* remove even when more than half of a county's rows would go */
} kp_import_options;

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
/* The same with options (NULL: replace, unforced). */
int kp_import_with(kp_store *s, const kp_registry *reg, const char *const *paths, size_t npaths,
                   const kp_import_options *opt, const kp_import_hooks *hooks,
                   kp_import_totals *totals, kp_err *e);

#endif
