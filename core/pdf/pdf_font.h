/*
 * pdf_font.h — putting the font subset into a libharu document.
 *
 * Debian's libharu 2.3.0 needs four corrections to embed a CJK subset well,
 * all made here so that the rest of the PDF writer uses plain libharu:
 *   - it loads TrueType only from a file: the subset goes into an anonymous
 *     in-memory file;
 *   - it embeds only glyphs it saw drawn, and drops the inner parts of
 *     nested composite glyphs: every glyph of the subset is marked used;
 *   - its ToUnicode map for UTF-8 text is an encoding CMap that readers
 *     reject: it is replaced by a real one;
 *   - it looks up all 65,536 codes through a linear scan of the font's
 *     character map, half of the time of a whole report: the map it scans is
 *     swapped for an equivalent one with a segment per 256 codes.
 * This reaches into libharu 2.3.0's structures (hpdf_fontdef.h, hpdf_font.h);
 * libharu must not be upgraded without checking this file.
 */
#ifndef KP_RENDER_PDF_FONT_H
#define KP_RENDER_PDF_FONT_H

#include <hpdf.h>
#include <hpdf_fontdef.h>

#include "render/codeset.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct kp_pdf_font {
    HPDF_Font font;            /* UTF-8 font to draw with                     */
    int fd;                    /* the in-memory font file, open until saved   */
    HPDF_TTFontDefAttr def;    /* libharu's parsed font                       */
    HPDF_TTF_CmapRange saved;  /* its own character map, put back at the end  */
    HPDF_UINT16 *arrays;       /* the swapped-in map's storage                */
} kp_pdf_font;

/* Load `subset` (showing `chars`) into `pdf`.  On failure the message says
 * what went wrong; kp_pdf_font_release is needed in both cases. */
int kp_pdf_font_load(kp_pdf_font *pf, HPDF_Doc pdf, const kp_buf *subset, const kp_codeset *chars,
                     kp_err *e);
/* Undo the swaps and close the file; call after saving, before HPDF_Free. */
void kp_pdf_font_release(kp_pdf_font *pf);

#endif
