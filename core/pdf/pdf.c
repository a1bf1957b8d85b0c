/*
 * pdf.c — the PDF writer (see pdf.h).
 *
 * The steps, in order:
 *   1. paint every page onto a recording canvas to learn which characters
 *      are shown (the body text, headers and footers, and chart labels);
 *   2. cut the font down to them with HarfBuzz and hand the subset to
 *      libharu (pdf_font.c);
 *   3. paint every page onto a libharu page, add bookmarks, contents links,
 *      metadata and the optional encryption;
 *   4. let libharu write the compressed file into memory.
 *
 * libharu reports failures through a callback and its errors are sticky:
 * the callback keeps the first one, every call's status is checked, and the
 * document is abandoned at the first failure with what was being done.
 */
#include "pdf/pdf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "kp_config.h"
#include "util/atomic_file.h"
#include "pdf/canvas_pdf.h"
#include "render/canvas_record.h"
#include "render/paint.h"
#include "pdf/pdf_font.h"

struct hpdf_error {
    HPDF_STATUS code, detail;
};

static void on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    struct hpdf_error *h = user;
    if (!h->code) {
        h->code = code;
        h->detail = detail;
    }
}

static const char *hpdf_reason(HPDF_STATUS code)
{
    switch (code) {
    case HPDF_FAILD_TO_ALLOC_MEM:
        return "out of memory";
    case HPDF_FILE_IO_ERROR:
    case HPDF_FILE_OPEN_ERROR:
        return "a file could not be read";
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
    case HPDF_INVALID_FONTDEF_DATA:
        return "the font cannot be embedded";
    case HPDF_ENCRYPT_INVALID_PASSWORD:
        return "the passwords are not usable (the owner password must be set and differ from "
               "the user password)";
    case HPDF_ZLIB_ERROR:
        return "compression failed";
    default:
        return "libharu failed";
    }
}

/* Fail with libharu's first error (or `status`), saying what was being done. */
static int hpdf_fail(kp_err *e, const struct hpdf_error *h, HPDF_STATUS status, const char *what)
{
    HPDF_STATUS code = h->code ? h->code : status;
    return kp_fail(e, "PDF: %s: %s (libharu error 0x%04X, detail %u)", what, hpdf_reason(code),
                   (unsigned)code, (unsigned)h->detail);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The moment the document claims to be made at. */
static int document_time(const kp_pdf_options *o, time_t *out, kp_err *e)
{
    if (o && o->timestamp > 0) {
        *out = (time_t)o->timestamp;
        return 0;
    }
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (env && *env) {
        char *end;
        errno = 0;
        long long v = strtoll(env, &end, 10);
        if (errno || *end || v < 0 || v > 253402300799LL)
            return kp_fail(e, "SOURCE_DATE_EPOCH='%s' is not a number of seconds since 1970", env);
        *out = (time_t)v;
        return 0;
    }
    *out = time(NULL);
    return 0;
}

/* Step 1: the characters every page shows, as the PDF canvas will draw them. */
static int collect_chars(const kp_layout *l, kp_font *f, kp_codeset *chars, kp_err *e)
{
    kp_record_canvas rc;
    kp_canvas_record_init(&rc, f, chars, NULL);
    int rc_ = 0;
    for (size_t i = 0; i < l->npages && rc_ == 0; i++)
        rc_ = kp_paint_page(l, i, &rc.base, e);
    kp_canvas_record_free(&rc);
    return rc_;
}

static int set_info(HPDF_Doc pdf, const kp_doc *d, time_t when)
{
    static const struct {
        enum kp_doc_info what;
        HPDF_InfoType type;
    } map[] = {{KP_INFO_TITLE, HPDF_INFO_TITLE},
               {KP_INFO_AUTHOR, HPDF_INFO_AUTHOR},
               {KP_INFO_SUBJECT, HPDF_INFO_SUBJECT},
               {KP_INFO_KEYWORDS, HPDF_INFO_KEYWORDS}};
    /* Chinese metadata needs the UTF-8 encoder to be current. */
    if (HPDF_SetCurrentEncoder(pdf, "UTF-8") != HPDF_OK)
        return -1;
    for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
        const char *v = kp_doc_info(d, map[i].what);
        if (*v && HPDF_SetInfoAttr(pdf, map[i].type, v) != HPDF_OK)
            return -1;
    }
    if (HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "kaoping " KP_VERSION) != HPDF_OK)
        return -1;
    struct tm tm;
    if (!gmtime_r(&when, &tm))
        return -1;
    HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                      tm.tm_sec > 59 ? 59 : tm.tm_sec, 'Z', 0, 0};
    if (HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date) != HPDF_OK ||
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date) != HPDF_OK)
        return -1;
    return 0;
}

/* Where a bookmark or contents entry leads: the heading's page, fitted to
 * the window's width, scrolled to just above the heading. */
static HPDF_Destination destination(HPDF_Page *pages, const kp_layout *l, const kp_mark *m)
{
    HPDF_Destination dst = HPDF_Page_CreateDestination(pages[m->page]);
    double top = l->pages[m->page].height - m->y + 6;
    if (!dst || HPDF_Destination_SetFitH(dst, (HPDF_REAL)top) != HPDF_OK)
        return NULL;
    return dst;
}

/* A bookmark per heading, nested by level, and a link per contents entry. */
static int add_navigation(HPDF_Doc pdf, const kp_layout *l, HPDF_Page *pages)
{
    HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
    if (!utf8)
        return -1;
    HPDF_Outline parent[KP_DOC_HEADING_LEVELS] = {0};
    for (size_t i = 0; i < l->nmarks; i++) {
        const kp_mark *m = &l->marks[i];
        int lv = m->level - 1;
        HPDF_Outline up = NULL;
        for (int j = lv - 1; j >= 0 && !up; j--)
            up = parent[j];
        HPDF_Outline ol = HPDF_CreateOutline(pdf, up, kp_layout_text(l, m->title), utf8);
        if (!ol)
            return -1;
        HPDF_Destination dst = destination(pages, l, m);
        if (!dst || HPDF_Outline_SetDestination(ol, dst) != HPDF_OK ||
            HPDF_Outline_SetOpened(ol, lv == 0) != HPDF_OK)
            return -1;
        parent[lv] = ol;
        for (int j = lv + 1; j < KP_DOC_HEADING_LEVELS; j++)
            parent[j] = NULL;
    }
    for (size_t i = 0; i < l->nlinks; i++) {
        const kp_link *k = &l->links[i];
        const kp_mark *m = &l->marks[k->mark];
        double H = l->pages[k->page].height;
        HPDF_Destination dst = destination(pages, l, m);
        if (!dst)
            return -1;
        HPDF_Rect r = {(HPDF_REAL)k->x, (HPDF_REAL)(H - k->y - k->h), (HPDF_REAL)(k->x + k->w),
                       (HPDF_REAL)(H - k->y)};
        HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(pages[k->page], r, dst);
        if (!a || HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0) != HPDF_OK)
            return -1;
    }
    if (l->nmarks && HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE) != HPDF_OK)
        return -1;
    return 0;
}

static int protect(HPDF_Doc pdf, const kp_pdf_options *o)
{
    const char *user = o->user_password ? o->user_password : "";
    if (HPDF_SetPassword(pdf, o->owner_password, user) != HPDF_OK)
        return -1;
    HPDF_UINT perm = o->print_only ? HPDF_ENABLE_PRINT
                                   : HPDF_ENABLE_PRINT | HPDF_ENABLE_EDIT_ALL |
                                         HPDF_ENABLE_COPY | HPDF_ENABLE_EDIT;
    if (HPDF_SetPermission(pdf, perm) != HPDF_OK ||
        HPDF_SetEncryptionMode(pdf, HPDF_ENCRYPT_R3, 16) != HPDF_OK)
        return -1;
    return 0;
}

/* Steps 3 and 4, on a fresh libharu document. */
static int write_pdf(HPDF_Doc pdf, struct hpdf_error *he, const kp_doc *d, const kp_layout *l,
                     kp_font *f, HPDF_Font font, const kp_pdf_options *o, time_t when,
                     kp_buf *out, kp_err *e)
{
    if (set_info(pdf, d, when) < 0)
        return hpdf_fail(e, he, 0, "writing the document properties");

    HPDF_Page *pages = calloc(l->npages, sizeof *pages);
    if (!pages)
        return kp_fail(e, "PDF: out of memory");
    kp_pdf_images images = {0};
    int rc = -1;
    for (size_t i = 0; i < l->npages; i++) {
        const kp_page *p = &l->pages[i];
        pages[i] = HPDF_AddPage(pdf);
        if (!pages[i] || HPDF_Page_SetWidth(pages[i], (HPDF_REAL)p->width) != HPDF_OK ||
            HPDF_Page_SetHeight(pages[i], (HPDF_REAL)p->height) != HPDF_OK) {
            hpdf_fail(e, he, 0, "adding a page");
            goto done;
        }
        kp_pdf_canvas pc;
        kp_canvas_pdf_init(&pc, pdf, pages[i], font, f, &images, p->height);
        int painted = kp_paint_page(l, i, &pc.base, e);
        if (pc.base.failed && pc.image_err.msg[0]) {
            kp_fail(e, "PDF: page %zu: %s", i + 1, pc.image_err.msg);
        } else if (pc.base.failed) {
            char what[96];
            snprintf(what, sizeof what, "page %zu: %s", i + 1, pc.what);
            hpdf_fail(e, he, pc.status, what);
        }
        kp_canvas_pdf_free(&pc);
        if (painted < 0)
            goto done;
    }
    if (add_navigation(pdf, l, pages) < 0) {
        hpdf_fail(e, he, 0, "adding bookmarks");
        goto done;
    }
    if (o && o->owner_password && *o->owner_password && protect(pdf, o) < 0) {
        hpdf_fail(e, he, 0, "setting the password");
        goto done;
    }
    if (HPDF_SaveToStream(pdf) != HPDF_OK) {
        hpdf_fail(e, he, 0, "writing the file");
        goto done;
    }
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    if (kp_buf_reserve(out, size) < 0) {
        kp_fail(e, "PDF: out of memory for a file of %u bytes", (unsigned)size);
        goto done;
    }
    for (;;) {
        HPDF_UINT32 n = (HPDF_UINT32)(out->cap - out->len - 1);
        HPDF_STATUS st = HPDF_ReadFromStream(pdf, (HPDF_BYTE *)out->data + out->len, &n);
        out->len += n;
        if (st == HPDF_STREAM_EOF)
            break;
        if (st != HPDF_OK) {
            hpdf_fail(e, he, st, "reading the finished file");
            goto done;
        }
        if (n == 0 && kp_buf_reserve(out, 65536) < 0) {
            kp_fail(e, "PDF: out of memory");
            goto done;
        }
    }
    out->data[out->len] = '\0';
    rc = 0;
done:
    kp_pdf_images_free(&images);
    free(pages);
    return rc;
}

int kp_pdf_render(const kp_doc *d, const kp_layout *l, kp_font *f, kp_subsetter *ss,
                  const kp_pdf_options *o, kp_buf *out, kp_err *e)
{
    if (o && o->print_only && !(o->owner_password && *o->owner_password))
        return kp_fail(e, "PDF: print-only permissions need an owner password");
    if (o && o->owner_password && o->user_password &&
        !strcmp(o->owner_password, o->user_password))
        return kp_fail(e, "PDF: the owner password must differ from the user password");
    time_t when = 0;
    if (document_time(o, &when, e) < 0)
        return -1;

    kp_pdf_stats stats = {0};
    double t0 = now_ms();
    kp_codeset chars;
    if (kp_codeset_init(&chars, e) < 0)
        return -1;
    kp_buf font;
    kp_buf_init(&font, 0);
    kp_pdf_font pf = {.fd = -1};
    int rc = -1;
    HPDF_Doc pdf = NULL;
    if (collect_chars(l, f, &chars, e) < 0)
        goto done;
    double t1 = now_ms();
    if (kp_subset_make(ss, &chars, &font, e) < 0)
        goto done;
    double t2 = now_ms();
    struct hpdf_error he = {0, 0};
    pdf = HPDF_New(on_hpdf_error, &he);
    if (!pdf) {
        kp_fail(e, "PDF: libharu could not start (out of memory)");
        goto done;
    }
    if (HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL) != HPDF_OK ||
        HPDF_UseUTFEncodings(pdf) != HPDF_OK) {
        hpdf_fail(e, &he, 0, "setting up the document");
        goto done;
    }
    if (kp_pdf_font_load(&pf, pdf, &font, &chars, e) < 0)
        goto done;
    size_t before = out->len;
    if (write_pdf(pdf, &he, d, l, f, pf.font, o, when, out, e) < 0) {
        out->len = before;
        goto done;
    }
    stats.collect_ms = t1 - t0;
    stats.subset_ms = t2 - t1;
    stats.write_ms = now_ms() - t2;
    stats.chars = chars.count;
    stats.font_bytes = font.len;
    if (o && o->stats)
        *o->stats = stats;
    rc = 0;
done:
    kp_pdf_font_release(&pf);
    if (pdf)
        HPDF_Free(pdf);
    kp_buf_free(&font);
    kp_codeset_free(&chars);
    return rc;
}

int kp_pdf_write(const kp_doc *d, const kp_layout *l, kp_font *f, kp_subsetter *ss,
                 const kp_pdf_options *o, const char *path, kp_err *e)
{
    kp_buf out;
    kp_buf_init(&out, 0);
    int rc = kp_pdf_render(d, l, f, ss, o, &out, e);
    if (rc == 0)
        rc = kp_write_file_atomic(path, out.data, out.len, e);
    else
        kp_err_wrap(e, "%s", path);
    kp_buf_free(&out);
    return rc;
}
