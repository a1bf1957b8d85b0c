/*
 * doc.c — building the document model (see doc.h).
 *
 * All strings live in one bounded buffer and blocks refer to them by offset,
 * so a document of thousands of table cells is a few allocations and cannot
 * grow past KP_DOC_MAX_TEXT.  Every builder either succeeds completely or
 * leaves the document unchanged: the text buffer is rolled back to its length
 * before the call.
 */
#include "render/doc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/image.h"
#include "render/text.h"

#define MM (72.0 / 25.4)

static void default_style(kp_style *s)
{
    s->margin_top = 25.4 * MM;
    s->margin_bottom = 25.4 * MM;
    s->margin_left = 31.8 * MM;
    s->margin_right = 31.8 * MM;
    s->body_size = 12;           /* 小四 */
    s->line_spacing = 1.5;
    s->paragraph_space = 4;
    s->heading_size[0] = 16;     /* 三号 */
    s->heading_size[1] = 14;     /* 四号 */
    s->heading_size[2] = 12;
    s->heading_size[3] = 12;
    s->title_size = 26;          /* 一号 */
    s->table_size = 10.5;        /* 五号 */
    s->header_size = 9;          /* 小五 */
    s->toc_depth = 2;
    s->number_headings = 1;
    s->text_rgb = 0x000000;
    s->heading_rgb = 0x000000;
    s->rule_rgb = 0x808080;
    s->border_rgb = 0x7F7F7F;
    s->table_head_rgb = 0xDCE6F1;
    s->zebra_rgb = 0xF2F2F2;
}

/* Copy cleaned text into the document; *ref gets its offset. */
static int add_text(kp_doc *d, const char *s, kp_text_ref *ref, kp_err *e)
{
    if (!s)
        s = "";
    size_t len = strlen(s);
    *ref = d->text.len;
    if (len > KP_DOC_MAX_TEXT - d->text.len ||
        kp_text_clean(s, len, &d->text, e) < 0 || kp_buf_putc(&d->text, '\0') < 0) {
        d->text.len = *ref;
        return kp_fail(e, "the document's text passes %zu MiB", KP_DOC_MAX_TEXT >> 20);
    }
    return 0;
}

int kp_doc_new(kp_doc **out, kp_err *e)
{
    kp_doc *d = calloc(1, sizeof *d);
    if (!d)
        return kp_fail(e, "out of memory for a document");
    default_style(&d->style);
    kp_buf_init(&d->text, KP_DOC_MAX_TEXT + 1);
    /* Offset 0 is the empty string, so that unset texts read as "". */
    kp_text_ref empty;
    if (add_text(d, "", &empty, e) < 0 || add_text(d, "计生协", &d->info[KP_INFO_AUTHOR], e) < 0) {
        kp_doc_free(d);
        return kp_fail(e, "out of memory for a document");
    }
    *out = d;
    return 0;
}

static void free_table(struct kp_doc_table *t)
{
    if (!t)
        return;
    free(t->cols);
    free(t->cells);
    free(t->row_flags);
    free(t);
}

void kp_doc_free(kp_doc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nblocks; i++) {
        free(d->blocks[i].lines);
        free_table(d->blocks[i].table);
        if (d->blocks[i].chart)
            kp_chart_free(d->blocks[i].chart);
    }
    free(d->blocks);
    kp_buf_free(&d->text);
    free(d);
}

const char *kp_doc_text(const kp_doc *d, kp_text_ref ref)
{
    return ref < d->text.len ? d->text.data + ref : "";
}

int kp_doc_set_info(kp_doc *d, enum kp_doc_info what, const char *value, kp_err *e)
{
    if ((unsigned)what >= KP_INFO_COUNT)
        return kp_fail(e, "unknown document property %d", (int)what);
    return add_text(d, value, &d->info[what], e);
}

const char *kp_doc_info(const kp_doc *d, enum kp_doc_info what)
{
    return (unsigned)what < KP_INFO_COUNT ? kp_doc_text(d, d->info[what]) : "";
}

void kp_doc_set_orientation(kp_doc *d, enum kp_orientation o)
{
    d->orientation = o;
}

/* A new zeroed block at the end; the caller fills it in. */
static kp_block *push_block(kp_doc *d, enum kp_block_kind kind, kp_err *e)
{
    if (d->nblocks >= KP_DOC_MAX_BLOCKS) {
        kp_fail(e, "the document has more than %d blocks", KP_DOC_MAX_BLOCKS);
        return NULL;
    }
    if (d->nblocks == d->cap_blocks) {
        size_t cap = d->cap_blocks ? d->cap_blocks * 2 : 32;
        kp_block *b = realloc(d->blocks, cap * sizeof *b);
        if (!b) {
            kp_fail(e, "out of memory adding to the document");
            return NULL;
        }
        d->blocks = b;
        d->cap_blocks = cap;
    }
    kp_block *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

int kp_doc_cover(kp_doc *d, const char *title, const char *subtitle, const char *const *lines,
                 size_t nlines, kp_err *e)
{
    size_t mark = d->text.len;
    kp_text_ref t, sub;
    kp_text_ref *refs = NULL;
    if (nlines > 64)
        return kp_fail(e, "a cover takes at most 64 lines, not %zu", nlines);
    if (nlines && !(refs = calloc(nlines, sizeof *refs)))
        return kp_fail(e, "out of memory adding a cover");
    if (add_text(d, title, &t, e) < 0 || add_text(d, subtitle, &sub, e) < 0)
        goto fail;
    for (size_t i = 0; i < nlines; i++)
        if (add_text(d, lines[i], &refs[i], e) < 0)
            goto fail;
    kp_block *b = push_block(d, KP_BLOCK_COVER, e);
    if (!b)
        goto fail;
    b->text = t;
    b->text2 = sub;
    b->lines = refs;
    b->nlines = nlines;
    return 0;
fail:
    free(refs);
    d->text.len = mark;
    return -1;
}

int kp_doc_toc(kp_doc *d, kp_err *e)
{
    return push_block(d, KP_BLOCK_TOC, e) ? 0 : -1;
}

int kp_doc_section(kp_doc *d, enum kp_orientation o, kp_err *e)
{
    if (o != KP_PORTRAIT && o != KP_LANDSCAPE)
        return kp_fail(e, "unknown page orientation %d", (int)o);
    kp_block *b = push_block(d, KP_BLOCK_SECTION, e);
    if (!b)
        return -1;
    b->orientation = o;
    return 0;
}

int kp_doc_page_break(kp_doc *d, kp_err *e)
{
    return push_block(d, KP_BLOCK_PAGE_BREAK, e) ? 0 : -1;
}

/* A block holding one text. */
static int text_block(kp_doc *d, enum kp_block_kind kind, const char *text, kp_block **out,
                      kp_err *e)
{
    size_t mark = d->text.len;
    kp_text_ref ref;
    if (add_text(d, text, &ref, e) < 0)
        return -1;
    kp_block *b = push_block(d, kind, e);
    if (!b) {
        d->text.len = mark;
        return -1;
    }
    b->text = ref;
    *out = b;
    return 0;
}

int kp_doc_heading(kp_doc *d, int level, const char *text, kp_err *e)
{
    if (level < 1 || level > KP_DOC_HEADING_LEVELS)
        return kp_fail(e, "heading level %d is not between 1 and %d", level,
                       KP_DOC_HEADING_LEVELS);
    if (!text || !*text)
        return kp_fail(e, "a heading needs a text");
    kp_block *b;
    if (text_block(d, KP_BLOCK_HEADING, text, &b, e) < 0)
        return -1;
    b->level = level;
    return 0;
}

int kp_doc_paragraph(kp_doc *d, const char *text, unsigned flags, kp_err *e)
{
    if (!text)
        return kp_fail(e, "a paragraph needs a text");
    if ((flags & KP_PARA_CENTER) && (flags & KP_PARA_RIGHT))
        return kp_fail(e, "a paragraph cannot be both centred and right-aligned");
    kp_block *b;
    if (text_block(d, KP_BLOCK_PARAGRAPH, text, &b, e) < 0)
        return -1;
    b->flags = flags;
    return 0;
}

int kp_doc_image(kp_doc *d, const char *png_path, double width, kp_err *e)
{
    if (!png_path || !*png_path)
        return kp_fail(e, "an image needs a file name");
    if (!(width >= 0) || !isfinite(width))
        return kp_fail(e, "%s: image width %g is not a size", png_path, width);
    int pw, ph;
    if (kp_png_size(png_path, &pw, &ph, e) < 0)
        return -1;
    kp_block *b;
    if (text_block(d, KP_BLOCK_IMAGE, png_path, &b, e) < 0)
        return -1;
    b->width = width;
    b->px_width = pw;
    b->px_height = ph;
    return 0;
}

int kp_doc_chart(kp_doc *d, kp_chart *chart, double height, kp_err *e)
{
    if (!chart)
        return kp_fail(e, "no chart given");
    if (!(height >= 0) || !isfinite(height) || height > 10000) {
        kp_chart_free(chart);
        return kp_fail(e, "chart height %g is not a size", height);
    }
    kp_block *b = push_block(d, KP_BLOCK_CHART, e);
    if (!b) {
        kp_chart_free(chart);
        return -1;
    }
    b->chart = chart;
    b->height = height;
    return 0;
}

/* Tables. */

static int new_table(kp_doc *d, size_t ncols, struct kp_doc_table **out, kp_err *e)
{
    if (ncols < 1 || ncols > KP_DOC_MAX_COLUMNS)
        return kp_fail(e, "a table has 1 to %d columns, not %zu", KP_DOC_MAX_COLUMNS, ncols);
    struct kp_doc_table *t = calloc(1, sizeof *t);
    if (!t || !(t->cols = calloc(ncols, sizeof *t->cols))) {
        free(t);
        return kp_fail(e, "out of memory adding a table");
    }
    t->ncols = ncols;
    t->doc = d;
    kp_block *b = push_block(d, KP_BLOCK_TABLE, e);
    if (!b) {
        free_table(t);
        return -1;
    }
    b->table = t;
    *out = t;
    return 0;
}

int kp_doc_table(kp_doc *d, size_t ncols, struct kp_doc_table **out, kp_err *e)
{
    struct kp_doc_table *t;
    if (new_table(d, ncols, &t, e) < 0)
        return -1;
    t->ruled = 1;
    *out = t;
    return 0;
}

int kp_table_column(struct kp_doc_table *t, size_t col, const char *header, enum kp_col_width width,
                    double value, enum kp_text_align align, kp_err *e)
{
    if (col >= t->ncols)
        return kp_fail(e, "column %zu does not exist: the table has %zu columns", col + 1,
                       t->ncols);
    if (width == KP_COL_AUTO)
        value = 0;
    else if (width == KP_COL_FIXED && !(value > 0 && value < 10000))
        return kp_fail(e, "column %zu: fixed width %g is not a width in points", col + 1, value);
    else if (width == KP_COL_SHARE && !(value > 0 && value < 1e6))
        return kp_fail(e, "column %zu: share %g is not a positive number", col + 1, value);
    else if (width != KP_COL_FIXED && width != KP_COL_SHARE)
        return kp_fail(e, "column %zu: unknown width kind %d", col + 1, (int)width);
    if (align != KP_ALIGN_LEFT && align != KP_ALIGN_CENTER && align != KP_ALIGN_RIGHT)
        return kp_fail(e, "column %zu: unknown alignment %d", col + 1, (int)align);
    kp_text_ref ref = 0;
    if (header && add_text(t->doc, header, &ref, e) < 0)
        return -1;
    t->cols[col] = (struct kp_doc_column){ref, width, value, align};
    if (header)
        t->has_header = 1;
    return 0;
}

int kp_table_row(struct kp_doc_table *t, const char *const *cells, size_t ncells, unsigned flags,
                 kp_err *e)
{
    if (ncells != t->ncols)
        return kp_fail(e, "table row %zu has %zu cells; the table has %zu columns",
                       t->nrows + 1, ncells, t->ncols);
    if (t->nrows == t->cap_rows) {
        size_t cap = t->cap_rows ? t->cap_rows * 2 : 16;
        if (cap > SIZE_MAX / sizeof(kp_text_ref) / t->ncols)
            return kp_fail(e, "the table has too many rows");
        kp_text_ref *c = realloc(t->cells, cap * t->ncols * sizeof *c);
        if (!c)
            return kp_fail(e, "out of memory adding table row %zu", t->nrows + 1);
        t->cells = c;
        unsigned char *f = realloc(t->row_flags, cap);
        if (!f)
            return kp_fail(e, "out of memory adding table row %zu", t->nrows + 1);
        t->row_flags = f;
        t->cap_rows = cap;
    }
    size_t mark = t->doc->text.len;
    kp_text_ref *row = t->cells + t->nrows * t->ncols;
    for (size_t i = 0; i < ncells; i++)
        if (add_text(t->doc, cells[i], &row[i], e) < 0) {
            t->doc->text.len = mark;
            return kp_err_wrap(e, "table row %zu", t->nrows + 1);
        }
    t->row_flags[t->nrows++] = (unsigned char)flags;
    return 0;
}

void kp_table_set_zebra(struct kp_doc_table *t, int on)
{
    t->zebra = on != 0;
}

int kp_doc_key_values(kp_doc *d, const char *const *keys, const char *const *values, size_t n,
                      kp_err *e)
{
    if (n == 0)
        return kp_fail(e, "a key-value list needs at least one pair");
    size_t mark = d->text.len, nblocks = d->nblocks;
    struct kp_doc_table *t;
    if (new_table(d, 2, &t, e) < 0)
        return -1;
    t->key_value = 1;
    t->cols[1].width = KP_COL_SHARE;
    t->cols[1].value = 1;
    for (size_t i = 0; i < n; i++) {
        const char *cells[2] = {keys[i], values[i]};
        if (kp_table_row(t, cells, 2, 0, e) < 0) {
            free_table(t);
            d->nblocks = nblocks;
            d->text.len = mark;
            return -1;
        }
    }
    return 0;
}
