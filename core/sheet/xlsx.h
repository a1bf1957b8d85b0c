/*
 * xlsx.h — reading one worksheet of an .xlsx workbook (Excel 2007+, WPS,
 * LibreOffice) row by row, with libzip and libxml2's streaming reader.
 *
 * Every cell comes out as the text the importer would have read from a CSV
 * saved by Excel: shared and inline strings as they are, numbers in their
 * shortest exact form (a 12-digit unit code stored as a number stays those
 * 12 digits), booleans as 是/否, date-formatted numbers as YYYY-MM-DD (1900
 * and 1904 date systems), formulas as their cached value.
 */
#ifndef KP_SHEET_XLSX_H
#define KP_SHEET_XLSX_H

#include "sheet/sheet.h"

typedef struct kp_xlsx kp_xlsx;

int kp_xlsx_sheets(const char *path, kp_sheet_names *out, kp_err *e);

/* Open sheet `sheet` (NULL: the first visible one). */
int kp_xlsx_open(kp_xlsx **out, const char *path, const char *sheet, kp_err *e);
/* The next row that has at least one cell: 1, 0 at the end, -1 on error. */
int kp_xlsx_next(kp_xlsx *x, kp_err *e);
const kp_sheet_row *kp_xlsx_row(const kp_xlsx *x);
/* 1 when the workbook counts days from 1904 (old Mac Excel), else 0. */
int kp_xlsx_date1904(const kp_xlsx *x);
/* The sheet's name as the workbook spells it. */
const char *kp_xlsx_sheet(const kp_xlsx *x);
/* Uncompressed bytes of the sheet read so far, and in all. */
uint64_t kp_xlsx_offset(const kp_xlsx *x);
uint64_t kp_xlsx_size(const kp_xlsx *x);
void kp_xlsx_close(kp_xlsx *x);

#endif
