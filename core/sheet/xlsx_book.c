/*
 * xlsx_book.c — what the workbook-wide parts of an xlsx file say: the
 * sheets (name, visibility, which part holds each), the date system, which
 * cell formats show dates, and the shared strings.
 *
 * Only the shared strings are kept whole (cells refer to them by number);
 * every part is read with the streaming reader, never as a tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet/xlsx.h"
#include "sheet/xlsx_impl.h"

#define WORKBOOK "xl/workbook.xml"
#define WORKBOOK_RELS "xl/_rels/workbook.xml.rels"

/* What a workbook.xml <sheet> said, before its part is known. */
struct sheet_ref {
    char *name, *rid;
};

static int is(xmlTextReaderPtr r, int type, const char *name)
{
    return xmlTextReaderNodeType(r) == type &&
           !strcmp((const char *)xmlTextReaderConstLocalName(r), name);
}

static int required_part(struct xlsx_book *b, const char *name, struct xlsx_part *p, kp_err *e)
{
    int rc = xlsx_part_open(b, name, p, e);
    if (rc == 0)
        return kp_fail(e, "%s: 不是 Excel 工作簿：缺少 %s", b->path, name);
    return rc < 0 ? -1 : 0;
}

static int add_ref(struct sheet_ref **refs, size_t *n, const char *name, const char *rid,
                   kp_err *e, const char *path)
{
    if (*n == KP_SHEET_MAX_SHEETS)
        return kp_fail(e, "%s: 工作表超过 %d 个", path, KP_SHEET_MAX_SHEETS);
    struct sheet_ref *p = realloc(*refs, (*n + 1) * sizeof *p);
    if (!p)
        return kp_fail(e, "内存不足");
    *refs = p;
    p[*n].name = strdup(name);
    p[*n].rid = strdup(rid);
    (*n)++;
    if (!p[*n - 1].name || !p[*n - 1].rid)
        return kp_fail(e, "内存不足");
    return 0;
}

static int read_workbook(struct xlsx_book *b, struct sheet_ref **refs, size_t *n, kp_err *e)
{
    struct xlsx_part p;
    if (required_part(b, WORKBOOK, &p, e))
        return -1;
    int rc;
    while ((rc = xlsx_part_read(&p, e)) == 1) {
        if (is(p.xml, XML_READER_TYPE_ELEMENT, "workbookPr")) {
            const char *v = xlsx_attr(p.xml, "date1904");
            b->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
        } else if (is(p.xml, XML_READER_TYPE_ELEMENT, "sheet")) {
            const char *state = xlsx_attr(p.xml, "state");
            if (state && strcmp(state, "visible"))
                continue; /* hidden and veryHidden sheets are the office's own workings */
            const char *name = xlsx_attr(p.xml, "name");
            char *nm = name ? strdup(name) : NULL;
            const char *rid = xlsx_attr(p.xml, "id");
            if (!nm || !rid) {
                free(nm);
                rc = kp_fail(e, "%s: 工作簿损坏：工作表缺少名称或编号", b->path);
                break;
            }
            rc = add_ref(refs, n, nm, rid, e, b->path);
            free(nm);
            if (rc)
                break;
        }
    }
    xlsx_part_close(&p);
    return rc < 0 ? -1 : 0;
}

/* "worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml" */
static char *part_path(const char *target)
{
    char buf[300];
    if (target[0] == '/')
        snprintf(buf, sizeof buf, "%s", target + 1);
    else
        snprintf(buf, sizeof buf, "xl/%s", target);
    return strdup(buf);
}

static int read_rels(struct xlsx_book *b, struct sheet_ref *refs, size_t n, kp_err *e)
{
    struct xlsx_part p;
    if (required_part(b, WORKBOOK_RELS, &p, e))
        return -1;
    int rc;
    while ((rc = xlsx_part_read(&p, e)) == 1) {
        if (!is(p.xml, XML_READER_TYPE_ELEMENT, "Relationship"))
            continue;
        const char *id = xlsx_attr(p.xml, "Id");
        char *idc = id ? strdup(id) : NULL;
        const char *target = xlsx_attr(p.xml, "Target");
        for (size_t i = 0; idc && target && i < n; i++)
            if (!b->parts[i] && !strcmp(refs[i].rid, idc) && !(b->parts[i] = part_path(target)))
                rc = kp_fail(e, "内存不足");
        free(idc);
        if (rc < 0)
            break;
    }
    xlsx_part_close(&p);
    if (rc < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!b->parts[i])
            return kp_fail(e, "%s: 工作簿损坏：找不到工作表“%s”的内容", b->path, refs[i].name);
    return 0;
}

/* Built-in number formats that show a date (Excel's and the CJK ones). */
static int builtin_date(long id)
{
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* A format code shows a date when it has y, d or 年月日 outside quotes and brackets. */
static int code_is_date(const char *code)
{
    int quoted = 0, bracket = 0;
    for (const char *c = code; *c; c++) {
        if (*c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (*c == '\\' && c[1])
            c++;
        else if (*c == '[')
            bracket = 1;
        else if (*c == ']')
            bracket = 0;
        else if (!bracket && (*c == 'y' || *c == 'Y' || *c == 'd' || *c == 'D'))
            return 1;
    }
    return strstr(code, "年") || strstr(code, "月") || strstr(code, "日");
}

struct fmt_dates {
    long ids[512];
    size_t n;
};

static int style_xf(struct xlsx_book *b, struct fmt_dates *custom, xmlTextReaderPtr r, kp_err *e)
{
    if (b->nxf >= 65536)
        return kp_fail(e, "%s: 单元格格式过多", b->path);
    unsigned char *p = realloc(b->is_date, b->nxf + 1);
    if (!p)
        return kp_fail(e, "内存不足");
    b->is_date = p;
    const char *v = xlsx_attr(r, "numFmtId");
    long id = v ? strtol(v, NULL, 10) : 0;
    int date = builtin_date(id);
    for (size_t i = 0; i < custom->n && !date; i++)
        date = custom->ids[i] == id;
    b->is_date[b->nxf++] = (unsigned char)date;
    return 0;
}

static int read_styles(struct xlsx_book *b, kp_err *e)
{
    struct xlsx_part p;
    int rc = xlsx_part_open(b, "xl/styles.xml", &p, e);
    if (rc <= 0)
        return rc;
    struct fmt_dates custom = {.n = 0};
    int in_xfs = 0;
    while ((rc = xlsx_part_read(&p, e)) == 1) {
        if (is(p.xml, XML_READER_TYPE_ELEMENT, "numFmt")) {
            const char *code = xlsx_attr(p.xml, "formatCode");
            if (code && code_is_date(code) && custom.n < sizeof custom.ids / sizeof custom.ids[0]) {
                const char *id = xlsx_attr(p.xml, "numFmtId");
                custom.ids[custom.n++] = id ? strtol(id, NULL, 10) : -1;
            }
        } else if (is(p.xml, XML_READER_TYPE_ELEMENT, "cellXfs")) {
            in_xfs = !xmlTextReaderIsEmptyElement(p.xml);
        } else if (is(p.xml, XML_READER_TYPE_END_ELEMENT, "cellXfs")) {
            in_xfs = 0;
        } else if (in_xfs && is(p.xml, XML_READER_TYPE_ELEMENT, "xf") && style_xf(b, &custom, p.xml, e)) {
            rc = -1;
            break;
        }
    }
    xlsx_part_close(&p);
    return rc < 0 ? -1 : 0;
}

static int add_string(struct xlsx_book *b, size_t *cap, size_t start, kp_err *e)
{
    if (b->nstrings == KP_SHEET_MAX_STRINGS)
        return kp_fail(e, "%s: 共享字符串超过 %d 个", b->path, KP_SHEET_MAX_STRINGS);
    if (b->nstrings == *cap) {
        size_t nc = *cap ? *cap * 2 : 1024;
        size_t *p = realloc(b->stroff, nc * sizeof *p);
        if (!p)
            return kp_fail(e, "内存不足");
        b->stroff = p;
        *cap = nc;
    }
    b->stroff[b->nstrings++] = start;
    if (kp_buf_putc(&b->strtext, '\0'))
        return kp_fail(e, "内存不足");
    return 0;
}

static int read_strings(struct xlsx_book *b, kp_err *e)
{
    struct xlsx_part p;
    int rc = xlsx_part_open(b, "xl/sharedStrings.xml", &p, e);
    if (rc <= 0)
        return rc;
    size_t cap = 0;
    while ((rc = xlsx_part_read(&p, e)) == 1) {
        if (!is(p.xml, XML_READER_TYPE_ELEMENT, "si"))
            continue;
        size_t start = b->strtext.len;
        if (xlsx_text(&p, &b->strtext, 1, e) || add_string(b, &cap, start, e)) {
            rc = -1;
            break;
        }
    }
    xlsx_part_close(&p);
    return rc < 0 ? -1 : 0;
}

static int open_zip(struct xlsx_book *b, const char *path, kp_err *e)
{
    if (kp_sheet_check_size(path, KP_SHEET_MAX_FILE_BYTES, e))
        return -1;
    int err = 0;
    b->zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!b->zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        kp_fail(e, "%s: 不是完好的 xlsx 文件（zip 结构损坏：%s）", path, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    if (zip_get_num_entries(b->zip, 0) > KP_SHEET_MAX_ENTRIES)
        return kp_fail(e, "%s: 压缩包内有 %lld 个文件，超过上限 %d：拒绝读取", path,
                       (long long)zip_get_num_entries(b->zip, 0), KP_SHEET_MAX_ENTRIES);
    return 0;
}

int xlsx_book_open(struct xlsx_book *b, const char *path, int strings, kp_err *e)
{
    memset(b, 0, sizeof *b);
    b->path = path;
    kp_buf_init(&b->strtext, (size_t)KP_SHEET_MAX_PART_BYTES);
    struct sheet_ref *refs = NULL;
    size_t n = 0;
    int rc = -1;
    if (open_zip(b, path, e) || read_workbook(b, &refs, &n, e))
        goto out;
    b->visible.names = calloc(n ? n : 1, sizeof *b->visible.names);
    b->parts = calloc(n ? n : 1, sizeof *b->parts);
    if (!b->visible.names || !b->parts) {
        kp_fail(e, "内存不足");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        b->visible.names[i] = refs[i].name;
        refs[i].name = NULL;
    }
    b->visible.n = n;
    if (read_rels(b, refs, n, e) || read_styles(b, e) || (strings && read_strings(b, e)))
        goto out;
    rc = 0;
out:
    for (size_t i = 0; i < n; i++) {
        free(refs[i].name);
        free(refs[i].rid);
    }
    free(refs);
    if (rc)
        xlsx_book_close(b);
    return rc;
}

void xlsx_book_close(struct xlsx_book *b)
{
    for (size_t i = 0; i < b->visible.n; i++)
        free(b->parts ? b->parts[i] : NULL);
    free(b->parts);
    kp_sheet_names_free(&b->visible);
    free(b->is_date);
    kp_buf_free(&b->strtext);
    free(b->stroff);
    if (b->zip)
        zip_discard(b->zip);
    memset(b, 0, sizeof *b);
}

int kp_xlsx_sheets(const char *path, kp_sheet_names *out, kp_err *e)
{
    struct xlsx_book b;
    if (xlsx_book_open(&b, path, 0, e))
        return -1;
    *out = b.visible;
    b.visible.names = NULL;
    size_t n = b.visible.n;
    b.visible.n = 0;
    for (size_t i = 0; i < n; i++)
        free(b.parts[i]);
    free(b.parts);
    b.parts = NULL;
    xlsx_book_close(&b);
    return 0;
}
