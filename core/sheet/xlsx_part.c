/*
 * xlsx_part.c — the zip container of an xlsx file, read so that a hostile
 * file is refused in a moment instead of costing memory or minutes.
 *
 * The checks, all before or while inflating: the file's size, the number of
 * parts, each part's declared size and its ratio to the compressed size (a
 * zip bomb inflates a thousandfold; real sheets ten- to fiftyfold), and the
 * bytes actually inflated against what the directory declared (a lying
 * directory is caught as it lies).  The XML parser never fetches anything
 * (XML_PARSE_NONET), never substitutes entities, never loads a DTD, and a
 * document that declares one is refused outright: no sheet needs it, and it
 * is where billion-laughs attacks live.  Nesting deeper than
 * KP_SHEET_MAX_DEPTH is refused too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sheet/xlsx_impl.h"

static void part_fail(struct xlsx_part *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void part_fail(struct xlsx_part *p, const char *fmt, ...)
{
    if (p->why[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->why, sizeof p->why, fmt, ap);
    va_end(ap);
}

/*
 * Refuse a DTD before the parser reads it: entity declarations are parsed
 * as soon as they are seen, so waiting for the DOCTYPE node is too late.
 */
static int prolog_has_dtd(struct xlsx_part *p, const char *buf, size_t n)
{
    if (memmem(buf, n, "<!DOCTYPE", 9) || memmem(buf, n, "<!ENTITY", 8)) {
        part_fail(p, "含有 DTD 或实体声明，工作簿不需要这些：拒绝读取");
        return 1;
    }
    for (const char *c = buf; (c = memchr(c, '<', n - (size_t)(c - buf))) && c + 1 < buf + n; c++)
        if (c[1] != '?' && c[1] != '!') {
            p->in_prolog = 0; /* the root element has begun */
            break;
        }
    return 0;
}

static int on_read(void *ctx, char *buf, int len)
{
    struct xlsx_part *p = ctx;
    zip_int64_t got = zip_fread(p->f, buf, (zip_uint64_t)len);
    if (got < 0) {
        part_fail(p, "解压失败（%s）", zip_error_strerror(zip_file_get_error(p->f)));
        return -1;
    }
    p->done += (uint64_t)got;
    if (p->done > p->size) {
        part_fail(p, "解压后的内容比目录中声明的大小还多：文件已损坏或被篡改");
        return -1;
    }
    if (p->in_prolog && prolog_has_dtd(p, buf, (size_t)got))
        return -1;
    return (int)got;
}

static int on_close(void *ctx)
{
    (void)ctx; /* the zip file is closed by xlsx_part_close, which owns it */
    return 0;
}

static void on_xml_error(void *ctx, xmlErrorPtr err)
{
    struct xlsx_part *p = ctx;
    if (err && err->level >= XML_ERR_ERROR) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s", err->message ? err->message : "?");
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        part_fail(p, "XML 格式错误（第 %d 行：%s）", err->line, msg);
    }
}

static int check_entry(struct xlsx_book *b, zip_int64_t idx, const char *name, struct xlsx_part *p,
                       kp_err *e)
{
    zip_stat_t st;
    if (zip_stat_index(b->zip, (zip_uint64_t)idx, 0, &st) < 0)
        return kp_fail(e, "%s: 工作簿损坏：读不出 %s 的目录信息", b->path, name);
    if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
        return kp_fail(e, "%s: 工作簿损坏：%s 没有大小信息", b->path, name);
    if (st.size > KP_SHEET_MAX_PART_BYTES)
        return kp_fail(e, "%s: %s 解压后有 %llu 字节，超过上限 %llu：拒绝读取", b->path, name,
                       (unsigned long long)st.size, (unsigned long long)KP_SHEET_MAX_PART_BYTES);
    if (st.size > KP_SHEET_RATIO_FLOOR &&
        st.size / (st.comp_size ? st.comp_size : 1) > KP_SHEET_MAX_RATIO)
        return kp_fail(e, "%s: %s 的压缩比超过 %d 倍，像是“压缩炸弹”：拒绝读取", b->path, name,
                       KP_SHEET_MAX_RATIO);
    p->size = st.size;
    return 0;
}

int xlsx_part_open(struct xlsx_book *b, const char *name, struct xlsx_part *p, kp_err *e)
{
    memset(p, 0, sizeof *p);
    p->file = b->path;
    snprintf(p->name, sizeof p->name, "%s", name);
    zip_int64_t idx = zip_name_locate(b->zip, name, 0);
    if (idx < 0)
        return 0;
    if (check_entry(b, idx, name, p, e))
        return -1;
    if (!(p->f = zip_fopen_index(b->zip, (zip_uint64_t)idx, 0)))
        return kp_fail(e, "%s: 工作簿损坏：打不开 %s（%s）", b->path, name,
                       zip_strerror(b->zip));
    p->xml = xmlReaderForIO(on_read, on_close, p, NULL, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!p->xml) {
        zip_fclose(p->f);
        p->f = NULL;
        return kp_fail(e, "%s: 内存不足", b->path);
    }
    xmlTextReaderSetStructuredErrorHandler(p->xml, on_xml_error, p);
    p->in_prolog = 1;
    return 1;
}

/* Element names are looked at in a small window; longer ones are not counted. */
struct name_scan {
    int state; /* 0 text, 1 inside a tag's name */
    char name[24];
    size_t len;
};

static long scan_names(struct name_scan *s, const char *buf, size_t n, const char *local)
{
    long found = 0;
    size_t want = strlen(local);
    for (size_t i = 0; i < n; i++) {
        char c = buf[i];
        if (s->state == 0) {
            const char *lt = memchr(buf + i, '<', n - i);
            if (!lt)
                break;
            i = (size_t)(lt - buf);
            s->state = 1;
            s->len = 0;
            continue;
        }
        int namechar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == ':' || c == '_' || c == '-' || c == '.';
        if (namechar && s->len < sizeof s->name - 1) {
            s->name[s->len++] = c;
            continue;
        }
        s->state = 0;
        if (!namechar && s->len >= want) {
            s->name[s->len] = '\0';
            const char *l = strrchr(s->name, ':');
            found += !strcmp(l ? l + 1 : s->name, local);
        }
    }
    return found;
}

int xlsx_part_count(struct xlsx_book *b, const char *name, const char *local, long most,
                    long *count, kp_err *e)
{
    struct xlsx_part p;
    memset(&p, 0, sizeof p);
    *count = 0;
    zip_int64_t idx = zip_name_locate(b->zip, name, 0);
    if (idx < 0)
        return 0;
    if (check_entry(b, idx, name, &p, e))
        return -1;
    zip_file_t *f = zip_fopen_index(b->zip, (zip_uint64_t)idx, 0);
    if (!f)
        return kp_fail(e, "%s: 工作簿损坏：打不开 %s（%s）", b->path, name, zip_strerror(b->zip));
    struct name_scan s = {0};
    char buf[65536];
    zip_int64_t got;
    uint64_t total = 0;
    while (*count <= most && (got = zip_fread(f, buf, sizeof buf)) > 0) {
        total += (uint64_t)got;
        if (total > p.size)
            break;
        *count += scan_names(&s, buf, (size_t)got, local);
    }
    zip_fclose(f);
    return 0;
}

int xlsx_part_read(struct xlsx_part *p, kp_err *e)
{
    int rc = xmlTextReaderRead(p->xml);
    if (rc == 1) {
        int type = xmlTextReaderNodeType(p->xml);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE) {
            part_fail(p, "含有 DTD 或实体声明，工作簿不需要这些：拒绝读取");
            rc = -1;
        } else if (xmlTextReaderDepth(p->xml) > KP_SHEET_MAX_DEPTH) {
            part_fail(p, "XML 嵌套超过 %d 层：拒绝读取", KP_SHEET_MAX_DEPTH);
            rc = -1;
        }
    }
    if (rc < 0) {
        part_fail(p, "XML 格式错误");
        return kp_fail(e, "%s: %s: %s", p->file, p->name, p->why);
    }
    return rc;
}

void xlsx_part_close(struct xlsx_part *p)
{
    if (p->xml)
        xmlFreeTextReader(p->xml);
    if (p->f)
        zip_fclose(p->f);
    p->xml = NULL;
    p->f = NULL;
}

const char *xlsx_attr(xmlTextReaderPtr r, const char *name)
{
    const char *value = NULL;
    if (xmlTextReaderMoveToFirstAttribute(r) != 1)
        return NULL;
    do {
        const xmlChar *local = xmlTextReaderConstLocalName(r);
        if (local && !strcmp((const char *)local, name)) {
            value = (const char *)xmlTextReaderConstValue(r);
            break;
        }
    } while (xmlTextReaderMoveToNextAttribute(r) == 1);
    xmlTextReaderMoveToElement(r);
    return value;
}

int xlsx_text(struct xlsx_part *p, kp_buf *out, int only_t, kp_err *e)
{
    if (xmlTextReaderIsEmptyElement(p->xml))
        return 0;
    int base = xmlTextReaderDepth(p->xml);
    int in_t = !only_t, in_rph = 0, rc;
    while ((rc = xlsx_part_read(p, e)) == 1) {
        int type = xmlTextReaderNodeType(p->xml);
        int depth = xmlTextReaderDepth(p->xml);
        const char *name = (const char *)xmlTextReaderConstLocalName(p->xml);
        if (type == XML_READER_TYPE_END_ELEMENT && depth == base)
            return 0;
        if (type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT) {
            int open = type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement(p->xml);
            if (!strcmp(name, "rPh"))
                in_rph = open;
            else if (only_t && !strcmp(name, "t"))
                in_t = open;
            continue;
        }
        if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
             type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE) &&
            in_t && !in_rph) {
            const char *v = (const char *)xmlTextReaderConstValue(p->xml);
            if (v && kp_buf_puts(out, v))
                return kp_fail(e, "%s: %s: 单元格文字过长", p->file, p->name);
            if (out->len > KP_SHEET_MAX_CELL_BYTES)
                return kp_fail(e, "%s: %s: 单元格文字超过 %zu 字节", p->file, p->name,
                               KP_SHEET_MAX_CELL_BYTES);
        }
    }
    return rc < 0 ? -1 : kp_fail(e, "%s: %s: XML 意外结束", p->file, p->name);
}

int xlsx_skip(struct xlsx_part *p, kp_err *e)
{
    if (xmlTextReaderIsEmptyElement(p->xml))
        return 0;
    int base = xmlTextReaderDepth(p->xml), rc;
    while ((rc = xlsx_part_read(p, e)) == 1)
        if (xmlTextReaderNodeType(p->xml) == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(p->xml) == base)
            return 0;
    return rc < 0 ? -1 : kp_fail(e, "%s: %s: XML 意外结束", p->file, p->name);
}
