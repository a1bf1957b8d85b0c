/*
 * sheet.h — what the workbook readers (xlsx.c, xls.c) share: the kind of a
 * file decided by its first bytes, a workbook's visible sheet names, the
 * limits that keep a hostile file from costing more than a moment, and one
 * row of cells laid out as dense fields from column A.
 */
#ifndef KP_SHEET_SHEET_H
#define KP_SHEET_SHEET_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

typedef enum { KP_SHEET_CSV, KP_SHEET_XLSX, KP_SHEET_XLS } kp_sheet_kind;

/* Limits against hostile workbooks; a real county form is far below each. */
#define KP_SHEET_MAX_FILE_BYTES ((uint64_t)256 << 20)  /* the file on disk */
#define KP_SHEET_MAX_PART_BYTES ((uint64_t)1 << 30)    /* one part, uncompressed */
#define KP_SHEET_MAX_RATIO 200                         /* uncompressed / compressed */
#define KP_SHEET_RATIO_FLOOR ((uint64_t)1 << 20)       /* smaller parts: ratio not checked */
#define KP_SHEET_MAX_ENTRIES 10000                     /* parts in the zip */
#define KP_SHEET_MAX_DEPTH 64                          /* XML element nesting */
#define KP_SHEET_MAX_COLS 16384                        /* Excel's own, XFD */
#define KP_SHEET_MAX_ROWS 1000000
#define KP_SHEET_MAX_CELL_BYTES ((size_t)1 << 20)
#define KP_SHEET_MAX_STRINGS 4000000                   /* shared strings */
#define KP_SHEET_MAX_SHEETS 256

/* Refuse a file larger than `most` bytes before any reader takes it in. */
int kp_sheet_check_size(const char *path, uint64_t most, kp_err *e);

/* Decide by content: zip → xlsx, OLE2 → xls, anything else is text (CSV). */
int kp_sheet_detect(const char *path, kp_sheet_kind *kind, kp_err *e);

typedef struct kp_sheet_names {
    char **names; /* UTF-8, in workbook order, hidden sheets left out */
    size_t n;
} kp_sheet_names;

/* The visible sheets of a workbook (xlsx or xls). */
int kp_sheet_list(const char *path, kp_sheet_names *out, kp_err *e);
void kp_sheet_names_free(kp_sheet_names *l);

/* Column 1 → "A", 28 → "AB"; out holds at least 4 bytes. */
void kp_sheet_col_name(unsigned col, char out[4]);

/*
 * One row being built: cells arrive left to right at 0-based columns, gaps
 * read as empty fields.  Field pointers stay valid until the next clear.
 */
typedef struct kp_sheet_row {
    kp_buf text;      /* each field's bytes and a NUL */
    size_t *off;      /* field i starts at text.data + off[i]; SIZE_MAX: empty */
    size_t n, cap;
    long line;        /* the sheet's row number, 1-based */
} kp_sheet_row;

void kp_sheet_row_clear(kp_sheet_row *r);
int kp_sheet_row_put(kp_sheet_row *r, unsigned col, const char *s, size_t len, kp_err *e);
const char *kp_sheet_row_field(const kp_sheet_row *r, size_t i, size_t *len);
void kp_sheet_row_free(kp_sheet_row *r);

/* A number as Excel shows it in General format: whole numbers in full (a
 * 12-digit code stays 12 digits), others to 15 significant digits. */
void kp_sheet_number_text(double v, char *out, size_t n);

/* Excel's serial day number as "YYYY-MM-DD"; -1 when out of 1900..9999. */
int kp_sheet_serial_date(double serial, int date1904, char out[11]);

#endif
