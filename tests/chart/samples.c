/* samples.c — realistic charts of every kind and pixel counting (see samples.h). */
#include "samples.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const sample_counties[10] = {
    "江北区", "城关镇", "长江新区", "东湖高新技术开发区", "青山区",
    "武汉经济技术开发区（汉南区）", "蔡甸区", "江夏区", "黄陂区", "新洲区",
};

const char *const sample_areas[8] = {
    "宣传贯彻党的二十大精神", "规范基层组织建设", "开展生育支持服务", "落实计生家庭帮扶",
    "推进健康促进行动", "拓展生殖健康服务", "培育新型婚育文化", "扩大协会组织影响",
};

static const double county_scores[10] = { 92.5, 88, 79.5, 95, 71, 84.5, 66, 90, 77.5, 83 };

static const char *const titles[KP_CHART_KIND_COUNT] = {
    [KP_CHART_BAR_RANKING] = "2023年度各区县计划生育协会工作考评总分排名",
    [KP_CHART_BARS] = "各工作领域得分率对比",
    [KP_CHART_STACKED] = "各区县总分构成（按工作领域）",
    [KP_CHART_LINE] = "2023年江北区年度任务累计完成进度",
    [KP_CHART_RADAR] = "江北区八项工作得分率与全市平均",
    [KP_CHART_PIE] = "各区县生育支持服务人次占比",
    [KP_CHART_DONUT] = "生育支持服务人次构成",
    [KP_CHART_HEATMAP] = "各区县八项工作得分率",
    [KP_CHART_GAUGE] = "考评总分与目标",
    [KP_CHART_PROGRESS] = "年度重点任务完成进度",
};

const char *sample_title(enum kp_chart_kind kind)
{
    return titles[kind];
}

static int add_categories(kp_chart *c, const char *const *labels, int n, kp_err *e)
{
    for (int i = 0; i < n; i++)
        if (kp_chart_add_category(c, labels[i], e))
            return -1;
    return 0;
}

static int ranking(kp_chart *c, kp_err *e)
{
    if (kp_chart_set_title(c, titles[KP_CHART_BAR_RANKING], e) ||
        kp_chart_set_axis_labels(c, "区县", "总分", e) || kp_chart_set_unit(c, "分", e) ||
        add_categories(c, sample_counties, 10, e) || kp_chart_add_series(c, "总分", e) ||
        kp_chart_add_reference(c, 80, "目标", e) || kp_chart_set_range(c, 0, 100, e))
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 6 && kp_chart_set_value(c, 0, (size_t)i, county_scores[i], e))
            return -1;
    return 0;
}

static int grouped(kp_chart *c, kp_err *e)
{
    static const double v[3][8] = {
        { 95, 88, 92, 80, 76, 90, 85, 70 },
        { 82, 91, 75, 88, 69, 72, 80, 77 },
        { 86, 84, 81, 83, 74, 79, 81, 73 },
    };
    static const char *const names[3] = { "江北区", "城关镇", "全市平均" };
    if (kp_chart_set_title(c, titles[KP_CHART_BARS], e) ||
        kp_chart_set_axis_labels(c, "工作领域", "得分率", e) || kp_chart_set_unit(c, "%", e) ||
        add_categories(c, sample_areas, 8, e))
        return -1;
    for (int s = 0; s < 3; s++) {
        if (kp_chart_add_series(c, names[s], e))
            return -1;
        for (int i = 0; i < 8; i++)
            if (!(s == 1 && i == 4) && kp_chart_set_value(c, (size_t)s, (size_t)i, v[s][i], e))
                return -1;
    }
    return kp_chart_add_reference(c, 80, "合格线", e);
}

static int stacked(kp_chart *c, kp_err *e)
{
    static const double weights[8] = { 10, 15, 15, 15, 15, 10, 10, 10 };
    if (kp_chart_set_title(c, titles[KP_CHART_STACKED], e) ||
        kp_chart_set_axis_labels(c, NULL, "得分", e) || kp_chart_set_unit(c, "分", e) ||
        add_categories(c, sample_counties, 10, e))
        return -1;
    for (int s = 0; s < 8; s++) {
        if (kp_chart_add_series(c, sample_areas[s], e))
            return -1;
        for (int i = 0; i < 10; i++) {
            double share = county_scores[i] / 100 * (0.9 + 0.1 * ((s * 7 + i * 3) % 5) / 4.0);
            double v = round(weights[s] * fmin(share, 1) * 2) / 2;
            if (!(i == 6 && s == 3) && kp_chart_set_value(c, (size_t)s, (size_t)i, v, e))
                return -1;
        }
    }
    return 0;
}

static int line(kp_chart *c, kp_err *e)
{
    static const double county[12] = { 6, 14, 23, 31, -1, 48, 57, 66, 74, 83, 91, 98.5 };
    static const double city[12] = { 7, 15, 24, 33, 41, 50, 58, 66, 75, 82, 89, 96 };
    if (kp_chart_set_title(c, titles[KP_CHART_LINE], e) ||
        kp_chart_set_axis_labels(c, "月份", "完成率", e) || kp_chart_set_unit(c, "%", e))
        return -1;
    for (int m = 1; m <= 12; m++) {
        char label[16];
        snprintf(label, sizeof label, "%d月", m);
        if (kp_chart_add_category(c, label, e))
            return -1;
    }
    if (kp_chart_add_series(c, "江北区", e) || kp_chart_add_series(c, "全市平均", e))
        return -1;
    for (int m = 0; m < 12; m++)
        if ((county[m] >= 0 && kp_chart_set_value(c, 0, (size_t)m, county[m], e)) ||
            kp_chart_set_value(c, 1, (size_t)m, city[m], e))
            return -1;
    return kp_chart_add_reference(c, 100, "全年目标", e) || kp_chart_set_range(c, 0, 100, e);
}

static int radar(kp_chart *c, kp_err *e)
{
    static const double county[8] = { 95, 88, 92, 80, 76, 90, 85, 70 };
    static const double city[8] = { 86, 84, 81, 83, 74, 79, 81, 73 };
    if (kp_chart_set_title(c, titles[KP_CHART_RADAR], e) ||
        kp_chart_set_unit(c, "%", e) || add_categories(c, sample_areas, 8, e) ||
        kp_chart_add_series(c, "江北区", e) || kp_chart_add_series(c, "全市平均", e) ||
        kp_chart_set_range(c, 0, 100, e))
        return -1;
    for (int i = 0; i < 8; i++)
        if (kp_chart_set_value(c, 0, (size_t)i, county[i], e) ||
            kp_chart_set_value(c, 1, (size_t)i, city[i], e))
            return -1;
    return 0;
}

static int pie(kp_chart *c, kp_err *e, int donut)
{
    static const double visits[10] = { 1280, 960, 720, 1530, 410, 880, 350, 1120, 640, 590 };
    if (kp_chart_set_title(c, titles[donut ? KP_CHART_DONUT : KP_CHART_PIE], e) ||
        kp_chart_set_unit(c, "人次", e))
        return -1;
    int n = donut ? 5 : 10;
    if (add_categories(c, sample_counties, n, e) || kp_chart_add_series(c, "服务人次", e))
        return -1;
    for (int i = 0; i < n; i++)
        if (!(!donut && i == 8) && kp_chart_set_value(c, 0, (size_t)i, visits[i], e))
            return -1;
    return 0;
}

static int heatmap(kp_chart *c, kp_err *e)
{
    if (kp_chart_set_title(c, titles[KP_CHART_HEATMAP], e) ||
        kp_chart_set_axis_labels(c, "区县", "得分率", e) || kp_chart_set_unit(c, "%", e) ||
        add_categories(c, sample_counties, 10, e))
        return -1;
    for (int s = 0; s < 8; s++) {
        if (kp_chart_add_series(c, sample_areas[s], e))
            return -1;
        for (int i = 0; i < 10; i++) {
            double v = fmin(100, county_scores[i] + ((s * 13 + i * 7) % 21) - 10);
            if (!(i == 4 && s == 2) && kp_chart_set_value(c, (size_t)s, (size_t)i, v, e))
                return -1;
        }
    }
    return kp_chart_set_range(c, 50, 100, e);
}

static int gauge(kp_chart *c, kp_err *e)
{
    static const char *const names[3] = { "江北区", "城关镇", "全市" };
    static const double v[3] = { 86.5, 72, 80.5 };
    if (kp_chart_set_title(c, titles[KP_CHART_GAUGE], e) || kp_chart_set_unit(c, "分", e) ||
        add_categories(c, names, 3, e) || kp_chart_add_series(c, "总分", e) ||
        kp_chart_add_reference(c, 80, "目标", e) || kp_chart_set_range(c, 0, 100, e))
        return -1;
    for (int i = 0; i < 3; i++)
        if (kp_chart_set_value(c, 0, (size_t)i, v[i], e))
            return -1;
    return 0;
}

static int progress(kp_chart *c, kp_err *e)
{
    static const double v[10] = { 96, 88.5, 72, 101, 64, 90, -1, 79, 93, 85 };
    if (kp_chart_set_title(c, titles[KP_CHART_PROGRESS], e) || kp_chart_set_unit(c, "%", e) ||
        add_categories(c, sample_counties, 10, e) || kp_chart_add_series(c, "完成率", e) ||
        kp_chart_add_reference(c, 90, "目标", e) || kp_chart_set_range(c, 0, 100, e))
        return -1;
    for (int i = 0; i < 10; i++)
        if (v[i] >= 0 && kp_chart_set_value(c, 0, (size_t)i, v[i], e))
            return -1;
    return 0;
}

kp_chart *sample_chart(enum kp_chart_kind kind, kp_err *e)
{
    kp_chart *c;
    if (kp_chart_new(&c, kind, e))
        return NULL;
    int rc;
    switch (kind) {
    case KP_CHART_BAR_RANKING: rc = ranking(c, e); break;
    case KP_CHART_BARS: rc = grouped(c, e); break;
    case KP_CHART_STACKED: rc = stacked(c, e); break;
    case KP_CHART_LINE: rc = line(c, e); break;
    case KP_CHART_RADAR: rc = radar(c, e); break;
    case KP_CHART_PIE: rc = pie(c, e, 0); break;
    case KP_CHART_DONUT: rc = pie(c, e, 1); break;
    case KP_CHART_HEATMAP: rc = heatmap(c, e); break;
    case KP_CHART_GAUGE: rc = gauge(c, e); break;
    case KP_CHART_PROGRESS: rc = progress(c, e); break;
    default: rc = kp_fail(e, "no sample for kind %d", (int)kind); break;
    }
    if (rc) {
        kp_chart_free(c);
        return NULL;
    }
    return c;
}

static void pixel(cairo_surface_t *img, int x, int y, double *r, double *g, double *b)
{
    const unsigned char *row = cairo_image_surface_get_data(img) +
                               (size_t)y * (size_t)cairo_image_surface_get_stride(img);
    uint32_t p = ((const uint32_t *)row)[x];
    *r = ((p >> 16) & 0xFF) / 255.0;
    *g = ((p >> 8) & 0xFF) / 255.0;
    *b = (p & 0xFF) / 255.0;
}

static void clamp_region(cairo_surface_t *img, int *x0, int *y0, int *x1, int *y1)
{
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    *x0 = *x0 < 0 ? 0 : *x0;
    *y0 = *y0 < 0 ? 0 : *y0;
    *x1 = *x1 > w ? w : *x1;
    *y1 = *y1 > h ? h : *y1;
}

long count_non_white(cairo_surface_t *img, int x0, int y0, int x1, int y1)
{
    long n = 0;
    cairo_surface_flush(img);
    clamp_region(img, &x0, &y0, &x1, &y1);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            double r, g, b;
            pixel(img, x, y, &r, &g, &b);
            n += r < 0.97 || g < 0.97 || b < 0.97;
        }
    return n;
}

long count_dark(cairo_surface_t *img, int x0, int y0, int x1, int y1)
{
    long n = 0;
    cairo_surface_flush(img);
    clamp_region(img, &x0, &y0, &x1, &y1);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            double r, g, b;
            pixel(img, x, y, &r, &g, &b);
            n += 0.299 * r + 0.587 * g + 0.114 * b < 0.4;
        }
    return n;
}

long count_near(cairo_surface_t *img, int x0, int y0, int x1, int y1, double r, double g,
                double b, double tolerance)
{
    long n = 0;
    cairo_surface_flush(img);
    clamp_region(img, &x0, &y0, &x1, &y1);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            double pr, pg, pb;
            pixel(img, x, y, &pr, &pg, &pb);
            n += fabs(pr - r) <= tolerance && fabs(pg - g) <= tolerance &&
                 fabs(pb - b) <= tolerance;
        }
    return n;
}

long count_bluish(cairo_surface_t *img, int x0, int y0, int x1, int y1)
{
    long n = 0;
    cairo_surface_flush(img);
    clamp_region(img, &x0, &y0, &x1, &y1);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            double r, g, b;
            pixel(img, x, y, &r, &g, &b);
            n += b > r + 0.15 && b > g + 0.05;
        }
    return n;
}

struct text_box {
    double x0, y0, x1, y1;
    char text[96];
};

static double attr(const char *tag, const char *end, const char *name)
{
    const char *p = strstr(tag, name);
    return p && p < end ? atof(p + strlen(name)) : 0;
}

int svg_text_overlaps(const char *svg, char *report, size_t n)
{
    struct text_box *boxes = NULL;
    size_t count = 0, cap = 0;
    report[0] = '\0';
    for (const char *p = strstr(svg, "<text "); p; p = strstr(p + 1, "<text ")) {
        const char *gt = strchr(p, '>'), *close = strstr(p, "</text>");
        if (!gt || !close)
            break;
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            struct text_box *grown = realloc(boxes, cap * sizeof *boxes);
            if (!grown)
                break;
            boxes = grown;
        }
        double x = attr(p, gt, " x=\""), y = attr(p, gt, " y=\"");
        double size = attr(p, gt, "font-size=\""), len = attr(p, gt, "textLength=\"");
        struct text_box *b = &boxes[count++];
        /* Glyphs of the report font reach about 0.85 em above the baseline
         * and 0.12 below. */
        b->x0 = x;
        b->x1 = x + len;
        b->y0 = y - size * 0.85;
        b->y1 = y + size * 0.12;
        size_t tl = (size_t)(close - gt - 1);
        if (tl >= sizeof b->text)
            tl = sizeof b->text - 1;
        memcpy(b->text, gt + 1, tl);
        b->text[tl] = '\0';
    }
    int overlaps = 0;
    for (size_t i = 0; i < count; i++)
        for (size_t j = i + 1; j < count; j++) {
            const struct text_box *a = &boxes[i], *b = &boxes[j];
            double ox = fmin(a->x1, b->x1) - fmax(a->x0, b->x0);
            double oy = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);
            if (ox > 0.3 && oy > 0.3) {
                if (overlaps < 4) {
                    size_t used = strlen(report);
                    snprintf(report + used, n - used, "\"%s\" overlaps \"%s\"; ", a->text,
                             b->text);
                }
                overlaps++;
            }
        }
    free(boxes);
    return overlaps;
}
