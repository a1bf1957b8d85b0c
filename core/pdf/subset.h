/*
 * subset.h — a font holding only the characters a document shows.
 *
 * The report font has 50,000 glyphs in 5 MB; a county report shows a few
 * hundred of them.  HarfBuzz's subsetter cuts the font down to those (with
 * the glyphs composite hanzi are built from, renumbered from 0), and the PDF
 * embeds the result.  libharu 2.3.0 cannot embed composite glyphs of the full
 * font correctly; in a subset every glyph id is small, which avoids its bug.
 */
#ifndef KP_RENDER_SUBSET_H
#define KP_RENDER_SUBSET_H

#include "render/codeset.h"
#include "render/font.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct kp_subsetter kp_subsetter;

/* Read the font file of `f` once; keep the subsetter for the whole run (a
 * subset from it then costs a few milliseconds). */
int kp_subsetter_open(kp_subsetter **out, const kp_font *f, kp_err *e);
void kp_subsetter_close(kp_subsetter *s);

/* Append to `out` a TrueType font with the glyphs of `chars`, plus 'x' and
 * 'H' (PDF font metrics are taken from them) and the missing-glyph box. */
int kp_subset_make(kp_subsetter *s, const kp_codeset *chars, kp_buf *out, kp_err *e);

#endif
