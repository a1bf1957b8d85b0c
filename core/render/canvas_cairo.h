/*
 * canvas_cairo.h — the cairo backend of kp_canvas: PNG images and SVG files.
 *
 * A canvas is made for one picture of a given size in points (a chart for a
 * slide, a report page for a preview).  Text is set in the report font through
 * FreeType, glyph by glyph at the advances kp_font measures, so a label that
 * fits on the PDF page fits here too.  An image canvas is RGB24 on white and
 * may be scaled for high-DPI output; an SVG canvas keeps vectors and carries
 * its text a second time as invisible <text> elements, so that the words of a
 * chart can be searched and selected in a browser.
 *
 * The kp_font must stay open while any canvas made from it is in use, and a
 * font and its canvases belong to one thread at a time (FreeType faces are
 * not shared between threads).  cairo keeps glyph caches keyed by the
 * FreeType face after a canvas is freed, so a process should keep one
 * kp_font for its whole run rather than reopening a different font file.
 */
#ifndef KP_RENDER_CANVAS_CAIRO_H
#define KP_RENDER_CANVAS_CAIRO_H

#include "chart/canvas.h"
#include "render/font.h"
#include "util/buf.h"
#include "util/err.h"

enum kp_cairo_target {
    KP_CAIRO_IMAGE,     /* pixels, written as PNG */
    KP_CAIRO_SVG,       /* vectors, written as SVG */
};

/* Limits of an image canvas, in pixels, so a typo in a size cannot ask for
 * gigabytes. */
#define KP_CAIRO_MAX_SIDE 16384
#define KP_CAIRO_MAX_PIXELS ((long)1 << 26)

/* Make a canvas of `width` × `height` points.  For an image, `scale` is pixels
 * per point (1 gives a pixel per point, 2 a high-DPI picture); the image is
 * ceil(width*scale) × ceil(height*scale) pixels.  SVG ignores `scale`. */
int kp_canvas_cairo_new(kp_canvas **out, enum kp_cairo_target target, kp_font *font,
                        double width, double height, double scale, kp_err *e);
void kp_canvas_cairo_free(kp_canvas *cv);

/* Size of the picture: pixels for an image, points for SVG. */
void kp_canvas_cairo_size(const kp_canvas *cv, int *width, int *height);

/* Append the picture to `out`: PNG bytes for an image canvas (it can still be
 * drawn on afterwards), the SVG document for an SVG canvas (which is finished
 * by this: later drawing fails). */
int kp_canvas_cairo_encode(kp_canvas *cv, kp_buf *out, kp_err *e);

/* Write the picture to `path` atomically: a temporary file beside it, then a
 * rename, so a reader never sees half a picture. */
int kp_canvas_cairo_save(kp_canvas *cv, const char *path, kp_err *e);

#endif
