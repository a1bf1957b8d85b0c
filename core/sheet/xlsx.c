/*
 * xlsx.c — one worksheet of an xlsx workbook, row by row.
 *
 * The sheet part is streamed: <row> by <row>, each <c> turned into the text
 * a CSV saved by Excel would have held (see xlsx.h), so that the importer
 * applies one set of rules whatever the file.  Rows and columns past the caps
 * are refused at the first cell that crosses them.
 */
#include "sheet/xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet/xlsx_impl.h"

struct kp_xlsx {
    struct xlsx_book book;
    struct xlsx_part part;
    char *sheet;
    kp_sheet_row row;
    kp_buf cell;     /* the current cell's raw value */
    long rows_seen;  /* <row> elements, empty ones too */
    long next_row;   /* the number of a <row> without r= */
};

/* "C17" → column 2 (0-based) and row 17; -1 when malformed. */
static int parse_ref(const char *ref, unsigned *col, long *row)
{
    unsigned c = 0;
    const char *p = ref;
    while (*p >= 'A' && *p <= 'Z' && c <= KP_SHEET_MAX_COLS)
        c = c * 26 + (unsigned)(*p++ - 'A' + 1);
    if (c == 0 || c > KP_SHEET_MAX_COLS)
        return -1;
    char *end;
    long r = strtol(p, &end, 10);
    if (p == end || *end || r < 1)
        return -1;
    *col = c - 1;
    *row = r;
    return 0;
}

static int cell_value(kp_xlsx *x, const char *type, long style, const char **s, size_t *len,
                      char tmp[64])
{
    const char *raw = x->cell.data;
    *s = raw;
    *len = x->cell.len;
    if (type && !strcmp(type, "s")) {
        char *end;
        long i = strtol(raw, &end, 10);
        if (end == raw || *end || i < 0 || (size_t)i >= x->book.nstrings)
            return -1;
        *s = x->book.strtext.data + x->book.stroff[i];
        *len = strlen(*s);
    } else if (type && !strcmp(type, "b")) {
        *s = !strcmp(raw, "1") ? "是" : "否";
        *len = strlen(*s);
    } else if (type && !strcmp(type, "d")) {
        *len = x->cell.len > 10 ? 10 : x->cell.len; /* ISO 8601: the date part */
    } else if ((!type || !strcmp(type, "n")) && x->cell.len) {
        char *end;
        double v = strtod(raw, &end);
        if (end == raw || *end)
            return -1;
        int date = style >= 0 && (size_t)style < x->book.nxf && x->book.is_date[style];
        if (!date || kp_sheet_serial_date(v, x->book.date1904, tmp))
            kp_sheet_number_text(v, tmp, 64);
        *s = tmp;
        *len = strlen(tmp);
    }
    return 0;
}

/* Read one <c> (the reader is on its start) into the row. */
static int read_cell(kp_xlsx *x, unsigned *next_col, kp_err *e)
{
    xmlTextReaderPtr r = x->part.xml;
    const char *ref = xlsx_attr(r, "r");
    unsigned col = *next_col;
    long row = x->row.line;
    if (ref && parse_ref(ref, &col, &row))
        return kp_fail(e, "%s:%s!%s: 单元格地址无效（最多 %d 列）", x->book.path, x->sheet, ref,
                       KP_SHEET_MAX_COLS);
    const char *t = xlsx_attr(r, "t");
    char type[16];
    snprintf(type, sizeof type, "%s", t ? t : "n");
    const char *sv = xlsx_attr(r, "s");
    long style = sv ? strtol(sv, NULL, 10) : -1;
    kp_buf_clear(&x->cell);
    int inline_str = !strcmp(type, "inlineStr");
    if (!xmlTextReaderIsEmptyElement(r)) {
        int base = xmlTextReaderDepth(r), rc;
        while ((rc = xlsx_part_read(&x->part, e)) == 1) {
            int nt = xmlTextReaderNodeType(r);
            if (nt == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == base)
                break;
            if (nt != XML_READER_TYPE_ELEMENT)
                continue;
            const char *name = (const char *)xmlTextReaderConstLocalName(r);
            if ((!strcmp(name, "v") && !inline_str) || (!strcmp(name, "is") && inline_str)) {
                if (xlsx_text(&x->part, &x->cell, inline_str, e))
                    return -1;
            } else if (xlsx_skip(&x->part, e)) { /* <f> and the like */
                return -1;
            }
        }
        if (rc <= 0)
            return rc < 0 ? -1 : kp_fail(e, "%s:%s: XML 意外结束", x->book.path, x->sheet);
    }
    *next_col = col + 1;
    char tmp[64], place[8];
    const char *s;
    size_t len;
    if (cell_value(x, type, style, &s, &len, tmp)) {
        kp_sheet_col_name(col + 1, place);
        return kp_fail(e, "%s:%s!%s%ld: 单元格的值无效", x->book.path, x->sheet, place, row);
    }
    if (len == 0)
        return 0;
    if (kp_sheet_row_put(&x->row, col, s, len, e))
        return kp_err_wrap(e, "%s:%s!%ld", x->book.path, x->sheet, row);
    return 0;
}

static int too_many_rows(kp_xlsx *x, kp_err *e)
{
    return kp_fail(e, "%s:%s: 超过 %d 行：拒绝读取，请分成几个文件", x->book.path, x->sheet,
                   KP_SHEET_MAX_ROWS);
}

static int start_row(kp_xlsx *x, kp_err *e)
{
    if (++x->rows_seen > KP_SHEET_MAX_ROWS)
        return too_many_rows(x, e);
    const char *r = xlsx_attr(x->part.xml, "r");
    long n = r ? strtol(r, NULL, 10) : x->next_row;
    if (n < 1 || n > KP_SHEET_MAX_ROWS)
        return kp_fail(e, "%s:%s: 第 %ld 行超出 %d 行的上限：拒绝读取", x->book.path, x->sheet, n,
                       KP_SHEET_MAX_ROWS);
    kp_sheet_row_clear(&x->row);
    x->row.line = n;
    x->next_row = n + 1;
    return 0;
}

int kp_xlsx_next(kp_xlsx *x, kp_err *e)
{
    int rc, in_row = 0;
    unsigned next_col = 0;
    while ((rc = xlsx_part_read(&x->part, e)) == 1) {
        xmlTextReaderPtr r = x->part.xml;
        int type = xmlTextReaderNodeType(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_ELEMENT && !strcmp(name, "row")) {
            if (start_row(x, e))
                return -1;
            next_col = 0;
            in_row = !xmlTextReaderIsEmptyElement(r);
        } else if (type == XML_READER_TYPE_ELEMENT && in_row && !strcmp(name, "c")) {
            if (read_cell(x, &next_col, e))
                return -1;
        } else if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(name, "row")) {
            in_row = 0;
            if (x->row.n)
                return 1;
        } else if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(name, "sheetData")) {
            return 0; /* merged cells and page setup follow: nothing to import */
        }
    }
    return rc < 0 ? -1 : 0;
}

static int find_sheet(kp_xlsx *x, const char *sheet, kp_err *e)
{
    const kp_sheet_names *v = &x->book.visible;
    if (v->n == 0)
        return kp_fail(e, "%s: 工作簿里没有可见的工作表", x->book.path);
    size_t i = 0;
    while (sheet && i < v->n && strcmp(v->names[i], sheet))
        i++;
    if (i == v->n)
        return kp_fail(e, "%s: 没有名为“%s”的工作表", x->book.path, sheet);
    if (!(x->sheet = strdup(v->names[i])))
        return kp_fail(e, "内存不足");
    long rows;
    if (xlsx_part_count(&x->book, x->book.parts[i], "row", KP_SHEET_MAX_ROWS, &rows, e))
        return -1;
    if (rows > KP_SHEET_MAX_ROWS)
        return too_many_rows(x, e);
    int rc = xlsx_part_open(&x->book, x->book.parts[i], &x->part, e);
    if (rc == 0)
        return kp_fail(e, "%s: 工作簿损坏：缺少工作表“%s”的内容 %s", x->book.path, x->sheet,
                       x->book.parts[i]);
    return rc < 0 ? -1 : 0;
}

int kp_xlsx_open(kp_xlsx **out, const char *path, const char *sheet, kp_err *e)
{
    kp_xlsx *x = calloc(1, sizeof *x);
    if (!x)
        return kp_fail(e, "内存不足");
    kp_buf_init(&x->cell, KP_SHEET_MAX_CELL_BYTES * 2);
    kp_buf_init(&x->row.text, 0);
    x->next_row = 1;
    if (xlsx_book_open(&x->book, path, 1, e) || find_sheet(x, sheet, e)) {
        kp_xlsx_close(x);
        return -1;
    }
    *out = x;
    return 0;
}

const kp_sheet_row *kp_xlsx_row(const kp_xlsx *x) { return &x->row; }
const char *kp_xlsx_sheet(const kp_xlsx *x) { return x->sheet; }
int kp_xlsx_date1904(const kp_xlsx *x) { return x->book.date1904; }
uint64_t kp_xlsx_offset(const kp_xlsx *x) { return x->part.done; }
uint64_t kp_xlsx_size(const kp_xlsx *x) { return x->part.size; }

void kp_xlsx_close(kp_xlsx *x)
{
    if (!x)
        return;
    xlsx_part_close(&x->part);
    xlsx_book_close(&x->book);
    kp_sheet_row_free(&x->row);
    kp_buf_free(&x->cell);
    free(x->sheet);
    free(x);
}
