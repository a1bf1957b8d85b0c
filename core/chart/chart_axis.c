/*
 * chart_axis.c — value ranges, nice ticks (1, 2 or 5 × 10^n), number
 * formatting, value axes with gridlines, and category labels that are
 * shrunk, wrapped or thinned so that they never overlap.
 */
#include "chart/chart_parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* No axis needs more ticks than this, whatever it is asked. */
#define MAX_TICKS 50

void kp_chart_axis_nice(struct kp_chart_axis *ax, double lo, double hi, int max_ticks, int fixed)
{
    if (max_ticks < 1)
        max_ticks = 1;
    if (max_ticks > MAX_TICKS)
        max_ticks = MAX_TICKS;
    /* A span too small for the magnitude (1e15 .. 1e15 + 0.001) has no
     * ticks a double can step through: widen it like an empty one. */
    if (!(hi > lo) || hi - lo < 1e-9 * fmax(fabs(lo), fabs(hi))) {
        double d = lo == 0 ? 1 : fabs(lo) * 0.1;
        lo -= d;
        hi += d;
    }
    double raw = (hi - lo) / max_ticks;
    double mag = pow(10, floor(log10(raw)));
    double norm = raw / mag;
    double step = (norm <= 1 + 1e-9 ? 1 : norm <= 2 + 1e-9 ? 2 : norm <= 5 + 1e-9 ? 5 : 10) * mag;
    if (!fixed) {
        lo = floor(lo / step + 1e-9) * step;
        hi = ceil(hi / step - 1e-9) * step;
    }
    ax->lo = lo;
    ax->hi = hi;
    ax->step = step;
    ax->decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (ax->decimals > 6)
        ax->decimals = 6;
}

double kp_chart_axis_frac(const struct kp_chart_axis *ax, double v)
{
    double t = (v - ax->lo) / (ax->hi - ax->lo);
    return t < 0 ? 0 : t > 1 ? 1 : t;
}

int kp_chart_axis_ticks(const struct kp_chart_axis *ax, double *first)
{
    *first = ceil(ax->lo / ax->step - 1e-9) * ax->step;
    /* Clamped as a double: a cast of an out-of-range double is undefined. */
    double n = floor((ax->hi - *first) / ax->step + 1e-9) + 1;
    return !(n > 0) ? 0 : n > MAX_TICKS + 1 ? MAX_TICKS + 1 : (int)n;
}

void kp_chart_value_axis(const kp_chart *c, int with_zero, int stacked, double length,
                         double tick_spacing, struct kp_chart_axis *ax)
{
    int max_ticks = tick_spacing > 0 ? (int)(length / tick_spacing) : 5;
    if (max_ticks < 2)
        max_ticks = 2;
    if (c->fixed_range) {
        kp_chart_axis_nice(ax, c->range_min, c->range_max, max_ticks, 1);
        return;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < c->ncategories; i++) {
        double pos = 0, neg = 0;
        int any = 0;
        for (size_t s = 0; s < c->nseries; s++) {
            double v = c->series[s].values[i];
            if (kp_chart_missing(v))
                continue;
            any = 1;
            if (stacked) {
                if (v > 0)
                    pos += v;
                else
                    neg += v;
            } else {
                lo = fmin(lo, v);
                hi = fmax(hi, v);
            }
        }
        if (stacked && any) {
            lo = fmin(lo, neg);
            hi = fmax(hi, pos);
        }
    }
    for (size_t r = 0; r < c->nrefs; r++) {
        lo = fmin(lo, c->refs[r].value);
        hi = fmax(hi, c->refs[r].value);
    }
    if (lo > hi) {               /* no data at all */
        lo = 0;
        hi = 1;
    }
    if (with_zero) {
        lo = fmin(lo, 0);
        hi = fmax(hi, 0);
    }
    kp_chart_axis_nice(ax, lo, hi, max_ticks, 0);
}

void kp_chart_format(char *buf, size_t n, double v, int decimals)
{
    if (decimals < 0)
        decimals = 0;
    snprintf(buf, n, "%.*f", decimals, v);
    /* -0.0 rounds to "-0": a sign on nothing reads as a mistake. */
    if (buf[0] == '-') {
        int zero = 1;
        for (const char *p = buf + 1; *p; p++)
            if (*p != '0' && *p != '.')
                zero = 0;
        if (zero)
            memmove(buf, buf + 1, strlen(buf));
    }
}

void kp_chart_format_value(const struct kp_chart_frame *f, char *buf, size_t n, double v,
                           int always_unit)
{
    kp_chart_format(buf, n, v, f->decimals);
    const char *unit = f->c->unit;
    if (unit && (always_unit || strcmp(unit, "%") == 0)) {
        size_t len = strlen(buf);
        snprintf(buf + len, n - len, "%s", unit);
    }
}

int kp_chart_auto_decimals(const kp_chart *c)
{
    if (c->decimals >= 0)
        return c->decimals;
    int whole = 1;
    double biggest = 0;
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->ncategories; i++) {
            double v = c->series[s].values[i];
            if (kp_chart_missing(v))
                continue;
            biggest = fmax(biggest, fabs(v));
            if (fabs(v - nearbyint(v)) > 1e-9 * fmax(1, fabs(v)))
                whole = 0;
        }
    return whole ? 0 : biggest < 1 ? 2 : 1;
}

static double tick_size(const struct kp_chart_frame *f)
{
    return fmax(f->small, f->font * 0.9);
}

double kp_chart_ticks_width(const struct kp_chart_frame *f, const struct kp_chart_axis *ax)
{
    double first, widest = 0;
    int n = kp_chart_axis_ticks(ax, &first);
    for (int i = 0; i < n; i++) {
        char label[64];
        kp_chart_format(label, sizeof label, first + i * ax->step, ax->decimals);
        widest = fmax(widest, kp_chart_text_width(f->cv, label, tick_size(f), 0));
    }
    return widest;
}

void kp_chart_axis_left(const struct kp_chart_frame *f, const struct kp_chart_axis *ax,
                        double px, double py, double pw, double ph)
{
    kp_canvas *cv = f->cv;
    double size = tick_size(f), first;
    int n = kp_chart_axis_ticks(ax, &first);
    cv->ops->set_dash(cv, 0, 0);
    cv->ops->set_line_width(cv, 0.5);
    kp_chart_color(cv, kp_chart_grid);
    for (int i = 0; i < n; i++) {
        double ty = py + ph - kp_chart_axis_frac(ax, first + i * ax->step) * ph;
        cv->ops->move_to(cv, px, ty);
        cv->ops->line_to(cv, px + pw, ty);
    }
    cv->ops->stroke(cv);
    kp_chart_color(cv, kp_chart_muted);
    for (int i = 0; i < n; i++) {
        double v = first + i * ax->step;
        double ty = py + ph - kp_chart_axis_frac(ax, v) * ph;
        char label[64];
        kp_chart_format(label, sizeof label, v, ax->decimals);
        kp_chart_text(cv, px - size * 0.5, ty + size * KP_CHART_MIDLINE, label, size, 0,
                      KP_ALIGN_RIGHT);
    }
    /* The baseline bars stand on: zero when it is in range, else the bottom. */
    double base = ax->lo < 0 && ax->hi > 0 ? py + ph - kp_chart_axis_frac(ax, 0) * ph : py + ph;
    kp_chart_color(cv, kp_chart_axis_ink);
    cv->ops->set_line_width(cv, 0.8);
    cv->ops->move_to(cv, px, base);
    cv->ops->line_to(cv, px + pw, base);
    cv->ops->stroke(cv);
}

void kp_chart_axis_bottom(const struct kp_chart_frame *f, const struct kp_chart_axis *ax,
                          double px, double py, double pw, double ph)
{
    kp_canvas *cv = f->cv;
    double size = tick_size(f), first;
    int n = kp_chart_axis_ticks(ax, &first);
    cv->ops->set_dash(cv, 0, 0);
    cv->ops->set_line_width(cv, 0.5);
    kp_chart_color(cv, kp_chart_grid);
    for (int i = 0; i < n; i++) {
        double tx = px + kp_chart_axis_frac(ax, first + i * ax->step) * pw;
        cv->ops->move_to(cv, tx, py);
        cv->ops->line_to(cv, tx, py + ph);
    }
    cv->ops->stroke(cv);
    kp_chart_color(cv, kp_chart_muted);
    for (int i = 0; i < n; i++) {
        double v = first + i * ax->step;
        char label[64];
        kp_chart_format(label, sizeof label, v, ax->decimals);
        kp_chart_text(cv, px + kp_chart_axis_frac(ax, v) * pw, py + ph + size * 1.25, label, size,
                      0, KP_ALIGN_CENTER);
    }
    double base = ax->lo < 0 && ax->hi > 0 ? px + kp_chart_axis_frac(ax, 0) * pw : px;
    kp_chart_color(cv, kp_chart_axis_ink);
    cv->ops->set_line_width(cv, 0.8);
    cv->ops->move_to(cv, base, py);
    cv->ops->line_to(cv, base, py + ph);
    cv->ops->stroke(cv);
}

void kp_chart_value_title(const kp_chart *c, char *buf, size_t n)
{
    if (c->value_axis && c->unit)
        snprintf(buf, n, "%s（%s）", c->value_axis, c->unit);
    else if (c->value_axis)
        snprintf(buf, n, "%s", c->value_axis);
    else if (c->unit)
        snprintf(buf, n, "单位：%s", c->unit);
    else
        buf[0] = '\0';
}

/* The value axis title above the plot, left-aligned; returns its height. */
double kp_chart_value_title_above(const struct kp_chart_frame *f, double y)
{
    char title[2 * KP_CHART_MAX_TEXT + 32], fitted[KP_CHART_LABEL_BUF];
    kp_chart_value_title(f->c, title, sizeof title);
    if (!title[0])
        return 0;
    double size = fmax(f->small, f->font * 0.9);
    kp_chart_fit(f->cv, title, f->w, size, 0, fitted);
    kp_chart_color(f->cv, kp_chart_muted);
    kp_chart_text(f->cv, f->x, y + size, fitted, size, 0, KP_ALIGN_LEFT);
    return size * 1.6;
}

/* A text centred under the plot (the category axis title). */
void kp_chart_caption_below(const struct kp_chart_frame *f, const char *text, double cx,
                          double baseline)
{
    char fitted[KP_CHART_LABEL_BUF];
    double size = fmax(f->small, f->font * 0.9);
    kp_chart_fit(f->cv, text, f->w, size, 0, fitted);
    double w = kp_chart_text_width(f->cv, fitted, size, 0);
    cx = fmin(fmax(cx, f->x + w / 2), f->x + f->w - w / 2);
    kp_chart_color(f->cv, kp_chart_muted);
    kp_chart_text(f->cv, cx, baseline, fitted, size, 0, KP_ALIGN_CENTER);
}

/* Thinning steps that read as a pattern: 1 to 6, then 10, 20, 25, 50, 100... */
static size_t next_step(size_t step)
{
    static const size_t small[] = { 1, 2, 3, 4, 5, 6, 10 };
    for (size_t i = 0; i + 1 < sizeof small / sizeof small[0]; i++)
        if (step == small[i])
            return small[i + 1];
    size_t mag = 1;
    while (step / mag >= 10)
        mag *= 10;
    /* step is 10, 20, 25 or 50 times a power of ten (mag is at least 10). */
    if (step == 25 * mag / 10)
        return 5 * mag;
    switch (step / mag) {
    case 1: return 2 * mag;
    case 2: return 25 * mag / 10;
    default: return 10 * mag;
    }
}

void kp_chart_catlabels_plan(const struct kp_chart_frame *f, size_t n, double slot_w,
                             double max_h, struct kp_chart_catlabels *plan)
{
    const kp_chart *c = f->c;
    double gap = f->font * 0.5;
    plan->step = 1;
    plan->lines = 1;
    plan->size = f->small;
    plan->height = f->small * KP_CHART_LEADING;
    if (n == 0 || slot_w <= 0)
        return;
    /* No label is narrower than two small characters: start thinning there,
     * so that a long axis is never measured label by label. */
    double narrowest = f->small * 2 + gap;
    while ((double)plan->step * slot_w < narrowest && plan->step < n)
        plan->step = next_step(plan->step);
    if (plan->step > n)
        plan->step = n;
    int room = (int)floor(max_h / (f->font * KP_CHART_LEADING));
    if (room < 1)
        room = 1;
    size_t m_max = n / plan->step + 1;
    const char **texts = malloc(m_max * sizeof *texts);
    if (!texts)
        return;                  /* the smallest, thinned plan stands */
    for (;;) {
        size_t step = plan->step, m = 0;
        for (size_t i = 0; i < n && m < m_max; i += step)
            texts[m++] = c->categories[i];
        /* Thinned labels stand for a stretch of the axis: one line each. */
        int lines = step == 1 ? (room < 3 ? room : 3) : 1;
        double avail = slot_w * (double)step - gap;
        double size = kp_chart_pick_size(f->cv, texts, m, avail, lines, f->font, f->small);
        int needed = 1, fits = avail > 0;
        for (size_t k = 0; k < m && fits; k++) {
            int l = kp_chart_lines_needed(f->cv, texts[k], avail, size, 0);
            if (l > lines)
                fits = 0;
            else if (l > needed)
                needed = l;
        }
        if (fits || step >= n) {
            plan->size = size;
            plan->lines = fits ? needed : lines;
            plan->height = plan->lines * size * KP_CHART_LEADING;
            break;
        }
        plan->step = next_step(step);
        if (plan->step > n)
            plan->step = n;
    }
    free(texts);
}

void kp_chart_catlabels_draw(const struct kp_chart_frame *f, const struct kp_chart_catlabels *plan,
                             size_t n, double px, double slot_w, double top)
{
    kp_canvas *cv = f->cv;
    double gap = f->font * 0.5;
    double avail = slot_w * (double)plan->step - gap;
    double lead = plan->size * KP_CHART_LEADING;
    double right = -INFINITY;         /* where the last label drawn ends */
    char lines[3][KP_CHART_LABEL_BUF];
    kp_chart_color(cv, kp_chart_ink);
    for (size_t i = 0; i < n; i += plan->step) {
        int nl = kp_chart_wrap(cv, f->c->categories[i], avail, plan->size, 0,
                               plan->lines > 3 ? 3 : plan->lines, lines);
        double w = 0;
        for (int k = 0; k < nl; k++)
            w = fmax(w, kp_chart_text_width(cv, lines[k], plan->size, 0));
        /* A label wider than its slot (thinned axes) stays under the plot,
         * clear of the tick labels; pushed in there, it may meet the next
         * one, which then gives way. */
        double cx = px + ((double)i + 0.5) * slot_w;
        cx = fmin(fmax(cx, px + w / 2), px + slot_w * (double)n - w / 2);
        if (cx - w / 2 < right + gap / 2)
            continue;
        right = cx + w / 2;
        for (int k = 0; k < nl; k++)
            kp_chart_text(cv, cx, top + plan->size * 0.9 + k * lead, lines[k], plan->size, 0,
                          KP_ALIGN_CENTER);
    }
}

void kp_chart_rowlabels_plan(const struct kp_chart_frame *f, const size_t *order, size_t n,
                             double row_h, double max_w, struct kp_chart_rowlabels *plan)
{
    plan->step = 1;
    plan->lines = 1;
    plan->size = fmin(f->font, fmax(f->small, row_h * 0.75));
    plan->width = 0;
    if (n == 0 || row_h <= 0 || max_w <= 0)
        return;
    /* Rows thinner than a readable line: label every step-th row only. */
    if (row_h < f->small * 1.05) {
        plan->step = (size_t)ceil(f->small * 1.05 / row_h);
        plan->size = f->small;
    }
    if (plan->step == 1 && row_h >= 2 * f->small * KP_CHART_LEADING * 1.1)
        plan->lines = 2;
    size_t m_max = n / plan->step + 1, m = 0;
    const char **texts = malloc(m_max * sizeof *texts);
    if (!texts) {
        plan->width = max_w;
        return;
    }
    double natural = 0;
    for (size_t r = 0; r < n && m < m_max; r += plan->step) {
        texts[m] = f->c->categories[order ? order[r] : r];
        natural = fmax(natural, kp_chart_text_width(f->cv, texts[m], plan->size, 0));
        m++;
    }
    if (natural <= max_w) {
        plan->lines = 1;
        plan->width = natural;
    } else {
        /* Shrink first; wrap into two lines where rows are tall enough;
         * only then cut with an ellipsis. */
        double one = kp_chart_pick_size(f->cv, texts, m, max_w, 1, plan->size, f->small);
        if (plan->lines == 2 && one < plan->size) {
            double most = fmin(plan->size, row_h / (2 * KP_CHART_LEADING * 1.05));
            plan->size = kp_chart_pick_size(f->cv, texts, m, max_w, 2, most, f->small);
        } else {
            plan->lines = 1;
            plan->size = one;
        }
        plan->width = max_w;
    }
    free(texts);
}

void kp_chart_rowlabels_draw(const struct kp_chart_frame *f, const struct kp_chart_rowlabels *plan,
                             const size_t *order, size_t n, double right, double top, double row_h)
{
    kp_chart_color(f->cv, kp_chart_ink);
    for (size_t r = 0; r < n; r += plan->step) {
        const char *label = f->c->categories[order ? order[r] : r];
        kp_chart_text_block(f->cv, right, top + ((double)r + 0.5) * row_h, label, plan->width,
                            plan->size, 0, plan->lines, KP_ALIGN_RIGHT);
    }
}

void kp_chart_reference_caption(const struct kp_chart_frame *f, size_t i, char *buf, size_t n)
{
    /* A target is a round figure: "80", not "80.0" beside values that need a decimal. */
    double v = f->c->refs[i].value;
    int d = 0;
    while (d < 4 && fabs(v * pow(10, d) - nearbyint(v * pow(10, d))) > 1e-6 * pow(10, d))
        d++;
    char value[64];
    kp_chart_format(value, sizeof value, v, d);
    const char *unit = f->c->unit, *label = f->c->refs[i].label;
    snprintf(buf, n, "%s %s%s", label ? label : "参考", value,
             unit && strcmp(unit, "%") == 0 ? "%" : "");
}

int kp_chart_has_data(const kp_chart *c)
{
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->ncategories; i++)
            if (!kp_chart_missing(c->series[s].values[i]))
                return 1;
    return 0;
}

void kp_chart_no_data(const struct kp_chart_frame *f, double x, double y, double maxw, double size,
                      enum kp_text_align align)
{
    static const char text[] = "无数据";
    if (kp_chart_text_width(f->cv, text, size, 0) > maxw)
        return;
    kp_chart_color(f->cv, kp_chart_muted);
    kp_chart_text(f->cv, x, y, text, size, 0, align);
}

void kp_chart_no_data_bar(const struct kp_chart_frame *f, double cx, double base, double maxw,
                          double max_h, double size)
{
    static const char *const chars[3] = { "无", "数", "据" };
    kp_canvas *cv = f->cv;
    if (kp_chart_text_width(cv, "无数据", size, 0) <= maxw) {
        kp_chart_no_data(f, cx, base - size * 0.4, maxw, size, KP_ALIGN_CENTER);
        return;
    }
    size = fmin(size, maxw);
    double lead = size * 1.08;
    if (size < f->small * 0.9 || 3 * lead > max_h)
        return;
    kp_chart_color(cv, kp_chart_muted);
    for (int i = 0; i < 3; i++)
        kp_chart_text(cv, cx, base - size * 0.4 - (2 - i) * lead, chars[i], size, 0,
                      KP_ALIGN_CENTER);
}
