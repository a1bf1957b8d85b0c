/*
 * images.h — rows as they were before an import changed them.
 *
 * Every row an import replaces or removes is copied into kp_import_images
 * as a JSON array of all the table's columns (as SQLite holds them, in table
 * order), with its rowid; the rows it adds are listed as a rowid range.  Undo puts
 * the images back under their old rowids, so the table is as it was, byte
 * for byte.
 */
#ifndef KP_IMPORT_IMAGES_H
#define KP_IMPORT_IMAGES_H

#include <sqlite3.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

/* The table's columns as SQLite knows them: "a, b, c" into `cols` (each
 * prefixed with `prefix`, e.g. "t."), their number into *n. */
int kp_images_columns(sqlite3 *db, const char *table, const char *prefix, kp_buf *cols, int *n,
                      kp_err *e);

/*
 * Keep the image of every row of `table` that `from_where` selects, as
 * `action` ('replaced' or 'removed') of import `import_id`.  `from_where`
 * is the SQL after "SELECT ... FROM <table> AS t", e.g. "JOIN x ON ... WHERE ...".
 */
int kp_images_keep(sqlite3 *db, long import_id, const char *table, const char *action,
                   const char *from_where, kp_err *e);

/* List the rows of `table` whose rowid is above `after` as added by
 * `import_id` (one range; none when there are none). */
int kp_images_added(sqlite3 *db, long import_id, const char *table, int64_t after, kp_err *e);

/* The largest rowid of `table` (0 when empty), into *out. */
int kp_images_max_rowid(sqlite3 *db, const char *table, int64_t *out, kp_err *e);

/* Who changes the data: the login name, for `kaoping imports`. */
const char *kp_images_os_user(void);

/* Raise kp_meta's data_version: the stored data changed (runs read before are stale). */
int kp_images_bump_version(sqlite3 *db, kp_err *e);

#endif
