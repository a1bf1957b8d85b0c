/*
 * scope.h — a county may only submit its own county's rows.  Before a county
 * account's files go to kp_import, every unit a row names is looked up: a
 * unit of another county, or of the city, is a problem of that row, reported
 * like the import's own problems.  Where a table's key does not include the
 * unit (a family is keyed by its number), a row may also not replace a row
 * that another county stored.  The unit tree itself (units.csv) is the
 * city's to change.
 */
#ifndef KP_WEB_SCOPE_H
#define KP_WEB_SCOPE_H

#include "plugin/registry.h"
#include "store/store.h"

typedef void (*kp_scope_problem)(void *ud, const char *msg);

/* Check one file; returns the number of problems found, or -1 when it could not be read
 * (then the import, which reads it too, reports why). */
long kp_scope_check(sqlite3 *db, const kp_registry *reg, const char *path, const char *county,
                    kp_scope_problem problem, void *ud);

#endif
