/*
 * chart_bench.c — time and size of every chart kind, painted to PNG and SVG.
 *
 * Each kind is the realistic chart the tests use (ten counties, eight work
 * areas, twelve months), 480 × 300 points: the PNG at scale 2 (960 × 600
 * pixels, as for a slide), the SVG as vectors.  Reported per kind: the
 * median time to paint, to encode the PNG, to paint and encode the SVG, and
 * the sizes.  Two big inputs follow: a ranking of 100 counties and a line
 * of 100,000 points.
 *
 * usage: chart_bench [RUNS [OUTDIR]]   (OUTDIR: also write the pictures)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>

#include "render/canvas_cairo.h"
#include "chart/chart.h"
#include "samples.h"

#define MAX_RUNS 1000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct figures {
    double paint[MAX_RUNS], encode[MAX_RUNS], svg[MAX_RUNS];
    size_t png_bytes, svg_bytes;
};

/* One run: paint and encode the PNG, then the SVG; the last run's pictures
 * are written to `out` (when not NULL). */
static int run(const kp_chart *c, kp_font *font, double w, double h, struct figures *f, int i,
               const char *out, const char *name)
{
    kp_err e = {{0}};
    kp_canvas *cv = NULL;
    kp_buf png, svg;
    kp_buf_init(&png, 0);
    kp_buf_init(&svg, 0);
    double t0 = now();
    if (kp_canvas_cairo_new(&cv, KP_CAIRO_IMAGE, font, w, h, 2, &e) ||
        kp_chart_paint(c, cv, 0, 0, w, h, &e))
        goto fail;
    double t1 = now();
    if (kp_canvas_cairo_encode(cv, &png, &e))
        goto fail;
    double t2 = now();
    if (out) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.png", out, name);
        if (kp_canvas_cairo_save(cv, path, &e))
            goto fail;
    }
    kp_canvas_cairo_free(cv);
    cv = NULL;
    double t3 = now();
    if (kp_canvas_cairo_new(&cv, KP_CAIRO_SVG, font, w, h, 1, &e) ||
        kp_chart_paint(c, cv, 0, 0, w, h, &e) || kp_canvas_cairo_encode(cv, &svg, &e))
        goto fail;
    double t4 = now();
    if (out) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.svg", out, name);
        FILE *fp = fopen(path, "w");
        if (!fp || fwrite(svg.data, 1, svg.len, fp) != svg.len || fclose(fp)) {
            fprintf(stderr, "%s: cannot write\n", path);
            goto fail;
        }
    }
    kp_canvas_cairo_free(cv);
    f->paint[i] = (t1 - t0) * 1e3;
    f->encode[i] = (t2 - t1) * 1e3;
    f->svg[i] = (t4 - t3) * 1e3;
    f->png_bytes = png.len;
    f->svg_bytes = svg.len;
    kp_buf_free(&png);
    kp_buf_free(&svg);
    return 0;
fail:
    if (e.msg[0])
        fprintf(stderr, "%s: %s\n", name, e.msg);
    kp_canvas_cairo_free(cv);
    kp_buf_free(&png);
    kp_buf_free(&svg);
    return -1;
}

static int bench(const kp_chart *c, kp_font *font, double w, double h, int runs, const char *out,
                 const char *name)
{
    static struct figures f;
    for (int i = 0; i < runs; i++)
        if (run(c, font, w, h, &f, i, i == runs - 1 ? out : NULL, name))
            return -1;
    printf("%-22s %8.2f %8.2f %9.1f %8.2f %9.1f\n", name, median(f.paint, runs),
           median(f.encode, runs), f.png_bytes / 1024.0, median(f.svg, runs),
           f.svg_bytes / 1024.0);
    return 0;
}

static kp_chart *hundred_counties(kp_err *e)
{
    kp_chart *c;
    if (kp_chart_new(&c, KP_CHART_BAR_RANKING, e))
        return NULL;
    int rc = kp_chart_set_title(c, "全省100个区县考评总分排名", e) ||
             kp_chart_set_unit(c, "分", e) || kp_chart_add_series(c, "总分", e) ||
             kp_chart_add_reference(c, 80, "目标", e);
    for (int i = 0; i < 100 && !rc; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s%d", sample_counties[i % 10], i / 10 + 1);
        rc = kp_chart_add_category(c, name, e) ||
             kp_chart_set_value(c, 0, (size_t)i, 50 + (i * 37 % 50) + (i % 3) * 0.5, e);
    }
    if (rc) {
        kp_chart_free(c);
        return NULL;
    }
    return c;
}

static kp_chart *hundred_thousand_points(kp_err *e)
{
    kp_chart *c;
    if (kp_chart_new(&c, KP_CHART_LINE, e))
        return NULL;
    int rc = kp_chart_set_title(c, "日服务人次（十万个观测点）", e) ||
             kp_chart_add_series(c, "江北区", e) || kp_chart_add_series(c, "全市平均", e);
    for (int i = 0; i < 100000 && !rc; i++) {
        char label[32];
        snprintf(label, sizeof label, "第%d天", i + 1);
        rc = kp_chart_add_category(c, label, e) ||
             kp_chart_set_value(c, 0, (size_t)i, 100 + 20 * sin(i / 500.0), e) ||
             kp_chart_set_value(c, 1, (size_t)i, 90 + 10 * cos(i / 800.0), e);
    }
    if (rc) {
        kp_chart_free(c);
        return NULL;
    }
    return c;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 20;
    const char *out = argc > 2 ? argv[2] : NULL;
    if (runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "usage: chart_bench [RUNS (1..%d) [OUTDIR]]\n", MAX_RUNS);
        return 2;
    }
    kp_err e = {{0}};
    kp_font *font;
    if (kp_font_open(&font, NULL, 0, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    printf("%d runs, medians; PNG 960 x 600 px (480 x 300 pt at scale 2), SVG 480 x 300 pt\n",
           runs);
    printf("%-22s %8s %8s %9s %8s %9s\n", "chart", "paint ms", "png ms", "png KB", "svg ms",
           "svg KB");
    int rc = 0;
    for (int k = 0; k < KP_CHART_KIND_COUNT && !rc; k++) {
        kp_chart *c = sample_chart((enum kp_chart_kind)k, &e);
        if (!c) {
            fprintf(stderr, "%s\n", e.msg);
            rc = 1;
            break;
        }
        rc = bench(c, font, 480, 300, runs, out, kp_chart_kind_name((enum kp_chart_kind)k));
        kp_chart_free(c);
    }
    kp_chart *big = rc ? NULL : hundred_counties(&e);
    if (!rc && (!big || bench(big, font, 480, 640, runs, out, "ranking_100_counties")))
        rc = 1;
    kp_chart_free(big);
    big = rc ? NULL : hundred_thousand_points(&e);
    if (!rc && (!big || bench(big, font, 480, 300, runs, out, "line_100000_points")))
        rc = 1;
    kp_chart_free(big);
    if (rc && e.msg[0])
        fprintf(stderr, "%s\n", e.msg);
    cairo_debug_reset_static_data();
    kp_font_close(font);
    return rc;
}
