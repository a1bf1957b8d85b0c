/*
 * text.h — preparing, measuring and wrapping text for the page.
 *
 * Text enters kaoping from CSV files and Lua layouts, so it is first made
 * safe to set (kp_text_clean), then fitted to the font (kp_text_fit), then
 * wrapped into lines at a width (kp_text_wrap) with the break rules of
 * linebreak.h and the real glyph advances of font.h.  Nothing is ever cut:
 * a word wider than the line is broken between characters.
 */
#ifndef KP_RENDER_TEXT_H
#define KP_RENDER_TEXT_H

#include <stddef.h>

#include "render/codeset.h"
#include "render/font.h"
#include "util/buf.h"
#include "util/err.h"

/* One wrapped line: a byte range of the wrapped text, trailing spaces and
 * the newline left out, and its width in points. */
typedef struct kp_line {
    size_t start, len;
    double width;
} kp_line;

typedef struct kp_lines {
    kp_line *v;
    size_t n, cap;
} kp_lines;

void kp_lines_free(kp_lines *l);

/* Append `len` bytes to `out` made safe to set: invalid UTF-8 becomes U+FFFD,
 * CR LF and CR become LF, a tab becomes a space, other control and invisible
 * format characters are dropped. */
int kp_text_clean(const char *utf8, size_t len, kp_buf *out, kp_err *e);

/* Append clean text to `out` with every character the font cannot draw
 * replaced by U+FFFD, so that what is measured is what is drawn; the
 * replaced characters go to `missing` when it is not NULL. */
int kp_text_fit(kp_font *f, const char *utf8, size_t len, kp_buf *out, kp_codeset *missing,
                kp_err *e);

/* Clean and fit a label into `out` (emptied first): the text a canvas draws
 * for `utf8`. */
int kp_text_prepare(kp_font *f, const char *utf8, kp_buf *out, kp_codeset *missing, kp_err *e);

/* Wrap fitted text at `size` points into lines no wider than `width`, the
 * first line no wider than `first_width` (for an indent).  `out` is emptied
 * first.  Empty text gives one empty line. */
int kp_text_wrap(kp_font *f, const char *utf8, size_t len, double size, double first_width,
                 double width, kp_lines *out, kp_err *e);

/* The narrowest width the text can be wrapped to without breaking inside a
 * word (its widest unbreakable piece) and its width with no wrapping at all
 * (its widest line), in points. */
int kp_text_extent(kp_font *f, const char *utf8, size_t len, double size, double *min_width,
                   double *max_width, kp_err *e);

#endif
