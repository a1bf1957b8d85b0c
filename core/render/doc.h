/*
 * doc.h — the document model: what a report says, not where it goes.
 *
 * A document is a list of blocks (cover, table of contents, headings,
 * paragraphs, key–value lists, tables, charts, images, page breaks and
 * sections that switch the page orientation) plus its metadata and style.
 * Layouts build it call by call — the Lua layout binding calls exactly these
 * functions — and layout.h turns it into pages.  Nothing here knows about PDF.
 *
 * Every text is copied (the caller keeps its strings) and cleaned: invalid
 * UTF-8 shows as U+FFFD, control characters are dropped.  A call that fails
 * leaves the document as it was.
 */
#ifndef KP_RENDER_DOC_H
#define KP_RENDER_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "chart/canvas.h"
#include "chart/chart.h"
#include "util/buf.h"
#include "util/err.h"

/* Bounds on one document, so that bad input cannot exhaust memory. */
#define KP_DOC_MAX_TEXT ((size_t)64 << 20) /* bytes of text in all blocks     */
#define KP_DOC_MAX_BLOCKS 1000000
#define KP_DOC_MAX_COLUMNS 64
#define KP_DOC_HEADING_LEVELS 4

enum kp_orientation { KP_PORTRAIT, KP_LANDSCAPE };

/* How a table column gets its width. */
enum kp_col_width {
    KP_COL_AUTO,  /* as wide as its content wants, within the page          */
    KP_COL_FIXED, /* `value` points                                         */
    KP_COL_SHARE, /* a share (`value` > 0) of what fixed and auto columns leave */
};

/* Paragraph flags. */
#define KP_PARA_BOLD     0x01u
#define KP_PARA_CENTER   0x02u
#define KP_PARA_RIGHT    0x04u
#define KP_PARA_NOINDENT 0x08u /* no two-em indent on the first line */
#define KP_PARA_SMALL    0x10u /* the table font size (notes, sources)  */

/* Table row flags. */
#define KP_ROW_BOLD 0x01u      /* e.g. a total row */

/* Page and type settings, in points; kp_doc_new fills in the defaults
 * (A4, Word's Chinese margins, 小四 body text, 三号/四号 headings). */
typedef struct kp_style {
    double margin_top, margin_bottom, margin_left, margin_right;
    double body_size;            /* paragraphs                              */
    double line_spacing;         /* line height as a multiple of the size    */
    double paragraph_space;      /* extra space after a paragraph            */
    double heading_size[KP_DOC_HEADING_LEVELS];
    double title_size;           /* the cover title                          */
    double table_size;           /* tables, key–value lists, small paragraphs */
    double header_size;          /* running header and footer                */
    int toc_depth;               /* heading levels listed in the contents    */
    int number_headings;         /* prefix 一、 （一） 1. （1）                */
    uint32_t text_rgb, heading_rgb, rule_rgb, border_rgb;  /* 0xRRGGBB */
    uint32_t table_head_rgb, zebra_rgb;                    /* backgrounds */
} kp_style;

enum kp_block_kind {
    KP_BLOCK_COVER,
    KP_BLOCK_TOC,
    KP_BLOCK_SECTION,
    KP_BLOCK_HEADING,
    KP_BLOCK_PARAGRAPH,
    KP_BLOCK_TABLE,   /* also key–value lists: a table without head or rules */
    KP_BLOCK_IMAGE,
    KP_BLOCK_CHART,
    KP_BLOCK_PAGE_BREAK,
};

/* Texts in blocks are offsets into the document's text (kp_doc_text). */
typedef size_t kp_text_ref;

struct kp_doc_column {
    kp_text_ref header;
    enum kp_col_width width;
    double value;
    enum kp_text_align align;
};

struct kp_doc_table {
    size_t ncols, nrows;
    struct kp_doc_column *cols;
    kp_text_ref *cells;      /* nrows × ncols                            */
    unsigned char *row_flags;
    size_t cap_rows;
    int zebra;               /* shade every other row                     */
    int has_header;          /* a header row, repeated on every page      */
    int ruled;               /* cell borders                              */
    int key_value;           /* first column bold, no indent              */
    struct kp_doc *doc;
};

typedef struct kp_block {
    enum kp_block_kind kind;
    kp_text_ref text;            /* heading, paragraph; cover title; image path */
    kp_text_ref text2;           /* cover subtitle                              */
    kp_text_ref *lines;          /* cover lines                                 */
    size_t nlines;
    int level;                   /* heading: 1..KP_DOC_HEADING_LEVELS           */
    unsigned flags;              /* paragraph flags                             */
    enum kp_orientation orientation; /* section                                 */
    double width, height;        /* image: width asked (0: natural); chart: height */
    double px_width, px_height;  /* image: size in pixels                       */
    struct kp_doc_table *table;
    kp_chart *chart;
} kp_block;

enum kp_doc_info { KP_INFO_TITLE, KP_INFO_AUTHOR, KP_INFO_SUBJECT, KP_INFO_KEYWORDS, KP_INFO_UNIT };
#define KP_INFO_COUNT 5

typedef struct kp_doc {
    kp_style style;
    kp_buf text;                 /* every string, NUL-terminated, back to back */
    kp_text_ref info[KP_INFO_COUNT];
    enum kp_orientation orientation; /* of the first pages */
    kp_block *blocks;
    size_t nblocks, cap_blocks;
} kp_doc;

int kp_doc_new(kp_doc **out, kp_err *e);
/* Frees the blocks, their tables and charts. */
void kp_doc_free(kp_doc *d);

/* The text at `ref` (NUL-terminated). */
const char *kp_doc_text(const kp_doc *d, kp_text_ref ref);

/* Title, author, subject, keywords (PDF metadata; the title and unit also run
 * in the page header).  Default author: 计生协. */
int kp_doc_set_info(kp_doc *d, enum kp_doc_info what, const char *value, kp_err *e);
const char *kp_doc_info(const kp_doc *d, enum kp_doc_info what);
/* Orientation of the pages before the first section. */
void kp_doc_set_orientation(kp_doc *d, enum kp_orientation o);

/* A cover page: title, subtitle (may be NULL) and lines such as "单位：…". */
int kp_doc_cover(kp_doc *d, const char *title, const char *subtitle, const char *const *lines,
                 size_t nlines, kp_err *e);
/* The table of contents, listing headings down to style.toc_depth. */
int kp_doc_toc(kp_doc *d, kp_err *e);
/* Start a new page in `o`; the following pages keep it. */
int kp_doc_section(kp_doc *d, enum kp_orientation o, kp_err *e);
/* A heading, numbered 一、 / （一） / 1. / （1） by level. */
int kp_doc_heading(kp_doc *d, int level, const char *text, kp_err *e);
int kp_doc_paragraph(kp_doc *d, const char *text, unsigned flags, kp_err *e);
/* Label–value pairs ("单位：", "XX县计生协"), set as an unruled two-column list. */
int kp_doc_key_values(kp_doc *d, const char *const *keys, const char *const *values, size_t n,
                      kp_err *e);
/* A table of `ncols` columns, filled through the returned handle (owned by
 * the document).  Columns default to auto width, left aligned, no header. */
int kp_doc_table(kp_doc *d, size_t ncols, struct kp_doc_table **out, kp_err *e);
int kp_table_column(struct kp_doc_table *t, size_t col, const char *header, enum kp_col_width width,
                    double value, enum kp_text_align align, kp_err *e);
int kp_table_row(struct kp_doc_table *t, const char *const *cells, size_t ncells, unsigned flags,
                 kp_err *e);
void kp_table_set_zebra(struct kp_doc_table *t, int on);
/* A PNG image, `width` points wide (0: its natural size at 96 dpi), never
 * wider than the text. */
int kp_doc_image(kp_doc *d, const char *png_path, double width, kp_err *e);
/* A chart across the text width, `height` points high (0: 0.6 × the width).
 * The document takes the chart, also when this fails. */
int kp_doc_chart(kp_doc *d, kp_chart *chart, double height, kp_err *e);
int kp_doc_page_break(kp_doc *d, kp_err *e);

#endif
