/*
 * chart_pie.c — pie and donut charts of the first series' shares across
 * the categories.  The legend carries every name with its value and
 * percentage, so no label has to squeeze beside a thin slice; percentages
 * are also written inside the slices big enough to hold them.  Past twelve
 * shares the smallest are gathered into "其他", and categories without data
 * are counted in the legend, not drawn as empty slices.
 */
#include "chart/chart_parts.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_SLICES 12
#define MIN_RADIUS 12.0
/* Arcs of hatched slices are followed in steps this fine (radians). */
#define HATCH_STEP (M_PI / 18)

struct part {
    double value;
    size_t category;             /* (size_t)-1 for "其他" */
    size_t others;               /* how many categories "其他" gathers */
};

static int by_value(const void *pa, const void *pb)
{
    const struct part *a = pa, *b = pb;
    if (a->value != b->value)
        return a->value > b->value ? -1 : 1;
    return a->category < b->category ? -1 : a->category > b->category;
}

/* The shares to draw, in category order, or the largest first and the rest
 * as "其他" when there are too many. */
static int collect(const kp_chart *c, struct part **out, size_t *nparts, size_t *missing,
                   kp_err *e)
{
    const double *v = c->series[0].values;
    size_t n = c->ncategories, m = 0;
    struct part *p = malloc(n * sizeof *p);
    if (!p)
        return kp_fail(e, "out of memory laying out %zu shares", n);
    *missing = 0;
    for (size_t i = 0; i < n; i++) {
        if (kp_chart_missing(v[i])) {
            (*missing)++;
            continue;
        }
        p[m].value = v[i];
        p[m].category = i;
        p[m].others = 0;
        m++;
    }
    if (m > MAX_SLICES) {
        qsort(p, m, sizeof *p, by_value);
        double rest = 0;
        for (size_t i = MAX_SLICES - 1; i < m; i++)
            rest += p[i].value;
        p[MAX_SLICES - 1].value = rest;
        p[MAX_SLICES - 1].category = (size_t)-1;
        p[MAX_SLICES - 1].others = m - (MAX_SLICES - 1);
        m = MAX_SLICES;
    }
    *out = p;
    *nparts = m;
    return 0;
}

static void percent(char *buf, size_t n, double share)
{
    double pct = share * 100;
    snprintf(buf, n, pct >= 9.95 || pct == 0 ? "%.0f%%" : "%.1f%%", pct);
}

/* Hatch a slice: pieces of at most a quarter turn are convex, their arcs
 * followed by chords (inside the circle). */
static void hatch_slice(kp_canvas *cv, double cx, double cy, double r, double a0, double a1,
                        const struct kp_chart_style *st)
{
    if (st->hatch == KP_HATCH_NONE)
        return;
    for (double from = a0; from < a1 - 1e-9; from += M_PI / 2) {
        double to = fmin(a1, from + M_PI / 2);
        double xy[2 * 12];
        int n = 0;
        xy[n++] = cx;
        xy[n++] = cy;
        int steps = (int)ceil((to - from) / HATCH_STEP);
        for (int k = 0; k <= steps && n < 24; k++) {
            double a = from + (to - from) * k / steps;
            xy[n++] = cx + r * cos(a);
            xy[n++] = cy + r * sin(a);
        }
        kp_chart_hatch_convex(cv, xy, n / 2, st->hatch, 3.2, kp_chart_hatch_ink(st->color));
    }
}

struct pie {
    const struct kp_chart_frame *f;
    const struct part *parts;
    size_t nparts;
    double total, cx, cy, r, hole;
};

static void slices(const struct pie *p)
{
    kp_canvas *cv = p->f->cv;
    double a = -M_PI / 2;
    int drawn = 0;
    for (size_t i = 0; i < p->nparts; i++) {
        double sweep = 2 * M_PI * p->parts[i].value / p->total;
        if (sweep <= 0)
            continue;
        struct kp_chart_style st;
        kp_chart_series_style(i, &st);
        kp_chart_color(cv, st.color);
        if (sweep >= 2 * M_PI - 1e-9) {
            cv->ops->move_to(cv, p->cx + p->r, p->cy);
            cv->ops->arc(cv, p->cx, p->cy, p->r, 0, 2 * M_PI);
        } else {
            cv->ops->move_to(cv, p->cx, p->cy);
            cv->ops->arc(cv, p->cx, p->cy, p->r, a, a + sweep);
        }
        cv->ops->close_path(cv);
        cv->ops->fill(cv);
        hatch_slice(cv, p->cx, p->cy, p->r, a, a + sweep, &st);
        a += sweep;
        drawn++;
    }
    if (drawn < 2)
        return;
    /* White edges keep slices of similar grey apart. */
    kp_chart_color(cv, (struct kp_chart_rgb){ 1, 1, 1 });
    cv->ops->set_line_width(cv, 1.2);
    a = -M_PI / 2;
    for (size_t i = 0; i < p->nparts; i++) {
        double sweep = 2 * M_PI * p->parts[i].value / p->total;
        if (sweep <= 0)
            continue;
        cv->ops->move_to(cv, p->cx, p->cy);
        cv->ops->line_to(cv, p->cx + p->r * cos(a), p->cy + p->r * sin(a));
        a += sweep;
    }
    cv->ops->stroke(cv);
}

/* Percentages inside the slices that can hold them, on a patch of the
 * slice's plain colour so hatching does not cross the figures. */
static void slice_labels(const struct pie *p)
{
    const struct kp_chart_frame *f = p->f;
    kp_canvas *cv = f->cv;
    double size = fmax(f->small, fmin(f->font * 0.9, p->r * 0.16));
    double rl = p->hole > 0 ? (p->r + p->hole) / 2 : p->r * 0.62;
    double a = -M_PI / 2;
    for (size_t i = 0; i < p->nparts; i++) {
        double share = p->parts[i].value / p->total, sweep = 2 * M_PI * share;
        double mid = a + sweep / 2;
        a += sweep;
        if (sweep <= 0)
            continue;
        char label[32];
        percent(label, sizeof label, share);
        double w = kp_chart_text_width(cv, label, size, 0);
        double room = 2 * rl * sin(fmin(sweep, M_PI) / 2) * 0.8;
        if (w > room || (p->hole > 0 && size * 1.3 > p->r - p->hole))
            continue;
        struct kp_chart_style st;
        kp_chart_series_style(i, &st);
        double x = p->cx + rl * cos(mid), y = p->cy + rl * sin(mid);
        kp_chart_text_on(cv, x, y + size * KP_CHART_MIDLINE, label, size, 0, KP_ALIGN_CENTER,
                         st.color, kp_chart_ink_on(st.color));
    }
}

static void donut_centre(const struct pie *p)
{
    const struct kp_chart_frame *f = p->f;
    kp_canvas *cv = f->cv;
    kp_chart_color(cv, (struct kp_chart_rgb){ 1, 1, 1 });
    cv->ops->move_to(cv, p->cx + p->hole, p->cy);
    cv->ops->arc(cv, p->cx, p->cy, p->hole, 0, 2 * M_PI);
    cv->ops->close_path(cv);
    cv->ops->fill(cv);
    char total[64];
    kp_chart_format_value(f, total, sizeof total, p->total, 1);
    double size = fmin(f->font * 1.5, p->hole * 0.45);
    double w = kp_chart_text_width(cv, total, size, 1);
    if (w > p->hole * 1.7)
        size *= p->hole * 1.7 / w;
    if (size < f->small)
        return;
    double small = fmax(f->small, size * 0.6);
    kp_chart_color(cv, kp_chart_muted);
    kp_chart_text(cv, p->cx, p->cy - size * 0.2, "合计", small, 0, KP_ALIGN_CENTER);
    kp_chart_color(cv, kp_chart_ink);
    kp_chart_text(cv, p->cx, p->cy + size * 0.95, total, size, 1, KP_ALIGN_CENTER);
}

int kp_chart_paint_pie(struct kp_chart_frame *f, kp_err *e)
{
    const kp_chart *c = f->c;
    struct part *parts = NULL;
    size_t nparts = 0, missing = 0;
    if (collect(c, &parts, &nparts, &missing, e))
        return -1;
    struct pie p = { .f = f, .parts = parts, .nparts = nparts };
    for (size_t i = 0; i < nparts; i++)
        p.total += parts[i].value;

    /* Legend: every share with its value and percentage, then a count of
     * the categories without data. */
    struct kp_chart_legend_item items[MAX_SLICES + 1];
    char texts[MAX_SLICES + 1][KP_CHART_LABEL_BUF + 96];
    size_t nitems = 0;
    for (size_t i = 0; i < nparts; i++, nitems++) {
        char value[64], pct[32];
        kp_chart_format_value(f, value, sizeof value, parts[i].value, 1);
        percent(pct, sizeof pct, p.total > 0 ? parts[i].value / p.total : 0);
        if (parts[i].category == (size_t)-1)
            snprintf(texts[i], sizeof texts[i], "其他%zu项 %s（%s）", parts[i].others, value, pct);
        else
            snprintf(texts[i], sizeof texts[i], "%s %s（%s）", c->categories[parts[i].category],
                     value, pct);
        items[i].text = texts[i];
        items[i].swatch = KP_SWATCH_BOX;
        kp_chart_series_style(i, &items[i].style);
    }
    if (missing) {
        snprintf(texts[nitems], sizeof texts[nitems], "无数据%zu项", missing);
        items[nitems].text = texts[nitems];
        items[nitems].swatch = KP_SWATCH_BOX;
        kp_chart_series_style(0, &items[nitems].style);
        items[nitems].style.color = kp_chart_nodata;
        items[nitems].style.hatch = KP_HATCH_NONE;
        nitems++;
    }

    double pad = f->font * 0.6;
    double area_x = f->x, area_y = f->y, area_w = f->w, area_h = f->h;
    if (f->w >= f->h * 1.3) {
        /* Beside the pie: a column as wide as its longest line allows. */
        double col_w = f->w * 0.45;
        double lh = kp_chart_legend_column(f, items, nitems, 0, 0, col_w, f->h, 0);
        double widest = 0, size = fmax(f->small, f->font * 0.9);
        for (size_t i = 0; i < nitems; i++)
            widest = fmax(widest, kp_chart_text_width(f->cv, items[i].text, size, 0));
        col_w = fmin(col_w, widest + size * 1.6);
        area_w = f->w - col_w - pad;
        kp_chart_legend_column(f, items, nitems, f->x + area_w + pad, f->y + (f->h - lh) / 2,
                               col_w, f->h, 1);
    } else {
        double lh = kp_chart_legend_rows(f, items, nitems, f->w, f->h * 0.35, 0, 0, 0);
        area_h = f->h - lh - pad;
        kp_chart_legend_rows(f, items, nitems, f->w, f->h * 0.35, 1, f->x, f->y + area_h + pad);
    }
    p.cx = area_x + area_w / 2;
    p.cy = area_y + area_h / 2;
    p.r = fmin(area_w, area_h) / 2 - pad * 0.5;
    if (p.r < MIN_RADIUS) {
        free(parts);
        return kp_fail(e, "the box is too small for the legend: the pie would be %.0f points "
                          "across", fmax(0, 2 * p.r));
    }
    p.hole = c->kind == KP_CHART_DONUT ? p.r * 0.58 : 0;

    if (!(p.total > 0)) {
        kp_chart_color(f->cv, kp_chart_nodata);
        f->cv->ops->move_to(f->cv, p.cx + p.r, p.cy);
        f->cv->ops->arc(f->cv, p.cx, p.cy, p.r, 0, 2 * M_PI);
        f->cv->ops->close_path(f->cv);
        f->cv->ops->fill(f->cv);
        kp_chart_no_data(f, p.cx, p.cy + f->font * KP_CHART_MIDLINE, 2 * p.r, f->font,
                         KP_ALIGN_CENTER);
        free(parts);
        return 0;
    }
    slices(&p);
    if (p.hole > 0)
        donut_centre(&p);
    slice_labels(&p);
    free(parts);
    return 0;
}
