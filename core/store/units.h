/*
 * units.h — the unit tree: city → county → township → village.
 *
 * 县 covers 县/市/区, 乡 covers 乡/镇/街道, 村 covers 村/社区.  The grassroots
 * associations (基层协会) are the township and village units.
 */
#ifndef KP_STORE_UNITS_H
#define KP_STORE_UNITS_H

#include <sqlite3.h>

#include "util/err.h"

enum kp_level { KP_CITY = 1, KP_COUNTY = 2, KP_TOWNSHIP = 3, KP_VILLAGE = 4 };

/* "city"/"市", "county"/"县", "township"/"乡", "village"/"村" (and the longer
 * Chinese forms 县市区, 乡镇街道, 村社区) → level; 0 when unknown. */
int kp_level_parse(const char *s);
/* 1..4 → 市/县/乡/村 */
const char *kp_level_name(int level);
/* 1..4 → the KP_LEVEL_* bit of plugin.h */
unsigned kp_level_bit(int level);

typedef int (*kp_unit_fn)(void *ud, const char *code, const char *name, int level);

/* Direct children of `code`, by code. */
int kp_units_children(sqlite3 *db, const char *code, kp_unit_fn fn, void *ud, kp_err *e);
/* Every unit below `code` (at any depth) whose level is in `levels` (KP_LEVEL_* bits), by code. */
int kp_units_under(sqlite3 *db, const char *code, unsigned levels, kp_unit_fn fn, void *ud,
                   kp_err *e);
/* The grassroots associations (townships and villages) under `code`. */
int kp_units_grassroots(sqlite3 *db, const char *code, kp_unit_fn fn, void *ud, kp_err *e);

/* After units were written: fill `county` for every unit, and check the tree
 * (parents exist, one level up; exactly one city).  Problems are reported
 * through `report` with the unit's import line; returns the number found, or -1. */
typedef void (*kp_unit_problem_fn)(void *ud, long line, const char *column, const char *msg);
int kp_units_settle(sqlite3 *db, long import_id, kp_unit_problem_fn report, void *ud, kp_err *e);

#endif
