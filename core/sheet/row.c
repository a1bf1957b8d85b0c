/*
 * row.c — a row of a worksheet as dense fields, and the two conversions
 * both workbook readers need (column letters, serial day numbers).
 *
 * Workbooks store only the cells that hold something, each with its column;
 * the importer wants field i to be column i.  Gaps cost nothing: an empty
 * field is a marker, not a copy.
 */
#include "sheet/sheet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kp_sheet_col_name(unsigned col, char out[4])
{
    char rev[4];
    int n = 0;
    while (col > 0 && n < 3) {
        rev[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
}

void kp_sheet_row_clear(kp_sheet_row *r)
{
    kp_buf_clear(&r->text);
    r->n = 0;
}

static int grow(kp_sheet_row *r, size_t need, kp_err *e)
{
    if (need <= r->cap)
        return 0;
    size_t cap = r->cap ? r->cap : 32;
    while (cap < need)
        cap *= 2;
    size_t *p = realloc(r->off, cap * sizeof *p);
    if (!p)
        return kp_fail(e, "内存不足");
    r->off = p;
    r->cap = cap;
    return 0;
}

int kp_sheet_row_put(kp_sheet_row *r, unsigned col, const char *s, size_t len, kp_err *e)
{
    if (col >= KP_SHEET_MAX_COLS)
        return kp_fail(e, "超过 %d 列", KP_SHEET_MAX_COLS);
    if (col < r->n)
        return kp_fail(e, "单元格的列序颠倒或重复");
    if (grow(r, (size_t)col + 1, e))
        return -1;
    while (r->n < col)
        r->off[r->n++] = SIZE_MAX;
    r->off[r->n++] = r->text.len;
    if (kp_buf_append(&r->text, s, len) || kp_buf_putc(&r->text, '\0'))
        return kp_fail(e, "内存不足");
    return 0;
}

const char *kp_sheet_row_field(const kp_sheet_row *r, size_t i, size_t *len)
{
    if (i >= r->n || r->off[i] == SIZE_MAX) {
        if (len)
            *len = 0;
        return i < r->n ? "" : NULL;
    }
    const char *s = r->text.data + r->off[i];
    if (len)
        *len = strlen(s);
    return s;
}

void kp_sheet_row_free(kp_sheet_row *r)
{
    kp_buf_free(&r->text);
    free(r->off);
    memset(r, 0, sizeof *r);
}

void kp_sheet_number_text(double v, char *out, size_t n)
{
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(out, n, "%.0f", v);
    else
        snprintf(out, n, "%.15g", v);
}

/* Days since 1970-01-01 to a civil date (the proleptic Gregorian calendar). */
static void civil(long days, int *y, int *m, int *d)
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int kp_sheet_serial_date(double serial, int date1904, char out[11])
{
    if (!isfinite(serial) || serial < 1 || serial > 2958465)
        return -1;
    long day = (long)floor(serial);
    long since1970;
    if (date1904)
        since1970 = day - 24107; /* 1904-01-01 is day 0 */
    else if (day == 60)
        return -1; /* 1900-02-29, a day that never was (Lotus's leap-year bug) */
    else
        since1970 = day - (day > 60 ? 25569 : 25568);
    int y, m, d;
    civil(since1970, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return 0;
}
