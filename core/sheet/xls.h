/*
 * xls.h — reading one worksheet of an .xls workbook (BIFF8, Excel 97–2003)
 * through libfreexl, with the same fields as the xlsx reader gives.
 */
#ifndef KP_SHEET_XLS_H
#define KP_SHEET_XLS_H

#include "sheet/sheet.h"

typedef struct kp_xls kp_xls;

int kp_xls_sheets(const char *path, kp_sheet_names *out, kp_err *e);
int kp_xls_open(kp_xls **out, const char *path, const char *sheet, kp_err *e);
int kp_xls_next(kp_xls *x, kp_err *e);
const kp_sheet_row *kp_xls_row(const kp_xls *x);
const char *kp_xls_sheet(const kp_xls *x);
int kp_xls_date1904(const kp_xls *x);
/* Rows read so far, and in all (freexl has read the whole file at open). */
uint64_t kp_xls_offset(const kp_xls *x);
uint64_t kp_xls_size(const kp_xls *x);
void kp_xls_close(kp_xls *x);

#endif
