/*
 * chart_gauge.c — progress against a target: gauges (a half dial per
 * category with the value in its middle) and progress bars (one row per
 * category, a track for the whole range, the value filled in).  The first
 * reference value is the target, marked on every dial and bar; a value
 * short of it takes the second palette colour.
 */
#include "chart/chart_parts.h"

#include <stdio.h>
#include <stdlib.h>

#define MIN_RADIUS 14.0

/* The range of a dial or bar: fixed, or from zero to a nice maximum. */
static void gauge_range(const struct kp_chart_frame *f, double length, struct kp_chart_axis *ax)
{
    kp_chart_value_axis(f->c, 1, 0, length, length / 4, ax);
}

static struct kp_chart_style value_style(const kp_chart *c, double v)
{
    struct kp_chart_style st;
    kp_chart_series_style(c->nrefs > 0 && v < c->refs[0].value ? 1 : 0, &st);
    return st;
}

/* ---- gauges --------------------------------------------------------------- */

struct dial {
    const struct kp_chart_frame *f;
    struct kp_chart_axis ax;
    double r, band, size;
};

static double angle_of(const struct dial *d, double v)
{
    return M_PI + kp_chart_axis_frac(&d->ax, v) * M_PI;
}

static void arc_band(kp_canvas *cv, double cx, double cy, double r, double a0, double a1)
{
    if (a1 - a0 < 1e-6)
        return;
    cv->ops->move_to(cv, cx + r * cos(a0), cy + r * sin(a0));
    cv->ops->arc(cv, cx, cy, r, a0, a1);
    cv->ops->stroke(cv);
}

static void one_gauge(const struct dial *d, size_t i, double cx, double cy, double cell_w)
{
    const struct kp_chart_frame *f = d->f;
    const kp_chart *c = f->c;
    kp_canvas *cv = f->cv;
    double v = c->series[0].values[i], mid_r = d->r - d->band / 2;

    cv->ops->set_dash(cv, 0, 0);
    cv->ops->set_line_width(cv, d->band);
    kp_chart_color(cv, kp_chart_track);
    arc_band(cv, cx, cy, mid_r, M_PI, 2 * M_PI);
    if (!kp_chart_missing(v)) {
        struct kp_chart_style st = value_style(c, v);
        kp_chart_color(cv, st.color);
        arc_band(cv, cx, cy, mid_r, M_PI, angle_of(d, v));
    }
    /* The target: a mark across the band and its caption outside. */
    if (c->nrefs > 0) {
        double a = angle_of(d, c->refs[0].value);
        kp_chart_color(cv, kp_chart_target);
        cv->ops->set_line_width(cv, 2);
        cv->ops->move_to(cv, cx + (d->r - d->band - 2) * cos(a), cy + (d->r - d->band - 2) * sin(a));
        cv->ops->line_to(cv, cx + (d->r + 3) * cos(a), cy + (d->r + 3) * sin(a));
        cv->ops->stroke(cv);
        char caption[KP_CHART_LABEL_BUF + 64], fitted[KP_CHART_LABEL_BUF];
        kp_chart_reference_caption(f, 0, caption, sizeof caption);
        kp_chart_fit(cv, caption, cell_w / 2, d->size, 0, fitted);
        double ax = cx + (d->r + 5) * cos(a), ay = cy + (d->r + 5) * sin(a);
        enum kp_text_align al = cos(a) > 0.3 ? KP_ALIGN_LEFT : cos(a) < -0.3 ? KP_ALIGN_RIGHT
                                                                            : KP_ALIGN_CENTER;
        /* Keep the caption inside the gauge's cell. */
        double w = kp_chart_text_width(cv, fitted, d->size, 0);
        double left = al == KP_ALIGN_LEFT ? ax : al == KP_ALIGN_RIGHT ? ax - w : ax - w / 2;
        double shift = fmax(0, cx - cell_w / 2 - left) - fmax(0, left + w - (cx + cell_w / 2));
        kp_chart_text(cv, ax + shift, ay, fitted, d->size, 0, al);
    }
    /* The value in the middle, the ends of the range under the band. */
    double big = fmin(d->r * 0.42, f->font * 2.2);
    char label[64];
    if (kp_chart_missing(v)) {
        kp_chart_no_data(f, cx, cy - big * 0.1, 2 * (d->r - d->band), fmin(big, f->font * 1.2),
                         KP_ALIGN_CENTER);
    } else {
        kp_chart_format_value(f, label, sizeof label, v, 1);
        double w = kp_chart_text_width(cv, label, big, 1);
        double room = 2 * (d->r - d->band) * 0.9;
        double size = w > room ? big * room / w : big;
        kp_chart_color(cv, kp_chart_ink);
        kp_chart_text(cv, cx, cy - size * 0.1, label, size, 1, KP_ALIGN_CENTER);
    }
    kp_chart_color(cv, kp_chart_muted);
    kp_chart_format(label, sizeof label, d->ax.lo, d->ax.decimals);
    kp_chart_text(cv, cx - mid_r, cy + d->size * 1.2, label, d->size, 0, KP_ALIGN_CENTER);
    kp_chart_format(label, sizeof label, d->ax.hi, d->ax.decimals);
    kp_chart_text(cv, cx + mid_r, cy + d->size * 1.2, label, d->size, 0, KP_ALIGN_CENTER);
    /* The category under it all. */
    double name_size = fmax(f->small, f->font * 0.95);
    kp_chart_color(cv, kp_chart_ink);
    kp_chart_text_block(cv, cx, cy + d->size * 1.4 + name_size * 1.2, c->categories[i],
                        cell_w - 4, name_size, 0, 1, KP_ALIGN_CENTER);
}

int kp_chart_paint_gauge(struct kp_chart_frame *f, kp_err *e)
{
    size_t n = f->c->ncategories;
    struct dial d = { .f = f };
    d.size = fmax(f->small, f->font * 0.8);
    double name_size = fmax(f->small, f->font * 0.95);
    /* Under the centre: the range ends, then the name. */
    double below = d.size * 1.4 + name_size * 1.9;
    double above = d.size * 1.6;              /* the target caption over the top */
    size_t best_cols = 1;
    double best_r = -1;
    for (size_t cols = 1; cols <= n; cols++) {
        size_t rows = (n + cols - 1) / cols;
        double cell_w = f->w / (double)cols, cell_h = f->h / (double)rows;
        double r = fmin(cell_w / 2 - f->font * 2.5, cell_h - below - above);
        if (r > best_r) {
            best_r = r;
            best_cols = cols;
        }
    }
    d.r = best_r;
    if (d.r < MIN_RADIUS)
        return kp_fail(e, "the box is too small for %zu gauges (each would be %.0f points "
                          "across); use progress bars",
                       n, fmax(0, 2 * d.r));
    d.band = d.r * 0.24;
    gauge_range(f, M_PI * d.r, &d.ax);
    size_t cols = best_cols, rows = (n + cols - 1) / cols;
    double cell_w = f->w / (double)cols, cell_h = f->h / (double)rows;
    double block = above + d.r + below;
    for (size_t i = 0; i < n; i++) {
        size_t row = i / cols, col = i % cols;
        /* The last row, if short, is centred. */
        size_t in_row = row == rows - 1 ? n - row * cols : cols;
        double x0 = f->x + (f->w - (double)in_row * cell_w) / 2;
        double cx = x0 + ((double)col + 0.5) * cell_w;
        double cy = f->y + (double)row * cell_h + (cell_h - block) / 2 + above + d.r;
        one_gauge(&d, i, cx, cy, cell_w);
    }
    return 0;
}

/* ---- progress bars -------------------------------------------------------- */

int kp_chart_paint_progress(struct kp_chart_frame *f, kp_err *e)
{
    const kp_chart *c = f->c;
    kp_canvas *cv = f->cv;
    size_t n = c->ncategories;
    double pad = f->font * 0.5, top = f->y;
    double vsize = fmax(f->small, f->font * 0.85);
    top += kp_chart_value_title_above(f, top);
    double head = c->nrefs ? vsize * 1.6 : pad * 0.5;
    double foot = vsize * 1.6;                /* the range ends under the tracks */
    double py = top + head, ph = f->y + f->h - foot - py;
    if (ph < 12)
        return kp_fail(e, "the box is too small for the labels: only %.0f points would be left "
                          "for the bars", fmax(0, ph));
    double row_h = ph / (double)n;
    double bar_h = fmin(row_h * 0.55, f->font * 1.3);
    vsize = fmin(vsize, fmax(f->small, row_h * 0.8));
    int values = row_h >= f->small;

    struct kp_chart_rowlabels rows;
    kp_chart_rowlabels_plan(f, NULL, n, row_h, f->w * 0.3, &rows);
    /* Room on the right for the widest value ("100.0%") or "无数据". */
    struct kp_chart_axis ax;
    gauge_range(f, f->w * 0.5, &ax);
    char label[64];
    kp_chart_format_value(f, label, sizeof label, ax.hi, 1);
    double right = fmax(kp_chart_text_width(cv, label, vsize, 0),
                        kp_chart_text_width(cv, "无数据", vsize, 0)) + pad;
    for (size_t i = 0; i < n && values; i++)
        if (!kp_chart_missing(c->series[0].values[i])) {
            kp_chart_format_value(f, label, sizeof label, c->series[0].values[i], 1);
            right = fmax(right, kp_chart_text_width(cv, label, vsize, 0) + pad);
        }
    double px = f->x + rows.width + pad, pw = f->x + f->w - right - pad - px;
    if (pw < 24)
        return kp_fail(e, "the box is too small for the labels: only %.0f points would be left "
                          "for the bars", fmax(0, pw));

    for (size_t i = 0; i < n; i++) {
        double v = c->series[0].values[i];
        double by = py + ((double)i + 0.5) * row_h - bar_h / 2;
        kp_chart_color(cv, kp_chart_track);
        cv->ops->rect(cv, px, by, pw, bar_h);
        cv->ops->fill(cv);
        double mid = by + bar_h / 2 + vsize * KP_CHART_MIDLINE;
        if (kp_chart_missing(v)) {
            if (values)
                kp_chart_no_data(f, px + pw + pad, mid, right, vsize, KP_ALIGN_LEFT);
            continue;
        }
        struct kp_chart_style st = value_style(c, v);
        kp_chart_fill_box(cv, px, by, kp_chart_axis_frac(&ax, v) * pw, bar_h, &st);
        if (values) {
            kp_chart_format_value(f, label, sizeof label, v, 1);
            kp_chart_color(cv, kp_chart_ink);
            kp_chart_text(cv, px + pw + pad, mid, label, vsize, 0, KP_ALIGN_LEFT);
        }
    }
    /* The target crosses every bar; its caption stands above the first. */
    for (size_t r = 0; r < c->nrefs; r++) {
        double tx = px + kp_chart_axis_frac(&ax, c->refs[r].value) * pw;
        kp_chart_color(cv, kp_chart_target);
        cv->ops->set_line_width(cv, 1.2);
        cv->ops->set_dash(cv, 3, 2);
        cv->ops->move_to(cv, tx, py - vsize * 0.3);
        cv->ops->line_to(cv, tx, py + ph);
        cv->ops->stroke(cv);
        cv->ops->set_dash(cv, 0, 0);
        char caption[KP_CHART_LABEL_BUF + 64], fitted[KP_CHART_LABEL_BUF];
        kp_chart_reference_caption(f, r, caption, sizeof caption);
        kp_chart_fit(cv, caption, f->w / 2, vsize, 0, fitted);
        double w = kp_chart_text_width(cv, fitted, vsize, 0);
        double cx = fmin(fmax(tx, f->x + w / 2), f->x + f->w - w / 2);
        kp_chart_text(cv, cx, py - vsize * 0.5, fitted, vsize, 0, KP_ALIGN_CENTER);
    }
    kp_chart_rowlabels_draw(f, &rows, NULL, n, px - pad * 0.8, py, row_h);
    kp_chart_color(cv, kp_chart_muted);
    double ts = fmax(f->small, f->font * 0.8);
    kp_chart_format(label, sizeof label, ax.lo, ax.decimals);
    kp_chart_text(cv, px, py + ph + ts * 1.3, label, ts, 0, KP_ALIGN_LEFT);
    kp_chart_format(label, sizeof label, ax.hi, ax.decimals);
    kp_chart_text(cv, px + pw, py + ph + ts * 1.3, label, ts, 0, KP_ALIGN_RIGHT);
    return 0;
}
