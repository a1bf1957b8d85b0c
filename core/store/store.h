/*
 * store.h — the SQLite database behind kaoping.
 *
 * One file holds the unit tree, every work area's tables, and the stored
 * assessment runs.  kp_store_open() applies the core migrations and refuses a
 * database made by a newer kaoping.  Plugin tables are created or extended by
 * kp_store_migrate_plugins() (see plugin/registry.h).
 */
#ifndef KP_STORE_STORE_H
#define KP_STORE_STORE_H

#include <sqlite3.h>

#include "util/err.h"

typedef struct kp_store kp_store;

#define KP_STORE_CREATE   0x1u /* create the file if it does not exist          */
#define KP_STORE_EXISTING 0x0u

/* Open (and migrate) the database at `path`. */
int kp_store_open(kp_store **out, const char *path, unsigned flags, kp_err *e);
void kp_store_close(kp_store *s);
sqlite3 *kp_store_db(kp_store *s);
const char *kp_store_path(const kp_store *s);

/* Run SQL that returns no rows; on failure the message names `what`. */
int kp_store_exec(kp_store *s, const char *sql, kp_err *e);

/* Transactions: BEGIN IMMEDIATE (waits on the busy timeout), COMMIT, ROLLBACK. */
int kp_store_begin(kp_store *s, kp_err *e);
int kp_store_commit(kp_store *s, kp_err *e);
void kp_store_rollback(kp_store *s);

/*
 * A connection that can only read, for code that runs what others wrote
 * (plugin indicator SQL, Lua rules and layouts): opened read-only, and guarded
 * by an authorizer that allows SELECT and reading, nothing that writes,
 * attaches, changes pragmas or loads extensions.
 */
int kp_store_open_reader(sqlite3 **out, const char *path, kp_err *e);

/*
 * Begin a read transaction on a connection from kp_store_open_reader(): from
 * now until the connection closes, everything it reads sees the database as
 * it is now, whatever other processes commit meanwhile (WAL keeps that state
 * for it).  Work that reads many times, such as assessing every county, is
 * then computed from one state of the data even while an import runs.
 * After a failure the connection must only be closed.
 */
int kp_store_reader_snapshot(sqlite3 *db, const char *what, kp_err *e);

/* Run SQL that returns no rows on any connection; on failure "<what>: <message>". */
int kp_sql_exec(sqlite3 *db, const char *sql, const char *what, kp_err *e);

/* Fill `e` from the connection's last error: "<what>: <sqlite message>". */
int kp_sql_fail(kp_err *e, sqlite3 *db, const char *what);

/* The core schema version this build writes (PRAGMA user_version). */
int kp_store_schema_version(void);

#endif
