/*
 * samples.h — charts of every kind filled with realistic assessment data
 * (ten counties, the eight work areas, twelve months), and the pixel checks
 * the chart tests make on the pictures.
 */
#ifndef KP_TESTS_CHART_SAMPLES_H
#define KP_TESTS_CHART_SAMPLES_H

#include <cairo.h>

#include "chart/chart.h"

extern const char *const sample_counties[10];
extern const char *const sample_areas[8];

/* A chart of `kind` as a report would draw it; NULL (with a message) on failure. */
const char *sample_title(enum kp_chart_kind kind);
kp_chart *sample_chart(enum kp_chart_kind kind, kp_err *e);

/* Pixels in [x0, x1) × [y0, y1) of an RGB24/ARGB32 image that are not white,
 * that are dark (lightness below 0.4), or that are close to a colour. */
long count_non_white(cairo_surface_t *img, int x0, int y0, int x1, int y1);
long count_dark(cairo_surface_t *img, int x0, int y0, int x1, int y1);
long count_near(cairo_surface_t *img, int x0, int y0, int x1, int y1, double r, double g,
                double b, double tolerance);

/* Pixels clearly blue, as the first series is: not grey, not orange. */
long count_bluish(cairo_surface_t *img, int x0, int y0, int x1, int y1);

/* Texts of an SVG made by the cairo canvas whose boxes overlap another's:
 * returns how many pairs, and describes the first few in `report`. */
int svg_text_overlaps(const char *svg, char *report, size_t n);

#endif
