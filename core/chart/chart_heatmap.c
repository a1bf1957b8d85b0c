/*
 * chart_heatmap.c — heatmaps: categories are rows (counties), series are
 * columns (work areas), and each cell's colour is its value on a light to
 * dark scale that reads the same in grey.  Values are written in the cells
 * that can hold them; a cell without data is grey and hatched.  Below, a
 * colour bar with ticks is the legend.
 */
#include "chart/chart_parts.h"

#include <stdlib.h>

#define MIN_PLOT 24.0
/* The colour bar is drawn in this many steps. */
#define SCALE_STEPS 48

struct heat {
    const struct kp_chart_frame *f;
    struct kp_chart_axis ax;
    double px, py, col_w, row_h, header_h, header_size;
    int header_lines;
};

static int any_missing(const kp_chart *c)
{
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t i = 0; i < c->ncategories; i++)
            if (kp_chart_missing(c->series[s].values[i]))
                return 1;
    return 0;
}

/* Column headers: the series names, shrunk and wrapped onto up to three
 * lines of the column's width. */
static int plan_headers(struct heat *h, kp_err *e)
{
    const struct kp_chart_frame *f = h->f;
    const kp_chart *c = f->c;
    const char **names = malloc(c->nseries * sizeof *names);
    if (!names)
        return kp_fail(e, "out of memory laying out the column headers");
    for (size_t s = 0; s < c->nseries; s++)
        names[s] = c->series[s].name ? c->series[s].name : "";
    double room = h->col_w - 2;
    h->header_size = kp_chart_pick_size(f->cv, names, c->nseries, room, 3,
                                        fmax(f->small, f->font * 0.9), f->small);
    h->header_lines = 1;
    for (size_t s = 0; s < c->nseries; s++) {
        int l = kp_chart_lines_needed(f->cv, names[s], room, h->header_size, 0);
        if (l > h->header_lines)
            h->header_lines = l > 3 ? 3 : l;
    }
    h->header_h = h->header_lines * h->header_size * KP_CHART_LEADING + f->font * 0.3;
    free(names);
    return 0;
}

static void cells(const struct heat *h, size_t n, size_t ns)
{
    const struct kp_chart_frame *f = h->f;
    kp_canvas *cv = f->cv;
    const kp_chart *c = f->c;
    for (size_t s = 0; s < ns; s++)
        for (size_t i = 0; i < n; i++) {
            double v = c->series[s].values[i];
            double x = h->px + (double)s * h->col_w, y = h->py + (double)i * h->row_h;
            if (kp_chart_missing(v)) {
                kp_chart_color(cv, kp_chart_nodata);
                cv->ops->rect(cv, x, y, h->col_w, h->row_h);
                cv->ops->fill(cv);
                kp_chart_hatch_rect(cv, x, y, h->col_w, h->row_h, KP_HATCH_DIAGONAL, 3.2,
                                    kp_chart_grid);
                continue;
            }
            kp_chart_color(cv, kp_chart_heat(kp_chart_axis_frac(&h->ax, v)));
            cv->ops->rect(cv, x, y, h->col_w, h->row_h);
            cv->ops->fill(cv);
        }
    /* White rules between cells, while the cells are big enough to keep. */
    if (h->row_h < 4 || h->col_w < 4)
        return;
    kp_chart_color(cv, (struct kp_chart_rgb){ 1, 1, 1 });
    cv->ops->set_line_width(cv, 1);
    for (size_t s = 1; s < ns; s++) {
        cv->ops->move_to(cv, h->px + (double)s * h->col_w, h->py);
        cv->ops->line_to(cv, h->px + (double)s * h->col_w, h->py + (double)n * h->row_h);
    }
    for (size_t i = 1; i < n; i++) {
        cv->ops->move_to(cv, h->px, h->py + (double)i * h->row_h);
        cv->ops->line_to(cv, h->px + (double)ns * h->col_w, h->py + (double)i * h->row_h);
    }
    cv->ops->stroke(cv);
}

static void cell_values(const struct heat *h, size_t n, size_t ns)
{
    const struct kp_chart_frame *f = h->f;
    kp_canvas *cv = f->cv;
    double size = fmin(f->font * 0.85, h->row_h * 0.62);
    if (size < f->small)
        return;
    for (size_t s = 0; s < ns; s++)
        for (size_t i = 0; i < n; i++) {
            double v = f->c->series[s].values[i];
            if (kp_chart_missing(v))
                continue;
            char label[64];
            kp_chart_format_value(f, label, sizeof label, v, 0);
            if (kp_chart_text_width(cv, label, size, 0) > h->col_w - 3)
                continue;
            kp_chart_color(cv, kp_chart_ink_on(kp_chart_heat(kp_chart_axis_frac(&h->ax, v))));
            kp_chart_text(cv, h->px + ((double)s + 0.5) * h->col_w,
                          h->py + ((double)i + 0.5) * h->row_h + size * KP_CHART_MIDLINE, label,
                          size, 0, KP_ALIGN_CENTER);
        }
}

static void headers(const struct heat *h, size_t ns)
{
    const struct kp_chart_frame *f = h->f;
    kp_chart_color(f->cv, kp_chart_ink);
    double lead = h->header_size * KP_CHART_LEADING;
    for (size_t s = 0; s < ns; s++) {
        char lines[3][KP_CHART_LABEL_BUF];
        int nl = kp_chart_wrap(f->cv, f->c->series[s].name, h->col_w - 2, h->header_size, 0,
                               h->header_lines, lines);
        /* Headers sit on the table: the last line just above the cells. */
        double base = h->py - f->font * 0.3 - (nl - 1) * lead - h->header_size * 0.25;
        for (int k = 0; k < nl; k++)
            kp_chart_text(f->cv, h->px + ((double)s + 0.5) * h->col_w, base + k * lead, lines[k],
                          h->header_size, 0, KP_ALIGN_CENTER);
    }
}

/* The colour bar: the value title, the scale with its ticks, and a "无数据"
 * swatch when some cells have none. */
static void scale(const struct heat *h, double y, double width, int missing)
{
    const struct kp_chart_frame *f = h->f;
    kp_canvas *cv = f->cv;
    double size = fmax(f->small, f->font * 0.8), bar_h = size * 0.9;
    char title[2 * KP_CHART_MAX_TEXT + 32], fitted[KP_CHART_LABEL_BUF];
    kp_chart_value_title(f->c, title, sizeof title);
    kp_chart_fit(cv, title, f->w * 0.25, size, 0, fitted);
    double title_w = kp_chart_text_width(cv, fitted, size, 0);
    double nodata_w = missing ? size * 1.6 + kp_chart_text_width(cv, "无数据", size, 0) : 0;
    double total = (title_w > 0 ? title_w + size : 0) + width + (missing ? size * 1.5 + nodata_w : 0);
    double x = f->x + (f->w - total) / 2;
    if (title_w > 0) {
        kp_chart_color(cv, kp_chart_muted);
        kp_chart_text(cv, x, y + bar_h / 2 + size * KP_CHART_MIDLINE, fitted, size, 0,
                      KP_ALIGN_LEFT);
        x += title_w + size;
    }
    double step = width / SCALE_STEPS;
    for (int k = 0; k < SCALE_STEPS; k++) {
        kp_chart_color(cv, kp_chart_heat((k + 0.5) / SCALE_STEPS));
        /* A hair of overlap so no seam shows between steps. */
        cv->ops->rect(cv, x + k * step, y, step + 0.3, bar_h);
        cv->ops->fill(cv);
    }
    kp_chart_color(cv, kp_chart_muted);
    /* Counted, never stepped by adding: t += step stands still once step is
     * below t's precision, and the loop never ended. */
    double first;
    int nticks = kp_chart_axis_ticks(&h->ax, &first);
    for (int k = 0; k < nticks; k++) {
        double t = first + k * h->ax.step;
        char label[64];
        kp_chart_format(label, sizeof label, t, h->ax.decimals);
        double tx = x + kp_chart_axis_frac(&h->ax, t) * width;
        kp_chart_text(cv, tx, y + bar_h + size * 1.15, label, size, 0, KP_ALIGN_CENTER);
    }
    if (missing) {
        double nx = x + width + size * 1.5;
        kp_chart_color(cv, kp_chart_nodata);
        cv->ops->rect(cv, nx, y, size * 1.2, bar_h);
        cv->ops->fill(cv);
        kp_chart_hatch_rect(cv, nx, y, size * 1.2, bar_h, KP_HATCH_DIAGONAL, 3.2, kp_chart_grid);
        kp_chart_color(cv, kp_chart_muted);
        kp_chart_text(cv, nx + size * 1.6, y + bar_h / 2 + size * KP_CHART_MIDLINE, "无数据", size,
                      0, KP_ALIGN_LEFT);
    }
}

int kp_chart_paint_heatmap(struct kp_chart_frame *f, kp_err *e)
{
    const kp_chart *c = f->c;
    size_t n = c->ncategories, ns = c->nseries;
    double pad = f->font * 0.5;
    struct heat h = { .f = f };
    int missing = any_missing(c);

    double scale_size = fmax(f->small, f->font * 0.8);
    double scale_h = scale_size * 0.9 + scale_size * 1.5 + pad;
    double scale_w = fmin(f->w * 0.45, 220);
    int ticks = (int)(scale_w / (scale_size * 4));
    kp_chart_value_axis(c, 0, 0, scale_w, scale_w / (ticks > 2 ? ticks : 2), &h.ax);

    /* The row labels' width depends on the rows' height, which depends on
     * the headers, which depend on the columns' width: estimate, then fix. */
    struct kp_chart_rowlabels rows;
    double guess_row = (f->h - scale_h) * 0.8 / (double)n;
    kp_chart_rowlabels_plan(f, NULL, n, guess_row, f->w * 0.28, &rows);
    double label_w = rows.width;
    h.px = f->x + label_w + pad;
    h.col_w = (f->x + f->w - h.px) / (double)ns;
    if (h.col_w * (double)ns < MIN_PLOT)
        return kp_fail(e, "the box is too small for the labels: only %.0f points would be left "
                          "for the columns", fmax(0, h.col_w * (double)ns));
    if (plan_headers(&h, e))
        return -1;
    h.py = f->y + h.header_h;
    h.row_h = (f->y + f->h - scale_h - pad - h.py) / (double)n;
    if (h.row_h * (double)n < MIN_PLOT)
        return kp_fail(e, "the box is too small for the labels: only %.0f points would be left "
                          "for the rows", fmax(0, h.row_h * (double)n));
    kp_chart_rowlabels_plan(f, NULL, n, h.row_h, label_w, &rows);

    cells(&h, n, ns);
    cell_values(&h, n, ns);
    headers(&h, ns);
    kp_chart_rowlabels_draw(f, &rows, NULL, n, h.px - pad * 0.8, h.py, h.row_h);
    scale(&h, h.py + (double)n * h.row_h + pad * 1.2, scale_w, missing);
    return 0;
}
