/*
 * font.h — the one CJK TrueType face reports and charts are set in.
 *
 * Loaded once through FreeType from a .ttc (by index) or .ttf.  Every width in
 * kaoping is measured here, with the integer formula libharu itself uses
 * (trunc(advance * 1000 / units_per_em) per glyph, in 1/1000 em), so that
 * layout, the PDF page and the cairo charts agree to the point.
 *
 * A kp_font caches the widths it has measured, so one kp_font belongs to one
 * thread at a time.
 */
#ifndef KP_RENDER_FONT_H
#define KP_RENDER_FONT_H

#include <stddef.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "util/err.h"

typedef struct kp_font kp_font;

/* Open `path` (face `index` of a collection).  NULL path: $KAOPING_FONT, else
 * the configured default (KP_DEFAULT_FONT). */
int kp_font_open(kp_font **out, const char *path, int index, kp_err *e);
void kp_font_close(kp_font *f);

FT_Face kp_font_face(const kp_font *f);
const char *kp_font_path(const kp_font *f);
int kp_font_index(const kp_font *f);

/* Advance of one code point in 1/1000 em (0 when the font lacks it). */
int kp_font_advance(kp_font *f, uint32_t cp);
/* Does the font have a glyph for cp? */
int kp_font_has_glyph(kp_font *f, uint32_t cp);
/* Width of `len` bytes of UTF-8 at `size` points (invalid bytes count as U+FFFD). */
double kp_font_text_width(kp_font *f, const char *utf8, size_t len, double size);
/* Ascent and descent (positive) at `size` points. */
double kp_font_ascent(const kp_font *f, double size);
double kp_font_descent(const kp_font *f, double size);

#endif
