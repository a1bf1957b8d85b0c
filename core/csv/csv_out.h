/*
 * csv_out.h — writing CSV files the way county staff's spreadsheets do:
 * UTF-8 with or without a byte order mark, or GB18030 (what Chinese Excel
 * saves as "CSV"), LF or CRLF line ends, RFC 4180 quoting.
 *
 * A row is built field by field in memory and written whole by
 * kp_csv_out_end_row(); adding a field cannot fail on its own — a field that
 * does not fit (out of memory, or a row over KP_CSV_OUT_ROW_MAX) is
 * remembered and reported by the next kp_csv_out_end_row() or
 * kp_csv_out_close(), which the caller must check.
 */
#ifndef KP_CSV_CSV_OUT_H
#define KP_CSV_CSV_OUT_H

#include "util/err.h"

#define KP_CSV_OUT_BOM     0x1u /* start with the UTF-8 byte order mark              */
#define KP_CSV_OUT_CRLF    0x2u /* end lines with CR LF                               */
#define KP_CSV_OUT_GB18030 0x4u /* convert to GB18030 (GBK for every Chinese character) */

#define KP_CSV_OUT_ROW_MAX ((size_t)1 << 20)

typedef struct kp_csv_out kp_csv_out;

/* Create (or truncate) `path`.  BOM and GB18030 do not go together. */
int kp_csv_out_open(kp_csv_out **out, const char *path, unsigned flags, kp_err *e);
/* Add one field to the current row, quoted when it must be. */
void kp_csv_out_field(kp_csv_out *w, const char *s);
void kp_csv_out_fieldf(kp_csv_out *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kp_csv_out_int(kp_csv_out *w, long v);
/* Write the current row.  Returns -1 when the row or the file failed. */
int kp_csv_out_end_row(kp_csv_out *w, kp_err *e);
/* Rows written, the header included. */
long kp_csv_out_rows(const kp_csv_out *w);
/* Flush and close; -1 if anything written was lost.  Frees w in every case. */
int kp_csv_out_close(kp_csv_out *w, kp_err *e);

#endif
