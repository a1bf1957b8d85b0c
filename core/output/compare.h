/*
 * compare.h — what changed between two assessment runs: for every county
 * the change in total, grade and rank, and every item whose points moved,
 * with both explanations; counties sorted by the size of the change.  For
 * a rules change (规则调整影响说明) or a data correction.
 */
#ifndef KP_OUTPUT_COMPARE_H
#define KP_OUTPUT_COMPARE_H

#include <sqlite3.h>
#include <stdio.h>

#include "util/err.h"

/* Print the comparison of run `a` (before) with run `b` (after) in `format`
 * (enum kp_format of results.h). */
int kp_compare_runs(sqlite3 *db, long long a, long long b, int format, FILE *f, kp_err *e);

/* The same as a workbook: one sheet, a row per county and per moved item. */
int kp_compare_xlsx(sqlite3 *db, long long a, long long b, const char *path, kp_err *e);

#endif
