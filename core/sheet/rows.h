/*
 * rows.h — the rows of one file for one table, whatever the file is: CSV,
 * xlsx or xls, decided by content.  The importer reads a header and data
 * rows from here and never learns where they came from.
 *
 * Besides reading, the stream is forgiving where the meaning is certain,
 * the same for every kind of file:
 *   - a title row (or several) above the header is skipped, with a note,
 *     when a later row among the first few is recognisably the header;
 *   - a column whose header is empty is dropped, with a note, as long as
 *     it holds nothing (a value under no header is a problem);
 *   - a trailing 合计/总计 row is skipped, with a note;
 *   - in number columns, thousands separators (1,234) are dropped, and in
 *     percent columns (titles with %, 率, 比例 or 占比) a trailing % is;
 *   - in a workbook, a number in a date column is a serial day whose cell
 *     lost its date format, and is read as that day (not in CSV);
 *   - a unit code Excel turned into a number (4.20101E+11) is a problem
 *     that says so, never a guessed code.
 * Places in messages read `file.csv:17` or `file.xlsx:工作表!C17`.
 */
#ifndef KP_SHEET_ROWS_H
#define KP_SHEET_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "kaoping/plugin.h"
#include "util/err.h"

typedef struct kp_rows kp_rows;

typedef struct kp_rows_hooks {
    void *ud;
    /* A problem with a row, already `place: message`; the caller counts it. */
    void (*problem)(void *ud, const char *msg);
    /* Something skipped on purpose, `place: message`; not a problem. */
    void (*note)(void *ud, const char *msg);
} kp_rows_hooks;

/*
 * Open `path` for table `t`: `sheet` names a worksheet of a workbook (NULL:
 * the first visible one; ignored for CSV).  The hooks are kept.
 */
int kp_rows_open(kp_rows **out, const char *path, const char *sheet, const struct kp_table *t,
                 const kp_rows_hooks *hooks, kp_err *e);

/*
 * The next row: the header first, then data rows, each with as many fields
 * as the header; empty rows are skipped.  1, 0 at the end, -1 on error.
 */
int kp_rows_next(kp_rows *r, kp_err *e);
size_t kp_rows_nfields(const kp_rows *r);
const char *kp_rows_field(const kp_rows *r, size_t i, size_t *len);
/* The current row's line (CSV) or row number (sheets). */
long kp_rows_line(const kp_rows *r);
/* Where field i of the current row is (i < 0: the row), for messages. */
void kp_rows_place(const kp_rows *r, int field, char *out, size_t n);
/* "UTF-8", "GB18030", ... for CSV; "xlsx" or "xls" for workbooks. */
const char *kp_rows_encoding(const kp_rows *r);
/* Progress: how far through the file (bytes, or rows for xls), and of how much. */
uint64_t kp_rows_offset(const kp_rows *r);
uint64_t kp_rows_size(const kp_rows *r);
void kp_rows_close(kp_rows *r);

#endif
