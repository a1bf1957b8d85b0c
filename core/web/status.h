/*
 * status.h — who has sent what: for a year, each county's rows in each work
 * area table, the last submission of each table and who made it, and the
 * year's deadline.  A table's rows belong to a county through its unit
 * column; they belong to a year through its year column, or its date column,
 * or (for tables of things rather than events, such as sites) always.
 */
#ifndef KP_WEB_STATUS_H
#define KP_WEB_STATUS_H

#include <jansson.h>

#include "kaoping/plugin.h"
#include "plugin/registry.h"
#include "store/store.h"

/* The column that ties a row to a unit, or NULL. */
const struct kp_column *kp_status_unit_column(const struct kp_table *t);
/* The SQL condition (on alias x, year bound as ?1) that puts a row of `t` in the year. */
const char *kp_status_year_condition(const struct kp_table *t, char *buf, size_t n);
/* The county-data tables: every plugin's, in registry order. */
size_t kp_status_tables(const kp_registry *reg, const struct kp_table **out, size_t max);

/* [{id, title, area, rows, last_at, last_by, on_behalf, missing}] for one county. */
int kp_status_county(sqlite3 *db, const kp_registry *reg, int year, const char *unit,
                     json_t **out, kp_err *e);
/* {tables: [{id, title}], counties: [{code, name, owed, cells: [...]}]} */
int kp_status_matrix(sqlite3 *db, const kp_registry *reg, int year, json_t **out, kp_err *e);
/* [{code, name}] of every county. */
int kp_status_counties(sqlite3 *db, json_t **out, kp_err *e);

/* The year's deadline: {year, due, reopened, open}; due "" when none is set. */
int kp_deadline_get(sqlite3 *db, int year, json_t **out, kp_err *e);
int kp_deadline_set(sqlite3 *db, int year, const char *due, int reopened, kp_err *e);
/* May counties upload for `year` now?  1 yes, 0 no, -1 error. */
int kp_deadline_open(sqlite3 *db, int year, kp_err *e);

/* The year pages show by default: `configured`, else the latest deadline's, else this year. */
int kp_web_default_year_db(sqlite3 *db, int configured, int *out, kp_err *e);

#endif
