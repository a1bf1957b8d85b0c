/*
 * layout.c — paginating a document into positioned items (see layout.h).
 *
 * The blocks are laid out in order, top to bottom, page after page; nothing
 * ever goes back to an earlier page.  A page is opened only when content
 * needs it, so page breaks and sections never leave blank pages.  Items
 * whose text depends on the final page count (footers, contents numbers) are
 * remembered as "holds" and filled in by finish() at the end.
 *
 * Rules kept here, since users complain when reports break them: headings
 * stay with what follows them; a paragraph leaves no single line alone at
 * the foot or head of a page; a table row is never split unless it is taller
 * than a page, and a table's header row is repeated on every page it spans;
 * nothing is cut or clipped — a column is never narrower than one hanzi.
 */
#include "render/layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/text.h"

#define A4_SHORT (210.0 * 72.0 / 25.4)
#define A4_LONG (297.0 * 72.0 / 25.4)
#define HEADING_LINE 1.5  /* line height of headings, × size     */
#define TABLE_LINE 1.3    /* line height in table cells, × size  */
#define COVER_LINE 1.4    /* line height of the cover title      */
#define CELL_PAD_X 4.0    /* table cell padding, points          */
#define CELL_PAD_Y 3.0
#define KV_PAD_X 2.0      /* key–value lists sit tighter         */
#define KV_PAD_Y 1.5
#define RULE_WIDTH 0.5
#define BORDER_WIDTH 0.6
#define LEADER_DASH 1.0   /* contents leaders: dots of 1 pt       */

enum hold_kind { HOLD_FOOTER, HOLD_TOC_NUMBER };

/* An item whose text is only known at the end. */
struct hold {
    enum hold_kind kind;
    size_t item;    /* the text item to fill                      */
    size_t leader;  /* contents: the dotted leader ending at it   */
    size_t page;    /* footer: its page                           */
    size_t mark;    /* contents: the heading it gives the page of */
};

typedef struct lay {
    const kp_doc *d;
    const kp_style *st;
    kp_font *f;
    kp_layout *l;
    kp_err *e;
    double pw, ph;              /* size of new pages                        */
    double top, bottom, left, width; /* their text area                     */
    double y;                   /* where the next content goes              */
    int open;                   /* a page is open                           */
    int has_body;               /* ... and holds content                    */
    int need_page;              /* the next content starts a new page       */
    int cover;                  /* pages opened now are unnumbered          */
    size_t *mark_of_block;      /* heading block → its mark                 */
    struct hold *holds;
    size_t nholds, cap_holds;
    kp_buf fit;                 /* text fitted to the font                  */
    kp_buf head;                /* the same for the running header, which a
                                 * page opened halfway through a block sets */
    kp_lines lines;
} lay;

/* One row of a table being laid out: its cells fitted and wrapped. */
struct row {
    kp_buf text;
    size_t *start;     /* each cell's offset in text */
    kp_lines *lines;   /* each cell's lines          */
    size_t nlines;     /* the most lines of any cell */
};

/* Room for `need` elements of `size` bytes in array `v` of `*cap`: the array
 * (moved or not), or NULL when memory runs out. */
static void *grow(void *v, size_t *cap, size_t need, size_t size, kp_err *e)
{
    if (need <= *cap)
        return v;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    void *p = realloc(v, c * size);
    if (!p) {
        kp_fail(e, "out of memory laying out the document");
        return NULL;
    }
    *cap = c;
    return p;
}

/* Store a string in the layout; *ref gets its offset. */
static int store(lay *L, const char *s, size_t len, size_t *ref)
{
    *ref = L->l->text.len;
    if (kp_buf_append(&L->l->text, s, len) < 0 || kp_buf_putc(&L->l->text, '\0') < 0)
        return kp_fail(L->e, "out of memory laying out the document");
    return 0;
}

/* Copy text that is already fitted (a heading's numbered title) into L->fit:
 * the layout's own text buffer may move while lines are stored. */
static int copy_fitted(lay *L, const char *s)
{
    kp_buf_clear(&L->fit);
    if (kp_buf_puts(&L->fit, s) < 0)
        return kp_fail(L->e, "out of memory laying out the document");
    return 0;
}

/* Fit `s` to the font into L->fit. */
static int fit(lay *L, const char *s, size_t len)
{
    kp_buf_clear(&L->fit);
    return kp_text_fit(L->f, s, len, &L->fit, &L->l->missing, L->e);
}

static kp_item *push_item(lay *L, enum kp_item_kind kind)
{
    kp_layout *l = L->l;
    kp_item *items = grow(l->items, &l->cap_items, l->nitems + 1, sizeof *items, L->e);
    if (!items)
        return NULL;
    l->items = items;
    kp_item *it = &l->items[l->nitems++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    l->pages[l->npages - 1].count++;
    return it;
}

static int put_text(lay *L, double x, double baseline, const char *s, size_t len, double width,
                    double size, int bold, uint32_t rgb)
{
    size_t ref;
    if (store(L, s, len, &ref) < 0)
        return -1;
    kp_item *it = push_item(L, KP_ITEM_TEXT);
    if (!it)
        return -1;
    it->x = x;
    it->y = baseline;
    it->w = width;
    it->size = size;
    it->bold = bold;
    it->rgb = rgb;
    it->text = ref;
    return 0;
}

static int put_line(lay *L, double x, double y, double w, double h, double width, double dash,
                    uint32_t rgb)
{
    kp_item *it = push_item(L, KP_ITEM_LINE);
    if (!it)
        return -1;
    *it = (kp_item){.kind = KP_ITEM_LINE, .x = x, .y = y, .w = w, .h = h, .size = width,
                    .dash = dash, .rgb = rgb};
    return 0;
}

static int put_rect(lay *L, double x, double y, double w, double h, uint32_t rgb)
{
    kp_item *it = push_item(L, KP_ITEM_RECT);
    if (!it)
        return -1;
    *it = (kp_item){.kind = KP_ITEM_RECT, .x = x, .y = y, .w = w, .h = h, .rgb = rgb};
    return 0;
}

static int add_hold(lay *L, struct hold h)
{
    struct hold *holds = grow(L->holds, &L->cap_holds, L->nholds + 1, sizeof *holds, L->e);
    if (!holds)
        return -1;
    L->holds = holds;
    L->holds[L->nholds++] = h;
    return 0;
}

/* Where the baseline of text of `size` sits in a line box `lh` high. */
static double baseline_in(lay *L, double size, double lh)
{
    double asc = kp_font_ascent(L->f, size), desc = kp_font_descent(L->f, size);
    return (lh - asc - desc) / 2 + asc;
}

static int set_orientation(lay *L, enum kp_orientation o)
{
    const kp_style *st = L->st;
    L->pw = o == KP_LANDSCAPE ? A4_LONG : A4_SHORT;
    L->ph = o == KP_LANDSCAPE ? A4_SHORT : A4_LONG;
    L->top = st->margin_top;
    L->bottom = L->ph - st->margin_bottom;
    L->left = st->margin_left;
    L->width = L->pw - st->margin_left - st->margin_right;
    if (!(L->width >= 72 && L->bottom - L->top >= 72 && L->top >= 0 && L->left >= 0))
        return kp_fail(L->e, "the margins (%g, %g, %g, %g pt) leave less than an inch of page "
                             "for text", st->margin_top, st->margin_right, st->margin_bottom,
                       st->margin_left);
    return 0;
}

/* The running header: unit name on the left, report title on the right. */
static int put_header(lay *L)
{
    const char *unit = kp_doc_info(L->d, KP_INFO_UNIT), *title = kp_doc_info(L->d, KP_INFO_TITLE);
    if (!*unit && !*title)
        return 0;
    const kp_style *st = L->st;
    kp_buf_clear(&L->head);
    if (kp_text_fit(L->f, unit, strlen(unit), &L->head, &L->l->missing, L->e) < 0)
        return -1;
    size_t unit_len = L->head.len;
    if (kp_text_fit(L->f, title, strlen(title), &L->head, &L->l->missing, L->e) < 0)
        return -1;
    size_t title_len = L->head.len - unit_len;
    const char *u = L->head.data, *t = L->head.data + unit_len;
    /* A long unit and title share the line at a smaller size rather than
     * overlap or be cut. */
    double size = st->header_size, wu, wt;
    for (;;) {
        wu = kp_font_text_width(L->f, u, unit_len, size);
        wt = kp_font_text_width(L->f, t, title_len, size);
        if (wu + wt + 2 * size <= L->width || size <= 5)
            break;
        size -= 0.5;
    }
    double rule = L->top - 10, baseline = rule - 3 - kp_font_descent(L->f, size);
    if (unit_len && put_text(L, L->left, baseline, u, unit_len, wu, size, 0, st->text_rgb) < 0)
        return -1;
    if (title_len && put_text(L, L->left + L->width - wt, baseline, t, title_len, wt, size, 0,
                              st->text_rgb) < 0)
        return -1;
    return put_line(L, L->left, rule, L->width, 0, RULE_WIDTH, 0, st->rule_rgb);
}

static int open_page(lay *L)
{
    kp_layout *l = L->l;
    if (l->npages >= KP_LAYOUT_MAX_PAGES)
        return kp_fail(L->e, "the report needs more than %d pages, more than kaoping lays out; "
                             "make the layout show less (every figure of a run is in "
                             "'kaoping results --xlsx')", KP_LAYOUT_MAX_PAGES);
    kp_page *pages = grow(l->pages, &l->cap_pages, l->npages + 1, sizeof *pages, L->e);
    if (!pages)
        return -1;
    l->pages = pages;
    kp_page *p = &l->pages[l->npages++];
    *p = (kp_page){L->pw, L->ph, l->nitems, 0, L->cover ? 0 : ++l->numbered_pages};
    L->open = 1;
    L->has_body = 0;
    L->need_page = 0;
    L->y = L->top;
    if (L->cover)
        return 0;
    if (put_header(L) < 0)
        return -1;
    /* The footer's text waits for the page count. */
    double size = L->st->header_size;
    double baseline = L->bottom + L->st->margin_bottom * 0.45;
    if (put_text(L, L->left, baseline, "", 0, 0, size, 0, L->st->text_rgb) < 0)
        return -1;
    return add_hold(L, (struct hold){HOLD_FOOTER, l->nitems - 1, 0, l->npages - 1, 0});
}

/* Make room for content `h` high at L->y: open the first page, or a new one
 * when the open page is full.  Content taller than a page goes on a fresh page. */
static int ensure_room(lay *L, double h)
{
    if (!L->open || L->need_page || (L->has_body && L->y + h > L->bottom + 1e-6))
        return open_page(L);
    return 0;
}

/* Chinese numerals for heading numbers: 一 … 九十九. */
static void cn_number(int n, char *out, size_t size)
{
    static const char *digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n >= 100)
        snprintf(out, size, "%d", n);
    else if (n < 10)
        snprintf(out, size, "%s", digit[n]);
    else
        snprintf(out, size, "%s十%s", n >= 20 ? digit[n / 10] : "", n % 10 ? digit[n % 10] : "");
}

/* Number the headings and make their marks, before anything is placed: the
 * table of contents, which may come first, lists them all. */
static int make_marks(lay *L)
{
    const kp_doc *d = L->d;
    int count[KP_DOC_HEADING_LEVELS] = {0};
    kp_layout *l = L->l;
    L->mark_of_block = calloc(d->nblocks ? d->nblocks : 1, sizeof *L->mark_of_block);
    if (!L->mark_of_block)
        return kp_fail(L->e, "out of memory laying out the document");
    for (size_t i = 0; i < d->nblocks; i++) {
        const kp_block *b = &d->blocks[i];
        if (b->kind != KP_BLOCK_HEADING)
            continue;
        int lv = b->level - 1;
        count[lv]++;
        for (int j = lv + 1; j < KP_DOC_HEADING_LEVELS; j++)
            count[j] = 0;
        char num[32], prefix[48] = "";
        cn_number(count[lv], num, sizeof num);
        if (L->st->number_headings) {
            if (lv == 0)
                snprintf(prefix, sizeof prefix, "%s、", num);
            else if (lv == 1)
                snprintf(prefix, sizeof prefix, "（%s）", num);
            else if (lv == 2)
                snprintf(prefix, sizeof prefix, "%d.", count[lv]);
            else
                snprintf(prefix, sizeof prefix, "（%d）", count[lv]);
        }
        kp_buf_clear(&L->fit);
        if (kp_buf_puts(&L->fit, prefix) < 0)
            return kp_fail(L->e, "out of memory laying out the document");
        const char *t = kp_doc_text(d, b->text);
        if (kp_text_fit(L->f, t, strlen(t), &L->fit, &l->missing, L->e) < 0)
            return -1;
        kp_mark *marks = grow(l->marks, &l->cap_marks, l->nmarks + 1, sizeof *marks, L->e);
        if (!marks)
            return -1;
        l->marks = marks;
        kp_mark *m = &l->marks[l->nmarks];
        m->level = b->level;
        m->page = 0;
        m->y = 0;
        if (store(L, L->fit.data, L->fit.len, &m->title) < 0)
            return -1;
        L->mark_of_block[i] = l->nmarks++;
    }
    return 0;
}

/* Place wrapped lines of L->fit, one per line box, opening pages as needed. */
static int put_lines(lay *L, size_t from, size_t to, double size, double lh, int bold,
                     uint32_t rgb, enum kp_text_align align, double first_indent)
{
    double base = baseline_in(L, size, lh);
    for (size_t i = from; i < to; i++) {
        const kp_line *ln = &L->lines.v[i];
        if (ensure_room(L, lh) < 0)
            return -1;
        double x = L->left + (i == 0 ? first_indent : 0);
        if (align == KP_ALIGN_CENTER)
            x = L->left + (L->width - ln->width) / 2;
        else if (align == KP_ALIGN_RIGHT)
            x = L->left + L->width - ln->width;
        if (put_text(L, x, L->y + base, L->fit.data + ln->start, ln->len, ln->width, size, bold,
                     rgb) < 0)
            return -1;
        L->y += lh;
        L->has_body = 1;
    }
    return 0;
}

/* Fit and wrap `s` at `width` into L->lines. */
static int wrap(lay *L, const char *s, double size, double first_width, double width)
{
    if (fit(L, s, strlen(s)) < 0)
        return -1;
    return kp_text_wrap(L->f, L->fit.data, L->fit.len, size, first_width, width, &L->lines, L->e);
}

static int lay_cover(lay *L, const kp_block *b)
{
    const kp_style *st = L->st;
    L->cover = 1;
    if (open_page(L) < 0)
        return -1;
    double size = st->title_size;
    L->y = L->ph * 0.25;
    if (wrap(L, kp_doc_text(L->d, b->text), size, L->width, L->width) < 0 ||
        put_lines(L, 0, L->lines.n, size, size * COVER_LINE, 1, st->heading_rgb, KP_ALIGN_CENTER,
                  0) < 0)
        return -1;
    const char *sub = kp_doc_text(L->d, b->text2);
    if (*sub) {
        size = st->heading_size[0];
        L->y += size;
        if (wrap(L, sub, size, L->width, L->width) < 0 ||
            put_lines(L, 0, L->lines.n, size, size * HEADING_LINE, 0, st->heading_rgb,
                      KP_ALIGN_CENTER, 0) < 0)
            return -1;
    }
    size = st->heading_size[1];
    double lines_top = L->ph * 0.58;
    L->y = L->y + 2 * size > lines_top ? L->y + 2 * size : lines_top;
    for (size_t i = 0; i < b->nlines; i++)
        if (wrap(L, kp_doc_text(L->d, b->lines[i]), size, L->width, L->width) < 0 ||
            put_lines(L, 0, L->lines.n, size, size * 2, 0, st->text_rgb, KP_ALIGN_CENTER, 0) < 0)
            return -1;
    L->has_body = 1;
    L->need_page = 1;
    L->cover = 0;
    return 0;
}

static int lay_toc(lay *L)
{
    const kp_style *st = L->st;
    kp_layout *l = L->l;
    if (L->open)
        L->need_page = 1;
    double size = st->heading_size[0], lh = size * HEADING_LINE;
    const char *title = "目　录";
    double tw = kp_font_text_width(L->f, title, strlen(title), size);
    if (ensure_room(L, lh) < 0 ||
        put_text(L, L->left + (L->width - tw) / 2, L->y + baseline_in(L, size, lh), title,
                 strlen(title), tw, size, 1, st->heading_rgb) < 0)
        return -1;
    L->y += lh + size * 0.5;
    L->has_body = 1;

    size = st->body_size;
    lh = size * st->line_spacing;
    double base = baseline_in(L, size, lh);
    /* The numbers are right-aligned in a column as wide as "000". */
    double numw = kp_font_text_width(L->f, "000", 3, size), gap = size * 0.4;
    for (size_t m = 0; m < l->nmarks; m++) {
        if (l->marks[m].level > st->toc_depth)
            continue;
        int bold = l->marks[m].level == 1;
        double indent = (l->marks[m].level - 1) * 2 * size;
        double textw = L->width - indent - numw - 2 * gap;
        if (copy_fitted(L, kp_layout_text(l, l->marks[m].title)) < 0 ||
            kp_text_wrap(L->f, L->fit.data, L->fit.len, size, textw, textw, &L->lines, L->e) < 0)
            return -1;
        /* An entry's lines stay on one page. */
        if (ensure_room(L, lh * (double)L->lines.n) < 0)
            return -1;
        double top = L->y;
        size_t page = l->npages - 1;
        for (size_t i = 0; i < L->lines.n; i++) {
            const kp_line *ln = &L->lines.v[i];
            if (put_text(L, L->left + indent, L->y + base, L->fit.data + ln->start, ln->len,
                         ln->width, size, bold, st->text_rgb) < 0)
                return -1;
            L->y += lh;
        }
        const kp_line *last = &L->lines.v[L->lines.n - 1];
        double lead_x = L->left + indent + last->width + gap, lead_y = L->y - lh + base;
        if (put_line(L, lead_x, lead_y, 0, 0, 0.8, LEADER_DASH, st->text_rgb) < 0 ||
            put_text(L, L->left + L->width, lead_y, "", 0, 0, size, bold, st->text_rgb) < 0)
            return -1;
        if (add_hold(L, (struct hold){HOLD_TOC_NUMBER, l->nitems - 1, l->nitems - 2, page, m}) < 0)
            return -1;
        kp_link *links = grow(l->links, &l->cap_links, l->nlinks + 1, sizeof *links, L->e);
        if (!links)
            return -1;
        l->links = links;
        l->links[l->nlinks++] = (kp_link){page, L->left + indent, top, L->width - indent,
                                          L->y - top, m};
    }
    L->need_page = 1;
    return 0;
}

/* The height a block needs at least on the page where it starts, so that a
 * heading is never left alone at the foot of a page. */
static double lead_height(lay *L, size_t i);

static int lay_heading(lay *L, size_t idx, const kp_block *b)
{
    const kp_style *st = L->st;
    kp_mark *m = &L->l->marks[L->mark_of_block[idx]];
    double size = st->heading_size[b->level - 1], lh = size * HEADING_LINE;
    if (copy_fitted(L, kp_layout_text(L->l, m->title)) < 0 ||
        kp_text_wrap(L->f, L->fit.data, L->fit.len, size, L->width, L->width, &L->lines, L->e) < 0)
        return -1;
    double h = lh * (double)L->lines.n;
    double before = L->open && L->has_body && !L->need_page ? size * (b->level == 1 ? 0.8 : 0.4) : 0;
    double after = size * 0.3, lead = lead_height(L, idx + 1);
    if (!L->open || L->need_page ||
        (L->has_body && L->y + before + h + after + lead > L->bottom + 1e-6)) {
        if (open_page(L) < 0)
            return -1;
        before = 0;
    }
    L->y += before;
    m->page = L->l->npages - 1;
    m->y = L->y;
    if (put_lines(L, 0, L->lines.n, size, lh, 1, st->heading_rgb, KP_ALIGN_LEFT, 0) < 0)
        return -1;
    L->y += after;
    return 0;
}

static int lay_paragraph(lay *L, const kp_block *b)
{
    const kp_style *st = L->st;
    unsigned fl = b->flags;
    double size = fl & KP_PARA_SMALL ? st->table_size : st->body_size;
    double lh = size * st->line_spacing;
    enum kp_text_align align = fl & KP_PARA_CENTER ? KP_ALIGN_CENTER
                               : fl & KP_PARA_RIGHT ? KP_ALIGN_RIGHT
                                                    : KP_ALIGN_LEFT;
    double indent = (fl & KP_PARA_NOINDENT) || align != KP_ALIGN_LEFT ? 0 : 2 * size;
    if (wrap(L, kp_doc_text(L->d, b->text), size, L->width - indent, L->width) < 0)
        return -1;
    size_t n = L->lines.n, i = 0;
    while (i < n) {
        if (!L->open || L->need_page)
            if (open_page(L) < 0)
                return -1;
        double room = floor((L->bottom - L->y) / lh + 1e-6);
        size_t take = room <= 0 ? 0 : room >= (double)(n - i) ? n - i : (size_t)room;
        if (take < n - i) {
            if (n - i - take == 1 && take > 1)
                take--; /* no last line alone at the head of the next page */
            if (i == 0 && take < 2 && L->has_body) {
                /* no first line alone at the foot of this one */
                if (open_page(L) < 0)
                    return -1;
                continue;
            }
        }
        if (take == 0)
            take = 1; /* a page shorter than one line: the line goes anyway */
        if (put_lines(L, i, i + take, size, lh, (fl & KP_PARA_BOLD) != 0, st->text_rgb, align,
                      i == 0 ? indent : 0) < 0)
            return -1;
        i += take;
        if (i < n)
            L->need_page = 1;
    }
    L->y += st->paragraph_space;
    return 0;
}

/* Size of an image or chart block on the page. */
static void box_size(lay *L, const kp_block *b, double *w, double *h)
{
    double body_h = L->bottom - L->top;
    if (b->kind == KP_BLOCK_IMAGE) {
        *w = b->width > 0 ? b->width : b->px_width * 0.75; /* 96 dpi */
        if (*w > L->width)
            *w = L->width;
        *h = *w * b->px_height / b->px_width;
        if (*h > body_h) {
            *h = body_h;
            *w = *h * b->px_width / b->px_height;
        }
    } else {
        *w = L->width;
        *h = b->height > 0 ? b->height : L->width * 0.6;
        if (*h > body_h)
            *h = body_h;
    }
}

static int lay_box(lay *L, const kp_block *b)
{
    double w, h;
    box_size(L, b, &w, &h);
    if (ensure_room(L, h) < 0)
        return -1;
    kp_item *it = push_item(L, b->kind == KP_BLOCK_IMAGE ? KP_ITEM_IMAGE : KP_ITEM_CHART);
    if (!it)
        return -1;
    it->x = L->left + (L->width - w) / 2;
    it->y = L->y;
    it->w = w;
    it->h = h;
    it->chart = b->chart;
    if (b->kind == KP_BLOCK_IMAGE) {
        const char *path = kp_doc_text(L->d, b->text);
        size_t ref;
        if (store(L, path, strlen(path), &ref) < 0)
            return -1;
        L->l->items[L->l->nitems - 1].text = ref;
    }
    L->y += h + L->st->paragraph_space;
    L->has_body = 1;
    return 0;
}

/* Tables. */

struct table_geom {
    double size, lh, pad_x, pad_y, base;
    double x0, total;
    double *x, *w;       /* each column's left edge and width */
};

static void free_row(struct row *r, size_t ncols)
{
    kp_buf_free(&r->text);
    if (r->lines)
        for (size_t c = 0; c < ncols; c++)
            kp_lines_free(&r->lines[c]);
    free(r->lines);
    free(r->start);
}

/* Fit and wrap one row's cells (`refs`, or the header when refs is NULL). */
static int prepare_row(lay *L, const struct kp_doc_table *t, const kp_text_ref *refs,
                       const struct table_geom *g, struct row *r)
{
    kp_buf_clear(&r->text);
    for (size_t c = 0; c < t->ncols; c++) {
        const char *s = kp_doc_text(L->d, refs ? refs[c] : t->cols[c].header);
        r->start[c] = r->text.len;
        if (kp_text_fit(L->f, s, strlen(s), &r->text, &L->l->missing, L->e) < 0)
            return -1;
    }
    r->nlines = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        size_t end = c + 1 < t->ncols ? r->start[c + 1] : r->text.len;
        double inner = g->w[c] - 2 * g->pad_x;
        if (kp_text_wrap(L->f, r->text.data + r->start[c], end - r->start[c], g->size, inner,
                         inner, &r->lines[c], L->e) < 0)
            return -1;
        if (r->lines[c].n > r->nlines)
            r->nlines = r->lines[c].n;
    }
    return 0;
}

/* Column widths: fixed columns as asked, auto columns between their widest
 * word and their widest line, shares splitting the rest; then everything
 * scaled into the text width, never below one hanzi plus padding. */
static int column_widths(lay *L, const struct kp_doc_table *t, struct table_geom *g)
{
    size_t n = t->ncols;
    double minw = g->size + 2 * g->pad_x, W = L->width;
    if ((double)n * minw > W)
        return kp_fail(L->e, "a table of %zu columns does not fit across the page: at most %d "
                             "columns of one character fit (a landscape section has more room)",
                       n, (int)(W / minw));
    double *lo = calloc(n, sizeof *lo), *hi = calloc(n, sizeof *hi);
    if (!lo || !hi) {
        free(lo);
        free(hi);
        return kp_fail(L->e, "out of memory laying out a table");
    }
    double fixed = 0, share_sum = 0, share_min = 0, auto_lo = 0, auto_hi = 0;
    int autos = 0, shares = 0;
    for (size_t c = 0; c < n; c++) {
        const struct kp_doc_column *col = &t->cols[c];
        lo[c] = hi[c] = minw;
        if (col->width == KP_COL_FIXED) {
            g->w[c] = col->value > minw ? col->value : minw;
            fixed += g->w[c];
        } else if (col->width == KP_COL_SHARE) {
            share_sum += col->value;
            share_min += minw;
            shares++;
        } else {
            for (size_t r = 0; r <= t->nrows; r++) {
                const char *s = kp_doc_text(L->d, r == t->nrows ? col->header
                                                                : t->cells[r * n + c]);
                double a, b;
                if (fit(L, s, strlen(s)) < 0 ||
                    kp_text_extent(L->f, L->fit.data, L->fit.len, g->size, &a, &b, L->e) < 0) {
                    free(lo);
                    free(hi);
                    return -1;
                }
                if (a + 2 * g->pad_x > lo[c])
                    lo[c] = a + 2 * g->pad_x;
                if (b + 2 * g->pad_x > hi[c])
                    hi[c] = b + 2 * g->pad_x;
            }
            auto_lo += lo[c];
            auto_hi += hi[c];
            autos++;
        }
    }
    double room = W - fixed - share_min, given = 0;
    for (size_t c = 0; c < n; c++) {
        if (t->cols[c].width != KP_COL_AUTO)
            continue;
        if (auto_hi <= room)
            g->w[c] = hi[c];
        else if (auto_lo < room)
            g->w[c] = lo[c] + (hi[c] - lo[c]) * (room - auto_lo) / (auto_hi - auto_lo);
        else
            g->w[c] = lo[c];
        given += g->w[c];
    }
    double left = W - fixed - given;
    for (size_t c = 0; c < n; c++) {
        if (shares && t->cols[c].width == KP_COL_SHARE) {
            double w = left * t->cols[c].value / share_sum;
            g->w[c] = w > minw ? w : minw;
        } else if (!shares && autos && left > 0 && t->cols[c].width == KP_COL_AUTO) {
            g->w[c] += left * hi[c] / auto_hi; /* an auto table spans the text width */
        }
    }
    free(lo);
    free(hi);
    double total = 0;
    for (size_t c = 0; c < n; c++)
        total += g->w[c];
    if (total > W + 1e-6) {
        double k = (W - (double)n * minw) / (total - (double)n * minw);
        total = 0;
        for (size_t c = 0; c < n; c++)
            total += g->w[c] = minw + (g->w[c] - minw) * k;
    }
    g->total = total;
    g->x0 = L->left + (W - total) / 2;
    double x = g->x0;
    for (size_t c = 0; c < n; c++) {
        g->x[c] = x;
        x += g->w[c];
    }
    return 0;
}

/* Place lines [from, from + count) of a prepared row at L->y. */
static int put_row(lay *L, const struct kp_doc_table *t, const struct table_geom *g, const struct row *r,
                   size_t from, size_t count, int header, int shaded, int bold, int top_rule)
{
    const kp_style *st = L->st;
    double y0 = L->y, h = 2 * g->pad_y + (double)count * g->lh;
    int whole = from == 0 && count == r->nlines;
    if (header || shaded)
        if (put_rect(L, g->x0, y0, g->total, h, header ? st->table_head_rgb : st->zebra_rgb) < 0)
            return -1;
    for (size_t c = 0; c < t->ncols; c++) {
        const kp_lines *ls = &r->lines[c];
        /* Whole rows centre short cells vertically; parts of a split row
         * keep every cell's lines at the same height. */
        double voff = whole ? (double)(r->nlines - ls->n) * g->lh / 2 : 0;
        enum kp_text_align align = header ? KP_ALIGN_CENTER : t->cols[c].align;
        int b = bold || header || (t->key_value && c == 0);
        for (size_t k = from; k < from + count && k < ls->n; k++) {
            const kp_line *ln = &ls->v[k];
            double x = g->x[c] + g->pad_x;
            if (align == KP_ALIGN_CENTER)
                x = g->x[c] + (g->w[c] - ln->width) / 2;
            else if (align == KP_ALIGN_RIGHT)
                x = g->x[c] + g->w[c] - g->pad_x - ln->width;
            double baseline = y0 + g->pad_y + voff + (double)(k - from) * g->lh + g->base;
            if (put_text(L, x, baseline, r->text.data + r->start[c] + ln->start, ln->len,
                         ln->width, g->size, b, st->text_rgb) < 0)
                return -1;
        }
    }
    if (t->ruled) {
        if (top_rule && put_line(L, g->x0, y0, g->total, 0, BORDER_WIDTH, 0, st->border_rgb) < 0)
            return -1;
        if (put_line(L, g->x0, y0 + h, g->total, 0, BORDER_WIDTH, 0, st->border_rgb) < 0)
            return -1;
        for (size_t c = 0; c <= t->ncols; c++) {
            double x = c < t->ncols ? g->x[c] : g->x0 + g->total;
            if (put_line(L, x, y0, 0, h, BORDER_WIDTH, 0, st->border_rgb) < 0)
                return -1;
        }
    }
    L->y += h;
    L->has_body = 1;
    return 0;
}

static double row_height(const struct table_geom *g, size_t lines)
{
    return 2 * g->pad_y + (double)lines * g->lh;
}

/* A new page for a table: it starts with the header row again. */
static int table_page(lay *L, const struct kp_doc_table *t, const struct table_geom *g,
                      const struct row *head, int *top_rule)
{
    if (open_page(L) < 0)
        return -1;
    *top_rule = 1;
    if (t->has_header) {
        if (put_row(L, t, g, head, 0, head->nlines, 1, 0, 0, 1) < 0)
            return -1;
        *top_rule = 0;
    }
    return 0;
}

static int lay_table(lay *L, const struct kp_doc_table *t)
{
    const kp_style *st = L->st;
    size_t n = t->ncols;
    if (t->nrows == 0 && !t->has_header)
        return 0;
    struct table_geom g = {0};
    g.size = st->table_size;
    g.lh = g.size * TABLE_LINE;
    g.pad_x = t->key_value ? KV_PAD_X : CELL_PAD_X;
    g.pad_y = t->key_value ? KV_PAD_Y : CELL_PAD_Y;
    g.base = baseline_in(L, g.size, g.lh);
    struct row head = {0}, row = {0};
    int rc = -1;
    g.x = calloc(n, sizeof *g.x);
    g.w = calloc(n, sizeof *g.w);
    head.start = calloc(n, sizeof *head.start);
    head.lines = calloc(n, sizeof *head.lines);
    row.start = calloc(n, sizeof *row.start);
    row.lines = calloc(n, sizeof *row.lines);
    kp_buf_init(&head.text, 0);
    kp_buf_init(&row.text, 0);
    if (!g.x || !g.w || !head.start || !head.lines || !row.start || !row.lines) {
        kp_fail(L->e, "out of memory laying out a table");
        goto done;
    }
    if (column_widths(L, t, &g) < 0)
        goto done;
    double head_h = 0;
    if (t->has_header) {
        if (prepare_row(L, t, NULL, &g, &head) < 0)
            goto done;
        head_h = row_height(&g, head.nlines);
    }
    double body_h = L->bottom - L->top - head_h;
    if (body_h < row_height(&g, 1)) {
        kp_fail(L->e, "the table's header row is taller than a page");
        goto done;
    }

    /* The header and the first row (or its first line) start together. */
    double first_h = row_height(&g, 1);
    if (t->nrows > 0) {
        if (prepare_row(L, t, t->cells, &g, &row) < 0)
            goto done;
        if (row_height(&g, row.nlines) <= body_h)
            first_h = row_height(&g, row.nlines);
    }
    int top_rule = 1;
    if (!L->open || L->need_page || (L->has_body && L->y + head_h + first_h > L->bottom + 1e-6)) {
        if (open_page(L) < 0)
            goto done;
    }
    if (t->has_header) {
        if (put_row(L, t, &g, &head, 0, head.nlines, 1, 0, 0, 1) < 0)
            goto done;
        top_rule = 0;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        if (r > 0 && prepare_row(L, t, t->cells + r * n, &g, &row) < 0)
            goto done;
        int shaded = t->zebra && r % 2 == 1, bold = t->row_flags[r] & KP_ROW_BOLD;
        double rh = row_height(&g, row.nlines);
        if (rh <= body_h) {
            if (L->y + rh > L->bottom + 1e-6 && table_page(L, t, &g, &head, &top_rule) < 0)
                goto done;
            if (put_row(L, t, &g, &row, 0, row.nlines, 0, shaded, bold, top_rule) < 0)
                goto done;
            top_rule = 0;
            continue;
        }
        /* Taller than a page: the row goes on in parts, line by line. */
        size_t from = 0;
        while (from < row.nlines) {
            double fits = floor((L->bottom - L->y - 2 * g.pad_y) / g.lh + 1e-6);
            if (fits < 1) {
                if (table_page(L, t, &g, &head, &top_rule) < 0)
                    goto done;
                continue;
            }
            size_t k = fits >= (double)(row.nlines - from) ? row.nlines - from : (size_t)fits;
            if (put_row(L, t, &g, &row, from, k, 0, shaded, bold, top_rule) < 0)
                goto done;
            top_rule = 0;
            from += k;
            if (from < row.nlines && table_page(L, t, &g, &head, &top_rule) < 0)
                goto done;
        }
    }
    L->y += st->paragraph_space + g.size * 0.5;
    rc = 0;
done:
    free_row(&head, n);
    free_row(&row, n);
    free(g.x);
    free(g.w);
    return rc;
}

static double lead_height(lay *L, size_t i)
{
    if (i >= L->d->nblocks)
        return 0;
    const kp_block *b = &L->d->blocks[i];
    const kp_style *st = L->st;
    switch (b->kind) {
    case KP_BLOCK_PARAGRAPH:
        return (b->flags & KP_PARA_SMALL ? st->table_size : st->body_size) * st->line_spacing * 2;
    case KP_BLOCK_HEADING: {
        /* "二、" directly followed by "（一）": both go with the block after
         * them.  Levels only grow along the chain, so it is at most four long. */
        double size = st->heading_size[b->level - 1];
        double h = size * (b->level == 1 ? 0.8 : 0.4) + size * HEADING_LINE + size * 0.3;
        if (i + 1 < L->d->nblocks && L->d->blocks[i + 1].kind == KP_BLOCK_HEADING &&
            L->d->blocks[i + 1].level <= b->level)
            return h;
        return h + lead_height(L, i + 1);
    }
    case KP_BLOCK_TABLE: {
        double row = 2 * CELL_PAD_Y + st->table_size * TABLE_LINE;
        return b->table->has_header ? 2 * row : row;
    }
    case KP_BLOCK_IMAGE:
    case KP_BLOCK_CHART: {
        double w, h;
        box_size(L, b, &w, &h);
        return h;
    }
    default:
        return 0;
    }
}

/* Fill in what waited for the page count: footers and contents numbers. */
static int finish(lay *L)
{
    kp_layout *l = L->l;
    char s[96];
    for (size_t i = 0; i < L->nholds; i++) {
        const struct hold *h = &L->holds[i];
        if (h->kind == HOLD_FOOTER)
            snprintf(s, sizeof s, "第 %d 页 共 %d 页", l->pages[h->page].number,
                     l->numbered_pages);
        else
            snprintf(s, sizeof s, "%d", l->pages[l->marks[h->mark].page].number);
        size_t ref;
        if (store(L, s, strlen(s), &ref) < 0)
            return -1;
        kp_item *it = &l->items[h->item];
        it->text = ref;
        it->w = kp_font_text_width(L->f, s, strlen(s), it->size);
        if (h->kind == HOLD_FOOTER) {
            const kp_page *p = &l->pages[h->page];
            double mid = L->st->margin_left +
                         (p->width - L->st->margin_left - L->st->margin_right) / 2;
            it->x = mid - it->w / 2;
        } else {
            it->x -= it->w; /* right-aligned at the text's right edge */
            kp_item *lead = &l->items[h->leader];
            double end = it->x - it->size * 0.4;
            lead->w = end > lead->x ? end - lead->x : 0;
        }
    }
    return 0;
}

int kp_layout_run(kp_layout **out, const kp_doc *d, kp_font *f, kp_err *e)
{
    *out = NULL;
    kp_layout *l = calloc(1, sizeof *l);
    if (!l)
        return kp_fail(e, "out of memory laying out the document");
    kp_buf_init(&l->text, 0);
    lay L = {.d = d, .st = &d->style, .f = f, .l = l, .e = e};
    kp_buf_init(&L.fit, 0);
    kp_buf_init(&L.head, 0);
    int rc = -1;
    if (kp_codeset_init(&l->missing, e) < 0)
        goto done;
    const kp_style *st = &d->style;
    if (!(st->body_size >= 4 && st->body_size <= 72 && st->table_size >= 4 &&
          st->table_size <= 72 && st->header_size >= 4 && st->header_size <= 72 &&
          st->title_size >= 4 && st->title_size <= 144 && st->line_spacing >= 1 &&
          st->line_spacing <= 4)) {
        kp_fail(e, "the style's font sizes (4 to 72 pt) or line spacing (1 to 4) are out of range");
        goto done;
    }
    for (int i = 0; i < KP_DOC_HEADING_LEVELS; i++)
        if (!(st->heading_size[i] >= 4 && st->heading_size[i] <= 72)) {
            kp_fail(e, "heading size %g of level %d is not between 4 and 72 pt",
                    st->heading_size[i], i + 1);
            goto done;
        }
    if (set_orientation(&L, d->orientation) < 0 || make_marks(&L) < 0)
        goto done;
    for (size_t i = 0; i < d->nblocks; i++) {
        const kp_block *b = &d->blocks[i];
        int r = 0;
        switch (b->kind) {
        case KP_BLOCK_COVER:
            r = lay_cover(&L, b);
            break;
        case KP_BLOCK_TOC:
            r = lay_toc(&L);
            break;
        case KP_BLOCK_SECTION:
            if (L.open)
                L.need_page = 1;
            r = set_orientation(&L, b->orientation);
            break;
        case KP_BLOCK_HEADING:
            r = lay_heading(&L, i, b);
            break;
        case KP_BLOCK_PARAGRAPH:
            r = lay_paragraph(&L, b);
            break;
        case KP_BLOCK_TABLE:
            r = lay_table(&L, b->table);
            break;
        case KP_BLOCK_IMAGE:
        case KP_BLOCK_CHART:
            r = lay_box(&L, b);
            break;
        case KP_BLOCK_PAGE_BREAK:
            if (L.open)
                L.need_page = 1;
            break;
        }
        if (r < 0)
            goto done;
    }
    if (l->npages == 0 && open_page(&L) < 0) /* even an empty report has a page */
        goto done;
    if (finish(&L) < 0)
        goto done;
    rc = 0;
done:
    free(L.mark_of_block);
    free(L.holds);
    kp_buf_free(&L.fit);
    kp_buf_free(&L.head);
    kp_lines_free(&L.lines);
    if (rc < 0) {
        kp_layout_free(l);
        return -1;
    }
    *out = l;
    return 0;
}

void kp_layout_free(kp_layout *l)
{
    if (!l)
        return;
    free(l->pages);
    free(l->items);
    free(l->marks);
    free(l->links);
    kp_buf_free(&l->text);
    kp_codeset_free(&l->missing);
    free(l);
}
