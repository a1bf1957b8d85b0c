/*
 * test_chart_render.c — every chart kind, painted with realistic Chinese data,
 * comes out as a PNG of exactly the asked size with the chart and its title
 * on it, and as an SVG that carries the title and labels as text.
 *
 * With KP_CHART_GALLERY=<dir> the pictures are also written there, to look at.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "render/canvas_cairo.h"
#include "chart/chart.h"
#include "samples.h"

static kp_font *font;

/* Paint `c` on a fresh image canvas of w × h points at `scale`; return the
 * PNG it saves, read back through cairo (NULL on failure, reported). */
static cairo_surface_t *render_png(const kp_chart *c, double w, double h, double scale,
                                   const char *path)
{
    kp_err e = {{0}};
    kp_canvas *cv;
    if (kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, w, h, scale, &e)) {
        fprintf(stderr, "canvas: %s\n", e.msg);
        return NULL;
    }
    int rc = kp_chart_paint(c, cv, 0, 0, w, h, &e);
    if (rc == 0)
        rc = kp_canvas_cairo_save(cv, path, &e);
    kp_canvas_cairo_free(cv);
    if (rc) {
        fprintf(stderr, "%s: %s\n", path, e.msg);
        return NULL;
    }
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "%s: cannot read back the PNG\n", path);
        cairo_surface_destroy(img);
        return NULL;
    }
    return img;
}

static char *render_svg(const kp_chart *c, double w, double h)
{
    kp_err e = {{0}};
    kp_canvas *cv;
    kp_buf out;
    kp_buf_init(&out, 0);
    if (kp_canvas_cairo_new(&cv, KP_CAIRO_SVG, font, w, h, 1, &e)) {
        fprintf(stderr, "canvas: %s\n", e.msg);
        return NULL;
    }
    int rc = kp_chart_paint(c, cv, 0, 0, w, h, &e);
    if (rc == 0)
        rc = kp_canvas_cairo_encode(cv, &out, &e);
    kp_canvas_cairo_free(cv);
    if (rc) {
        fprintf(stderr, "svg: %s\n", e.msg);
        kp_buf_free(&out);
        return NULL;
    }
    return kp_buf_steal(&out);
}

static void check_kind(enum kp_chart_kind kind, const char *dir, const char *gallery)
{
    kp_err e = {{0}};
    kp_chart *c = sample_chart(kind, &e);
    CHECK(c != NULL);
    if (!c) {
        fprintf(stderr, "%s: %s\n", kp_chart_kind_name(kind), e.msg);
        return;
    }
    const char *name = kp_chart_kind_name(kind);
    char path[512];
    snprintf(path, sizeof path, "%s/%s.png", gallery ? gallery : dir, name);

    /* A report-sized chart, drawn at twice the resolution. */
    cairo_surface_t *img = render_png(c, 480, 300, 2, path);
    CHECK(img != NULL);
    if (img) {
        CHECK_INT_EQ(cairo_image_surface_get_width(img), 960);
        CHECK_INT_EQ(cairo_image_surface_get_height(img), 600);
        /* The body of the chart is drawn: a good part of it is not white. */
        long body = count_non_white(img, 0, 80, 960, 600);
        if (body < 960 * 520 / 25)
            fprintf(stderr, "%s: only %ld pixels drawn in the body\n", name, body);
        CHECK(body >= 960 * 520 / 25);
        /* The title is set in dark ink across the top. */
        long title = count_dark(img, 0, 0, 960, 44);
        if (title < 600)
            fprintf(stderr, "%s: only %ld dark pixels in the title band\n", name, title);
        CHECK(title >= 600);
        cairo_surface_destroy(img);
    }

    /* Another size, one pixel per point, comes out at exactly that size. */
    snprintf(path, sizeof path, "%s/%s-small.png", gallery ? gallery : dir, name);
    img = render_png(c, 333, 217, 1, path);
    CHECK(img != NULL);
    if (img) {
        CHECK_INT_EQ(cairo_image_surface_get_width(img), 333);
        CHECK_INT_EQ(cairo_image_surface_get_height(img), 217);
        CHECK(count_non_white(img, 0, 0, 333, 217) > 333 * 217 / 30);
        cairo_surface_destroy(img);
    }

    /* Small, report-sized and slide-sized: no label is set over another. */
    static const double sizes[3][2] = { { 333, 217 }, { 480, 300 }, { 720, 450 } };
    for (int i = 0; i < 3; i++) {
        char *doc = render_svg(c, sizes[i][0], sizes[i][1]);
        CHECK(doc != NULL);
        if (!doc)
            continue;
        char report[1024];
        int overlaps = svg_text_overlaps(doc, report, sizeof report);
        if (overlaps)
            fprintf(stderr, "%s at %.0f × %.0f: %d overlapping texts: %s\n", name, sizes[i][0],
                    sizes[i][1], overlaps, report);
        CHECK_INT_EQ(overlaps, 0);
        free(doc);
    }

    char *svg = render_svg(c, 480, 300);
    CHECK(svg != NULL);
    if (svg) {
        CHECK(strncmp(svg, "<?xml", 5) == 0);
        CHECK(strstr(svg, "</svg>\n") != NULL && strstr(svg, "</svg>\n")[7] == '\0');
        /* The title and the labels are in the SVG as text, searchable. */
        char title[KP_CHART_MAX_TEXT + 16];
        snprintf(title, sizeof title, ">%s</text>", sample_title(kind));
        CHECK_STR_CONTAINS(svg, title);
        CHECK_STR_CONTAINS(svg, "江北区");
        if (gallery) {
            snprintf(path, sizeof path, "%s/%s.svg", gallery, name);
            FILE *fp = fopen(path, "w");
            if (fp) {
                fputs(svg, fp);
                fclose(fp);
            }
        }
    }
    free(svg);
    kp_chart_free(c);
}

/* A monthly line at 90 with June either missing or zero. */
static kp_chart *june(int missing)
{
    kp_err e = {{0}};
    kp_chart *c;
    if (kp_chart_new(&c, KP_CHART_LINE, &e))
        return NULL;
    kp_chart_set_title(c, "六月无数据", &e);
    kp_chart_set_range(c, 0, 100, &e);
    kp_chart_add_series(c, "江北区", &e);
    for (int m = 0; m < 12; m++) {
        char label[16];
        snprintf(label, sizeof label, "%d月", m + 1);
        kp_chart_add_category(c, label, &e);
        if (m != 5 || !missing)
            kp_chart_set_value(c, 0, (size_t)m, m == 5 ? 0 : 90, &e);
    }
    return c;
}

/* Missing values are gaps and "无数据", never zero. */
static void check_missing(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/june.png", dir);
    long low[2] = { -1, -1 };
    for (int missing = 0; missing < 2; missing++) {
        kp_chart *c = june(missing);
        cairo_surface_t *img = c ? render_png(c, 480, 300, 1, path) : NULL;
        CHECK(img != NULL);
        if (img) {
            /* The lower half of the plot, where a zero would pull the line. */
            low[missing] = count_bluish(img, 60, 170, 480, 260);
            cairo_surface_destroy(img);
        }
        kp_chart_free(c);
    }
    CHECK(low[0] > 40);
    CHECK_INT_EQ(low[1], 0);

    /* In bars, rankings, progress bars, gauges and pies the gap says so. */
    static const enum kp_chart_kind kinds[] = { KP_CHART_BAR_RANKING, KP_CHART_PROGRESS,
                                                KP_CHART_PIE, KP_CHART_HEATMAP, KP_CHART_GAUGE };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        kp_err e = {{0}};
        kp_chart *c = sample_chart(kinds[k], &e);
        if (c && kinds[k] == KP_CHART_GAUGE)
            kp_chart_set_missing(c, 0, 1, &e);
        char *svg = c ? render_svg(c, 480, 300) : NULL;
        CHECK(svg != NULL);
        if (svg)
            CHECK_STR_CONTAINS(svg, "无数据");
        free(svg);
        kp_chart_free(c);
    }
    /* A bar chart too narrow for "无数据" across writes it downwards. */
    kp_err e = {{0}};
    kp_chart *c = sample_chart(KP_CHART_BARS, &e);
    char *svg = c ? render_svg(c, 480, 300) : NULL;
    CHECK(svg != NULL);
    if (svg) {
        CHECK_STR_CONTAINS(svg, ">无</text>");
        CHECK_STR_CONTAINS(svg, ">据</text>");
    }
    free(svg);
    kp_chart_free(c);
}

int main(void)
{
    kp_err e = {{0}};
    if (kp_font_open(&font, NULL, 0, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    char dir[] = "/tmp/kp-chart-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    /* The overlap check itself sees two texts set on top of each other. */
    kp_canvas *cv;
    CHECK_INT_EQ(kp_canvas_cairo_new(&cv, KP_CAIRO_SVG, font, 200, 100, 1, &e), 0);
    cv->ops->text(cv, 10, 50, "江北区", 12, 0, KP_ALIGN_LEFT);
    cv->ops->text(cv, 40, 54, "城关镇", 12, 0, KP_ALIGN_LEFT);
    cv->ops->text(cv, 10, 80, "长江新区", 12, 0, KP_ALIGN_LEFT);
    kp_buf doc;
    kp_buf_init(&doc, 0);
    CHECK_INT_EQ(kp_canvas_cairo_encode(cv, &doc, &e), 0);
    char report[256];
    CHECK_INT_EQ(svg_text_overlaps(doc.data, report, sizeof report), 1);
    CHECK_STR_CONTAINS(report, "\"江北区\" overlaps \"城关镇\"");
    kp_buf_free(&doc);
    kp_canvas_cairo_free(cv);

    const char *gallery = getenv("KP_CHART_GALLERY");
    for (int k = 0; k < KP_CHART_KIND_COUNT; k++)
        check_kind((enum kp_chart_kind)k, dir, gallery && *gallery ? gallery : NULL);

    check_missing(dir);

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    cairo_debug_reset_static_data();
    kp_font_close(font);
    return check_status();
}
