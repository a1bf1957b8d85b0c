/*
 * chart.h — charts of assessment results, built through small calls and
 * painted onto any kp_canvas (a PDF page, a PNG, an SVG).
 *
 * A chart has a kind, a title, categories (counties, work areas, months),
 * and one or more series holding one value per category.  A value may be
 * missing: it is drawn as a gap or "无数据", never as zero.  Reference values
 * (a target) are drawn as lines, rings or marks, and the value range is
 * chosen from the data with nice ticks unless it is fixed.
 *
 * What each kind takes:
 *   bar_ranking  categories ranked by the first series, horizontal bars
 *   bars         grouped vertical bars, one bar per series in each category
 *   stacked      vertical bars with the series stacked
 *   line         one line per series across the categories (months, days)
 *   radar        categories are the spokes (at least three), series polygons
 *   pie, donut   the first series split across the categories
 *   heatmap      categories are rows, series are columns, colour is value
 *   gauge        one dial per category showing the first series
 *   progress     one progress bar per category for the first series
 */
#ifndef KP_RENDER_CHART_H
#define KP_RENDER_CHART_H

#include <stddef.h>

#include "chart/canvas.h"
#include "util/err.h"

enum kp_chart_kind {
    KP_CHART_BAR_RANKING,
    KP_CHART_BARS,
    KP_CHART_STACKED,
    KP_CHART_LINE,
    KP_CHART_RADAR,
    KP_CHART_PIE,
    KP_CHART_DONUT,
    KP_CHART_HEATMAP,
    KP_CHART_GAUGE,
    KP_CHART_PROGRESS,
};
#define KP_CHART_KIND_COUNT 10

/* Bounds on what one chart may hold, so that bad input cannot exhaust memory. */
#define KP_CHART_MAX_CATEGORIES 1000000
#define KP_CHART_MAX_SERIES 64
#define KP_CHART_MAX_REFERENCES 8
#define KP_CHART_MAX_TEXT 512         /* bytes in any one title, label or name */
#define KP_CHART_MAX_SPOKES 64        /* categories of a radar chart */
#define KP_CHART_MAX_GAUGES 64        /* categories of a gauge chart */
/* Cells (categories × series) of a heatmap, and points of any other chart:
 * what renders in seconds (docs/security.md has the figures). */
#define KP_CHART_MAX_HEATMAP_CELLS 100000
#define KP_CHART_MAX_POINTS 200000
/* Largest magnitude of a value, reference or range end: beyond it the axis
 * arithmetic loses the precision its ticks need. */
#define KP_CHART_MAX_VALUE 1e15

typedef struct kp_chart kp_chart;

/* "bar_ranking", "bars", "stacked", "line", "radar", "pie", "donut", "heatmap",
 * "gauge" or "progress". */
int kp_chart_kind_from_name(const char *name, enum kp_chart_kind *out, kp_err *e);
const char *kp_chart_kind_name(enum kp_chart_kind kind);

int kp_chart_new(kp_chart **out, enum kp_chart_kind kind, kp_err *e);
void kp_chart_free(kp_chart *c);

/* Texts are UTF-8 without control characters; NULL or "" clears. */
int kp_chart_set_title(kp_chart *c, const char *title, kp_err *e);
/* Axis titles: the category axis and the value axis ("区县", "得分"). */
int kp_chart_set_axis_labels(kp_chart *c, const char *category_axis, const char *value_axis,
                             kp_err *e);
/* Unit of the values ("分", "%"), shown with the value axis and in labels. */
int kp_chart_set_unit(kp_chart *c, const char *unit, kp_err *e);

/* Categories and series may be added in any order; new values are missing. */
int kp_chart_add_category(kp_chart *c, const char *label, kp_err *e);
int kp_chart_add_series(kp_chart *c, const char *name, kp_err *e);
size_t kp_chart_category_count(const kp_chart *c);
size_t kp_chart_series_count(const kp_chart *c);

/* Series and categories are numbered from 0 in the order they were added.
 * A value must be a finite number; use kp_chart_set_missing for no data. */
int kp_chart_set_value(kp_chart *c, size_t series, size_t category, double value, kp_err *e);
int kp_chart_set_missing(kp_chart *c, size_t series, size_t category, kp_err *e);

/* A reference value such as a target, with an optional label ("目标"). */
int kp_chart_add_reference(kp_chart *c, double value, const char *label, kp_err *e);

/* Fix the value range (e.g. 0..100) instead of choosing it from the data. */
int kp_chart_set_range(kp_chart *c, double min, double max, kp_err *e);
/* Decimals in value labels: 0..6, or -1 (the default) to choose from the data. */
int kp_chart_set_decimals(kp_chart *c, int decimals, kp_err *e);

/* Refuse, before any is added, a chart of kind `k` with `ncategories` ×
 * `nseries` values that would take too long to draw. */
int kp_chart_check_size(enum kp_chart_kind k, size_t ncategories, size_t nseries, kp_err *e);
/* Whether the finished chart can be drawn at all (categories, series, radar
 * spokes, pie values...), whatever the box; kp_chart_paint checks it too. */
int kp_chart_check(const kp_chart *c, kp_err *e);

/* Paint the chart into the box (x, y, w, h) in points.  Fails, with the chart
 * named in the message, when the chart cannot be drawn (no categories, a
 * radar with fewer than three spokes, negative shares in a pie, a box too
 * small) or when the canvas reports a drawing failure. */
int kp_chart_paint(const kp_chart *c, kp_canvas *cv, double x, double y, double w, double h,
                   kp_err *e);

#endif
