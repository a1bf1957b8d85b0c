/*
 * chart_bar.c — bar charts: the ranking (horizontal bars, best first, with
 * the bars that miss the target set apart) and vertical bars, grouped or
 * stacked.  Every bar carries its value where the label fits; a missing
 * value is written "无数据" where its bar would be, never drawn as zero.
 */
#include "chart/chart_parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Less room than this for the bars themselves is not worth drawing. */
#define MIN_PLOT 24.0

static int too_small(kp_err *e, double pw, double ph)
{
    return kp_fail(e, "the box is too small for the labels: only %.0f × %.0f points would be left "
                      "for the bars",
                   fmax(pw, 0), fmax(ph, 0));
}

static void reference_style(kp_canvas *cv)
{
    kp_chart_color(cv, kp_chart_target);
    cv->ops->set_line_width(cv, 1.2);
    cv->ops->set_dash(cv, 4, 2.5);
}

/* ---- vertical bars, grouped or stacked ----------------------------------- */

struct vbars {
    const struct kp_chart_frame *f;
    struct kp_chart_axis ax;
    double px, py, pw, ph;
    double slot, group, bar_w, vsize;
};

static double y_of(const struct vbars *b, double v)
{
    return b->py + b->ph - kp_chart_axis_frac(&b->ax, v) * b->ph;
}

static double base_value(const struct kp_chart_axis *ax)
{
    return ax->lo > 0 ? ax->lo : ax->hi < 0 ? ax->hi : 0;
}

/* Pass 0 draws the bars (and "无数据"), pass 1 their values, over
 * whatever lines were drawn in between. */
static void grouped_category(const struct vbars *b, size_t i, int pass)
{
    const struct kp_chart_frame *f = b->f;
    const kp_chart *c = f->c;
    kp_canvas *cv = f->cv;
    double gx = b->px + (double)i * b->slot + (b->slot - b->group) / 2;
    double y0 = y_of(b, base_value(&b->ax));
    /* A single bar's value label may spread over the whole slot. */
    double label_room = c->nseries == 1 ? b->slot * 0.95 : b->bar_w * 0.98;
    double inner = c->nseries > 1 ? b->bar_w * 0.9 : b->bar_w;
    for (size_t s = 0; s < c->nseries; s++) {
        double v = c->series[s].values[i];
        double bx = gx + (double)s * b->bar_w;
        if (kp_chart_missing(v)) {
            if (pass == 0)
                kp_chart_no_data_bar(f, bx + b->bar_w / 2, y0, label_room, y0 - b->py, b->vsize);
            continue;
        }
        double y1 = y_of(b, v);
        if (pass == 0) {
            struct kp_chart_style st;
            kp_chart_series_style(s, &st);
            kp_chart_fill_box(cv, bx, fmin(y0, y1), inner, fabs(y1 - y0), &st);
            continue;
        }
        char label[64];
        kp_chart_format_value(f, label, sizeof label, v, 0);
        if (kp_chart_text_width(cv, label, b->vsize, 0) > label_room)
            continue;
        double ly = v >= base_value(&b->ax) ? y1 - b->vsize * 0.35 : y1 + b->vsize * 1.05;
        kp_chart_text_on(cv, bx + inner / 2, ly, label, b->vsize, 0, KP_ALIGN_CENTER,
                         (struct kp_chart_rgb){ 1, 1, 1 }, kp_chart_ink);
    }
}

/* The stack of category i at bx, `width` wide; with `labels`, its values,
 * total or "无数据" too. */
static void stacked_category(const struct vbars *b, size_t i, double bx, double width,
                             int labels)
{
    const struct kp_chart_frame *f = b->f;
    const kp_chart *c = f->c;
    kp_canvas *cv = f->cv;
    double pos = 0, neg = 0, total = 0;
    int any = 0;
    for (size_t s = 0; s < c->nseries; s++) {
        double v = c->series[s].values[i];
        if (kp_chart_missing(v))
            continue;
        any = 1;
        total += v;
        double from = v >= 0 ? pos : neg, to = from + v;
        if (v >= 0)
            pos = to;
        else
            neg = to;
        double ya = y_of(b, from), yb = y_of(b, to);
        struct kp_chart_style st;
        kp_chart_series_style(s, &st);
        kp_chart_fill_box(cv, bx, fmin(ya, yb), width, fabs(yb - ya), &st);
        if (!labels)
            continue;
        /* The segment's own value, inside it, where it fits. */
        char label[64];
        kp_chart_format_value(f, label, sizeof label, v, 0);
        if (fabs(yb - ya) >= b->vsize * 1.3 &&
            kp_chart_text_width(cv, label, b->vsize, 0) <= width - 2)
            kp_chart_text_on(cv, bx + width / 2, (ya + yb) / 2 + b->vsize * KP_CHART_MIDLINE,
                             label, b->vsize, 0, KP_ALIGN_CENTER, st.color,
                             kp_chart_ink_on(st.color));
    }
    double y0 = y_of(b, base_value(&b->ax));
    if (!labels)
        return;
    if (!any) {
        kp_chart_no_data_bar(f, bx + width / 2, y0, b->slot * 0.95, y0 - b->py, b->vsize);
        return;
    }
    if (c->nseries > 1) {
        char label[64];
        kp_chart_format_value(f, label, sizeof label, total, 0);
        if (kp_chart_text_width(cv, label, b->vsize, 1) <= b->slot * 0.95) {
            kp_chart_color(cv, kp_chart_ink);
            kp_chart_text(cv, bx + width / 2, y_of(b, pos) - b->vsize * 0.35, label, b->vsize,
                          1, KP_ALIGN_CENTER);
        }
    }
}

/* More categories than the plot has room for (bars under a point wide):
 * each sliver of the plot shows, per series, the highest and the lowest
 * value among its categories (stacked: the tallest stack), which is what a
 * reader would see of the bars anyway, at a cost bounded by the width. */
static void dense_bars(const struct vbars *b, int stacked)
{
    const struct kp_chart_frame *f = b->f;
    const kp_chart *c = f->c;
    size_t n = c->ncategories, ns = c->nseries;
    size_t buckets = (size_t)fmax(1, b->pw * 2);
    double base = base_value(&b->ax), y0 = y_of(b, base);
    for (size_t k = 0; k < buckets; k++) {
        size_t i0 = k * n / buckets, i1 = (k + 1) * n / buckets;
        if (i1 == i0)
            continue;
        double x = b->px + (double)i0 * b->slot, w = (double)(i1 - i0) * b->slot;
        if (stacked) {
            size_t tallest = i1;
            double best = -INFINITY;
            for (size_t i = i0; i < i1; i++) {
                double pos = 0;
                int any = 0;
                for (size_t s = 0; s < ns; s++) {
                    double v = c->series[s].values[i];
                    any |= !kp_chart_missing(v);
                    pos += !kp_chart_missing(v) && v > 0 ? v : 0;
                }
                if (any && pos > best) {
                    best = pos;
                    tallest = i;
                }
            }
            if (tallest < i1)
                stacked_category(b, tallest, x, w, 0);
            continue;
        }
        for (size_t s = 0; s < ns; s++) {
            double lo = INFINITY, hi = -INFINITY;
            for (size_t i = i0; i < i1; i++) {
                double v = c->series[s].values[i];
                if (!kp_chart_missing(v)) {
                    lo = fmin(lo, v);
                    hi = fmax(hi, v);
                }
            }
            if (lo > hi)
                continue;            /* no data in the sliver: a gap */
            struct kp_chart_style st;
            kp_chart_series_style(s, &st);
            st.hatch = KP_HATCH_NONE;   /* a hatch needs room to show */
            double sx = x + (double)s * w / (double)ns, sw = w / (double)ns;
            if (hi > base)
                kp_chart_fill_box(f->cv, sx, y_of(b, hi), sw, y0 - y_of(b, hi), &st);
            if (lo < base)
                kp_chart_fill_box(f->cv, sx, y0, sw, y_of(b, lo) - y0, &st);
        }
    }
}

/* Reference lines across the plot; their captions are in the legend, where
 * they cannot collide with bars or values. */
static void horizontal_references(const struct vbars *b)
{
    const struct kp_chart_frame *f = b->f;
    kp_canvas *cv = f->cv;
    for (size_t r = 0; r < f->c->nrefs; r++) {
        double ry = y_of(b, f->c->refs[r].value);
        reference_style(cv);
        cv->ops->move_to(cv, b->px, ry);
        cv->ops->line_to(cv, b->px + b->pw, ry);
        cv->ops->stroke(cv);
        cv->ops->set_dash(cv, 0, 0);
    }
}

int kp_chart_paint_bars(struct kp_chart_frame *f, kp_err *e)
{
    const kp_chart *c = f->c;
    int stacked = c->kind == KP_CHART_STACKED;
    size_t n = c->ncategories, ns = c->nseries;
    double top = f->y, bottom = f->y + f->h, pad = f->font * 0.5;
    double tsize = fmax(f->small, f->font * 0.9);

    if (ns > 1 || c->nrefs > 0) {
        double h = kp_chart_legend_top(f, KP_SWATCH_BOX, ns > 1, 1, top, e);
        if (h < 0)
            return -1;
        top += h + pad * 0.5;
    }
    top += kp_chart_value_title_above(f, top);
    double xtitle_h = c->category_axis ? tsize * 1.5 : 0;

    struct vbars b = { .f = f };
    b.vsize = fmax(f->small, f->font * 0.85);
    kp_chart_value_axis(c, 1, stacked, (bottom - top) * 0.7, f->font * 3, &b.ax);
    double left = kp_chart_ticks_width(f, &b.ax) + f->font * 0.6;
    struct kp_chart_catlabels plan;
    for (int pass = 0; pass < 2; pass++) {
        b.px = f->x + left;
        b.pw = f->x + f->w - pad - b.px;
        if (b.pw < MIN_PLOT)
            return too_small(e, b.pw, bottom - top);
        b.slot = b.pw / (double)n;
        kp_chart_catlabels_plan(f, n, b.slot, (bottom - top) * 0.3, &plan);
        b.py = top + b.vsize * 1.4;       /* room for the labels on the tallest bars */
        b.ph = bottom - xtitle_h - plan.height - pad - b.py;
        if (b.ph < MIN_PLOT)
            return too_small(e, b.pw, b.ph);
        /* Now that the plot's height is known, space the ticks for it; a
         * wider tick label moves the plot once more. */
        kp_chart_value_axis(c, 1, stacked, b.ph, f->font * 3, &b.ax);
        double need = kp_chart_ticks_width(f, &b.ax) + f->font * 0.6;
        if (need <= left)
            break;
        left = need;
    }
    b.group = b.slot * (ns == 1 || stacked ? 0.62 : 0.8);
    b.bar_w = stacked ? b.group : b.group / (double)ns;

    kp_chart_axis_left(f, &b.ax, b.px, b.py, b.pw, b.ph);
    int dense = b.slot < 1;
    if (dense)
        dense_bars(&b, stacked);
    for (size_t i = 0; i < n && !dense; i++) {
        if (stacked)
            stacked_category(&b, i, b.px + (double)i * b.slot + (b.slot - b.group) / 2, b.group,
                             1);
        else
            grouped_category(&b, i, 0);
    }
    horizontal_references(&b);
    for (size_t i = 0; i < n && !stacked && !dense; i++)
        grouped_category(&b, i, 1);
    kp_chart_catlabels_draw(f, &plan, n, b.px, b.slot, b.py + b.ph + pad * 0.6);
    if (c->category_axis)
        kp_chart_caption_below(f, c->category_axis, b.px + b.pw / 2, bottom - tsize * 0.35);
    return 0;
}

/* ---- the ranking --------------------------------------------------------- */

struct ranked {
    double v;
    size_t i;
};

/* Highest first, missing values last, ties in the order given. */
static int by_rank(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    int am = kp_chart_missing(a->v), bm = kp_chart_missing(b->v);
    if (am != bm)
        return am - bm;
    if (!am && a->v != b->v)
        return a->v > b->v ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static int rank_order(const kp_chart *c, size_t **order, kp_err *e)
{
    size_t n = c->ncategories;
    struct ranked *r = malloc(n * sizeof *r);
    *order = malloc(n * sizeof **order);
    if (!r || !*order) {
        free(r);
        free(*order);
        *order = NULL;
        return kp_fail(e, "out of memory ranking %zu categories", n);
    }
    for (size_t i = 0; i < n; i++) {
        r[i].v = c->series[0].values[i];
        r[i].i = i;
    }
    qsort(r, n, sizeof *r, by_rank);
    for (size_t i = 0; i < n; i++)
        (*order)[i] = r[i].i;
    free(r);
    return 0;
}

/* With one series and a target, bars that reach it keep the first colour
 * and bars short of it take the second, so the gap shows at a glance. */
static int split_by_target(const kp_chart *c)
{
    return c->nseries == 1 && c->nrefs > 0;
}

static double ranking_legend(const struct kp_chart_frame *f, double top, kp_err *e)
{
    const kp_chart *c = f->c;
    if (c->nseries > 1)
        return kp_chart_legend_top(f, KP_SWATCH_BOX, 1, 0, top, e);
    if (!split_by_target(c))
        return 0;
    const char *what = c->refs[0].label ? c->refs[0].label : "参考值";
    char met[KP_CHART_LABEL_BUF + 16], short_of[KP_CHART_LABEL_BUF + 16];
    snprintf(met, sizeof met, "达到%s", what);
    snprintf(short_of, sizeof short_of, "未达%s", what);
    struct kp_chart_legend_item items[2] = {
        { .text = met, .swatch = KP_SWATCH_BOX },
        { .text = short_of, .swatch = KP_SWATCH_BOX },
    };
    kp_chart_series_style(0, &items[0].style);
    kp_chart_series_style(1, &items[1].style);
    return kp_chart_legend_rows(f, items, 2, f->w, f->h * 0.2, 1, f->x, top);
}

struct hbars {
    const struct kp_chart_frame *f;
    struct kp_chart_axis ax;
    double px, py, pw, ph, row_h, bar_h, vsize;
    int values;                  /* draw value labels */
};

static double x_of(const struct hbars *b, double v)
{
    return b->px + kp_chart_axis_frac(&b->ax, v) * b->pw;
}

/* Pass 0 draws the bars (and "无数据"), pass 1 their values, over the
 * reference lines drawn in between. */
static void ranking_row(const struct hbars *b, size_t r, size_t i, int pass)
{
    const struct kp_chart_frame *f = b->f;
    const kp_chart *c = f->c;
    kp_canvas *cv = f->cv;
    double base = base_value(&b->ax), x0 = x_of(b, base);
    double block = b->bar_h * (double)c->nseries;
    double top = b->py + (double)r * b->row_h + (b->row_h - block) / 2;
    double inner = c->nseries > 1 ? b->bar_h * 0.9 : b->bar_h;
    const struct kp_chart_rgb white = { 1, 1, 1 };
    for (size_t s = 0; s < c->nseries; s++) {
        double v = c->series[s].values[i];
        double by = top + (double)s * b->bar_h, mid = by + inner / 2;
        if (kp_chart_missing(v)) {
            if (pass == 0 && b->values)
                kp_chart_no_data(f, x0 + 3, mid + b->vsize * KP_CHART_MIDLINE, b->pw, b->vsize,
                                 KP_ALIGN_LEFT);
            continue;
        }
        struct kp_chart_style st;
        kp_chart_series_style(split_by_target(c) ? (v >= c->refs[0].value ? 0 : 1) : s, &st);
        double x1 = x_of(b, v);
        if (pass == 0) {
            kp_chart_fill_box(cv, fmin(x0, x1), by, fabs(x1 - x0), inner, &st);
            continue;
        }
        if (!b->values)
            continue;
        char label[64];
        kp_chart_format_value(f, label, sizeof label, v, 0);
        double lw = kp_chart_text_width(cv, label, b->vsize, 0);
        double ly = mid + b->vsize * KP_CHART_MIDLINE;
        if (v >= base)
            kp_chart_text_on(cv, x1 + 2.5, ly, label, b->vsize, 0, KP_ALIGN_LEFT, white,
                             kp_chart_ink);
        else if (x1 - 2.5 - lw >= b->px)
            kp_chart_text_on(cv, x1 - 2.5, ly, label, b->vsize, 0, KP_ALIGN_RIGHT, white,
                             kp_chart_ink);
        else if (lw <= x0 - x1 - 4)
            /* A bar down to the axis end: its value goes inside it. */
            kp_chart_text_on(cv, x1 + 2, ly, label, b->vsize, 0, KP_ALIGN_LEFT, st.color,
                             kp_chart_ink_on(st.color));
    }
}

static void vertical_references(const struct hbars *b)
{
    const struct kp_chart_frame *f = b->f;
    kp_canvas *cv = f->cv;
    double size = fmax(f->small, f->font * 0.85);
    for (size_t r = 0; r < f->c->nrefs; r++) {
        double rx = x_of(b, f->c->refs[r].value);
        reference_style(cv);
        cv->ops->move_to(cv, rx, b->py - size * 0.3);
        cv->ops->line_to(cv, rx, b->py + b->ph);
        cv->ops->stroke(cv);
        cv->ops->set_dash(cv, 0, 0);
        char caption[KP_CHART_LABEL_BUF + 64], fitted[KP_CHART_LABEL_BUF];
        kp_chart_reference_caption(f, r, caption, sizeof caption);
        kp_chart_fit(cv, caption, f->w / 2, size, 0, fitted);
        double w = kp_chart_text_width(cv, fitted, size, 0);
        double cx = fmin(fmax(rx, f->x + w / 2), f->x + f->w - w / 2);
        kp_chart_color(cv, kp_chart_target);
        kp_chart_text(cv, cx, b->py - size * 0.5, fitted, size, 0, KP_ALIGN_CENTER);
    }
}

/* Widest value label a ranking draws: the extremes of every series. */
static double widest_value(const struct kp_chart_frame *f, double size)
{
    const kp_chart *c = f->c;
    double lo = INFINITY, hi = -INFINITY, widest = 0;
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->ncategories; i++) {
            double v = c->series[s].values[i];
            if (kp_chart_missing(v))
                continue;   /* "无数据" is written inside the plot, from the axis */
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
    char label[64];
    if (lo <= hi) {
        kp_chart_format_value(f, label, sizeof label, hi, 0);
        widest = kp_chart_text_width(f->cv, label, size, 0);
        kp_chart_format_value(f, label, sizeof label, lo, 0);
        widest = fmax(widest, kp_chart_text_width(f->cv, label, size, 0));
    }
    return widest;
}

int kp_chart_paint_ranking(struct kp_chart_frame *f, kp_err *e)
{
    const kp_chart *c = f->c;
    size_t n = c->ncategories;
    double top = f->y, bottom = f->y + f->h, pad = f->font * 0.5;
    double tsize = fmax(f->small, f->font * 0.9);

    double legend = ranking_legend(f, top, e);
    if (legend < 0)
        return -1;
    top += legend > 0 ? legend + pad * 0.5 : 0;

    /* Above the rows: the category axis title and the reference captions. */
    double head = (c->category_axis || c->nrefs) ? tsize * 1.7 : pad;
    char vtitle[2 * KP_CHART_MAX_TEXT + 32];
    kp_chart_value_title(c, vtitle, sizeof vtitle);
    double foot = tsize * 1.7 + (vtitle[0] ? tsize * 1.5 : 0);

    struct hbars b = { .f = f };
    b.py = top + head;
    b.ph = bottom - foot - b.py;
    if (b.ph < MIN_PLOT)
        return too_small(e, f->w, b.ph);
    b.row_h = b.ph / (double)n;
    b.bar_h = b.row_h * 0.72 / (double)c->nseries;
    b.vsize = fmin(f->font * 0.85, fmax(f->small, b.bar_h * 1.05));
    b.values = b.bar_h * 1.4 >= f->small;

    size_t *order;
    if (rank_order(c, &order, e))
        return -1;
    struct kp_chart_rowlabels rows;
    kp_chart_rowlabels_plan(f, order, n, b.row_h, f->w * 0.32, &rows);
    double right = b.values ? widest_value(f, b.vsize) + pad : pad;
    b.px = f->x + rows.width + pad;
    b.pw = f->x + f->w - right - b.px;
    if (b.pw < MIN_PLOT) {
        free(order);
        return too_small(e, b.pw, b.ph);
    }
    struct kp_chart_axis probe;
    kp_chart_value_axis(c, 1, 0, b.pw, b.pw / 6, &probe);
    double spacing = kp_chart_ticks_width(f, &probe) + f->font * 2.5;
    kp_chart_value_axis(c, 1, 0, b.pw, spacing, &b.ax);

    kp_chart_axis_bottom(f, &b.ax, b.px, b.py, b.pw, b.ph);
    for (size_t r = 0; r < n; r++)
        ranking_row(&b, r, order[r], 0);
    vertical_references(&b);
    for (size_t r = 0; r < n; r++)
        ranking_row(&b, r, order[r], 1);
    kp_chart_rowlabels_draw(f, &rows, order, n, b.px - pad * 0.8, b.py, b.row_h);
    free(order);
    if (c->category_axis) {
        char fitted[KP_CHART_LABEL_BUF];
        kp_chart_fit(f->cv, c->category_axis, fmax(rows.width, f->w * 0.3), tsize, 0, fitted);
        kp_chart_color(f->cv, kp_chart_muted);
        /* Over the row labels; a title wider than they are starts at the
         * chart's left edge instead of running out of the box. */
        double end = b.px - pad * 0.8;
        if (kp_chart_text_width(f->cv, fitted, tsize, 0) <= end - f->x)
            kp_chart_text(f->cv, end, b.py - tsize * 0.5, fitted, tsize, 0, KP_ALIGN_RIGHT);
        else
            kp_chart_text(f->cv, f->x, b.py - tsize * 0.5, fitted, tsize, 0, KP_ALIGN_LEFT);
    }
    if (vtitle[0])
        kp_chart_caption_below(f, vtitle, b.px + b.pw / 2, bottom - tsize * 0.35);
    return 0;
}
