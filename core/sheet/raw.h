/*
 * raw.h — the three readers (CSV, xlsx, xls) behind one set of calls, rows
 * exactly as the file has them.  rows.c builds the importer's stream on it.
 */
#ifndef KP_SHEET_RAW_H
#define KP_SHEET_RAW_H

#include "csv/csv.h"
#include "sheet/sheet.h"
#include "sheet/xls.h"
#include "sheet/xlsx.h"

struct raw {
    kp_sheet_kind kind;
    const char *path;
    kp_csv *csv;
    kp_xlsx *xlsx;
    kp_xls *xls;
    const kp_sheet_row *row; /* xlsx and xls: the current row */
};

int raw_open(struct raw *r, const char *path, const char *sheet, kp_err *e);
int raw_next(struct raw *r, kp_err *e);
size_t raw_n(const struct raw *r);
const char *raw_field(const struct raw *r, size_t i, size_t *len);
long raw_line(const struct raw *r);
/*
 * `file:17`, `file:工作表!C17` (col ≥ 0, 0-based) or `file:工作表!17:17` (Excel's row
 * reference); line ≤ 0: the file (`file`, `file:工作表`).
 */
void raw_place(const struct raw *r, long line, long col, char *out, size_t n);
const char *raw_encoding(const struct raw *r);
/* Workbooks: 1 when serial day numbers count from 1904; CSV: -1 (no serial dates). */
int raw_date_system(const struct raw *r);
uint64_t raw_offset(const struct raw *r);
uint64_t raw_size(const struct raw *r);
void raw_close(struct raw *r);

#endif
