/*
 * test_chart_model.c — building charts: kinds by name, what is accepted and
 * what is refused with a clear message (NaN values, bad text, indexes out of
 * range, empty ranges), and the charts that cannot be painted (no
 * categories, no series, a two-spoke radar, a negative pie share, a box too
 * small) saying why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "check.h"
#include "render/canvas_cairo.h"
#include "chart/chart.h"

static kp_font *font;

static void test_kinds(void)
{
    kp_err e = {{0}};
    static const char *const names[] = { "bar_ranking", "bars", "stacked", "line", "radar",
                                         "pie", "donut", "heatmap", "gauge", "progress" };
    CHECK_INT_EQ(sizeof names / sizeof names[0], KP_CHART_KIND_COUNT);
    for (int i = 0; i < KP_CHART_KIND_COUNT; i++) {
        enum kp_chart_kind k = KP_CHART_LINE;
        CHECK_INT_EQ(kp_chart_kind_from_name(names[i], &k, &e), 0);
        CHECK_STR_EQ(kp_chart_kind_name(k), names[i]);
    }
    enum kp_chart_kind k;
    CHECK_INT_EQ(kp_chart_kind_from_name("barz", &k, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "unknown chart kind \"barz\"");
    CHECK_STR_CONTAINS(e.msg, "bar_ranking");
    CHECK_STR_CONTAINS(e.msg, "progress");
    CHECK_INT_EQ(kp_chart_kind_from_name(NULL, &k, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "unknown chart kind");

    kp_chart *c = NULL;
    CHECK_INT_EQ(kp_chart_new(&c, (enum kp_chart_kind)99, &e), -1);
    CHECK(c == NULL);
    CHECK_STR_CONTAINS(e.msg, "unknown chart kind");
}

static void test_values(void)
{
    kp_err e = {{0}};
    kp_chart *c;
    CHECK_INT_EQ(kp_chart_new(&c, KP_CHART_BARS, &e), 0);
    CHECK_INT_EQ(kp_chart_set_title(c, "各区县得分", &e), 0);
    /* Series first, categories after: the values grow with them, missing. */
    CHECK_INT_EQ(kp_chart_add_series(c, "总分", &e), 0);
    for (int i = 0; i < 40; i++) {
        char label[32];
        snprintf(label, sizeof label, "县%d", i);
        CHECK_INT_EQ(kp_chart_add_category(c, label, &e), 0);
    }
    CHECK_INT_EQ(kp_chart_add_series(c, "全市平均", &e), 0);
    CHECK_INT_EQ(kp_chart_category_count(c), 40);
    CHECK_INT_EQ(kp_chart_series_count(c), 2);
    CHECK_INT_EQ(kp_chart_set_value(c, 1, 39, 88.5, &e), 0);
    CHECK_INT_EQ(kp_chart_set_value(c, 0, 0, -3, &e), 0);
    CHECK_INT_EQ(kp_chart_set_missing(c, 0, 0, &e), 0);

    /* NaN and infinities are not values: the message says where and what to do. */
    CHECK_INT_EQ(kp_chart_set_value(c, 0, 3, NAN, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "各区县得分");
    CHECK_STR_CONTAINS(e.msg, "县3");
    CHECK_STR_CONTAINS(e.msg, "NaN");
    CHECK_STR_CONTAINS(e.msg, "missing");
    CHECK_INT_EQ(kp_chart_set_value(c, 0, 3, INFINITY, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "infinite");

    /* Indexes past the end. */
    CHECK_INT_EQ(kp_chart_set_value(c, 2, 0, 1, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "no series number 2 (it has 2)");
    CHECK_INT_EQ(kp_chart_set_missing(c, 0, 40, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "no category number 40 (it has 40)");

    /* Ranges and decimals. */
    CHECK_INT_EQ(kp_chart_set_range(c, 0, 100, &e), 0);
    CHECK_INT_EQ(kp_chart_set_range(c, 5, 5, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "minimum must be below the maximum");
    CHECK_INT_EQ(kp_chart_set_range(c, NAN, 5, &e), -1);
    CHECK_INT_EQ(kp_chart_set_decimals(c, 2, &e), 0);
    CHECK_INT_EQ(kp_chart_set_decimals(c, 9, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "decimals");

    /* References: finite, and a bounded number of them. */
    CHECK_INT_EQ(kp_chart_add_reference(c, NAN, "目标", &e), -1);
    for (int i = 0; i < KP_CHART_MAX_REFERENCES; i++)
        CHECK_INT_EQ(kp_chart_add_reference(c, 80 + i, "目标", &e), 0);
    CHECK_INT_EQ(kp_chart_add_reference(c, 99, "目标", &e), -1);
    CHECK_STR_CONTAINS(e.msg, "reference values");
    kp_chart_free(c);
}

static void test_texts(void)
{
    kp_err e = {{0}};
    kp_chart *c;
    CHECK_INT_EQ(kp_chart_new(&c, KP_CHART_LINE, &e), 0);
    CHECK_INT_EQ(kp_chart_add_category(c, "bad\xff", &e), -1);
    CHECK_STR_CONTAINS(e.msg, "not valid UTF-8");
    CHECK_INT_EQ(kp_chart_add_category(c, "两行\n标签", &e), -1);
    CHECK_STR_CONTAINS(e.msg, "control character");
    char long_text[KP_CHART_MAX_TEXT + 2];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    CHECK_INT_EQ(kp_chart_set_title(c, long_text, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "at most 512");
    CHECK_INT_EQ(kp_chart_set_unit(c, "\t", &e), -1);
    CHECK_INT_EQ(kp_chart_set_axis_labels(c, "月份", "bad\xc3", &e), -1);
    CHECK_STR_CONTAINS(e.msg, "value axis title");
    /* Clearing a text is allowed, and an empty category label too. */
    CHECK_INT_EQ(kp_chart_set_title(c, "标题", &e), 0);
    CHECK_INT_EQ(kp_chart_set_title(c, NULL, &e), 0);
    CHECK_INT_EQ(kp_chart_add_category(c, "", &e), 0);
    CHECK_INT_EQ(kp_chart_add_series(c, NULL, &e), 0);
    for (int i = 0; i < KP_CHART_MAX_SERIES - 1; i++)
        CHECK_INT_EQ(kp_chart_add_series(c, "s", &e), 0);
    CHECK_INT_EQ(kp_chart_add_series(c, "one too many", &e), -1);
    CHECK_STR_CONTAINS(e.msg, "more than 64 series");
    kp_chart_free(c);
}

/* Paint on a scratch canvas; returns what kp_chart_paint returned. */
static int paint(const kp_chart *c, double w, double h, kp_err *e)
{
    kp_canvas *cv;
    if (kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 400, 300, 1, e))
        return -2;
    int rc = kp_chart_paint(c, cv, 0, 0, w, h, e);
    kp_canvas_cairo_free(cv);
    return rc;
}

static kp_chart *chart_with(enum kp_chart_kind kind, int categories, int series)
{
    kp_err e = {{0}};
    kp_chart *c;
    if (kp_chart_new(&c, kind, &e))
        return NULL;
    kp_chart_set_title(c, "测试图表", &e);
    for (int i = 0; i < categories; i++) {
        char label[32];
        snprintf(label, sizeof label, "类别%d", i + 1);
        kp_chart_add_category(c, label, &e);
    }
    for (int s = 0; s < series; s++) {
        kp_chart_add_series(c, "系列", &e);
        for (int i = 0; i < categories; i++)
            kp_chart_set_value(c, (size_t)s, (size_t)i, 10 + i * 3 + s, &e);
    }
    return c;
}

static void test_paint_errors(void)
{
    kp_err e = {{0}};
    kp_chart *c = chart_with(KP_CHART_BARS, 0, 1);
    CHECK_INT_EQ(paint(c, 400, 300, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "chart \"测试图表\" has no categories");
    kp_chart_free(c);

    c = chart_with(KP_CHART_LINE, 5, 0);
    CHECK_INT_EQ(paint(c, 400, 300, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "has no series");
    kp_chart_free(c);

    c = chart_with(KP_CHART_RADAR, 2, 1);
    CHECK_INT_EQ(paint(c, 400, 300, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "at least 3 categories");
    kp_chart_free(c);

    c = chart_with(KP_CHART_PIE, 4, 1);
    kp_chart_set_value(c, 0, 2, -5, &e);
    CHECK_INT_EQ(paint(c, 400, 300, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "\"类别3\" has the negative value -5");
    kp_chart_free(c);

    c = chart_with(KP_CHART_GAUGE, 100, 1);
    CHECK_INT_EQ(paint(c, 400, 300, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "use progress bars");
    kp_chart_free(c);

    c = chart_with(KP_CHART_HEATMAP, 5, 3);
    CHECK_INT_EQ(paint(c, 30, 300, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "too small");
    CHECK_INT_EQ(paint(c, NAN, 300, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "not a number");
    kp_chart_free(c);

    /* A box big enough for a title but not for the labels. */
    c = chart_with(KP_CHART_BAR_RANKING, 30, 1);
    CHECK_INT_EQ(paint(c, 70, 45, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "chart \"测试图表\"");
    CHECK_STR_CONTAINS(e.msg, "too small");
    kp_chart_free(c);

    /* A canvas that fails while the chart is painted is reported. */
    c = chart_with(KP_CHART_BARS, 5, 1);
    kp_canvas *cv;
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, 400, 300, 1, &e), 0);
    cv->ops->move_to(cv, NAN, 0);
    CHECK_INT_EQ(kp_chart_paint(c, cv, 0, 0, 400, 300, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "canvas failed");
    kp_canvas_cairo_free(cv);
    kp_chart_free(c);

    /* Every kind paints a chart with no data at all without failing. */
    for (int k = 0; k < KP_CHART_KIND_COUNT; k++) {
        c = chart_with((enum kp_chart_kind)k, 4, 1);
        for (size_t i = 0; i < 4; i++)
            kp_chart_set_missing(c, 0, i, &e);
        int rc = paint(c, 400, 300, &e);
        if (rc)
            fprintf(stderr, "%s: %s\n", kp_chart_kind_name((enum kp_chart_kind)k), e.msg);
        CHECK_INT_EQ(rc, 0);
        kp_chart_free(c);
    }
}

int main(void)
{
    kp_err e = {{0}};
    if (kp_font_open(&font, NULL, 0, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    test_kinds();
    test_values();
    test_texts();
    test_paint_errors();
    cairo_debug_reset_static_data();
    kp_font_close(font);
    return check_status();
}
