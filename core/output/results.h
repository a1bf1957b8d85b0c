/*
 * results.h — showing a stored assessment run: the ranking, one county's
 * details, as a terminal table, CSV, JSON or an Excel workbook.  Everything
 * is read back from the store, so the output of `assess` and of a later
 * `results` is the same.
 */
#ifndef KP_ASSESS_RESULTS_H
#define KP_ASSESS_RESULTS_H

#include <sqlite3.h>
#include <stdio.h>

#include "util/err.h"

/* CSV is for people (values that a spreadsheet would run as a formula are
 * quoted with a leading '), CSV_RAW for programs (values as stored).  A
 * table shows control characters visibly. */
enum kp_format { KP_FORMAT_TABLE, KP_FORMAT_CSV, KP_FORMAT_JSON, KP_FORMAT_CSV_RAW };

/* "table", "csv", "csv-raw", "json" → enum kp_format; -1 when unknown. */
int kp_format_parse(const char *s);

/* The ranking: every county with its area subtotals, total, grade, rank. */
int kp_results_ranking(sqlite3 *db, long long run_id, int format, FILE *f, kp_err *e);
/* One county, item by item: figure, target, points, explanation, evidence. */
int kp_results_unit(sqlite3 *db, long long run_id, const char *unit, int format, FILE *f,
                    kp_err *e);
/* The run as a workbook: a summary sheet, then one sheet per area.  `flags`
 * as util/outfile.h: 0 refuses to replace an existing file. */
int kp_results_xlsx(sqlite3 *db, long long run_id, const char *path, unsigned flags, kp_err *e);

/* The rows of `st` (already bound) as one sheet with `n` column `names`. */
int kp_xlsx_query(sqlite3 *db, sqlite3_stmt *st, const char *sheet, const char *const *names,
                  int n, const char *path, kp_err *e);

/* Display columns of UTF-8 text in a terminal (a Chinese character is two). */
size_t kp_text_width(const char *s);
/* `s` in a column of `width` display cells, right-aligned or not. */
void kp_out_cell(FILE *f, const char *s, size_t width, int right);
/* `s` as one CSV field (quoted when it must be). */
void kp_out_csv(FILE *f, const char *s);
/* `s` as a JSON string, or null. */
void kp_out_json(FILE *f, const char *s);

#endif
