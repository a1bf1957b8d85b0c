/*
 * canvas_pdf.c — kp_canvas on a libharu page (see canvas_pdf.h).
 *
 * Every libharu call is checked; the first failure is kept with what was
 * being drawn, `failed` is set and later drawing is skipped (libharu's errors
 * are sticky anyway).  Colour, line width and dash are only written when they
 * change, which keeps table-heavy pages small.
 */
#include "pdf/canvas_pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/image.h"
#include "render/text.h"

/* Stroke width of synthetic bold, as a fraction of the font size: the font
 * ships no bold face, so bold text is filled and outlined. */
#define BOLD_STROKE 0.03

static kp_pdf_canvas *pdf_of(kp_canvas *c)
{
    return c->impl;
}

static int ok(kp_pdf_canvas *pc, HPDF_STATUS st, const char *what)
{
    if (st == HPDF_OK)
        return 1;
    if (!pc->base.failed) {
        pc->status = st;
        snprintf(pc->what, sizeof pc->what, "%s", what);
    }
    pc->base.failed = 1;
    return 0;
}

static int fail_oom(kp_pdf_canvas *pc, const char *what)
{
    return ok(pc, HPDF_FAILD_TO_ALLOC_MEM, what);
}

static double unit(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

static void op_set_rgb(kp_canvas *c, double r, double g, double b)
{
    kp_pdf_canvas *pc = pdf_of(c);
    pc->rgb[0] = unit(r);
    pc->rgb[1] = unit(g);
    pc->rgb[2] = unit(b);
}

static void op_set_line_width(kp_canvas *c, double w)
{
    pdf_of(c)->line_width = w > 0 && isfinite(w) ? w : 0;
}

static void op_set_dash(kp_canvas *c, double on, double off)
{
    kp_pdf_canvas *pc = pdf_of(c);
    pc->dash_on = on > 0 && isfinite(on) ? on : 0;
    pc->dash_off = off > 0 && isfinite(off) ? off : 0;
}

static void push(kp_pdf_canvas *pc, char op, double a, double b, double c, double d, double e,
                 double f)
{
    if (pc->base.failed)
        return;
    if (pc->npath == pc->cap_path) {
        size_t cap = pc->cap_path ? pc->cap_path * 2 : 32;
        struct kp_pdf_seg *p = realloc(pc->path, cap * sizeof *p);
        if (!p) {
            fail_oom(pc, "a path");
            return;
        }
        pc->path = p;
        pc->cap_path = cap;
    }
    pc->path[pc->npath++] = (struct kp_pdf_seg){op, {a, b, c, d, e, f}};
}

static void op_move_to(kp_canvas *c, double x, double y)
{
    kp_pdf_canvas *pc = pdf_of(c);
    push(pc, 'm', x, pc->height - y, 0, 0, 0, 0);
    pc->has_point = 1;
}

static void op_line_to(kp_canvas *c, double x, double y)
{
    kp_pdf_canvas *pc = pdf_of(c);
    push(pc, pc->has_point ? 'l' : 'm', x, pc->height - y, 0, 0, 0, 0);
    pc->has_point = 1;
}

/* An arc as Bézier curves of at most a quarter turn each.  Angles run
 * clockwise on the screen (y down), as in cairo; the curve joins the current
 * point with a line, or starts the path. */
static void op_arc(kp_canvas *c, double cx, double cy, double r, double a0, double a1)
{
    kp_pdf_canvas *pc = pdf_of(c);
    if (!(isfinite(cx) && isfinite(cy) && isfinite(r) && isfinite(a0) && isfinite(a1)))
        return;
    while (a1 < a0)
        a1 += 2 * M_PI;
    if (a1 - a0 > 2 * M_PI)
        a1 = a0 + 2 * M_PI;
    double H = pc->height;
    op_line_to(c, cx + r * cos(a0), cy + r * sin(a0));
    int n = (int)ceil((a1 - a0) / (M_PI / 2) - 1e-9);
    if (n < 1)
        n = 1;
    double step = (a1 - a0) / n, k = 4.0 / 3.0 * tan(step / 4);
    for (int i = 0; i < n; i++) {
        double t0 = a0 + step * i, t1 = t0 + step;
        double x0 = cx + r * cos(t0), y0 = cy + r * sin(t0);
        double x3 = cx + r * cos(t1), y3 = cy + r * sin(t1);
        double x1 = x0 - k * r * sin(t0), y1 = y0 + k * r * cos(t0);
        double x2 = x3 + k * r * sin(t1), y2 = y3 - k * r * cos(t1);
        push(pc, 'c', x1, H - y1, x2, H - y2, x3, H - y3);
    }
}

static void op_rect(kp_canvas *c, double x, double y, double w, double h)
{
    kp_pdf_canvas *pc = pdf_of(c);
    push(pc, 'r', x, pc->height - y - h, w, h, 0, 0);
    pc->has_point = 1;
}

static void op_close_path(kp_canvas *c)
{
    kp_pdf_canvas *pc = pdf_of(c);
    if (pc->npath)
        push(pc, 'h', 0, 0, 0, 0, 0, 0);
}

static int same3(const double *a, const double *b)
{
    return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}

static int apply_fill(kp_pdf_canvas *pc)
{
    if (same3(pc->fill, pc->rgb))
        return 1;
    if (!ok(pc, HPDF_Page_SetRGBFill(pc->page, (HPDF_REAL)pc->rgb[0], (HPDF_REAL)pc->rgb[1],
                                     (HPDF_REAL)pc->rgb[2]), "a fill colour"))
        return 0;
    memcpy(pc->fill, pc->rgb, sizeof pc->fill);
    return 1;
}

static int apply_stroke(kp_pdf_canvas *pc)
{
    if (!same3(pc->stroke, pc->rgb)) {
        if (!ok(pc, HPDF_Page_SetRGBStroke(pc->page, (HPDF_REAL)pc->rgb[0],
                                           (HPDF_REAL)pc->rgb[1], (HPDF_REAL)pc->rgb[2]),
                "a line colour"))
            return 0;
        memcpy(pc->stroke, pc->rgb, sizeof pc->stroke);
    }
    if (pc->set_width != pc->line_width) {
        if (!ok(pc, HPDF_Page_SetLineWidth(pc->page, (HPDF_REAL)pc->line_width), "a line width"))
            return 0;
        pc->set_width = pc->line_width;
    }
    if (pc->set_on != pc->dash_on || pc->set_off != pc->dash_off) {
        /* libharu 2.3.0 takes whole points for dashes. */
        HPDF_STATUS st;
        if (pc->dash_on > 0) {
            HPDF_UINT16 ptn[2];
            ptn[0] = (HPDF_UINT16)(pc->dash_on < 1 ? 1 : pc->dash_on > 1000 ? 1000 : lround(pc->dash_on));
            ptn[1] = (HPDF_UINT16)(pc->dash_off < 1 ? 1 : pc->dash_off > 1000 ? 1000 : lround(pc->dash_off));
            st = HPDF_Page_SetDash(pc->page, ptn, 2, 0);
        } else {
            st = HPDF_Page_SetDash(pc->page, NULL, 0, 0);
        }
        if (!ok(pc, st, "a dash pattern"))
            return 0;
        pc->set_on = pc->dash_on;
        pc->set_off = pc->dash_off;
    }
    return 1;
}

static int write_path(kp_pdf_canvas *pc)
{
    for (size_t i = 0; i < pc->npath; i++) {
        const struct kp_pdf_seg *s = &pc->path[i];
        const double *v = s->v;
        HPDF_STATUS st = HPDF_OK;
        switch (s->op) {
        case 'm':
            st = HPDF_Page_MoveTo(pc->page, (HPDF_REAL)v[0], (HPDF_REAL)v[1]);
            break;
        case 'l':
            st = HPDF_Page_LineTo(pc->page, (HPDF_REAL)v[0], (HPDF_REAL)v[1]);
            break;
        case 'c':
            st = HPDF_Page_CurveTo(pc->page, (HPDF_REAL)v[0], (HPDF_REAL)v[1], (HPDF_REAL)v[2],
                                   (HPDF_REAL)v[3], (HPDF_REAL)v[4], (HPDF_REAL)v[5]);
            break;
        case 'r':
            st = HPDF_Page_Rectangle(pc->page, (HPDF_REAL)v[0], (HPDF_REAL)v[1], (HPDF_REAL)v[2],
                                     (HPDF_REAL)v[3]);
            break;
        case 'h':
            st = HPDF_Page_ClosePath(pc->page);
            break;
        }
        if (!ok(pc, st, "a path"))
            return 0;
    }
    return 1;
}

static void finish_path(kp_pdf_canvas *pc, int stroke)
{
    if (!pc->base.failed && pc->npath) {
        if (stroke ? apply_stroke(pc) : apply_fill(pc))
            if (write_path(pc))
                ok(pc, stroke ? HPDF_Page_Stroke(pc->page) : HPDF_Page_Fill(pc->page),
                   stroke ? "a line" : "a filled shape");
    }
    pc->npath = 0;
    pc->has_point = 0;
}

static void op_fill(kp_canvas *c)
{
    finish_path(pdf_of(c), 0);
}

static void op_stroke(kp_canvas *c)
{
    finish_path(pdf_of(c), 1);
}

static void op_text(kp_canvas *c, double x, double y, const char *utf8, double size, int bold,
                    enum kp_text_align align)
{
    kp_pdf_canvas *pc = pdf_of(c);
    kp_err e;
    if (pc->base.failed || !(size > 0 && size < 1000) || !isfinite(x) || !isfinite(y))
        return;
    if (kp_text_prepare(pc->kfont, utf8, &pc->scratch, NULL, &e) < 0) {
        fail_oom(pc, "text");
        return;
    }
    if (pc->scratch.len == 0)
        return;
    const char *s = pc->scratch.data;
    if (align != KP_ALIGN_LEFT) {
        double w = kp_font_text_width(pc->kfont, s, pc->scratch.len, size);
        x -= align == KP_ALIGN_CENTER ? w / 2 : w;
    }
    HPDF_Page pg = pc->page;
    HPDF_REAL px = (HPDF_REAL)x, py = (HPDF_REAL)(pc->height - y), sz = (HPDF_REAL)size;
    if (!apply_fill(pc))
        return;
    if (!bold) {
        if (!ok(pc, HPDF_Page_BeginText(pg), "text"))
            return;
        if (pc->font_size != size) {
            if (!ok(pc, HPDF_Page_SetFontAndSize(pg, pc->font, sz), "text"))
                return;
            pc->font_size = size;
        }
        if (ok(pc, HPDF_Page_TextOut(pg, px, py, s), "text"))
            ok(pc, HPDF_Page_EndText(pg), "text");
        return;
    }
    /* Bold: outline the glyphs in their own colour, inside q … Q so that the
     * line width, stroke colour, font and rendering mode are restored after. */
    if (!ok(pc, HPDF_Page_GSave(pg), "bold text") ||
        !ok(pc, HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)pc->rgb[0], (HPDF_REAL)pc->rgb[1],
                                       (HPDF_REAL)pc->rgb[2]), "bold text") ||
        !ok(pc, HPDF_Page_SetLineWidth(pg, (HPDF_REAL)(size * BOLD_STROKE)), "bold text") ||
        !ok(pc, HPDF_Page_BeginText(pg), "bold text") ||
        !ok(pc, HPDF_Page_SetFontAndSize(pg, pc->font, sz), "bold text") ||
        !ok(pc, HPDF_Page_SetTextRenderingMode(pg, HPDF_FILL_THEN_STROKE), "bold text") ||
        !ok(pc, HPDF_Page_TextOut(pg, px, py, s), "bold text") ||
        !ok(pc, HPDF_Page_EndText(pg), "bold text"))
        return;
    ok(pc, HPDF_Page_GRestore(pg), "bold text");
}

static double op_text_width(kp_canvas *c, const char *utf8, double size, int bold)
{
    kp_pdf_canvas *pc = pdf_of(c);
    kp_err e;
    (void)bold;
    if (kp_text_prepare(pc->kfont, utf8, &pc->scratch, NULL, &e) < 0) {
        fail_oom(pc, "measuring text");
        return 0;
    }
    return kp_font_text_width(pc->kfont, pc->scratch.data, pc->scratch.len, size);
}

static HPDF_Image find_image(kp_pdf_canvas *pc, const char *path)
{
    kp_pdf_images *im = pc->images;
    for (size_t i = 0; i < im->n; i++)
        if (!strcmp(im->paths[i], path))
            return im->images[i];
    if (im->n == im->cap) {
        size_t cap = im->cap ? im->cap * 2 : 8;
        char **p = realloc(im->paths, cap * sizeof *p);
        if (!p)
            return NULL;
        im->paths = p;
        HPDF_Image *m = realloc(im->images, cap * sizeof *m);
        if (!m)
            return NULL;
        im->images = m;
        im->cap = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return NULL;
    unsigned char *rgb;
    int w, h;
    if (kp_png_rgb(path, &rgb, &w, &h, &pc->image_err) < 0) {
        free(copy);
        return NULL;
    }
    HPDF_Image img = HPDF_LoadRawImageFromMem(pc->pdf, rgb, (HPDF_UINT)w, (HPDF_UINT)h,
                                              HPDF_CS_DEVICE_RGB, 8);
    free(rgb);
    if (!img) {
        free(copy);
        return NULL;
    }
    im->paths[im->n] = copy;
    im->images[im->n++] = img;
    return img;
}

static void op_image(kp_canvas *c, const char *path, double x, double y, double w, double h)
{
    kp_pdf_canvas *pc = pdf_of(c);
    if (pc->base.failed)
        return;
    pc->image_err.msg[0] = '\0';
    HPDF_Image img = find_image(pc, path);
    if (!img) {
        HPDF_STATUS st = HPDF_GetError(pc->pdf);
        ok(pc, st ? st : HPDF_INVALID_PNG_IMAGE, "a PNG image");
        return;
    }
    ok(pc, HPDF_Page_DrawImage(pc->page, img, (HPDF_REAL)x, (HPDF_REAL)(pc->height - y - h),
                               (HPDF_REAL)w, (HPDF_REAL)h), "a PNG image");
}

static const struct kp_canvas_ops pdf_ops = {
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
    .image = op_image,
};

void kp_canvas_pdf_init(kp_pdf_canvas *pc, HPDF_Doc pdf, HPDF_Page page, HPDF_Font font,
                        kp_font *kfont, kp_pdf_images *images, double page_height)
{
    memset(pc, 0, sizeof *pc);
    pc->base.ops = &pdf_ops;
    pc->base.impl = pc;
    pc->pdf = pdf;
    pc->page = page;
    pc->font = font;
    pc->kfont = kfont;
    pc->images = images;
    pc->height = page_height;
    /* A new page starts in PDF's default state: black, 1 pt lines, solid. */
    pc->line_width = pc->set_width = 1;
    pc->font_size = -1;
    kp_buf_init(&pc->scratch, 0);
}

void kp_canvas_pdf_free(kp_pdf_canvas *pc)
{
    free(pc->path);
    pc->path = NULL;
    kp_buf_free(&pc->scratch);
}

void kp_pdf_images_free(kp_pdf_images *im)
{
    for (size_t i = 0; i < im->n; i++)
        free(im->paths[i]);
    free(im->paths);
    free(im->images);
    memset(im, 0, sizeof *im);
}
