/*
 * canvas_cairo.c — kp_canvas drawn by cairo onto an image or an SVG document.
 *
 * Text never goes through cairo's "toy" text API, which would silently pick a
 * font without Chinese.  The report font's FreeType face is handed to cairo
 * and every glyph is placed at the advance kp_font measures (the integer
 * formula the PDF uses), so widths here equal the PDF's to the point.
 *
 * Drawing operations cannot return errors (the canvas interface is void), so
 * the first failure is remembered, `failed` is set, and encoding or saving
 * reports it.
 */
#include "render/canvas_cairo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-svg.h>
#include <unistr.h>

#include "util/atomic_file.h"

/* Glyph runs this short are placed from the stack. */
#define STACK_GLYPHS 128
/* The SVG document and its text layer are bounded like every kp_buf. */
#define SVG_LIMIT ((size_t)256 << 20)
#define PNG_LIMIT ((size_t)512 << 20)

struct cairo_canvas {
    kp_canvas base;
    enum kp_cairo_target target;
    kp_font *font;
    cairo_surface_t *surface;
    cairo_t *cr;
    cairo_font_face_t *regular, *bold;
    double width, height;       /* points */
    int px_width, px_height;    /* pixels (image) or points rounded up (SVG) */
    kp_buf svg;                 /* the SVG document as cairo streams it */
    kp_buf text_layer;          /* invisible <text> elements (SVG only) */
    int finished;               /* SVG surface finished: no more drawing */
    char failure[160];          /* the first drawing failure */
};

static void fail(struct cairo_canvas *cc, const char *what)
{
    if (!cc->base.failed)
        snprintf(cc->failure, sizeof cc->failure, "%s", what);
    cc->base.failed = 1;
}

/* cairo's status is sticky: once the context is in error every later call
 * is a no-op, so checking after each operation that paints is enough. */
static void check_cairo(struct cairo_canvas *cc)
{
    cairo_status_t st = cairo_status(cc->cr);
    if (st != CAIRO_STATUS_SUCCESS)
        fail(cc, cairo_status_to_string(st));
}

static int finite2(double a, double b)
{
    return isfinite(a) && isfinite(b);
}

static struct cairo_canvas *impl(kp_canvas *c)
{
    return (struct cairo_canvas *)c->impl;
}

static void op_set_rgb(kp_canvas *c, double r, double g, double b)
{
    struct cairo_canvas *cc = impl(c);
    if (!finite2(r, g) || !isfinite(b)) {
        fail(cc, "a colour that is not a number");
        return;
    }
    cairo_set_source_rgb(cc->cr, fmin(fmax(r, 0), 1), fmin(fmax(g, 0), 1), fmin(fmax(b, 0), 1));
}

static void op_set_line_width(kp_canvas *c, double w)
{
    struct cairo_canvas *cc = impl(c);
    if (!isfinite(w) || w < 0) {
        fail(cc, "a line width that is negative or not a number");
        return;
    }
    cairo_set_line_width(cc->cr, w);
}

static void op_set_dash(kp_canvas *c, double on, double off)
{
    struct cairo_canvas *cc = impl(c);
    if (!finite2(on, off)) {
        fail(cc, "a dash pattern that is not a number");
        return;
    }
    if (on <= 0) {
        cairo_set_dash(cc->cr, NULL, 0, 0);
        return;
    }
    double dashes[2] = { on, off > 0 ? off : 0 };
    cairo_set_dash(cc->cr, dashes, 2, 0);
}

static void op_move_to(kp_canvas *c, double x, double y)
{
    struct cairo_canvas *cc = impl(c);
    if (!finite2(x, y)) {
        fail(cc, "a point that is not a number");
        return;
    }
    cairo_move_to(cc->cr, x, y);
}

static void op_line_to(kp_canvas *c, double x, double y)
{
    struct cairo_canvas *cc = impl(c);
    if (!finite2(x, y)) {
        fail(cc, "a point that is not a number");
        return;
    }
    cairo_line_to(cc->cr, x, y);
}

static void op_arc(kp_canvas *c, double cx, double cy, double r, double a0, double a1)
{
    struct cairo_canvas *cc = impl(c);
    if (!finite2(cx, cy) || !finite2(a0, a1) || !isfinite(r) || r < 0) {
        fail(cc, "an arc whose centre, radius or angles are not usable numbers");
        return;
    }
    cairo_arc(cc->cr, cx, cy, r, a0, a1);
}

static void op_rect(kp_canvas *c, double x, double y, double w, double h)
{
    struct cairo_canvas *cc = impl(c);
    if (!finite2(x, y) || !finite2(w, h)) {
        fail(cc, "a rectangle that is not a number");
        return;
    }
    cairo_rectangle(cc->cr, x, y, w, h);
}

static void op_close_path(kp_canvas *c)
{
    cairo_close_path(impl(c)->cr);
}

static void op_fill(kp_canvas *c)
{
    struct cairo_canvas *cc = impl(c);
    cairo_fill(cc->cr);
    check_cairo(cc);
}

static void op_stroke(kp_canvas *c)
{
    struct cairo_canvas *cc = impl(c);
    cairo_stroke(cc->cr);
    check_cairo(cc);
}

static double op_text_width(kp_canvas *c, const char *utf8, double size, int bold)
{
    (void)bold;   /* synthetic bold is drawn wider, but set at the same advances */
    if (!utf8 || !isfinite(size) || size <= 0)
        return 0;
    return kp_font_text_width(impl(c)->font, utf8, strlen(utf8), size);
}

/* Append `utf8` to the text layer, escaped for XML; bytes that are not UTF-8
 * become U+FFFD as they do in measuring. */
static int append_escaped(kp_buf *b, const char *utf8)
{
    const uint8_t *s = (const uint8_t *)utf8, *end = s + strlen(utf8);
    while (s < end) {
        ucs4_t cp;
        int n = u8_mbtouc(&cp, s, (size_t)(end - s));
        int rc;
        if (cp == '&')
            rc = kp_buf_puts(b, "&amp;");
        else if (cp == '<')
            rc = kp_buf_puts(b, "&lt;");
        else if (cp == '>')
            rc = kp_buf_puts(b, "&gt;");
        else if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
            rc = kp_buf_putc(b, ' ');      /* not allowed in XML 1.0 */
        else if (cp == 0xFFFD)
            rc = kp_buf_puts(b, "\xEF\xBF\xBD");
        else
            rc = kp_buf_append(b, s, (size_t)n);
        if (rc)
            return -1;
        s += n > 0 ? n : 1;
    }
    return 0;
}

static void record_svg_text(struct cairo_canvas *cc, double x, double y, const char *utf8,
                            double size, double width, int bold)
{
    kp_buf *b = &cc->text_layer;
    if (kp_buf_printf(b, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\"%s", x, y, size,
                      bold ? " font-weight=\"bold\"" : "") ||
        (width > 0 && kp_buf_printf(b, " textLength=\"%.2f\" lengthAdjust=\"spacingAndGlyphs\"",
                                    width)) ||
        kp_buf_putc(b, '>') || append_escaped(b, utf8) || kp_buf_puts(b, "</text>\n"))
        fail(cc, "out of memory for the SVG text layer");
}

static void op_text(kp_canvas *c, double x, double y, const char *utf8, double size, int bold,
                    enum kp_text_align align)
{
    struct cairo_canvas *cc = impl(c);
    if (!utf8 || !*utf8)
        return;
    if (!finite2(x, y) || !isfinite(size) || size <= 0) {
        fail(cc, "text at a position or size that is not a usable number");
        return;
    }
    size_t len = strlen(utf8);
    cairo_glyph_t stack[STACK_GLYPHS];
    cairo_glyph_t *glyphs = len <= STACK_GLYPHS ? stack : malloc(len * sizeof *glyphs);
    if (!glyphs) {
        fail(cc, "out of memory for a line of text");
        return;
    }
    FT_Face face = kp_font_face(cc->font);
    const uint8_t *s = (const uint8_t *)utf8, *end = s + len;
    long units = 0;              /* pen position in 1/1000 em, as kp_font counts */
    int n = 0;
    while (s < end) {
        ucs4_t cp;
        int step = u8_mbtouc(&cp, s, (size_t)(end - s));
        s += step > 0 ? step : 1;
        double pen = (double)units * size / 1000.0;
        units += kp_font_advance(cc->font, cp);
        if (cp < 0x20 || cp == 0x7F)
            continue;            /* control characters have no picture */
        glyphs[n].index = FT_Get_Char_Index(face, cp);
        glyphs[n].x = pen;
        glyphs[n].y = y;
        n++;
    }
    double width = (double)units * size / 1000.0;
    double x0 = align == KP_ALIGN_CENTER ? x - width / 2 : align == KP_ALIGN_RIGHT ? x - width : x;
    for (int i = 0; i < n; i++)
        glyphs[i].x += x0;

    cairo_set_font_face(cc->cr, bold ? cc->bold : cc->regular);
    cairo_set_font_size(cc->cr, size);
    cairo_show_glyphs(cc->cr, glyphs, n);
    if (glyphs != stack)
        free(glyphs);
    check_cairo(cc);
    if (cc->target == KP_CAIRO_SVG && !cc->base.failed)
        record_svg_text(cc, x0, y, utf8, size, width, bold);
}

static const struct kp_canvas_ops cairo_ops = {
    .set_rgb = op_set_rgb,
    .set_line_width = op_set_line_width,
    .set_dash = op_set_dash,
    .move_to = op_move_to,
    .line_to = op_line_to,
    .arc = op_arc,
    .rect = op_rect,
    .close_path = op_close_path,
    .fill = op_fill,
    .stroke = op_stroke,
    .text = op_text,
    .text_width = op_text_width,
};

static cairo_status_t append_to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    return kp_buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Two cairo font faces over the one FreeType face: regular, and bold made by
 * emboldening the outlines.  cairo hands back the same font face object for
 * equal FreeType load flags, and synthesis is a property of that object, so
 * the bold face asks for different (here harmless) load flags to stay apart
 * from the regular one. */
static int make_font_faces(struct cairo_canvas *cc, kp_err *e)
{
    FT_Face face = kp_font_face(cc->font);
    cc->regular = cairo_ft_font_face_create_for_ft_face(face, FT_LOAD_NO_BITMAP);
    cc->bold = cairo_ft_font_face_create_for_ft_face(face, FT_LOAD_NO_BITMAP | FT_LOAD_NO_AUTOHINT);
    cairo_status_t st = cairo_font_face_status(cc->regular);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_font_face_status(cc->bold);
    if (st != CAIRO_STATUS_SUCCESS)
        return kp_fail(e, "%s: cairo cannot use the font: %s", kp_font_path(cc->font),
                       cairo_status_to_string(st));
    cairo_ft_font_face_set_synthesize(cc->bold, CAIRO_FT_SYNTHESIZE_BOLD);
    return 0;
}

void kp_canvas_cairo_free(kp_canvas *cv)
{
    if (!cv)
        return;
    struct cairo_canvas *cc = impl(cv);
    if (cc->cr)
        cairo_destroy(cc->cr);
    if (cc->surface) {
        /* An SVG surface streams into cc->svg until it is finished. */
        cairo_surface_finish(cc->surface);
        cairo_surface_destroy(cc->surface);
    }
    if (cc->regular)
        cairo_font_face_destroy(cc->regular);
    if (cc->bold)
        cairo_font_face_destroy(cc->bold);
    kp_buf_free(&cc->svg);
    kp_buf_free(&cc->text_layer);
    free(cc);
}

int kp_canvas_cairo_new(kp_canvas **out, enum kp_cairo_target target, kp_font *font,
                        double width, double height, double scale, kp_err *e)
{
    *out = NULL;
    if (!font)
        return kp_fail(e, "a picture needs the report font, and none was given");
    if (!isfinite(width) || !isfinite(height) || width <= 0 || height <= 0)
        return kp_fail(e, "a picture of %g × %g points: both sides must be positive", width,
                       height);
    if (target == KP_CAIRO_SVG)
        scale = 1;
    if (!isfinite(scale) || scale <= 0)
        return kp_fail(e, "a picture scale of %g: it must be positive", scale);
    /* A hair below the next integer still fits: 0.1 × 3 must not become 1 px more. */
    double pw = ceil(width * scale - 1e-6), ph = ceil(height * scale - 1e-6);
    if (pw < 1)
        pw = 1;
    if (ph < 1)
        ph = 1;
    if (target == KP_CAIRO_IMAGE &&
        (pw > KP_CAIRO_MAX_SIDE || ph > KP_CAIRO_MAX_SIDE || pw * ph > (double)KP_CAIRO_MAX_PIXELS))
        return kp_fail(e, "a picture of %.0f × %.0f pixels is too large (at most %d pixels a side "
                          "and %ld in all)", pw, ph, KP_CAIRO_MAX_SIDE, KP_CAIRO_MAX_PIXELS);
    if (target == KP_CAIRO_SVG && (width > 1e6 || height > 1e6))
        return kp_fail(e, "an SVG picture of %g × %g points is too large", width, height);

    struct cairo_canvas *cc = calloc(1, sizeof *cc);
    if (!cc)
        return kp_fail(e, "out of memory making a picture");
    cc->base.ops = &cairo_ops;
    cc->base.impl = cc;
    cc->target = target;
    cc->font = font;
    cc->width = width;
    cc->height = height;
    cc->px_width = (int)pw;
    cc->px_height = (int)ph;
    kp_buf_init(&cc->svg, SVG_LIMIT);
    kp_buf_init(&cc->text_layer, SVG_LIMIT);

    if (target == KP_CAIRO_IMAGE)
        cc->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, cc->px_width, cc->px_height);
    else
        cc->surface = cairo_svg_surface_create_for_stream(append_to_buf, &cc->svg, width, height);
    cairo_status_t st = cairo_surface_status(cc->surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        kp_canvas_cairo_free(&cc->base);
        return kp_fail(e, "cannot make a %s picture of %g × %g points: %s",
                       target == KP_CAIRO_IMAGE ? "PNG" : "SVG", width, height,
                       cairo_status_to_string(st));
    }
    if (target == KP_CAIRO_SVG)
        cairo_svg_surface_set_document_unit(cc->surface, CAIRO_SVG_UNIT_PT);
    cc->cr = cairo_create(cc->surface);
    st = cairo_status(cc->cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        kp_canvas_cairo_free(&cc->base);
        return kp_fail(e, "cannot draw on a picture: %s", cairo_status_to_string(st));
    }
    if (make_font_faces(cc, e)) {
        kp_canvas_cairo_free(&cc->base);
        return -1;
    }

    /* Grey antialiasing (no colour fringes in a PNG) and no hinting: glyphs
     * keep the shapes and places they have on the PDF page. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    st = cairo_font_options_status(fo);
    if (st == CAIRO_STATUS_SUCCESS)
        cairo_set_font_options(cc->cr, fo);
    cairo_font_options_destroy(fo);

    if (target == KP_CAIRO_IMAGE) {
        cairo_set_source_rgb(cc->cr, 1, 1, 1);
        cairo_paint(cc->cr);
        cairo_scale(cc->cr, scale, scale);
    }
    cairo_set_source_rgb(cc->cr, 0, 0, 0);
    cairo_set_line_width(cc->cr, 1);
    st = cairo_status(cc->cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        kp_canvas_cairo_free(&cc->base);
        return kp_fail(e, "cannot prepare a picture: %s", cairo_status_to_string(st));
    }
    *out = &cc->base;
    return 0;
}

void kp_canvas_cairo_size(const kp_canvas *cv, int *width, int *height)
{
    const struct cairo_canvas *cc = cv->impl;
    *width = cc->px_width;
    *height = cc->px_height;
}

static int encode_png(struct cairo_canvas *cc, kp_buf *out, kp_err *e)
{
    cairo_surface_flush(cc->surface);
    kp_buf png;
    kp_buf_init(&png, PNG_LIMIT);
    cairo_status_t st = cairo_surface_write_to_png_stream(cc->surface, append_to_buf, &png);
    if (st != CAIRO_STATUS_SUCCESS) {
        kp_buf_free(&png);
        return kp_fail(e, "cannot encode the PNG: %s", cairo_status_to_string(st));
    }
    int rc = kp_buf_append(out, png.data, png.len);
    kp_buf_free(&png);
    if (rc)
        return kp_fail(e, "out of memory encoding the PNG");
    return 0;
}

/* cairo writes the document end as it finishes the surface; the text layer
 * goes just before the closing </svg>. */
static int encode_svg(struct cairo_canvas *cc, kp_buf *out, kp_err *e)
{
    if (!cc->finished) {
        cairo_surface_finish(cc->surface);
        cc->finished = 1;
        cairo_status_t st = cairo_surface_status(cc->surface);
        if (st != CAIRO_STATUS_SUCCESS)
            return kp_fail(e, "cannot finish the SVG: %s", cairo_status_to_string(st));
    }
    const char *doc = cc->svg.data;
    const char *close = NULL;
    for (const char *p = strstr(doc, "</svg>"); p; p = strstr(p + 1, "</svg>"))
        close = p;
    if (!close)
        return kp_fail(e, "cannot finish the SVG: cairo wrote no closing </svg>");
    size_t head = (size_t)(close - doc);
    const char *family = kp_font_face(cc->font)->family_name;
    int rc = kp_buf_append(out, doc, head);
    if (!rc && cc->text_layer.len) {
        rc = kp_buf_puts(out, "<g fill=\"#000\" fill-opacity=\"0\" font-family=\"") ||
             append_escaped(out, family ? family : "sans-serif") ||
             kp_buf_puts(out, ", sans-serif\">\n") ||
             kp_buf_append(out, cc->text_layer.data, cc->text_layer.len) ||
             kp_buf_puts(out, "</g>\n");
    }
    if (!rc)
        rc = kp_buf_puts(out, close);
    if (rc)
        return kp_fail(e, "out of memory encoding the SVG");
    return 0;
}

int kp_canvas_cairo_encode(kp_canvas *cv, kp_buf *out, kp_err *e)
{
    struct cairo_canvas *cc = impl(cv);
    if (cc->base.failed)
        return kp_fail(e, "the picture could not be drawn: %s", cc->failure);
    cairo_status_t st = cairo_status(cc->cr);
    if (st != CAIRO_STATUS_SUCCESS)
        return kp_fail(e, "the picture could not be drawn: %s", cairo_status_to_string(st));
    return cc->target == KP_CAIRO_IMAGE ? encode_png(cc, out, e) : encode_svg(cc, out, e);
}

int kp_canvas_cairo_save(kp_canvas *cv, const char *path, kp_err *e)
{
    if (!path || !*path)
        return kp_fail(e, "no file name to save the picture to");
    kp_buf data;
    kp_buf_init(&data, 0);
    if (kp_canvas_cairo_encode(cv, &data, e)) {
        kp_buf_free(&data);
        return kp_err_wrap(e, "%s", path);
    }
    int rc = kp_write_file_atomic(path, data.data, data.len, e);
    kp_buf_free(&data);
    return rc;
}
