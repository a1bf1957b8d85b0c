/*
 * chart_legend.c — legends: a swatch (a box with the series' fill, or a line
 * with its dash and marker) and the name, flowing in centred rows under the
 * title or stacked in a column beside a pie.  When there are more items
 * than room, the legend shrinks to the smallest size and then says how many
 * it left out, rather than overlapping the chart.
 */
#include "chart/chart_parts.h"

#include <stdio.h>
#include <stdlib.h>

/* Legends never list more than this many items; the rest are counted. */
#define MAX_ITEMS (KP_CHART_MAX_SERIES + 8)

struct metrics {
    double size, swatch_w, swatch_h, gap, spacing, row_h;
};

static void metrics_at(double size, enum kp_chart_swatch kind, struct metrics *m)
{
    m->size = size;
    m->swatch_w = kind == KP_SWATCH_LINE ? size * 2.2 : size * 1.1;
    m->swatch_h = size * 0.85;
    m->gap = size * 0.4;
    m->spacing = size * 1.3;
    m->row_h = size * 1.6;
}

static const char *item_text(const struct kp_chart_legend_item *it, size_t i, char buf[32])
{
    if (it->text && *it->text)
        return it->text;
    snprintf(buf, 32, "系列%zu", i + 1);
    return buf;
}

static void draw_swatch(kp_canvas *cv, const struct kp_chart_legend_item *it,
                        const struct metrics *m, double x, double cy)
{
    if (it->swatch == KP_SWATCH_BOX) {
        kp_chart_fill_box(cv, x, cy - m->swatch_h / 2, m->swatch_w, m->swatch_h, &it->style);
        return;
    }
    kp_chart_color(cv, it->style.color);
    cv->ops->set_line_width(cv, 1.6);
    cv->ops->set_dash(cv, it->style.dash_on, it->style.dash_off);
    cv->ops->move_to(cv, x, cy);
    cv->ops->line_to(cv, x + m->swatch_w, cy);
    cv->ops->stroke(cv);
    cv->ops->set_dash(cv, 0, 0);
    if (it->style.marker != KP_MARKER_NONE)
        kp_chart_marker(cv, x + m->swatch_w / 2, cy, m->size * 0.6, it->style.marker,
                        it->style.color);
}

static void draw_item(kp_canvas *cv, const struct kp_chart_legend_item *it, const char *text,
                      const struct metrics *m, double x, double cy)
{
    draw_swatch(cv, it, m, x, cy);
    kp_chart_color(cv, kp_chart_ink);
    kp_chart_text(cv, x + m->swatch_w + m->gap, cy + m->size * KP_CHART_MIDLINE, text, m->size, 0,
                  KP_ALIGN_LEFT);
}

/* Lay out `n` items in rows of `maxw`; fills row[] (the row of each item)
 * and width[] (the width of each item) and returns the number of rows. */
static int flow(kp_canvas *cv, const struct kp_chart_legend_item *items, size_t n, double maxw,
                const struct metrics *m, char texts[][KP_CHART_LABEL_BUF], int *row, double *width)
{
    int rows = n ? 1 : 0;
    double used = 0;
    for (size_t i = 0; i < n; i++) {
        char num[32];
        double room = maxw - m->swatch_w - m->gap;
        kp_chart_fit(cv, item_text(&items[i], i, num), room, m->size, 0, texts[i]);
        width[i] = m->swatch_w + m->gap + kp_chart_text_width(cv, texts[i], m->size, 0);
        if (used > 0 && used + m->spacing + width[i] > maxw) {
            rows++;
            used = 0;
        }
        used += (used > 0 ? m->spacing : 0) + width[i];
        row[i] = rows - 1;
    }
    return rows;
}

double kp_chart_legend_rows(const struct kp_chart_frame *f, const struct kp_chart_legend_item *items,
                            size_t n, double maxw, double max_h, int draw, double x, double y)
{
    if (n == 0 || maxw <= 0)
        return 0;
    if (n > MAX_ITEMS)
        n = MAX_ITEMS;
    kp_canvas *cv = f->cv;
    char texts[MAX_ITEMS][KP_CHART_LABEL_BUF];
    int row[MAX_ITEMS];
    double width[MAX_ITEMS];
    struct metrics m;
    enum kp_chart_swatch kind = items[0].swatch;
    int rows = 0;
    for (double size = fmax(f->small, f->font * 0.9); ; size = f->small) {
        metrics_at(size, kind, &m);
        rows = flow(cv, items, n, maxw, &m, texts, row, width);
        if (rows * m.row_h <= max_h || size <= f->small)
            break;
    }
    int max_rows = (int)floor(max_h / m.row_h);
    if (max_rows < 1)
        return 0;
    /* Too many: keep whole rows and end the last with a count of the rest. */
    size_t shown = n;
    char rest[64] = "";
    if (rows > max_rows) {
        shown = 0;
        while (shown < n && row[shown] < max_rows)
            shown++;
        for (;;) {
            snprintf(rest, sizeof rest, "另%zu项", n - shown);
            double last = 0;
            for (size_t i = 0; i < shown; i++)
                if (row[i] == max_rows - 1)
                    last += (last > 0 ? m.spacing : 0) + width[i];
            if (shown == 0 || last + m.spacing + kp_chart_text_width(cv, rest, m.size, 0) <= maxw)
                break;
            shown--;
        }
        rows = max_rows;
    }
    if (!draw)
        return rows * m.row_h;
    for (int r = 0; r < rows; r++) {
        double total = 0;
        for (size_t i = 0; i < shown; i++)
            if (row[i] == r)
                total += (total > 0 ? m.spacing : 0) + width[i];
        int last_row = r == rows - 1 && rest[0];
        if (last_row)
            total += (total > 0 ? m.spacing : 0) + kp_chart_text_width(cv, rest, m.size, 0);
        double cx = x + (maxw - total) / 2, cy = y + r * m.row_h + m.row_h / 2;
        for (size_t i = 0; i < shown; i++)
            if (row[i] == r) {
                draw_item(cv, &items[i], texts[i], &m, cx, cy);
                cx += width[i] + m.spacing;
            }
        if (last_row) {
            kp_chart_color(cv, kp_chart_muted);
            kp_chart_text(cv, cx, cy + m.size * KP_CHART_MIDLINE, rest, m.size, 0, KP_ALIGN_LEFT);
        }
    }
    return rows * m.row_h;
}

double kp_chart_legend_column(const struct kp_chart_frame *f,
                              const struct kp_chart_legend_item *items, size_t n, double x,
                              double y, double w, double max_h, int draw)
{
    if (n == 0 || w <= 0)
        return 0;
    kp_canvas *cv = f->cv;
    struct metrics m;
    double size = fmax(f->small, f->font * 0.9);
    for (; size > f->small && n * size * 1.6 > max_h; size -= 0.5)
        ;
    metrics_at(size, items[0].swatch, &m);
    size_t rows = (size_t)floor(max_h / m.row_h);
    if (rows == 0)
        return 0;
    size_t shown = n <= rows ? n : rows - 1;
    if (!draw)
        return (double)(shown < n ? shown + 1 : shown) * m.row_h;
    double room = w - m.swatch_w - m.gap;
    for (size_t i = 0; i < shown; i++) {
        char num[32], text[KP_CHART_LABEL_BUF];
        kp_chart_fit(cv, item_text(&items[i], i, num), room, m.size, 0, text);
        draw_item(cv, &items[i], text, &m, x, y + ((double)i + 0.5) * m.row_h);
    }
    if (shown < n) {
        char rest[64];
        snprintf(rest, sizeof rest, "另%zu项", n - shown);
        kp_chart_color(cv, kp_chart_muted);
        kp_chart_text(cv, x + m.swatch_w + m.gap,
                      y + ((double)shown + 0.5) * m.row_h + m.size * KP_CHART_MIDLINE, rest,
                      m.size, 0, KP_ALIGN_LEFT);
    }
    return (double)(shown < n ? shown + 1 : shown) * m.row_h;
}

int kp_chart_legend_for(const struct kp_chart_frame *f, enum kp_chart_swatch swatch, int series,
                        int refs, struct kp_chart_legend *out, kp_err *e)
{
    const kp_chart *c = f->c;
    size_t ns = series ? c->nseries : 0, nr = refs ? c->nrefs : 0;
    out->n = 0;
    out->items = calloc(ns + nr ? ns + nr : 1, sizeof *out->items);
    out->captions = calloc(nr ? nr : 1, sizeof *out->captions);
    if (!out->items || !out->captions) {
        kp_chart_legend_free(out);
        return kp_fail(e, "out of memory laying out the legend");
    }
    for (size_t s = 0; s < ns; s++) {
        struct kp_chart_legend_item *it = &out->items[out->n++];
        it->text = c->series[s].name;
        it->swatch = swatch;
        kp_chart_series_style(s, &it->style);
    }
    for (size_t r = 0; r < nr; r++) {
        struct kp_chart_legend_item *it = &out->items[out->n++];
        kp_chart_reference_caption(f, r, out->captions[r], sizeof out->captions[r]);
        it->text = out->captions[r];
        it->swatch = KP_SWATCH_LINE;
        it->style.color = kp_chart_target;
        it->style.hatch = KP_HATCH_NONE;
        it->style.marker = KP_MARKER_NONE;
        it->style.dash_on = 4;
        it->style.dash_off = 2.5;
    }
    return 0;
}

void kp_chart_legend_free(struct kp_chart_legend *l)
{
    free(l->items);
    free(l->captions);
    l->items = NULL;
    l->captions = NULL;
    l->n = 0;
}

double kp_chart_legend_top(const struct kp_chart_frame *f, enum kp_chart_swatch swatch,
                           int series, int refs, double y, kp_err *e)
{
    struct kp_chart_legend l;
    if (kp_chart_legend_for(f, swatch, series, refs, &l, e))
        return -1;
    double h = kp_chart_legend_rows(f, l.items, l.n, f->w, f->h * 0.25, 1, f->x, y);
    kp_chart_legend_free(&l);
    return h;
}
