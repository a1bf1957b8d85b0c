/*
 * chart_line.c — line charts: one line per series across the categories
 * (months, days).  A missing value breaks the line; a point left alone
 * between gaps is still shown by its marker.  Long series are decimated to
 * the extremes of each sliver of the plot (a few per point of width), so a
 * hundred thousand values cost no more to draw than a thousand and no peak
 * is lost.
 */
#include "chart/chart_parts.h"

#include <stdlib.h>

#define MIN_PLOT 24.0
/* Slivers of the plot per point of its width when decimating. */
#define BUCKETS_PER_POINT 2

struct lines {
    const struct kp_chart_frame *f;
    struct kp_chart_axis ax;
    double px, py, pw, ph, slot;
};

static double x_at(const struct lines *l, size_t i)
{
    return l->px + ((double)i + 0.5) * l->slot;
}

static double y_at(const struct lines *l, double v)
{
    return l->py + l->ph - kp_chart_axis_frac(&l->ax, v) * l->ph;
}

static void line_style(kp_canvas *cv, const struct kp_chart_style *st, double width)
{
    kp_chart_color(cv, st->color);
    cv->ops->set_line_width(cv, width);
    cv->ops->set_dash(cv, st->dash_on, st->dash_off);
}

/* Every point joined, breaking at missing values. */
static void plain_path(const struct lines *l, const double *v, size_t n)
{
    kp_canvas *cv = l->f->cv;
    int pen = 0;
    for (size_t i = 0; i < n; i++) {
        if (kp_chart_missing(v[i])) {
            pen = 0;
            continue;
        }
        if (pen)
            cv->ops->line_to(cv, x_at(l, i), y_at(l, v[i]));
        else
            cv->ops->move_to(cv, x_at(l, i), y_at(l, v[i]));
        pen = 1;
    }
}

/* Each sliver keeps its first, lowest, highest and last value in the order
 * they come; a sliver with no value at all breaks the line. */
static void decimated_path(const struct lines *l, const double *v, size_t n, size_t buckets)
{
    kp_canvas *cv = l->f->cv;
    int pen = 0;
    for (size_t b = 0; b < buckets; b++) {
        size_t i0 = b * n / buckets, i1 = (b + 1) * n / buckets;
        size_t first = i1, last = i1, lo = i1, hi = i1;
        for (size_t i = i0; i < i1; i++) {
            if (kp_chart_missing(v[i]))
                continue;
            if (first == i1)
                first = lo = hi = i;
            last = i;
            if (v[i] < v[lo])
                lo = i;
            if (v[i] > v[hi])
                hi = i;
        }
        if (first == i1) {
            pen = 0;
            continue;
        }
        size_t pts[4] = { first, lo < hi ? lo : hi, lo < hi ? hi : lo, last };
        for (int k = 0; k < 4; k++) {
            if (k > 0 && pts[k] == pts[k - 1])
                continue;
            if (pen)
                cv->ops->line_to(cv, x_at(l, pts[k]), y_at(l, v[pts[k]]));
            else
                cv->ops->move_to(cv, x_at(l, pts[k]), y_at(l, v[pts[k]]));
            pen = 1;
        }
    }
}

static int alone(const double *v, size_t n, size_t i)
{
    return (i == 0 || kp_chart_missing(v[i - 1])) && (i + 1 == n || kp_chart_missing(v[i + 1]));
}

static void series_line(const struct lines *l, size_t s, size_t buckets, double marker)
{
    const struct kp_chart_frame *f = l->f;
    kp_canvas *cv = f->cv;
    const double *v = f->c->series[s].values;
    size_t n = f->c->ncategories;
    struct kp_chart_style st;
    kp_chart_series_style(s, &st);
    line_style(cv, &st, buckets ? 0.9 : f->c->nseries <= 2 ? 1.8 : 1.4);
    if (buckets)
        decimated_path(l, v, n, buckets);
    else
        plain_path(l, v, n);
    cv->ops->stroke(cv);
    cv->ops->set_dash(cv, 0, 0);
    if (buckets)
        return;
    for (size_t i = 0; i < n; i++)
        if (!kp_chart_missing(v[i]) && (marker > 0 || alone(v, n, i)))
            kp_chart_marker(cv, x_at(l, i), y_at(l, v[i]), marker > 0 ? marker : f->font * 0.5,
                            st.marker, st.color);
}

/* Values over the points of a single line, where each fits in its slot. */
static void value_labels(const struct lines *l)
{
    const struct kp_chart_frame *f = l->f;
    kp_canvas *cv = f->cv;
    const double *v = f->c->series[0].values;
    double size = fmax(f->small, f->font * 0.8);
    char label[64];
    /* All or none: a few labels missing would look like missing data. */
    for (size_t i = 0; i < f->c->ncategories; i++) {
        if (kp_chart_missing(v[i]))
            continue;
        kp_chart_format_value(f, label, sizeof label, v[i], 0);
        if (kp_chart_text_width(cv, label, size, 0) > l->slot - 2)
            return;
    }
    kp_chart_color(cv, kp_chart_ink);
    for (size_t i = 0; i < f->c->ncategories; i++) {
        if (kp_chart_missing(v[i]))
            continue;
        kp_chart_format_value(f, label, sizeof label, v[i], 0);
        kp_chart_text(cv, x_at(l, i), y_at(l, v[i]) - size * 0.7, label, size, 0, KP_ALIGN_CENTER);
    }
}

/* Reference lines across the plot; their captions are in the legend. */
static void references(const struct lines *l)
{
    const struct kp_chart_frame *f = l->f;
    kp_canvas *cv = f->cv;
    for (size_t r = 0; r < f->c->nrefs; r++) {
        double ry = y_at(l, f->c->refs[r].value);
        kp_chart_color(cv, kp_chart_target);
        cv->ops->set_line_width(cv, 1.1);
        cv->ops->set_dash(cv, 4, 2.5);
        cv->ops->move_to(cv, l->px, ry);
        cv->ops->line_to(cv, l->px + l->pw, ry);
        cv->ops->stroke(cv);
        cv->ops->set_dash(cv, 0, 0);
    }
}

int kp_chart_paint_line(struct kp_chart_frame *f, kp_err *e)
{
    const kp_chart *c = f->c;
    size_t n = c->ncategories, ns = c->nseries;
    double top = f->y, bottom = f->y + f->h, pad = f->font * 0.5;
    double tsize = fmax(f->small, f->font * 0.9);

    if (ns > 1 || c->nrefs > 0) {
        double h = kp_chart_legend_top(f, KP_SWATCH_LINE, ns > 1, 1, top, e);
        if (h < 0)
            return -1;
        top += h + pad * 0.5;
    }
    top += kp_chart_value_title_above(f, top);
    double xtitle_h = c->category_axis ? tsize * 1.5 : 0;

    struct lines l = { .f = f };
    kp_chart_value_axis(c, 0, 0, (bottom - top) * 0.7, f->font * 3, &l.ax);
    double left = kp_chart_ticks_width(f, &l.ax) + f->font * 0.6;
    struct kp_chart_catlabels plan;
    for (int pass = 0; pass < 2; pass++) {
        l.px = f->x + left;
        l.pw = f->x + f->w - pad - l.px;
        l.slot = l.pw / (double)n;
        if (l.pw < MIN_PLOT)
            return kp_fail(e, "the box is too small for the labels: only %.0f points would be "
                              "left for the plot's width", fmax(l.pw, 0));
        kp_chart_catlabels_plan(f, n, l.slot, (bottom - top) * 0.3, &plan);
        l.py = top + f->font * 1.1;
        l.ph = bottom - xtitle_h - plan.height - pad - l.py;
        if (l.ph < MIN_PLOT)
            return kp_fail(e, "the box is too small for the labels: only %.0f points would be "
                              "left for the plot's height", fmax(l.ph, 0));
        kp_chart_value_axis(c, 0, 0, l.ph, f->font * 3, &l.ax);
        double need = kp_chart_ticks_width(f, &l.ax) + f->font * 0.6;
        if (need <= left)
            break;
        left = need;
    }

    kp_chart_axis_left(f, &l.ax, l.px, l.py, l.pw, l.ph);
    references(&l);
    size_t buckets = 0;
    if ((double)n > l.pw * BUCKETS_PER_POINT)
        buckets = (size_t)(l.pw * BUCKETS_PER_POINT);
    /* Markers while the points are far enough apart to show them. */
    double marker = l.slot >= f->font * 1.2 ? fmin(f->font * 0.55, l.slot * 0.45) : 0;
    /* The first series is drawn last, on top. */
    for (size_t s = ns; s-- > 0;)
        series_line(&l, s, buckets, marker);
    if (ns == 1 && !buckets)
        value_labels(&l);
    if (!kp_chart_has_data(c))
        kp_chart_no_data(f, l.px + l.pw / 2, l.py + l.ph / 2, l.pw, f->font, KP_ALIGN_CENTER);
    kp_chart_catlabels_draw(f, &plan, n, l.px, l.slot, l.py + l.ph + pad * 0.6);
    if (c->category_axis)
        kp_chart_caption_below(f, c->category_axis, l.px + l.pw / 2, bottom - tsize * 0.35);
    return 0;
}
