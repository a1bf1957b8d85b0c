/*
 * chart_style.c — the look shared by every chart: the series palette, hatch
 * patterns, point markers and the heatmap colour scale.
 *
 * Reports are often printed in black and white, so the palette is chosen by
 * lightness first: neighbouring series differ by at least a fifth of the
 * grey range, and from the fourth series on a hatch (bars), a marker shape
 * and a dash (lines) keep apart what grey alone would not.
 */
#include "chart/chart_parts.h"

const struct kp_chart_rgb kp_chart_ink = { 0.13, 0.13, 0.13 };
const struct kp_chart_rgb kp_chart_muted = { 0.45, 0.45, 0.45 };
const struct kp_chart_rgb kp_chart_axis_ink = { 0.50, 0.50, 0.50 };
const struct kp_chart_rgb kp_chart_grid = { 0.88, 0.88, 0.88 };
const struct kp_chart_rgb kp_chart_track = { 0.91, 0.91, 0.91 };
const struct kp_chart_rgb kp_chart_target = { 0.75, 0.16, 0.14 };
const struct kp_chart_rgb kp_chart_nodata = { 0.95, 0.95, 0.95 };

/* Greys (0..255) in the comments: dark, light, middle, then between. */
static const struct kp_chart_rgb palette[8] = {
    { 0.122, 0.306, 0.475 },   /* blue     69 */
    { 0.949, 0.647, 0.255 },   /* orange  177 */
    { 0.243, 0.557, 0.369 },   /* green   113 */
    { 0.620, 0.482, 0.710 },   /* purple  140 */
    { 0.698, 0.227, 0.282 },   /* red      95 */
    { 0.561, 0.757, 0.890 },   /* sky     182 */
    { 0.478, 0.620, 0.235 },   /* olive   136 */
    { 0.851, 0.549, 0.702 },   /* pink    168 */
};

void kp_chart_series_style(size_t i, struct kp_chart_style *out)
{
    static const enum kp_chart_hatch hatches[5] = { KP_HATCH_NONE, KP_HATCH_DIAGONAL,
                                                    KP_HATCH_BACKWARD, KP_HATCH_CROSS,
                                                    KP_HATCH_HORIZONTAL };
    static const double dashes[3][2] = { { 0, 0 }, { 5, 2.5 }, { 1.5, 2 } };
    out->color = palette[i % 8];
    /* The first three are told apart by grey alone; after that, hatches. */
    out->hatch = i < 3 ? KP_HATCH_NONE : hatches[1 + (i - 3) % 4];
    out->marker = (enum kp_chart_marker)(i % KP_MARKER_COUNT);
    out->dash_on = dashes[(i / 2) % 3][0];
    out->dash_off = dashes[(i / 2) % 3][1];
}

void kp_chart_color(kp_canvas *cv, struct kp_chart_rgb c)
{
    cv->ops->set_rgb(cv, c.r, c.g, c.b);
}

struct kp_chart_rgb kp_chart_tint(struct kp_chart_rgb c, double t)
{
    struct kp_chart_rgb o = { c.r + (1 - c.r) * t, c.g + (1 - c.g) * t, c.b + (1 - c.b) * t };
    return o;
}

double kp_chart_lightness(struct kp_chart_rgb c)
{
    return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
}

/* Hatch lines are dark on light fills and white on dark ones. */
static struct kp_chart_rgb hatch_ink(struct kp_chart_rgb fill)
{
    if (kp_chart_lightness(fill) < 0.5) {
        struct kp_chart_rgb white = { 1, 1, 1 };
        return white;
    }
    struct kp_chart_rgb dark = { fill.r * 0.35, fill.g * 0.35, fill.b * 0.35 };
    return dark;
}

void kp_chart_fill_box(kp_canvas *cv, double x, double y, double w, double h,
                       const struct kp_chart_style *st)
{
    if (w <= 0 || h <= 0)
        return;
    kp_chart_color(cv, st->color);
    cv->ops->rect(cv, x, y, w, h);
    cv->ops->fill(cv);
    if (st->hatch != KP_HATCH_NONE)
        kp_chart_hatch_rect(cv, x, y, w, h, st->hatch, 3.2, hatch_ink(st->color));
}

/* Lines x' + y' = k (slope "/" on screen) or x' - y' = k ("\") for k on a
 * grid shared by all boxes, cut to the box; the grid keeps neighbouring
 * boxes' hatches in line. */
static void diagonals(kp_canvas *cv, double x, double y, double w, double h, int backward,
                      double step)
{
    double kmin = backward ? x - (y + h) : x + y;
    double kmax = backward ? x + w - y : x + w + y + h;
    for (double k = ceil(kmin / step) * step; k <= kmax; k += step) {
        double x1, x2;
        if (!backward) {
            x1 = fmax(x, k - (y + h));
            x2 = fmin(x + w, k - y);
        } else {
            x1 = fmax(x, k + y);
            x2 = fmin(x + w, k + y + h);
        }
        if (x2 - x1 < 0.05)
            continue;
        cv->ops->move_to(cv, x1, backward ? x1 - k : k - x1);
        cv->ops->line_to(cv, x2, backward ? x2 - k : k - x2);
    }
}

void kp_chart_hatch_rect(kp_canvas *cv, double x, double y, double w, double h,
                         enum kp_chart_hatch hatch, double gap, struct kp_chart_rgb c)
{
    if (hatch == KP_HATCH_NONE || w <= 0 || h <= 0 || gap <= 0)
        return;
    /* A hatch over a huge box would be thousands of lines; none is needed. */
    if (w / gap > 2000 || h / gap > 2000)
        return;
    kp_chart_color(cv, c);
    cv->ops->set_line_width(cv, gap * 0.22);
    cv->ops->set_dash(cv, 0, 0);
    double step = gap * M_SQRT2;
    if (hatch == KP_HATCH_DIAGONAL || hatch == KP_HATCH_CROSS)
        diagonals(cv, x, y, w, h, 0, step);
    if (hatch == KP_HATCH_BACKWARD || hatch == KP_HATCH_CROSS)
        diagonals(cv, x, y, w, h, 1, step);
    if (hatch == KP_HATCH_HORIZONTAL)
        for (double ly = ceil(y / gap) * gap; ly <= y + h; ly += gap) {
            cv->ops->move_to(cv, x, ly);
            cv->ops->line_to(cv, x + w, ly);
        }
    cv->ops->stroke(cv);
}

/* One family of parallel lines, `gap` apart along the unit normal (nx, ny)
 * on a grid shared by all shapes, each cut to the convex polygon (Cyrus-Beck). */
static void convex_family(kp_canvas *cv, const double *xy, int n, double nx, double ny,
                          double gap)
{
    double kmin = INFINITY, kmax = -INFINITY, mx = 0, my = 0;
    for (int i = 0; i < n; i++) {
        double k = nx * xy[2 * i] + ny * xy[2 * i + 1];
        kmin = fmin(kmin, k);
        kmax = fmax(kmax, k);
        mx += xy[2 * i] / n;
        my += xy[2 * i + 1] / n;
    }
    if ((kmax - kmin) / gap > 4000)
        return;
    double dx = ny, dy = -nx;     /* along the lines */
    for (double k = ceil(kmin / gap) * gap; k <= kmax; k += gap) {
        double p0x = nx * k, p0y = ny * k, t0 = -1e12, t1 = 1e12;
        for (int i = 0; i < n && t0 < t1; i++) {
            double ax = xy[2 * i], ay = xy[2 * i + 1];
            double bx = xy[2 * ((i + 1) % n)], by = xy[2 * ((i + 1) % n) + 1];
            double ex = -(by - ay), ey = bx - ax;     /* edge normal ... */
            if (ex * (mx - ax) + ey * (my - ay) < 0) { /* ... turned inwards */
                ex = -ex;
                ey = -ey;
            }
            double num = ex * (p0x - ax) + ey * (p0y - ay), den = ex * dx + ey * dy;
            if (fabs(den) < 1e-12) {
                if (num < 0)
                    t1 = t0 - 1;             /* parallel and outside */
                continue;
            }
            double t = -num / den;
            if (den > 0)
                t0 = fmax(t0, t);
            else
                t1 = fmin(t1, t);
        }
        if (t1 - t0 < 0.05)
            continue;
        cv->ops->move_to(cv, p0x + t0 * dx, p0y + t0 * dy);
        cv->ops->line_to(cv, p0x + t1 * dx, p0y + t1 * dy);
    }
}

void kp_chart_hatch_convex(kp_canvas *cv, const double *xy, int n, enum kp_chart_hatch hatch,
                           double gap, struct kp_chart_rgb c)
{
    if (hatch == KP_HATCH_NONE || n < 3 || gap <= 0)
        return;
    kp_chart_color(cv, c);
    cv->ops->set_line_width(cv, gap * 0.22);
    cv->ops->set_dash(cv, 0, 0);
    if (hatch == KP_HATCH_DIAGONAL || hatch == KP_HATCH_CROSS)
        convex_family(cv, xy, n, M_SQRT1_2, M_SQRT1_2, gap);
    if (hatch == KP_HATCH_BACKWARD || hatch == KP_HATCH_CROSS)
        convex_family(cv, xy, n, M_SQRT1_2, -M_SQRT1_2, gap);
    if (hatch == KP_HATCH_HORIZONTAL)
        convex_family(cv, xy, n, 0, 1, gap);
    cv->ops->stroke(cv);
}

struct kp_chart_rgb kp_chart_hatch_ink(struct kp_chart_rgb fill)
{
    return hatch_ink(fill);
}

void kp_chart_marker(kp_canvas *cv, double x, double y, double size, enum kp_chart_marker m,
                     struct kp_chart_rgb c)
{
    double r = size / 2;
    switch (m) {
    case KP_MARKER_CIRCLE:
        cv->ops->move_to(cv, x + r, y);
        cv->ops->arc(cv, x, y, r, 0, 2 * M_PI);
        break;
    case KP_MARKER_SQUARE:
        r *= 0.88;   /* a square looks bigger than a circle of the same width */
        cv->ops->rect(cv, x - r, y - r, 2 * r, 2 * r);
        break;
    case KP_MARKER_TRIANGLE:
        r *= 1.15;
        cv->ops->move_to(cv, x, y - r);
        cv->ops->line_to(cv, x + r * 0.866, y + r * 0.5);
        cv->ops->line_to(cv, x - r * 0.866, y + r * 0.5);
        break;
    case KP_MARKER_NONE:
        return;
    case KP_MARKER_DIAMOND:
    default:
        r *= 1.1;
        cv->ops->move_to(cv, x, y - r);
        cv->ops->line_to(cv, x + r, y);
        cv->ops->line_to(cv, x, y + r);
        cv->ops->line_to(cv, x - r, y);
        break;
    }
    cv->ops->close_path(cv);
    kp_chart_color(cv, c);
    cv->ops->fill(cv);
}

/* Light to dark blue, evenly darker at every stop, so that the scale reads
 * the same in grey. */
struct kp_chart_rgb kp_chart_heat(double t)
{
    static const struct kp_chart_rgb stops[5] = {
        { 0.96, 0.97, 0.99 },
        { 0.78, 0.86, 0.94 },
        { 0.45, 0.66, 0.84 },
        { 0.18, 0.44, 0.70 },
        { 0.05, 0.19, 0.42 },
    };
    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    double pos = t * 4;
    int i = (int)pos;
    if (i >= 4)
        return stops[4];
    double u = pos - i;
    struct kp_chart_rgb a = stops[i], b = stops[i + 1];
    struct kp_chart_rgb o = { a.r + (b.r - a.r) * u, a.g + (b.g - a.g) * u, a.b + (b.b - a.b) * u };
    return o;
}
