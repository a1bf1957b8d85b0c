/*
 * canvas_record.h — a canvas that draws nothing and notes every character.
 *
 * The PDF embeds only the glyphs a document shows, and charts decide their
 * labels while painting; painting every page once onto this canvas collects
 * the characters of the body text, the headers and the charts alike.
 */
#ifndef KP_RENDER_CANVAS_RECORD_H
#define KP_RENDER_CANVAS_RECORD_H

#include "chart/canvas.h"
#include "render/codeset.h"
#include "render/font.h"
#include "util/buf.h"

typedef struct kp_record_canvas {
    kp_canvas base;
    kp_font *font;
    kp_codeset *chars;    /* characters drawn, as the PDF will draw them */
    kp_codeset *missing;  /* characters the font lacks (may be NULL)     */
    kp_buf scratch;
} kp_record_canvas;

void kp_canvas_record_init(kp_record_canvas *rc, kp_font *font, kp_codeset *chars,
                           kp_codeset *missing);
void kp_canvas_record_free(kp_record_canvas *rc);

#endif
