/*
 * migrations.h — the core schema, as an ordered list of steps.
 *
 * Step i (0-based) brings a database from schema version i to i + 1; the
 * version lives in PRAGMA user_version.  Steps are only ever appended: a
 * released step is never edited, so every database can be brought forward.
 */
#ifndef KP_STORE_MIGRATIONS_H
#define KP_STORE_MIGRATIONS_H

#include <stddef.h>

extern const char *const kp_migrations[];
extern const size_t kp_nmigrations;

#endif
