/*
 * chart_parts.h — the inside of a kp_chart and the parts every chart kind is
 * painted with: fitted text, value axes and ticks, category labels, legends,
 * the palette with its hatches and markers.  Not for use outside the chart
 * files; the rest of kaoping sees only chart.h.
 */
#ifndef KP_RENDER_CHART_PARTS_H
#define KP_RENDER_CHART_PARTS_H

#include <math.h>
#include <stddef.h>

#include "chart/chart.h"

/* ---- the model ---------------------------------------------------------- */

struct kp_chart_series {
    char *name;
    double *values;              /* one per category; NaN = missing */
};

struct kp_chart_reference {
    double value;
    char *label;                 /* may be NULL */
};

struct kp_chart {
    enum kp_chart_kind kind;
    char *title, *category_axis, *value_axis, *unit;
    char **categories;
    size_t ncategories, capacity;    /* capacity: of categories and of every series */
    struct kp_chart_series *series;
    size_t nseries;
    struct kp_chart_reference refs[KP_CHART_MAX_REFERENCES];
    size_t nrefs;
    int fixed_range;
    double range_min, range_max;
    int decimals;                /* -1: choose from the data */
};

static inline int kp_chart_missing(double v)
{
    return isnan(v);
}

/* A colour, each part 0..1. */
struct kp_chart_rgb {
    double r, g, b;
};

/* ---- the box a kind is painted in --------------------------------------- */

struct kp_chart_frame {
    const kp_chart *c;
    kp_canvas *cv;
    double x, y, w, h;           /* what is left below the title */
    double font;                 /* size of ordinary labels */
    double small;                /* the smallest size a label may shrink to */
    int decimals;                /* decimals of value labels */
};

/* Kinds, one painter per family (chart_bar.c, chart_line.c, ...). */
int kp_chart_paint_ranking(struct kp_chart_frame *f, kp_err *e);
int kp_chart_paint_bars(struct kp_chart_frame *f, kp_err *e);      /* grouped and stacked */
int kp_chart_paint_line(struct kp_chart_frame *f, kp_err *e);
int kp_chart_paint_radar(struct kp_chart_frame *f, kp_err *e);
int kp_chart_paint_pie(struct kp_chart_frame *f, kp_err *e);       /* pie and donut */
int kp_chart_paint_heatmap(struct kp_chart_frame *f, kp_err *e);
int kp_chart_paint_gauge(struct kp_chart_frame *f, kp_err *e);
int kp_chart_paint_progress(struct kp_chart_frame *f, kp_err *e);

/* ---- text (chart_text.c) ------------------------------------------------ */

/* Room for any label plus an ellipsis. */
#define KP_CHART_LABEL_BUF (KP_CHART_MAX_TEXT + 8)
/* Lines are this many times the font size apart. */
#define KP_CHART_LEADING 1.25
/* Baseline below the middle of a line, as a fraction of the size, so that
 * hanzi and digits look centred on it. */
#define KP_CHART_MIDLINE 0.36

double kp_chart_text_width(kp_canvas *cv, const char *s, double size, int bold);
void kp_chart_text(kp_canvas *cv, double x, double y, const char *s, double size, int bold,
                   enum kp_text_align align);
/* Copy `s` into `out`, cut with "…" if it is wider than `maxw`; returns 1 if
 * it was cut (out may be "" when not even the ellipsis fits). */
int kp_chart_fit(kp_canvas *cv, const char *s, double maxw, double size, int bold,
                 char out[KP_CHART_LABEL_BUF]);
/* Break `s` into at most `max_lines` lines no wider than `maxw`, between
 * characters but never inside a figure or Latin word, keeping Chinese
 * punctuation rules, with lines of even length; the last is cut with "…"
 * if the text does not fit.  Returns the number of lines (0 for none). */
int kp_chart_wrap(kp_canvas *cv, const char *s, double maxw, double size, int bold,
                  int max_lines, char lines[][KP_CHART_LABEL_BUF]);
/* Lines `s` needs at `maxw` (up to 99), 0 for an empty text. */
int kp_chart_lines_needed(kp_canvas *cv, const char *s, double maxw, double size, int bold);
/* The largest size from `max_size` down to `min_size` (in half points) at
 * which each of the `n` texts fits in `max_lines` lines of `maxw`; min_size
 * when none does. */
double kp_chart_pick_size(kp_canvas *cv, const char *const *texts, size_t n, double maxw,
                          int max_lines, double max_size, double min_size);
/* Text on a patch of `bg` just larger than it, so that lines and hatches
 * beneath do not cross the figures. */
void kp_chart_text_on(kp_canvas *cv, double x, double y, const char *s, double size, int bold,
                      enum kp_text_align align, struct kp_chart_rgb bg, struct kp_chart_rgb ink);
/* Ink that reads on a fill: white on dark fills, the usual ink on light. */
struct kp_chart_rgb kp_chart_ink_on(struct kp_chart_rgb fill);
/* Draw `s` wrapped onto up to `max_lines` lines, the block centred
 * vertically on cy and each line aligned at x by `align`. */
void kp_chart_text_block(kp_canvas *cv, double x, double cy, const char *s, double maxw,
                         double size, int bold, int max_lines, enum kp_text_align align);

/* ---- numbers and axes (chart_axis.c) ------------------------------------ */

struct kp_chart_axis {
    double lo, hi;               /* the range shown */
    double step;                 /* between ticks: 1, 2 or 5 × 10^n */
    int decimals;                /* of tick labels */
};

/* Ticks over [lo, hi] with at most `max_ticks` intervals.  A fixed range
 * keeps its ends; otherwise the ends are rounded out to whole steps. */
void kp_chart_axis_nice(struct kp_chart_axis *ax, double lo, double hi, int max_ticks, int fixed);
/* Where v falls on the axis, 0..1, clamped. */
double kp_chart_axis_frac(const struct kp_chart_axis *ax, double v);
/* The first tick at or above the axis' low end, and how many ticks there are
 * (at most a few dozen, whatever the range). */
int kp_chart_axis_ticks(const struct kp_chart_axis *ax, double *first);
/* The value range of the chart for a kind: from the data and references,
 * widened to take in zero when `with_zero`, or the fixed range. */
void kp_chart_value_axis(const kp_chart *c, int with_zero, int stacked, double length,
                         double tick_spacing, struct kp_chart_axis *ax);
/* Format a value with `decimals` places ("85.5", "-3"; no thousands
 * separators, as Chinese reports print figures). */
void kp_chart_format(char *buf, size_t n, double v, int decimals);
/* A value with the unit when the unit belongs next to the figure ("%"),
 * or with any unit when `always_unit`. */
void kp_chart_format_value(const struct kp_chart_frame *f, char *buf, size_t n, double v,
                           int always_unit);
/* Decimals that show the chart's values: 0 for whole numbers, else 1 (2
 * under one). */
int kp_chart_auto_decimals(const kp_chart *c);
/* Widest tick label of the axis. */
double kp_chart_ticks_width(const struct kp_chart_frame *f, const struct kp_chart_axis *ax);
/* Gridlines across the plot and tick labels left of it (values up the y axis). */
void kp_chart_axis_left(const struct kp_chart_frame *f, const struct kp_chart_axis *ax,
                        double px, double py, double pw, double ph);
/* Gridlines down the plot and tick labels below it (values along x). */
void kp_chart_axis_bottom(const struct kp_chart_frame *f, const struct kp_chart_axis *ax,
                          double px, double py, double pw, double ph);
/* The value-axis title with its unit ("得分（分）"), or "" when neither is set. */
void kp_chart_value_title(const kp_chart *c, char *buf, size_t n);

/* The value-axis title at the top left of the box, at y; returns the
 * height it took (0 when there is none). */
double kp_chart_value_title_above(const struct kp_chart_frame *f, double y);
/* A muted caption centred at cx (kept inside the box), baseline at y. */
void kp_chart_caption_below(const struct kp_chart_frame *f, const char *text, double cx,
                            double baseline);

/* Category labels under a row of `n` equal slots: every `step`-th label,
 * `lines` lines each at `size`. */
struct kp_chart_catlabels {
    size_t step;
    int lines;
    double size;
    double height;
};
void kp_chart_catlabels_plan(const struct kp_chart_frame *f, size_t n, double slot_w,
                             double max_h, struct kp_chart_catlabels *plan);
void kp_chart_catlabels_draw(const struct kp_chart_frame *f, const struct kp_chart_catlabels *plan,
                             size_t n, double px, double slot_w, double top);

/* Category labels beside rows (rankings, progress bars, heatmap rows),
 * right-aligned against the plot: every `step`-th label, `lines` lines each,
 * in a column `width` wide.  `order` (NULL for 0..n-1) maps rows to
 * categories. */
struct kp_chart_rowlabels {
    size_t step;
    int lines;
    double size;
    double width;
};
void kp_chart_rowlabels_plan(const struct kp_chart_frame *f, const size_t *order, size_t n,
                             double row_h, double max_w, struct kp_chart_rowlabels *plan);
void kp_chart_rowlabels_draw(const struct kp_chart_frame *f, const struct kp_chart_rowlabels *plan,
                             const size_t *order, size_t n, double right, double top, double row_h);

/* A reference line's caption ("目标 80"). */
void kp_chart_reference_caption(const struct kp_chart_frame *f, size_t i, char *buf, size_t n);

/* ---- colours, hatches, markers (chart_style.c) -------------------------- */

enum kp_chart_hatch { KP_HATCH_NONE, KP_HATCH_DIAGONAL, KP_HATCH_BACKWARD, KP_HATCH_CROSS,
                      KP_HATCH_HORIZONTAL };
enum kp_chart_marker { KP_MARKER_CIRCLE, KP_MARKER_SQUARE, KP_MARKER_TRIANGLE,
                       KP_MARKER_DIAMOND, KP_MARKER_COUNT, KP_MARKER_NONE = KP_MARKER_COUNT };

/* How series i looks: colours differ in lightness so that they stay apart
 * in grey, and past the first few a hatch, a marker shape and a dash tell
 * the rest apart. */
struct kp_chart_style {
    struct kp_chart_rgb color;
    enum kp_chart_hatch hatch;
    enum kp_chart_marker marker;
    double dash_on, dash_off;    /* dash_on 0: solid */
};
void kp_chart_series_style(size_t i, struct kp_chart_style *out);

extern const struct kp_chart_rgb kp_chart_ink;       /* titles and labels */
extern const struct kp_chart_rgb kp_chart_muted;     /* secondary text, "无数据" */
extern const struct kp_chart_rgb kp_chart_axis_ink;  /* axis lines */
extern const struct kp_chart_rgb kp_chart_grid;      /* gridlines */
extern const struct kp_chart_rgb kp_chart_track;     /* empty part of gauges and progress */
extern const struct kp_chart_rgb kp_chart_target;    /* reference lines and marks */
extern const struct kp_chart_rgb kp_chart_nodata;    /* background of a missing cell */

void kp_chart_color(kp_canvas *cv, struct kp_chart_rgb c);
/* The colour mixed with white: t = 0 keeps it, 1 is white. */
struct kp_chart_rgb kp_chart_tint(struct kp_chart_rgb c, double t);
/* Relative lightness 0..1 (as a greyscale print shows it). */
double kp_chart_lightness(struct kp_chart_rgb c);
/* Fill a rectangle in the style (colour, then hatch lines over it). */
void kp_chart_fill_box(kp_canvas *cv, double x, double y, double w, double h,
                       const struct kp_chart_style *st);
/* Hatch lines inside a rectangle, `gap` apart. */
void kp_chart_hatch_rect(kp_canvas *cv, double x, double y, double w, double h,
                         enum kp_chart_hatch hatch, double gap, struct kp_chart_rgb c);
/* Hatch lines inside a convex polygon of `n` points (x, y pairs). */
void kp_chart_hatch_convex(kp_canvas *cv, const double *xy, int n, enum kp_chart_hatch hatch,
                           double gap, struct kp_chart_rgb c);
/* The colour hatch lines take over a fill. */
struct kp_chart_rgb kp_chart_hatch_ink(struct kp_chart_rgb fill);
/* A marker of `size` (its width) centred on (x, y). */
void kp_chart_marker(kp_canvas *cv, double x, double y, double size, enum kp_chart_marker m,
                     struct kp_chart_rgb c);
/* The sequential colour scale of heatmaps, t = 0 (low, light) .. 1 (high, dark). */
struct kp_chart_rgb kp_chart_heat(double t);

/* ---- legends (chart_legend.c) ------------------------------------------- */

enum kp_chart_swatch { KP_SWATCH_BOX, KP_SWATCH_LINE };

struct kp_chart_legend_item {
    const char *text;
    struct kp_chart_style style;
    enum kp_chart_swatch swatch;
};

/* A legend that flows in centred rows across `maxw` from (x, y); returns
 * its height at the size it is drawn (never more than `max_h`: items that
 * do not fit are left out and the last row says how many).  With `draw` 0
 * it only measures. */
double kp_chart_legend_rows(const struct kp_chart_frame *f, const struct kp_chart_legend_item *items,
                            size_t n, double maxw, double max_h, int draw, double x, double y);
/* A legend as a column of items at (x, y), each line cut to `w`; returns
 * the height used.  With `draw` 0 it only measures. */
double kp_chart_legend_column(const struct kp_chart_frame *f,
                              const struct kp_chart_legend_item *items, size_t n, double x,
                              double y, double w, double max_h, int draw);
/* A chart's legend: its series (when `series`), then its reference values
 * as dashed lines (when `refs`). */
struct kp_chart_legend {
    struct kp_chart_legend_item *items;
    size_t n;
    char (*captions)[KP_CHART_LABEL_BUF + 64];
};
int kp_chart_legend_for(const struct kp_chart_frame *f, enum kp_chart_swatch swatch, int series,
                        int refs, struct kp_chart_legend *out, kp_err *e);
void kp_chart_legend_free(struct kp_chart_legend *l);
/* Make and draw that legend in rows at the top of the frame; returns the
 * height it took, or -1 on failure. */
double kp_chart_legend_top(const struct kp_chart_frame *f, enum kp_chart_swatch swatch,
                           int series, int refs, double y, kp_err *e);

/* ---- shared drawing ----------------------------------------------------- */

/* Does any series have a value? */
int kp_chart_has_data(const kp_chart *c);
/* "无数据" with its baseline at y, aligned at x, if it fits in `maxw`. */
void kp_chart_no_data(const struct kp_chart_frame *f, double x, double y, double maxw, double size,
                      enum kp_text_align align);
/* "无数据" where a vertical bar would stand on `base`: across if it fits in
 * `maxw`, else written downwards one character a line (as Chinese may be),
 * else nothing. */
void kp_chart_no_data_bar(const struct kp_chart_frame *f, double cx, double base, double maxw,
                          double max_h, double size);

#endif
