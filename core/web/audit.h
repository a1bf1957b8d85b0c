/*
 * audit.h — the audit log: every login (good or refused), upload, undo,
 * deletion and account change, with who, when, from which address and what.
 * Rows are only ever added.
 */
#ifndef KP_WEB_AUDIT_H
#define KP_WEB_AUDIT_H

#include <jansson.h>
#include <sqlite3.h>

#include "util/err.h"

int kp_audit(sqlite3 *db, const char *who, const char *addr, const char *action,
             const char *detail, kp_err *e);
/* The newest `limit` entries from `offset`: [{id, at, who, addr, action, detail}]. */
int kp_audit_list(sqlite3 *db, long limit, long offset, json_t **out, kp_err *e);

#endif
