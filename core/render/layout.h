/*
 * layout.h — a document laid out into pages of positioned items.
 *
 * Layout happens once: every line is broken, every table row measured and
 * every block given its page and place.  Painting (paint.h) then replays a
 * page's items onto any canvas — the PDF page, a PNG preview — without
 * measuring anything again.
 *
 * Page numbers ("第 N 页 共 M 页") and the page numbers of the table of
 * contents are only known once the last page is made; their items are laid
 * out with a fixed place and filled in by a second, short pass at the end.
 * The contents' lines do not depend on the numbers, so one pagination pass
 * is enough.
 *
 * Coordinates are points, origin at the top left of the page, y downwards.
 */
#ifndef KP_RENDER_LAYOUT_H
#define KP_RENDER_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "render/codeset.h"
#include "render/doc.h"
#include "render/font.h"
#include "util/buf.h"
#include "util/err.h"

enum kp_item_kind {
    KP_ITEM_TEXT,  /* one line of text: baseline starts at (x, y); w is its width  */
    KP_ITEM_RECT,  /* a filled rectangle (x, y, w, h)                              */
    KP_ITEM_LINE,  /* a stroked line from (x, y) to (x + w, y + h)                 */
    KP_ITEM_IMAGE, /* the PNG file named by `text`, scaled into (x, y, w, h)       */
    KP_ITEM_CHART, /* `chart` painted into (x, y, w, h)                            */
};

typedef struct kp_item {
    enum kp_item_kind kind;
    double x, y, w, h;
    double size;            /* text: font size; line: line width             */
    double dash;            /* line: dash and gap length, 0 for a solid line  */
    uint32_t rgb;           /* 0xRRGGBB                                       */
    int bold;
    size_t text;            /* text, image: offset into kp_layout.text        */
    const kp_chart *chart;  /* owned by the document                          */
} kp_item;

typedef struct kp_page {
    double width, height;
    size_t first, count;    /* its items: items[first .. first + count)       */
    int number;             /* N of "第 N 页", 0 for an unnumbered cover      */
} kp_page;

/* Where a heading landed: for bookmarks and the table of contents. */
typedef struct kp_mark {
    int level;
    size_t title;           /* numbered title, offset into kp_layout.text     */
    size_t page;            /* index into pages                               */
    double y;               /* top of the heading on its page                 */
} kp_mark;

/* A box on a page that leads to a heading (a contents entry). */
typedef struct kp_link {
    size_t page;
    double x, y, w, h;
    size_t mark;
} kp_link;

typedef struct kp_layout {
    kp_page *pages;
    size_t npages;
    kp_item *items;
    size_t nitems;
    kp_mark *marks;
    size_t nmarks;
    kp_link *links;
    size_t nlinks;
    kp_buf text;            /* NUL-terminated strings of the items and marks   */
    kp_codeset missing;     /* characters the font lacks, drawn as U+FFFD      */
    int numbered_pages;     /* M of "共 M 页"                                  */
    size_t cap_pages, cap_items, cap_marks, cap_links; /* allocated lengths */
} kp_layout;

/*
 * The most pages a document may take.  Every page is kept until the PDF is
 * written (about 60 KiB each for dense tables, in the layout and in libharu),
 * so this bounds a report's memory to a few hundred MiB; a report longer
 * than this is a listing no one reads, which 'kaoping results --xlsx' gives.
 */
#define KP_LAYOUT_MAX_PAGES 5000

/* Lay `d` out in font `f`.  The layout refers to the document's charts: free
 * the layout before the document.  A document that needs more than
 * KP_LAYOUT_MAX_PAGES pages fails. */
int kp_layout_run(kp_layout **out, const kp_doc *d, kp_font *f, kp_err *e);
void kp_layout_free(kp_layout *l);

static inline const char *kp_layout_text(const kp_layout *l, size_t ref)
{
    return l->text.data + ref;
}

#endif
