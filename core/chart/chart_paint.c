/*
 * chart_paint.c — kp_chart_paint: check that the chart can be drawn, size
 * the fonts to the box, set the title, and hand the rest of the box to the
 * painter of the chart's kind.
 */
#include "chart/chart_parts.h"

#include <stdio.h>

/* Below this a chart has no room for a title and an axis. */
#define MIN_W 60.0
#define MIN_H 40.0

static const char *title_of(const kp_chart *c)
{
    return c->title ? c->title : "(untitled)";
}

int kp_chart_check(const kp_chart *c, kp_err *e)
{
    if (kp_chart_check_size(c->kind, c->ncategories, c->nseries, e))
        return kp_err_wrap(e, "chart \"%s\"", title_of(c));
    if (c->ncategories == 0)
        return kp_fail(e, "chart \"%s\" has no categories: add the counties, areas or months it "
                          "shows",
                       title_of(c));
    if (c->nseries == 0)
        return kp_fail(e, "chart \"%s\" has no series: add one with its values", title_of(c));
    if (c->kind == KP_CHART_RADAR && c->ncategories < 3)
        return kp_fail(e, "chart \"%s\": a radar chart needs at least 3 categories (spokes), "
                          "it has %zu",
                       title_of(c), c->ncategories);
    if (c->kind == KP_CHART_RADAR && c->ncategories > KP_CHART_MAX_SPOKES)
        return kp_fail(e, "chart \"%s\": a radar chart shows at most %d categories (spokes), it "
                          "has %zu; use bars or a heatmap",
                       title_of(c), KP_CHART_MAX_SPOKES, c->ncategories);
    if (c->kind == KP_CHART_GAUGE && c->ncategories > KP_CHART_MAX_GAUGES)
        return kp_fail(e, "chart \"%s\": at most %d gauges fit in one chart, it has %zu "
                          "categories; use progress bars",
                       title_of(c), KP_CHART_MAX_GAUGES, c->ncategories);
    if (c->kind == KP_CHART_PIE || c->kind == KP_CHART_DONUT)
        for (size_t i = 0; i < c->ncategories; i++) {
            double v = c->series[0].values[i];
            if (!kp_chart_missing(v) && v < 0)
                return kp_fail(e, "chart \"%s\": \"%s\" has the negative value %g; a pie shows "
                                  "shares of a whole, so values must be zero or more",
                               title_of(c), c->categories[i], v);
        }
    return 0;
}

static int check_drawable(const kp_chart *c, double w, double h, kp_err *e)
{
    if (kp_chart_check(c, e))
        return -1;
    if (w < MIN_W || h < MIN_H)
        return kp_fail(e, "chart \"%s\": a box of %.0f × %.0f points is too small to draw it in "
                          "(at least %.0f × %.0f)",
                       title_of(c), w, h, MIN_W, MIN_H);
    return 0;
}

/* The title, bold, centred, shrunk and then wrapped onto a second line
 * before it is ever cut; returns the height it took. */
static double paint_title(struct kp_chart_frame *f)
{
    const char *title = f->c->title;
    if (!title)
        return 0;
    double big = f->font * 1.35;
    double size = kp_chart_pick_size(f->cv, &title, 1, f->w, 1, big, f->font);
    int lines = 1;
    if (kp_chart_lines_needed(f->cv, title, f->w, size, 1) > 1) {
        size = kp_chart_pick_size(f->cv, &title, 1, f->w, 2, big, f->font);
        lines = 2;
    }
    double lead = size * KP_CHART_LEADING;
    kp_chart_color(f->cv, kp_chart_ink);
    kp_chart_text_block(f->cv, f->x + f->w / 2, f->y + lines * lead / 2, title, f->w, size, 1,
                        lines, KP_ALIGN_CENTER);
    return lines * lead + f->font * 0.6;
}

int kp_chart_paint(const kp_chart *c, kp_canvas *cv, double x, double y, double w, double h,
                   kp_err *e)
{
    if (!c || !cv)
        return kp_fail(e, "no chart or no canvas to paint it on");
    if (!isfinite(x) || !isfinite(y) || !isfinite(w) || !isfinite(h))
        return kp_fail(e, "chart \"%s\": the box to paint it in is not a number", title_of(c));
    if (check_drawable(c, w, h, e))
        return -1;

    /* A hair of margin, so that no glyph touches the edge of the box. */
    double inset = 2;
    struct kp_chart_frame f = { .c = c, .cv = cv, .x = x + inset, .y = y + inset,
                                .w = w - 2 * inset, .h = h - 2 * inset };
    /* Labels scale with the box, within what reads well on paper. */
    f.font = fmin(12, fmax(7, fmin(f.w, f.h * 1.5) / 50));
    f.font = floor(f.font * 2) / 2;
    f.small = fmin(5, f.font);
    f.decimals = kp_chart_auto_decimals(c);

    double used = paint_title(&f);
    f.y += used;
    f.h -= used;

    int rc;
    switch (c->kind) {
    case KP_CHART_BAR_RANKING: rc = kp_chart_paint_ranking(&f, e); break;
    case KP_CHART_BARS:
    case KP_CHART_STACKED: rc = kp_chart_paint_bars(&f, e); break;
    case KP_CHART_LINE: rc = kp_chart_paint_line(&f, e); break;
    case KP_CHART_RADAR: rc = kp_chart_paint_radar(&f, e); break;
    case KP_CHART_PIE:
    case KP_CHART_DONUT: rc = kp_chart_paint_pie(&f, e); break;
    case KP_CHART_HEATMAP: rc = kp_chart_paint_heatmap(&f, e); break;
    case KP_CHART_GAUGE: rc = kp_chart_paint_gauge(&f, e); break;
    case KP_CHART_PROGRESS: rc = kp_chart_paint_progress(&f, e); break;
    default: rc = kp_fail(e, "unknown chart kind number %d", (int)c->kind); break;
    }
    if (rc)
        return kp_err_wrap(e, "chart \"%s\"", title_of(c));
    /* Whatever is drawn on the canvas next starts with solid lines. */
    cv->ops->set_dash(cv, 0, 0);
    if (cv->failed)
        return kp_fail(e, "chart \"%s\": the canvas failed while drawing it", title_of(c));
    return 0;
}
