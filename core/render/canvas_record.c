/*
 * canvas_record.c — the canvas that collects characters (see
 * canvas_record.h).  Text is cleaned and fitted to the font exactly as the
 * PDF canvas does it, so the set holds what will be drawn, not what was asked.
 */
#include "render/canvas_record.h"

#include <string.h>

#include "render/text.h"

static void nop_rgb(kp_canvas *c, double r, double g, double b)
{
    (void)c, (void)r, (void)g, (void)b;
}

static void nop_1(kp_canvas *c, double a)
{
    (void)c, (void)a;
}

static void nop_2(kp_canvas *c, double a, double b)
{
    (void)c, (void)a, (void)b;
}

static void nop_arc(kp_canvas *c, double cx, double cy, double r, double a0, double a1)
{
    (void)c, (void)cx, (void)cy, (void)r, (void)a0, (void)a1;
}

static void nop_rect(kp_canvas *c, double x, double y, double w, double h)
{
    (void)c, (void)x, (void)y, (void)w, (void)h;
}

static void nop_0(kp_canvas *c)
{
    (void)c;
}

static void record_text(kp_canvas *c, double x, double y, const char *utf8, double size, int bold,
                        enum kp_text_align align)
{
    kp_record_canvas *rc = c->impl;
    kp_err e;
    (void)x, (void)y, (void)size, (void)bold, (void)align;
    if (kp_text_prepare(rc->font, utf8, &rc->scratch, rc->missing, &e) < 0) {
        c->failed = 1;
        return;
    }
    kp_codeset_add_utf8(rc->chars, rc->scratch.data, rc->scratch.len);
}

static double record_width(kp_canvas *c, const char *utf8, double size, int bold)
{
    kp_record_canvas *rc = c->impl;
    kp_err e;
    (void)bold;
    if (kp_text_prepare(rc->font, utf8, &rc->scratch, NULL, &e) < 0) {
        c->failed = 1;
        return 0;
    }
    return kp_font_text_width(rc->font, rc->scratch.data, rc->scratch.len, size);
}

static void nop_image(kp_canvas *c, const char *path, double x, double y, double w, double h)
{
    (void)c, (void)path, (void)x, (void)y, (void)w, (void)h;
}

static const struct kp_canvas_ops record_ops = {
    .set_rgb = nop_rgb,
    .set_line_width = nop_1,
    .set_dash = nop_2,
    .move_to = nop_2,
    .line_to = nop_2,
    .arc = nop_arc,
    .rect = nop_rect,
    .close_path = nop_0,
    .fill = nop_0,
    .stroke = nop_0,
    .text = record_text,
    .text_width = record_width,
    .image = nop_image,
};

void kp_canvas_record_init(kp_record_canvas *rc, kp_font *font, kp_codeset *chars,
                           kp_codeset *missing)
{
    rc->base.ops = &record_ops;
    rc->base.impl = rc;
    rc->base.failed = 0;
    rc->font = font;
    rc->chars = chars;
    rc->missing = missing;
    kp_buf_init(&rc->scratch, 0);
}

void kp_canvas_record_free(kp_record_canvas *rc)
{
    kp_buf_free(&rc->scratch);
}
