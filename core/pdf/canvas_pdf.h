/*
 * canvas_pdf.h — the canvas of one libharu PDF page.
 *
 * Pages and charts are painted onto the page as vectors and text in the
 * embedded font, so that every word can be searched and copied.  Canvas
 * coordinates (top-left origin, y down) are turned into PDF coordinates
 * (bottom-left origin, y up) here.
 *
 * libharu only accepts colour and line settings between paths, while the
 * canvas lets a painter set them at any time (as cairo does); this canvas
 * therefore collects each path and writes it, with the settings current at
 * fill or stroke time, in one go.
 */
#ifndef KP_RENDER_CANVAS_PDF_H
#define KP_RENDER_CANVAS_PDF_H

#include <stddef.h>

#include <hpdf.h>

#include "chart/canvas.h"
#include "render/font.h"
#include "util/buf.h"
#include "util/err.h"

/* PNG images already in the document, so that an image used twice is
 * embedded once. */
typedef struct kp_pdf_images {
    char **paths;
    HPDF_Image *images;
    size_t n, cap;
} kp_pdf_images;

void kp_pdf_images_free(kp_pdf_images *im);

struct kp_pdf_seg {
    char op;         /* 'm' move, 'l' line, 'c' curve, 'r' rectangle, 'h' close */
    double v[6];     /* PDF coordinates */
};

typedef struct kp_pdf_canvas {
    kp_canvas base;
    HPDF_Doc pdf;
    HPDF_Page page;
    HPDF_Font font;
    kp_font *kfont;
    kp_pdf_images *images;
    double height;                   /* of the page, to flip y              */
    struct kp_pdf_seg *path;         /* the path being built                */
    size_t npath, cap_path;
    int has_point;
    double rgb[3], line_width, dash_on, dash_off; /* asked by the painter   */
    double fill[3], stroke[3], set_width;         /* in effect on the page  */
    double set_on, set_off, font_size;
    kp_buf scratch;
    HPDF_STATUS status;              /* the first libharu failure            */
    char what[64];                   /* what was being drawn when it failed  */
    kp_err image_err;                /* why an image could not be read       */
} kp_pdf_canvas;

void kp_canvas_pdf_init(kp_pdf_canvas *pc, HPDF_Doc pdf, HPDF_Page page, HPDF_Font font,
                        kp_font *kfont, kp_pdf_images *images, double page_height);
void kp_canvas_pdf_free(kp_pdf_canvas *pc);

#endif
