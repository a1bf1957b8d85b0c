/*
 * raw.c — one face for the CSV, xlsx and xls readers (see raw.h).  The kind
 * is decided by the file's first bytes, so a workbook saved under a .csv
 * name, or the other way round, is still read right.
 */
#include "sheet/raw.h"

#include <stdio.h>
#include <string.h>

int raw_open(struct raw *r, const char *path, const char *sheet, kp_err *e)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    if (kp_sheet_detect(path, &r->kind, e))
        return -1;
    switch (r->kind) {
    case KP_SHEET_XLSX: return kp_xlsx_open(&r->xlsx, path, sheet, e);
    case KP_SHEET_XLS: return kp_xls_open(&r->xls, path, sheet, e);
    default: return kp_csv_open_file(&r->csv, path, e);
    }
}

int raw_next(struct raw *r, kp_err *e)
{
    switch (r->kind) {
    case KP_SHEET_XLSX: r->row = kp_xlsx_row(r->xlsx); return kp_xlsx_next(r->xlsx, e);
    case KP_SHEET_XLS: r->row = kp_xls_row(r->xls); return kp_xls_next(r->xls, e);
    default: return kp_csv_next(r->csv, e);
    }
}

size_t raw_n(const struct raw *r)
{
    return r->kind == KP_SHEET_CSV ? kp_csv_nfields(r->csv) : r->row->n;
}

const char *raw_field(const struct raw *r, size_t i, size_t *len)
{
    return r->kind == KP_SHEET_CSV ? kp_csv_field(r->csv, i, len)
                                   : kp_sheet_row_field(r->row, i, len);
}

long raw_line(const struct raw *r)
{
    return r->kind == KP_SHEET_CSV ? kp_csv_line(r->csv) : r->row->line;
}

void raw_place(const struct raw *r, long line, long col, char *out, size_t n)
{
    const char *sheet = r->kind == KP_SHEET_XLSX ? kp_xlsx_sheet(r->xlsx)
                        : r->kind == KP_SHEET_XLS ? kp_xls_sheet(r->xls)
                                                  : NULL;
    if (line <= 0) { /* the whole sheet or file */
        snprintf(out, n, sheet ? "%s:%s" : "%s", r->path, sheet);
        return;
    }
    if (!sheet) {
        snprintf(out, n, "%s:%ld", r->path, line);
        return;
    }
    char letters[4];
    if (col < 0) {
        snprintf(out, n, "%s:%s!%ld:%ld", r->path, sheet, line, line);
        return;
    }
    kp_sheet_col_name((unsigned)col + 1, letters);
    snprintf(out, n, "%s:%s!%s%ld", r->path, sheet, letters, line);
}

const char *raw_encoding(const struct raw *r)
{
    switch (r->kind) {
    case KP_SHEET_XLSX: return "xlsx";
    case KP_SHEET_XLS: return "xls";
    default: return kp_csv_encoding(r->csv);
    }
}

int raw_date_system(const struct raw *r)
{
    switch (r->kind) {
    case KP_SHEET_XLSX: return kp_xlsx_date1904(r->xlsx);
    case KP_SHEET_XLS: return kp_xls_date1904(r->xls);
    default: return -1;
    }
}

uint64_t raw_offset(const struct raw *r)
{
    switch (r->kind) {
    case KP_SHEET_XLSX: return kp_xlsx_offset(r->xlsx);
    case KP_SHEET_XLS: return kp_xls_offset(r->xls);
    default: return kp_csv_offset(r->csv);
    }
}

uint64_t raw_size(const struct raw *r)
{
    switch (r->kind) {
    case KP_SHEET_XLSX: return kp_xlsx_size(r->xlsx);
    case KP_SHEET_XLS: return kp_xls_size(r->xls);
    default: return kp_csv_size(r->csv);
    }
}

void raw_close(struct raw *r)
{
    kp_csv_close(r->csv);
    kp_xlsx_close(r->xlsx);
    kp_xls_close(r->xls);
    memset(r, 0, sizeof *r);
}
