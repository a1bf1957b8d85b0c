/*
 * test_chart_scale.c — big inputs in bounded time and size: a ranking of
 * 100 counties, a line of 100,000 points (decimated, its peak kept), bars
 * over 100,000 categories and a heatmap of 1,000 rows, with their labels
 * thinned so that none overlaps another.
 *
 * The time limits are generous for a plain build; a slow build (sanitizers,
 * valgrind) can stretch them with KP_TEST_TIME_FACTOR.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>

#include "check.h"
#include "render/canvas_cairo.h"
#include "chart/chart.h"
#include "samples.h"

static kp_font *font;
static double time_factor = 1;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Paint to an SVG; returns the document and the seconds it took. */
static char *paint_svg(const kp_chart *c, double w, double h, double *seconds)
{
    kp_err e = {{0}};
    kp_canvas *cv;
    kp_buf out;
    kp_buf_init(&out, 0);
    double t0 = now();
    if (kp_canvas_cairo_new(&cv, KP_CAIRO_SVG, font, w, h, 1, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return NULL;
    }
    int rc = kp_chart_paint(c, cv, 0, 0, w, h, &e);
    if (!rc)
        rc = kp_canvas_cairo_encode(cv, &out, &e);
    kp_canvas_cairo_free(cv);
    *seconds = now() - t0;
    if (rc) {
        fprintf(stderr, "%s\n", e.msg);
        kp_buf_free(&out);
        return NULL;
    }
    return kp_buf_steal(&out);
}

/* Paint to a PNG in memory and read it back as pixels. */
static cairo_surface_t *paint_png(const kp_chart *c, double w, double h, double *seconds,
                                  size_t *bytes)
{
    kp_err e = {{0}};
    kp_canvas *cv;
    double t0 = now();
    if (kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, w, h, 1, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return NULL;
    }
    int rc = kp_chart_paint(c, cv, 0, 0, w, h, &e);
    kp_buf png;
    kp_buf_init(&png, 0);
    if (!rc)
        rc = kp_canvas_cairo_encode(cv, &png, &e);
    kp_canvas_cairo_free(cv);
    *seconds = now() - t0;
    *bytes = png.len;
    if (rc) {
        fprintf(stderr, "%s\n", e.msg);
        kp_buf_free(&png);
        return NULL;
    }
    char path[] = "/tmp/kp-scale-XXXXXX";
    int fd = mkstemp(path);
    FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
    cairo_surface_t *img = NULL;
    if (fp && fwrite(png.data, 1, png.len, fp) == png.len && fclose(fp) == 0)
        img = cairo_image_surface_create_from_png(path);
    else if (fp)
        fclose(fp);
    unlink(path);
    kp_buf_free(&png);
    return img;
}

static void check_no_overlap(const char *what, const char *svg)
{
    char report[1024];
    int overlaps = svg_text_overlaps(svg, report, sizeof report);
    if (overlaps)
        fprintf(stderr, "%s: %d overlapping texts: %s\n", what, overlaps, report);
    CHECK_INT_EQ(overlaps, 0);
}

static void test_hundred_counties(void)
{
    kp_err e = {{0}};
    kp_chart *c;
    CHECK_INT_EQ(kp_chart_new(&c, KP_CHART_BAR_RANKING, &e), 0);
    kp_chart_set_title(c, "全省100个区县考评总分排名", &e);
    kp_chart_set_unit(c, "分", &e);
    kp_chart_add_series(c, "总分", &e);
    kp_chart_add_reference(c, 80, "目标", &e);
    double best = 0;
    for (int i = 0; i < 100; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s%d", sample_counties[i % 10], i / 10 + 1);
        kp_chart_add_category(c, name, &e);
        double v = 50 + (i * 37 % 50) + (i % 3) * 0.5;
        best = v > best ? v : best;
        kp_chart_set_value(c, 0, (size_t)i, v, &e);
    }
    char best_label[64];
    snprintf(best_label, sizeof best_label, ">%.1f</text>", best);
    double seconds;
    char *svg = paint_svg(c, 480, 640, &seconds);
    CHECK(svg != NULL);
    if (svg) {
        fprintf(stderr, "100-county ranking: %.1f ms, SVG %zu bytes\n", seconds * 1e3,
                strlen(svg));
        CHECK(seconds < 2 * time_factor);
        check_no_overlap("100-county ranking", svg);
        /* Every bar carries its value, the best one included. */
        CHECK_STR_CONTAINS(svg, best_label);
    }
    free(svg);
    /* In a small box the labels are thinned rather than overlapped. */
    svg = paint_svg(c, 360, 300, &seconds);
    CHECK(svg != NULL);
    if (svg)
        check_no_overlap("100-county ranking, small", svg);
    free(svg);
    kp_chart_free(c);
}

static void test_hundred_thousand_points(void)
{
    kp_err e = {{0}};
    kp_chart *c;
    const int n = 100000;
    CHECK_INT_EQ(kp_chart_new(&c, KP_CHART_LINE, &e), 0);
    kp_chart_set_title(c, "日服务人次（十万个观测点）", &e);
    kp_chart_add_series(c, "江北区", &e);
    kp_chart_add_series(c, "全市平均", &e);
    kp_chart_set_range(c, 0, 1000, &e);
    double t0 = now();
    for (int i = 0; i < n; i++) {
        char label[32];
        snprintf(label, sizeof label, "第%d天", i + 1);
        CHECK(kp_chart_add_category(c, label, &e) == 0);
        /* One spike to 1000 among values near 100, and a stretch without data. */
        double v = i == 61234 ? 1000 : 100 + 20 * sin(i / 500.0);
        if (i < 30000 || i >= 31000)
            kp_chart_set_value(c, 0, (size_t)i, v, &e);
        kp_chart_set_value(c, 1, (size_t)i, 90 + 10 * cos(i / 800.0), &e);
    }
    fprintf(stderr, "100,000 points built in %.1f ms\n", (now() - t0) * 1e3);

    double seconds;
    size_t bytes;
    cairo_surface_t *img = paint_png(c, 600, 360, &seconds, &bytes);
    CHECK(img != NULL);
    if (img) {
        fprintf(stderr, "100,000-point line: PNG %.1f ms, %zu bytes\n", seconds * 1e3, bytes);
        CHECK(seconds < 3 * time_factor);
        /* The spike survives decimation: the first series' blue crosses the
         * middle of the plot, where no other value comes near. */
        CHECK(count_bluish(img, 70, 140, 600, 240) >= 60);
        cairo_surface_destroy(img);
    }
    char *svg = paint_svg(c, 600, 360, &seconds);
    CHECK(svg != NULL);
    if (svg) {
        size_t len = strlen(svg);
        fprintf(stderr, "100,000-point line: SVG %.1f ms, %zu bytes\n", seconds * 1e3, len);
        CHECK(seconds < 3 * time_factor);
        /* Decimated: a few thousand points per line, not a hundred thousand. */
        CHECK(len < 400 * 1024);
        check_no_overlap("100,000-point line", svg);
        CHECK_STR_CONTAINS(svg, ">第1天</text>");
    }
    free(svg);
    kp_chart_free(c);
}

static void test_wide_bars_and_tall_heatmap(void)
{
    kp_err e = {{0}};
    kp_chart *c;
    CHECK_INT_EQ(kp_chart_new(&c, KP_CHART_BARS, &e), 0);
    kp_chart_set_title(c, "十万个类别", &e);
    kp_chart_add_series(c, "值", &e);
    for (int i = 0; i < 100000; i++) {
        char label[32];
        snprintf(label, sizeof label, "%d号", i + 1);
        kp_chart_add_category(c, label, &e);
        kp_chart_set_value(c, 0, (size_t)i, i % 97, &e);
    }
    double seconds;
    char *svg = paint_svg(c, 600, 360, &seconds);
    CHECK(svg != NULL);
    if (svg) {
        fprintf(stderr, "100,000 bars: SVG %.1f ms, %zu bytes\n", seconds * 1e3, strlen(svg));
        CHECK(seconds < 5 * time_factor);
        check_no_overlap("100,000 bars", svg);
    }
    free(svg);
    kp_chart_free(c);

    CHECK_INT_EQ(kp_chart_new(&c, KP_CHART_HEATMAP, &e), 0);
    kp_chart_set_title(c, "一千个村的八项得分", &e);
    for (int s = 0; s < 8; s++)
        kp_chart_add_series(c, sample_areas[s], &e);
    for (int i = 0; i < 1000; i++) {
        char label[32];
        snprintf(label, sizeof label, "第%d村", i + 1);
        kp_chart_add_category(c, label, &e);
        for (int s = 0; s < 8; s++)
            kp_chart_set_value(c, (size_t)s, (size_t)i, 50 + (i * 7 + s * 13) % 50, &e);
    }
    svg = paint_svg(c, 480, 600, &seconds);
    CHECK(svg != NULL);
    if (svg) {
        fprintf(stderr, "1,000-row heatmap: SVG %.1f ms, %zu bytes\n", seconds * 1e3,
                strlen(svg));
        CHECK(seconds < 5 * time_factor);
        check_no_overlap("1,000-row heatmap", svg);
    }
    free(svg);
    kp_chart_free(c);
}

/* Values a double holds but an axis cannot step through: refused when set,
 * or drawn with a bounded number of ticks, never an endless tick loop. */
static void test_extreme_ranges(void)
{
    kp_err e = {{0}};
    static const enum kp_chart_kind kinds[] = {KP_CHART_HEATMAP, KP_CHART_RADAR, KP_CHART_BARS,
                                               KP_CHART_LINE, KP_CHART_GAUGE};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        kp_chart *c;
        CHECK_INT_EQ(kp_chart_new(&c, kinds[k], &e), 0);
        kp_chart_set_title(c, "极端", &e);
        kp_chart_add_series(c, "值", &e);
        static const char *const cats[] = {"甲", "乙", "丙"};
        for (size_t i = 0; i < 3; i++)
            kp_chart_add_category(c, cats[i], &e);
        CHECK_INT_EQ(kp_chart_set_value(c, 0, 1, 1.7e308, &e), -1);
        CHECK_STR_CONTAINS(e.msg, "beyond");
        CHECK_INT_EQ(kp_chart_set_range(c, 0, 1.7e308, &e), -1);
        CHECK_INT_EQ(kp_chart_add_reference(c, -1e300, "线", &e), -1);
        /* A span of 0.125 at 10^15: below the precision the step needs. */
        CHECK_INT_EQ(kp_chart_set_value(c, 0, 0, 1e15, &e), 0);
        CHECK_INT_EQ(kp_chart_set_value(c, 0, 1, 1e15 - 0.125, &e), 0);
        CHECK_INT_EQ(kp_chart_set_value(c, 0, 2, 1e15 - 0.25, &e), 0);
        double seconds;
        char *svg = paint_svg(c, 480, 360, &seconds);
        CHECK(svg != NULL);
        CHECK(seconds < 5 * time_factor);
        free(svg);
        kp_chart_free(c);
    }
    CHECK_INT_EQ(kp_chart_check_size(KP_CHART_HEATMAP, 1000000, 64, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "a heatmap of 1000000 × 64 cells");
    CHECK_INT_EQ(kp_chart_check_size(KP_CHART_BARS, 1000000, 1, &e), -1);
    CHECK_INT_EQ(kp_chart_check_size(KP_CHART_HEATMAP, 2000, 50, &e), 0);
}

int main(void)
{
    kp_err e = {{0}};
    const char *factor = getenv("KP_TEST_TIME_FACTOR");
    if (factor && atof(factor) > 0)
        time_factor = atof(factor);
    if (kp_font_open(&font, NULL, 0, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    test_hundred_counties();
    test_hundred_thousand_points();
    test_wide_bars_and_tall_heatmap();
    test_extreme_ranges();
    cairo_debug_reset_static_data();
    kp_font_close(font);
    return check_status();
}
