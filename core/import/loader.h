/*
 * loader.h — one CSV file into one table (the inside of kp_import).
 */
#ifndef KP_IMPORT_LOADER_H
#define KP_IMPORT_LOADER_H

#include "import/import.h"
#include "kaoping/plugin.h"

/* Internal column type for units.level: 市/县/乡/村 or city/county/... */
#define KP_LEVEL_COLUMN 100

/* The core's units table, described like a plugin table. */
extern const struct kp_table kp_units_table;

/*
 * Read `path` (worksheet `sheet` of a workbook; NULL: its first visible one)
 * into table `t` as part of import run `import_id`.  Problems go to
 * hooks->problem and are counted in *problems; rows are only written while no
 * problem has been seen, but reading goes on so that a file's problems are
 * all reported.  Returns -1 only when the file could not be read at all or the
 * store failed (with `e` set); then *problems is at least 1.
 */
int kp_load_file(sqlite3 *db, const struct kp_table *t, const char *path, const char *sheet,
                 long import_id,
                 const kp_import_hooks *hooks, kp_import_file_stats *st, long *problems,
                 kp_err *e);

#endif
