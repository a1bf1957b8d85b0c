/* csv_out.c — writing CSV files as spreadsheets save them (see csv_out.h). */
#include "csv/csv_out.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

struct kp_csv_out {
    FILE *f;
    char *path;
    unsigned flags;
    iconv_t cd;
    kp_buf row;         /* the row being built, UTF-8 */
    kp_buf converted;   /* the row in GB18030 */
    size_t fields;      /* in the current row */
    long rows;
    int failed;         /* a field did not fit: reported at the end of the row */
};

int kp_csv_out_open(kp_csv_out **out, const char *path, unsigned flags, kp_err *e)
{
    *out = NULL;
    if ((flags & KP_CSV_OUT_BOM) && (flags & KP_CSV_OUT_GB18030))
        return kp_fail(e, "%s: a GB18030 file has no byte order mark", path);
    kp_csv_out *w = calloc(1, sizeof *w);
    if (!w || !(w->path = strdup(path))) {
        free(w);
        return kp_fail(e, "out of memory");
    }
    w->flags = flags;
    w->cd = (iconv_t)-1;
    kp_buf_init(&w->row, KP_CSV_OUT_ROW_MAX);
    kp_buf_init(&w->converted, KP_CSV_OUT_ROW_MAX);
    if ((flags & KP_CSV_OUT_GB18030) && (w->cd = iconv_open("GB18030", "UTF-8")) == (iconv_t)-1) {
        kp_fail_errno(e, "%s: cannot convert to GB18030", path);
        goto fail;
    }
    if (!(w->f = fopen(path, "wb"))) {
        kp_fail_errno(e, "%s", path);
        goto fail;
    }
    if ((flags & KP_CSV_OUT_BOM) && fputs("\xEF\xBB\xBF", w->f) == EOF) {
        kp_fail_errno(e, "%s", path);
        goto fail;
    }
    *out = w;
    return 0;
fail:
    if (w->f)
        fclose(w->f);
    if (w->cd != (iconv_t)-1)
        iconv_close(w->cd);
    free(w->path);
    free(w);
    return -1;
}

void kp_csv_out_field(kp_csv_out *w, const char *s)
{
    int rc = 0;
    if (w->fields++)
        rc |= kp_buf_putc(&w->row, ',');
    if (strpbrk(s, ",\"\r\n")) {
        rc |= kp_buf_putc(&w->row, '"');
        for (const char *q; (q = strchr(s, '"')); s = q + 1) {
            rc |= kp_buf_append(&w->row, s, (size_t)(q - s) + 1);
            rc |= kp_buf_putc(&w->row, '"');
        }
        rc |= kp_buf_puts(&w->row, s);
        rc |= kp_buf_putc(&w->row, '"');
    } else {
        rc |= kp_buf_puts(&w->row, s);
    }
    if (rc)
        w->failed = 1;
}

void kp_csv_out_fieldf(kp_csv_out *w, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof text)
        w->failed = 1;
    else
        kp_csv_out_field(w, text);
}

void kp_csv_out_int(kp_csv_out *w, long v)
{
    kp_csv_out_fieldf(w, "%ld", v);
}

/* The row in GB18030, in w->converted. */
static int convert(kp_csv_out *w, kp_err *e)
{
    kp_buf_clear(&w->converted);
    /* No character is longer in GB18030 than in UTF-8 (CJK: 3 bytes → 2). */
    if (kp_buf_reserve(&w->converted, w->row.len + 1))
        return kp_fail(e, "%s: out of memory", w->path);
    char *in = w->row.data, *out = w->converted.data;
    size_t inleft = w->row.len, outleft = w->converted.cap - 1;
    iconv(w->cd, NULL, NULL, NULL, NULL);
    if (iconv(w->cd, &in, &inleft, &out, &outleft) == (size_t)-1)
        return kp_fail_errno(e, "%s:%ld: cannot write this row in GB18030", w->path,
                             w->rows + 1);
    w->converted.len = (size_t)(out - w->converted.data);
    return 0;
}

int kp_csv_out_end_row(kp_csv_out *w, kp_err *e)
{
    int failed = w->failed;
    w->failed = 0;
    w->fields = 0;
    if (failed || kp_buf_puts(&w->row, w->flags & KP_CSV_OUT_CRLF ? "\r\n" : "\n")) {
        kp_buf_clear(&w->row);
        return kp_fail(e, "%s:%ld: a field or the row is too long (rows take at most %zu bytes), "
                          "or memory ran out", w->path, w->rows + 1, (size_t)KP_CSV_OUT_ROW_MAX);
    }
    const kp_buf *bytes = &w->row;
    if (w->flags & KP_CSV_OUT_GB18030) {
        if (convert(w, e)) {
            kp_buf_clear(&w->row);
            return -1;
        }
        bytes = &w->converted;
    }
    int lost = fwrite(bytes->data, 1, bytes->len, w->f) != bytes->len;
    kp_buf_clear(&w->row);
    if (lost)
        return kp_fail_errno(e, "%s", w->path);
    w->rows++;
    return 0;
}

long kp_csv_out_rows(const kp_csv_out *w)
{
    return w->rows;
}

int kp_csv_out_close(kp_csv_out *w, kp_err *e)
{
    if (!w)
        return 0;
    int rc = 0;
    int lost = ferror(w->f);
    if (fclose(w->f) != 0)
        rc = kp_fail_errno(e, "%s", w->path);
    else if (lost)
        rc = kp_fail(e, "%s: the file could not be written completely", w->path);
    if (w->cd != (iconv_t)-1)
        iconv_close(w->cd);
    kp_buf_free(&w->row);
    kp_buf_free(&w->converted);
    free(w->path);
    free(w);
    return rc;
}
