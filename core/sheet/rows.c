/*
 * rows.c — the importer's row stream over any file (see rows.h), and the
 * forgiving that is safe because the meaning is certain.
 *
 * The stream owns at most one copied row: the first row while the header
 * is looked for, or a 合计 row until it is known whether it was the last.
 * Everything else points into the reader's own row.
 */
#include "sheet/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv/values.h"
#include "sheet/raw.h"
#include "util/buf.h"

/* 1950-01-01 as a serial day (1900 system; 1904 is four years less, still safe). */
#define SERIAL_1950 18264

/* Rows above the header that may be titles. */
#define TITLE_ROWS_MAX 5

struct copy {
    kp_buf text;
    size_t *off;
    size_t n, cap;
    long line;
};

struct kp_rows {
    struct raw raw;
    const struct kp_table *t;
    kp_rows_hooks h;
    int started;
    size_t hdr_n;           /* raw fields in the header row */
    unsigned char *dropped; /* per raw column < hdr_n: 1 header empty, 2 a reference column */
    size_t *map;            /* stream field → raw column */
    int *colof;             /* stream field → table column, -1 when unknown */
    size_t n;               /* stream fields */
    const char **f;         /* the current row, as handed on */
    size_t *flen;
    size_t *fixed;          /* per stream field: offset into fix, or SIZE_MAX */
    kp_buf fix;
    long line;
    struct copy held;
    struct copy above;      /* the row just above the header, while it is looked for */
    int use_held;   /* the current row is the held copy */
    int has_total;  /* held is a 合计 row not yet handed on */
    int pending;    /* raw holds a row not yet handed on */
    int form;       /* the header has a reference column: one of kaoping's forms */
    int two_rows;   /* the header is two rows: the one above completes it */
    long untouched; /* pre-filled rows of a form left without data */
};

/* ---- messages ------------------------------------------------------------ */

static void say(kp_rows *r, int problem, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void say(kp_rows *r, int problem, long line, long col, const char *fmt, ...)
{
    void (*fn)(void *, const char *) = problem ? r->h.problem : r->h.note;
    if (!fn)
        return;
    char place[600], msg[1024], full[1700];
    raw_place(&r->raw, line, col, place, sizeof place);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(full, sizeof full, "%s: %s", place, msg);
    fn(r->h.ud, full);
}

/* ---- the row being looked at: the reader's, or the held copy --------------- */

static size_t cur_n(const kp_rows *r)
{
    return r->use_held ? r->held.n : raw_n(&r->raw);
}

static const char *cur_field(const kp_rows *r, size_t i, size_t *len)
{
    if (!r->use_held) {
        const char *s = raw_field(&r->raw, i, len);
        if (!s)
            *len = 0;
        return s ? s : "";
    }
    if (i >= r->held.n) {
        *len = 0;
        return "";
    }
    const char *s = r->held.text.data + r->held.off[i];
    *len = strlen(s);
    return s;
}

static long cur_line(const kp_rows *r)
{
    return r->use_held ? r->held.line : raw_line(&r->raw);
}

/* Field i without the spaces around it. */
static const char *cur_trimmed(const kp_rows *r, size_t i, size_t *len)
{
    const char *s = cur_field(r, i, len);
    kp_trim(&s, len);
    return s;
}

/* Copy the reader's row into c. */
static int copy_row(kp_rows *r, struct copy *c, kp_err *e)
{
    size_t n = raw_n(&r->raw);
    kp_buf_clear(&c->text);
    if (n > c->cap) {
        size_t *p = realloc(c->off, n * sizeof *p);
        if (!p)
            return kp_fail(e, "内存不足");
        c->off = p;
        c->cap = n;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = raw_field(&r->raw, i, &len);
        c->off[i] = c->text.len;
        if (kp_buf_append(&c->text, s ? s : "", s ? len : 0) || kp_buf_putc(&c->text, '\0'))
            return kp_fail(e, "内存不足");
    }
    c->n = n;
    c->line = raw_line(&r->raw);
    return 0;
}

static int hold(kp_rows *r, kp_err *e)
{
    return copy_row(r, &r->held, e);
}

static int field_empty(const kp_rows *r, size_t i)
{
    size_t len;
    cur_trimmed(r, i, &len);
    return len == 0;
}

static int row_empty(const kp_rows *r)
{
    for (size_t i = 0; i < cur_n(r); i++)
        if (!field_empty(r, i))
            return 0;
    return 1;
}

/* ---- the header ------------------------------------------------------------ */

static int column_of(const struct kp_table *t, const char *s, size_t len)
{
    for (size_t c = 0; c < t->ncolumns; c++) {
        const struct kp_column *col = &t->columns[c];
        if ((strlen(col->id) == len && !strncasecmp(s, col->id, len)) ||
            (strlen(col->title) == len && !memcmp(s, col->title, len)))
            return (int)c;
    }
    return -1;
}

/* A column kaoping's forms add for the reader's eye only: its title ends in （参考）. */
static int is_reference(const char *s, size_t len)
{
    static const char mark[] = "（参考）";
    size_t m = sizeof mark - 1;
    return len > m && !memcmp(s + len - m, mark, m);
}

/* Every filled field (but reference columns) names a column of the table, and one at least. */
static int is_header(const kp_rows *r)
{
    int named = 0;
    for (size_t i = 0; i < cur_n(r); i++) {
        size_t len;
        const char *s = cur_trimmed(r, i, &len);
        if (len == 0 || is_reference(s, len))
            continue;
        if (column_of(r->t, s, len) < 0)
            return 0;
        named++;
    }
    return named > 0;
}

static int alloc_fields(kp_rows *r, size_t n, kp_err *e)
{
    size_t k = n ? n : 1;
    r->dropped = calloc(k, 1);
    r->map = calloc(k, sizeof *r->map);
    r->colof = calloc(k, sizeof *r->colof);
    r->f = calloc(k, sizeof *r->f);
    r->flen = calloc(k, sizeof *r->flen);
    r->fixed = calloc(k, sizeof *r->fixed);
    if (!r->dropped || !r->map || !r->colof || !r->f || !r->flen || !r->fixed)
        return kp_fail(e, "内存不足");
    return 0;
}

/* Header field i.  In a two-row header (a group title merged across the
 * columns it spans, the other titles merged down both rows) a merged cell's
 * text sits in its top row only: an empty field takes the column title of
 * the row above, when there is one.  `two_rows`: the row above is part of
 * the header. */
static const char *header_field(const kp_rows *r, int two_rows, size_t i, size_t *len)
{
    const char *s = cur_trimmed(r, i, len);
    if (*len || !two_rows || i >= r->above.n)
        return s;
    size_t alen = strlen(r->above.text.data + r->above.off[i]);
    const char *a = r->above.text.data + r->above.off[i];
    kp_trim(&a, &alen);
    if (alen && (column_of(r->t, a, alen) >= 0 || is_reference(a, alen))) {
        *len = alen;
        return a;
    }
    return s;
}

/* Does the row above complete the current row as a two-row header? */
static int two_row_header(const kp_rows *r)
{
    if (r->use_held || r->above.n == 0 || r->above.line != raw_line(&r->raw) - 1)
        return 0;
    for (size_t i = 0; i < cur_n(r); i++) {
        size_t len;
        if (cur_trimmed(r, i, &len), len)
            continue;
        if (header_field(r, 1, i, &len), len)
            return 1;
    }
    return 0;
}

/* Take the current row as the header: which raw columns become fields. */
static int take_header(kp_rows *r, int two_rows, kp_err *e)
{
    size_t n = cur_n(r), last = 0;
    if (two_rows && r->above.n > n)
        n = r->above.n;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        if (header_field(r, two_rows, i, &len), len)
            last = i + 1;
    }
    r->hdr_n = n;
    if (alloc_fields(r, n, e))
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = header_field(r, two_rows, i, &len);
        if (is_reference(s, len)) {
            r->dropped[i] = 2; /* the form's own aid, such as 单位名称（参考） */
            r->form = 1;
            continue;
        }
        if (len == 0) {
            r->dropped[i] = 1;
            if (i < last)
                say(r, 0, cur_line(r), (long)i, "这一列没有列名，已跳过（该列若填了内容会报错）");
            continue;
        }
        r->colof[r->n] = column_of(r->t, s, len);
        r->map[r->n++] = i;
    }
    return 0;
}

/* Find the header among the first rows; titles above it are skipped. */
static int find_header(kp_rows *r, kp_err *e)
{
    int rc, seen = 0;
    long first = 0;
    while ((rc = raw_next(&r->raw, e)) == 1) {
        if (row_empty(r))
            continue;
        if (is_header(r)) {
            r->use_held = 0;
            int two_rows = r->two_rows = two_row_header(r);
            if (two_rows)
                say(r, 0, r->above.line, -1, "第 %ld 行和第 %ld 行是两行表头（合并单元格），已合并读取",
                    r->above.line, raw_line(&r->raw));
            if (seen > two_rows)
                say(r, 0, first, -1, "表头上方的 %d 行标题已跳过，表头在第 %ld 行",
                    seen - two_rows, raw_line(&r->raw));
            return take_header(r, two_rows, e);
        }
        if (seen == 0) {
            first = raw_line(&r->raw);
            if (hold(r, e))
                return -1;
        }
        if (copy_row(r, &r->above, e))
            return -1;
        if (++seen > TITLE_ROWS_MAX)
            break;
    }
    if (rc < 0)
        return -1;
    if (seen == 0)
        return 0;
    /* No recognisable header: hand on the first row, so that the importer
     * says what is wrong with it. */
    r->use_held = 1;
    r->pending = 0;
    return take_header(r, 0, e);
}

/* ---- data rows ------------------------------------------------------------- */

static int is_total(const kp_rows *r)
{
    for (size_t i = 0; i < cur_n(r); i++) {
        size_t len;
        const char *s = cur_trimmed(r, i, &len);
        if (len == 0)
            continue;
        return len >= 6 && (!memcmp(s, "合计", 6) || !memcmp(s, "总计", 6));
    }
    return 0;
}

/* 1,234,567.5 with commas every three digits exactly: nothing else is certain. */
static int thousands(const char *s, size_t len)
{
    size_t i = 0, group = 0, commas = 0;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        i++;
    size_t start = i;
    for (; i < len && s[i] != '.'; i++) {
        if (s[i] == ',') {
            if ((commas == 0 ? group == 0 || group > 3 : group != 3))
                return 0;
            commas++;
            group = 0;
        } else if (s[i] >= '0' && s[i] <= '9') {
            group++;
        } else {
            return 0;
        }
    }
    if (commas == 0 || group != 3 || i == start)
        return 0;
    for (i++; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* 4.20101E+11: what Excel shows for a long number in a General cell. */
static int scientific(const char *s, size_t len)
{
    const char *e = memchr(s, 'E', len);
    if (!e)
        e = memchr(s, 'e', len);
    if (!e || e == s || (size_t)(e - s) + 2 >= len || (e[1] != '+' && e[1] != '-'))
        return 0;
    for (const char *p = s; p < s + len; p++)
        if (!(*p >= '0' && *p <= '9') && *p != '.' && p != e && p != e + 1)
            return 0;
    return 1;
}

static int percent_column(const struct kp_column *c)
{
    return strstr(c->title, "%") || strstr(c->title, "％") || strstr(c->title, "率") ||
           strstr(c->title, "比例") || strstr(c->title, "占比");
}

/*
 * A workbook's number in a date column is a serial day whose cell lost its
 * date format (pasted as values): it is that day.  In CSV a number is not.
 */
static int serial_date(kp_rows *r, size_t i, const char *s, size_t len, kp_err *e)
{
    int system = raw_date_system(&r->raw);
    char text[32], date[11], *end;
    if (system < 0 || len == 0 || len >= sizeof text || s[0] < '0' || s[0] > '9')
        return 0;
    memcpy(text, s, len);
    text[len] = '\0';
    double v = strtod(text, &end);
    /* Below 1950 a number is more likely a year or a count typed in the wrong column. */
    if (*end || v < SERIAL_1950 || kp_sheet_serial_date(v, system, date))
        return 0;
    r->fixed[i] = r->fix.len;
    if (kp_buf_puts(&r->fix, date) || kp_buf_putc(&r->fix, '\0'))
        return kp_fail(e, "内存不足"), -1;
    return 0;
}

/* Rewrite field i when the meaning is certain; 1 when it is a problem. */
static int tidy_field(kp_rows *r, size_t i, const char *s, size_t len, kp_err *e)
{
    r->fixed[i] = SIZE_MAX;
    if (r->colof[i] < 0)
        return 0;
    const struct kp_column *c = &r->t->columns[r->colof[i]];
    kp_trim(&s, &len);
    if (c->type == KP_UNIT && scientific(s, len)) {
        say(r, 1, cur_line(r), (long)r->map[i],
            "“%.*s”：Excel 把这个代码变成了数字：请把该列设为文本格式，重新填入完整的代码",
            (int)len, s);
        return 1;
    }
    if (c->type == KP_DATE)
        return serial_date(r, i, s, len, e);
    if (c->type != KP_INT && c->type != KP_REAL)
        return 0;
    int pct = len > 1 && s[len - 1] == '%' && percent_column(c);
    if (pct)
        len--;
    if (!pct && !thousands(s, len))
        return 0;
    r->fixed[i] = r->fix.len;
    for (size_t k = 0; k < len; k++)
        if (s[k] != ',' && kp_buf_putc(&r->fix, s[k]))
            return kp_fail(e, "内存不足"), -1;
    if (kp_buf_putc(&r->fix, '\0'))
        return kp_fail(e, "内存不足"), -1;
    return 0;
}

/* A value outside the header's named columns has no meaning we can know. */
static int stray_values(kp_rows *r)
{
    int bad = 0;
    size_t n = cur_n(r);
    for (size_t i = 0; i < n; i++)
        if ((i >= r->hdr_n || r->dropped[i] == 1) && !field_empty(r, i)) {
            say(r, 1, cur_line(r), (long)i, "这一格有内容，但所在的列没有列名");
            bad = 1;
        }
    return bad;
}

/* Lay the current row out as stream fields; 1 when it was reported and is skipped. */
static int lay_out(kp_rows *r, kp_err *e)
{
    size_t n = cur_n(r);
    if (r->raw.kind == KP_SHEET_CSV && n != r->hdr_n) {
        say(r, 1, cur_line(r), -1, "the row has %zu fields; the header has %zu", n, r->hdr_n);
        return 1;
    }
    if (stray_values(r))
        return 1;
    kp_buf_clear(&r->fix);
    int bad = 0;
    for (size_t i = 0; i < r->n; i++) {
        r->f[i] = cur_field(r, r->map[i], &r->flen[i]);
        int t = r->started ? tidy_field(r, i, r->f[i], r->flen[i], e) : 0;
        if (t < 0)
            return -1;
        bad |= t;
    }
    for (size_t i = 0; i < r->n; i++)
        if (r->started && r->fixed[i] != SIZE_MAX) {
            r->f[i] = r->fix.data + r->fixed[i];
            r->flen[i] = strlen(r->f[i]);
        }
    r->line = cur_line(r);
    return bad;
}

/* In a form, a row that holds only what was pre-filled (its unit and year). */
static int untouched(const kp_rows *r)
{
    if (!r->form)
        return 0;
    for (size_t i = 0; i < r->n; i++) {
        if (field_empty(r, r->map[i]))
            continue;
        const struct kp_column *c = r->colof[i] >= 0 ? &r->t->columns[r->colof[i]] : NULL;
        if (!c || !(c->flags & KP_COL_KEY) || (c->type != KP_UNIT && c->type != KP_YEAR))
            return 0;
    }
    return 1;
}

static int next_data(kp_rows *r, kp_err *e)
{
    for (;;) {
        int rc = r->pending ? 1 : raw_next(&r->raw, e);
        r->pending = 0;
        r->use_held = 0;
        if (rc < 0)
            return -1;
        if (rc == 0 && r->has_total) {
            r->has_total = 0;
            r->use_held = 1;
            say(r, 0, r->held.line, -1, "末尾的合计行已跳过");
            r->use_held = 0;
        }
        if (rc == 0 && r->untouched)
            say(r, 0, 0, -1, "%ld 行预填了单位但没有填写数据，已跳过", r->untouched);
        if (rc == 0)
            return 0;
        if (row_empty(r))
            continue;
        if (untouched(r)) {
            r->untouched++;
            continue;
        }
        if (r->has_total) { /* not the last row after all: it is data */
            r->has_total = 0;
            r->pending = 1;
            r->use_held = 1;
        } else if (is_total(r)) {
            if (hold(r, e))
                return -1;
            r->has_total = 1;
            continue;
        }
        int bad = lay_out(r, e);
        if (bad < 0)
            return -1;
        if (!bad)
            return 1;
    }
}

int kp_rows_next(kp_rows *r, kp_err *e)
{
    if (r->started)
        return next_data(r, e);
    int rc = find_header(r, e);
    if (rc < 0)
        return -1;
    if (r->n == 0 && r->hdr_n == 0)
        return 0;
    if (lay_out(r, e) < 0)
        return -1;
    if (r->two_rows) /* hand on the titles as the two rows make them */
        for (size_t i = 0; i < r->n; i++)
            r->f[i] = header_field(r, 1, r->map[i], &r->flen[i]);
    r->started = 1;
    return 1;
}

/* ---- the rest of the interface ------------------------------------------------ */

int kp_rows_open(kp_rows **out, const char *path, const char *sheet, const struct kp_table *t,
                 const kp_rows_hooks *hooks, kp_err *e)
{
    kp_rows *r = calloc(1, sizeof *r);
    if (!r)
        return kp_fail(e, "内存不足");
    r->t = t;
    if (hooks)
        r->h = *hooks;
    kp_buf_init(&r->fix, 0);
    kp_buf_init(&r->held.text, 0);
    kp_buf_init(&r->above.text, 0);
    if (raw_open(&r->raw, path, sheet, e)) {
        kp_rows_close(r);
        return -1;
    }
    *out = r;
    return 0;
}

size_t kp_rows_nfields(const kp_rows *r) { return r->n; }

const char *kp_rows_field(const kp_rows *r, size_t i, size_t *len)
{
    if (i >= r->n)
        return NULL;
    if (len)
        *len = r->flen[i];
    return r->f[i];
}

long kp_rows_line(const kp_rows *r) { return r->line; }

void kp_rows_place(const kp_rows *r, int field, char *out, size_t n)
{
    long col = field >= 0 && (size_t)field < r->n ? (long)r->map[field] : -1;
    raw_place(&r->raw, r->line, col, out, n);
}

void kp_rows_place_line(const kp_rows *r, long line, char *out, size_t n)
{
    raw_place(&r->raw, line, -1, out, n);
}

const char *kp_rows_encoding(const kp_rows *r) { return raw_encoding(&r->raw); }
uint64_t kp_rows_offset(const kp_rows *r) { return raw_offset(&r->raw); }
uint64_t kp_rows_size(const kp_rows *r) { return raw_size(&r->raw); }

void kp_rows_close(kp_rows *r)
{
    if (!r)
        return;
    raw_close(&r->raw);
    free(r->dropped);
    free(r->map);
    free(r->colof);
    free(r->f);
    free(r->flen);
    free(r->fixed);
    kp_buf_free(&r->fix);
    kp_buf_free(&r->held.text);
    free(r->held.off);
    kp_buf_free(&r->above.text);
    free(r->above.off);
    free(r);
}
