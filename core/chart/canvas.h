/*
 * canvas.h — the small drawing interface charts are painted against.
 *
 * A chart is painted once, against this interface, and lands wherever a
 * backend takes it: a cairo surface (PNG, SVG) or a PDF page as vectors with
 * the document's embedded font.  Coordinates are points, origin top-left, y
 * growing downwards; backends convert.  Text is UTF-8, positioned by its
 * baseline; every backend measures with the real glyph advances of the one
 * CJK font, so a label that fits in one backend fits in all.
 */
#ifndef KP_RENDER_CANVAS_H
#define KP_RENDER_CANVAS_H

enum kp_text_align { KP_ALIGN_LEFT, KP_ALIGN_CENTER, KP_ALIGN_RIGHT };

typedef struct kp_canvas kp_canvas;

struct kp_canvas_ops {
    void (*set_rgb)(kp_canvas *c, double r, double g, double b);      /* 0..1 */
    void (*set_line_width)(kp_canvas *c, double w);
    void (*set_dash)(kp_canvas *c, double on, double off);            /* on=0: solid */
    void (*move_to)(kp_canvas *c, double x, double y);
    void (*line_to)(kp_canvas *c, double x, double y);
    /* Arc around (cx, cy), angles in radians, clockwise on screen from a0 to a1. */
    void (*arc)(kp_canvas *c, double cx, double cy, double r, double a0, double a1);
    void (*rect)(kp_canvas *c, double x, double y, double w, double h);
    void (*close_path)(kp_canvas *c);
    void (*fill)(kp_canvas *c);
    void (*stroke)(kp_canvas *c);
    /* Draw text with its baseline at y; align says what x is (left edge,
     * centre or right edge).  `bold` asks for the bold face or a synthetic one. */
    void (*text)(kp_canvas *c, double x, double y, const char *utf8, double size,
                 int bold, enum kp_text_align align);
    /* Advance width of `utf8` at `size` points. */
    double (*text_width)(kp_canvas *c, const char *utf8, double size, int bold);
    /* Draw the PNG file at `path` scaled into the box (x, y, w, h).  May be
     * NULL in a backend without images: the page painter then draws the
     * box's outline in its place. */
    void (*image)(kp_canvas *c, const char *path, double x, double y, double w, double h);
};

struct kp_canvas {
    const struct kp_canvas_ops *ops;
    void *impl;          /* the backend's own state                           */
    int failed;          /* set by a backend whose drawing failed             */
};

#endif
