/*
 * chart_radar.c — radar charts: the categories are spokes (the eight work
 * areas), each series a polygon (a county against the city average).  The
 * spoke labels are wrapped onto two lines and the radius is whatever the
 * labels leave, so long area names are never cut by the box.  With a single
 * series each label also carries the value.  A missing value leaves a gap
 * in its polygon rather than pulling it to the centre.
 */
#include "chart/chart_parts.h"

#include <stdio.h>
#include <stdlib.h>

#define MIN_RADIUS 16.0
/* Lines of a spoke label (the name), plus one for the value. */
#define NAME_LINES 2

struct spoke {
    double dx, dy;               /* direction, unit length */
    char lines[NAME_LINES + 1][KP_CHART_LABEL_BUF];
    int nlines;
    double w, h;                 /* of the label block */
};

struct radar {
    const struct kp_chart_frame *f;
    struct kp_chart_axis ax;
    double cx, cy, r, size, gap;
    struct spoke *spokes;
    size_t n;
};

static double radius_of(const struct radar *rd, double v)
{
    return kp_chart_axis_frac(&rd->ax, v) * rd->r;
}

static void prepare_labels(struct radar *rd, double maxw)
{
    const struct kp_chart_frame *f = rd->f;
    const kp_chart *c = f->c;
    for (size_t i = 0; i < rd->n; i++) {
        struct spoke *sp = &rd->spokes[i];
        double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)rd->n;
        sp->dx = cos(a);
        sp->dy = sin(a);
        sp->nlines = kp_chart_wrap(f->cv, c->categories[i], maxw, rd->size, 0, NAME_LINES,
                                   sp->lines);
        if (c->nseries == 1) {
            double v = c->series[0].values[i];
            if (kp_chart_missing(v))
                snprintf(sp->lines[sp->nlines], KP_CHART_LABEL_BUF, "无数据");
            else
                kp_chart_format_value(f, sp->lines[sp->nlines], KP_CHART_LABEL_BUF, v, 0);
            sp->nlines++;
        }
        sp->w = 0;
        for (int k = 0; k < sp->nlines; k++)
            sp->w = fmax(sp->w, kp_chart_text_width(f->cv, sp->lines[k], rd->size, 0));
        sp->h = sp->nlines * rd->size * KP_CHART_LEADING;
    }
}

/* The largest radius at which every label block, set just outside its
 * spoke, stays inside the box (x0, y0, w, h) around the centre. */
static double fit_radius(const struct radar *rd, double x0, double y0, double w, double h)
{
    double r = fmin(w, h) / 2;
    for (size_t i = 0; i < rd->n; i++) {
        const struct spoke *sp = &rd->spokes[i];
        double room;
        /* Horizontally: blocks to the right start at the anchor, blocks to
         * the left end there, blocks at the top and bottom are centred. */
        if (sp->dx > 0.3) {
            room = (x0 + w - rd->cx - sp->w) / sp->dx - rd->gap;
            r = fmin(r, room);
        } else if (sp->dx < -0.3) {
            room = (rd->cx - x0 - sp->w) / -sp->dx - rd->gap;
            r = fmin(r, room);
        }
        if (sp->dy < -0.3) {
            room = (rd->cy - y0 - sp->h) / -sp->dy - rd->gap;
            r = fmin(r, room);
        } else if (sp->dy > 0.3) {
            room = (y0 + h - rd->cy - sp->h) / sp->dy - rd->gap;
            r = fmin(r, room);
        } else {
            r = fmin(r, fmin(rd->cy - y0, y0 + h - rd->cy) - sp->h / 2);
        }
    }
    return r;
}

static void draw_labels(const struct radar *rd)
{
    kp_canvas *cv = rd->f->cv;
    double lead = rd->size * KP_CHART_LEADING;
    for (size_t i = 0; i < rd->n; i++) {
        const struct spoke *sp = &rd->spokes[i];
        double ax = rd->cx + (rd->r + rd->gap) * sp->dx, ay = rd->cy + (rd->r + rd->gap) * sp->dy;
        enum kp_text_align align = sp->dx > 0.3 ? KP_ALIGN_LEFT : sp->dx < -0.3 ? KP_ALIGN_RIGHT
                                                                               : KP_ALIGN_CENTER;
        double top = sp->dy < -0.3 ? ay - sp->h : sp->dy > 0.3 ? ay : ay - sp->h / 2;
        for (int k = 0; k < sp->nlines; k++) {
            int value_line = rd->f->c->nseries == 1 && k == sp->nlines - 1;
            kp_chart_color(cv, value_line ? kp_chart_muted : kp_chart_ink);
            kp_chart_text(cv, ax, top + k * lead + lead / 2 + rd->size * KP_CHART_MIDLINE,
                          sp->lines[k], rd->size, value_line, align);
        }
    }
}

static void ring(const struct radar *rd, double r)
{
    kp_canvas *cv = rd->f->cv;
    for (size_t i = 0; i < rd->n; i++) {
        double x = rd->cx + r * rd->spokes[i].dx, y = rd->cy + r * rd->spokes[i].dy;
        if (i == 0)
            cv->ops->move_to(cv, x, y);
        else
            cv->ops->line_to(cv, x, y);
    }
    cv->ops->close_path(cv);
}

static void grid(const struct radar *rd)
{
    kp_canvas *cv = rd->f->cv;
    double first;
    int n = kp_chart_axis_ticks(&rd->ax, &first);
    cv->ops->set_dash(cv, 0, 0);
    cv->ops->set_line_width(cv, 0.6);
    kp_chart_color(cv, kp_chart_grid);
    for (int k = 0; k < n; k++) {
        double t = first + k * rd->ax.step;
        if (t > rd->ax.lo + rd->ax.step * 1e-6)
            ring(rd, radius_of(rd, t));
    }
    cv->ops->stroke(cv);
    kp_chart_color(cv, kp_chart_axis_ink);
    cv->ops->set_line_width(cv, 0.5);
    for (size_t i = 0; i < rd->n; i++) {
        cv->ops->move_to(cv, rd->cx, rd->cy);
        cv->ops->line_to(cv, rd->cx + rd->r * rd->spokes[i].dx, rd->cy + rd->r * rd->spokes[i].dy);
    }
    cv->ops->stroke(cv);
}

/* Ring values up the first spoke, just right of it. */
static void ring_values(const struct radar *rd)
{
    kp_canvas *cv = rd->f->cv;
    double first;
    int n = kp_chart_axis_ticks(&rd->ax, &first);
    double size = fmax(rd->f->small, rd->f->font * 0.75);
    kp_chart_color(cv, kp_chart_muted);
    /* Counted, like every tick loop: adding a step below t's precision
     * would never reach the end. */
    for (int k = 0; k < n; k++) {
        double t = first + k * rd->ax.step;
        char label[64];
        kp_chart_format(label, sizeof label, t, rd->ax.decimals);
        kp_chart_text(cv, rd->cx + 2, rd->cy - radius_of(rd, t) + size * 1.0, label, size, 0,
                      KP_ALIGN_LEFT);
    }
}

static int complete(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (kp_chart_missing(v[i]))
            return 0;
    return 1;
}

static void polygon(const struct radar *rd, size_t s)
{
    kp_canvas *cv = rd->f->cv;
    const double *v = rd->f->c->series[s].values;
    size_t n = rd->n;
    struct kp_chart_style st;
    kp_chart_series_style(s, &st);
    /* The outline joins neighbouring spokes that both have a value. */
    kp_chart_color(cv, st.color);
    cv->ops->set_line_width(cv, 1.6);
    cv->ops->set_dash(cv, st.dash_on, st.dash_off);
    for (size_t i = 0; i < n; i++) {
        size_t j = (i + 1) % n;
        if (kp_chart_missing(v[i]) || kp_chart_missing(v[j]))
            continue;
        cv->ops->move_to(cv, rd->cx + radius_of(rd, v[i]) * rd->spokes[i].dx,
                         rd->cy + radius_of(rd, v[i]) * rd->spokes[i].dy);
        cv->ops->line_to(cv, rd->cx + radius_of(rd, v[j]) * rd->spokes[j].dx,
                         rd->cy + radius_of(rd, v[j]) * rd->spokes[j].dy);
    }
    cv->ops->stroke(cv);
    cv->ops->set_dash(cv, 0, 0);
    double m = fmax(3, rd->f->font * 0.5);
    for (size_t i = 0; i < n; i++)
        if (!kp_chart_missing(v[i]))
            kp_chart_marker(cv, rd->cx + radius_of(rd, v[i]) * rd->spokes[i].dx,
                            rd->cy + radius_of(rd, v[i]) * rd->spokes[i].dy, m, st.marker,
                            st.color);
}

int kp_chart_paint_radar(struct kp_chart_frame *f, kp_err *e)
{
    const kp_chart *c = f->c;
    struct radar rd = { .f = f, .n = c->ncategories };
    rd.size = fmax(f->small, f->font * 0.9);
    rd.gap = f->font * 0.5;
    double top = f->y;
    if (c->nseries > 1 || c->nrefs > 0) {
        double used = kp_chart_legend_top(f, KP_SWATCH_LINE, c->nseries > 1, 1, top, e);
        if (used < 0)
            return -1;
        top += used + f->font * 0.3;
    }
    double h = f->y + f->h - top;

    rd.spokes = malloc(rd.n * sizeof *rd.spokes);
    if (!rd.spokes)
        return kp_fail(e, "out of memory laying out %zu spokes", rd.n);
    /* Try the labels wide first; narrower labels (more wrapping, more
     * cutting) only when the radius would otherwise be too small. */
    double best_r = -1, best_w = 0;
    for (double share = 0.24; share >= 0.11; share -= 0.04) {
        prepare_labels(&rd, f->w * share);
        rd.cx = f->x + f->w / 2;
        rd.cy = top + h / 2;
        double r = fit_radius(&rd, f->x, top, f->w, h);
        if (r > best_r) {
            best_r = r;
            best_w = f->w * share;
        }
        if (r >= fmin(f->w, h) * 0.3)
            break;
    }
    prepare_labels(&rd, best_w);
    rd.r = best_r;
    if (rd.r < MIN_RADIUS) {
        free(rd.spokes);
        return kp_fail(e, "the box is too small for the labels: the radar would be %.0f points "
                          "across", fmax(0, 2 * rd.r));
    }
    kp_chart_value_axis(c, 1, 0, rd.r, f->font * 2.5, &rd.ax);

    if (complete(c->series[0].values, rd.n)) {
        /* A light fill for the first series only: without transparency a
         * second fill would hide the first. */
        struct kp_chart_style st;
        kp_chart_series_style(0, &st);
        kp_chart_color(f->cv, kp_chart_tint(st.color, 0.82));
        for (size_t i = 0; i < rd.n; i++) {
            double r = radius_of(&rd, c->series[0].values[i]);
            double x = rd.cx + r * rd.spokes[i].dx, y = rd.cy + r * rd.spokes[i].dy;
            if (i == 0)
                f->cv->ops->move_to(f->cv, x, y);
            else
                f->cv->ops->line_to(f->cv, x, y);
        }
        f->cv->ops->close_path(f->cv);
        f->cv->ops->fill(f->cv);
    }
    grid(&rd);
    ring_values(&rd);
    for (size_t r = 0; r < c->nrefs; r++) {
        kp_chart_color(f->cv, kp_chart_target);
        f->cv->ops->set_line_width(f->cv, 1.1);
        f->cv->ops->set_dash(f->cv, 4, 2.5);
        ring(&rd, radius_of(&rd, c->refs[r].value));
        f->cv->ops->stroke(f->cv);
        f->cv->ops->set_dash(f->cv, 0, 0);
    }
    for (size_t s = c->nseries; s-- > 0;)
        polygon(&rd, s);
    if (!kp_chart_has_data(c))
        kp_chart_no_data(f, rd.cx, rd.cy + rd.r / 2, rd.r, f->font, KP_ALIGN_CENTER);
    draw_labels(&rd);
    free(rd.spokes);
    return 0;
}
