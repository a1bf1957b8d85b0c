/*
 * chart.c — building a chart: kinds, texts, categories, series, values,
 * references and range (see chart.h).  Painting is in chart_paint.c.
 *
 * Every input is checked where it comes in, so that a painter can trust the
 * model: texts are valid UTF-8 without control characters and of bounded
 * length, values are finite or missing, counts stay under the limits.
 */
#include "chart/chart_parts.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

static const char *const kind_names[KP_CHART_KIND_COUNT] = {
    [KP_CHART_BAR_RANKING] = "bar_ranking",
    [KP_CHART_BARS] = "bars",
    [KP_CHART_STACKED] = "stacked",
    [KP_CHART_LINE] = "line",
    [KP_CHART_RADAR] = "radar",
    [KP_CHART_PIE] = "pie",
    [KP_CHART_DONUT] = "donut",
    [KP_CHART_HEATMAP] = "heatmap",
    [KP_CHART_GAUGE] = "gauge",
    [KP_CHART_PROGRESS] = "progress",
};

int kp_chart_kind_from_name(const char *name, enum kp_chart_kind *out, kp_err *e)
{
    for (int k = 0; name && k < KP_CHART_KIND_COUNT; k++)
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (enum kp_chart_kind)k;
            return 0;
        }
    return kp_fail(e, "unknown chart kind \"%.64s\" (known kinds: bar_ranking, bars, stacked, "
                      "line, radar, pie, donut, heatmap, gauge, progress)",
                   name ? name : "");
}

const char *kp_chart_kind_name(enum kp_chart_kind kind)
{
    return (unsigned)kind < KP_CHART_KIND_COUNT ? kind_names[kind] : "unknown";
}

int kp_chart_new(kp_chart **out, enum kp_chart_kind kind, kp_err *e)
{
    *out = NULL;
    if ((unsigned)kind >= KP_CHART_KIND_COUNT)
        return kp_fail(e, "unknown chart kind number %d", (int)kind);
    kp_chart *c = calloc(1, sizeof *c);
    if (!c)
        return kp_fail(e, "out of memory making a chart");
    c->kind = kind;
    c->decimals = -1;
    *out = c;
    return 0;
}

void kp_chart_free(kp_chart *c)
{
    if (!c)
        return;
    free(c->title);
    free(c->category_axis);
    free(c->value_axis);
    free(c->unit);
    for (size_t i = 0; i < c->ncategories; i++)
        free(c->categories[i]);
    free(c->categories);
    for (size_t s = 0; s < c->nseries; s++) {
        free(c->series[s].name);
        free(c->series[s].values);
    }
    free(c->series);
    for (size_t r = 0; r < c->nrefs; r++)
        free(c->refs[r].label);
    free(c);
}

/* Check a text for the model and copy it; NULL or "" gives NULL. */
static int copy_text(char **out, const char *s, const char *what, kp_err *e)
{
    *out = NULL;
    if (!s || !*s)
        return 0;
    size_t len = strlen(s);
    if (len > KP_CHART_MAX_TEXT)
        return kp_fail(e, "%s is %zu bytes long; at most %d are allowed", what, len,
                       KP_CHART_MAX_TEXT);
    if (u8_check((const uint8_t *)s, len))
        return kp_fail(e, "%s \"%.60s\" is not valid UTF-8", what, s);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return kp_fail(e, "%s \"%.60s\" contains a control character (byte 0x%02X); "
                              "labels are one line of text", what, s, *p);
    *out = strdup(s);
    if (!*out)
        return kp_fail(e, "out of memory storing %s", what);
    return 0;
}

static int replace_text(char **slot, const char *s, const char *what, kp_err *e)
{
    char *copy;
    if (copy_text(&copy, s, what, e))
        return -1;
    free(*slot);
    *slot = copy;
    return 0;
}

int kp_chart_set_title(kp_chart *c, const char *title, kp_err *e)
{
    return replace_text(&c->title, title, "the chart title", e);
}

int kp_chart_set_axis_labels(kp_chart *c, const char *category_axis, const char *value_axis,
                             kp_err *e)
{
    char *cat, *val;
    if (copy_text(&cat, category_axis, "the category axis title", e))
        return -1;
    if (copy_text(&val, value_axis, "the value axis title", e)) {
        free(cat);
        return -1;
    }
    free(c->category_axis);
    free(c->value_axis);
    c->category_axis = cat;
    c->value_axis = val;
    return 0;
}

int kp_chart_set_unit(kp_chart *c, const char *unit, kp_err *e)
{
    return replace_text(&c->unit, unit, "the unit", e);
}

static const char *title_of(const kp_chart *c)
{
    return c->title ? c->title : "(untitled)";
}

/* Grow the category arrays, and every series' values with them, so that one
 * more category fits. */
static int grow_categories(kp_chart *c, kp_err *e)
{
    if (c->ncategories < c->capacity)
        return 0;
    size_t cap = c->capacity ? c->capacity * 2 : 16;
    if (cap > KP_CHART_MAX_CATEGORIES)
        cap = KP_CHART_MAX_CATEGORIES;
    char **cats = realloc(c->categories, cap * sizeof *cats);
    if (!cats)
        return kp_fail(e, "chart \"%s\": out of memory adding a category", title_of(c));
    c->categories = cats;
    for (size_t s = 0; s < c->nseries; s++) {
        double *v = realloc(c->series[s].values, cap * sizeof *v);
        if (!v)
            return kp_fail(e, "chart \"%s\": out of memory adding a category", title_of(c));
        for (size_t i = c->capacity; i < cap; i++)
            v[i] = NAN;
        c->series[s].values = v;
    }
    /* Only now, when every array has the room, does the capacity count. */
    c->capacity = cap;
    return 0;
}

int kp_chart_add_category(kp_chart *c, const char *label, kp_err *e)
{
    if (c->ncategories >= KP_CHART_MAX_CATEGORIES)
        return kp_fail(e, "chart \"%s\": more than %d categories", title_of(c),
                       KP_CHART_MAX_CATEGORIES);
    char *copy;
    if (copy_text(&copy, label, "a category label", e))
        return kp_err_wrap(e, "chart \"%s\"", title_of(c));
    if (!copy && !(copy = strdup("")))
        return kp_fail(e, "chart \"%s\": out of memory adding a category", title_of(c));
    if (grow_categories(c, e)) {
        free(copy);
        return -1;
    }
    c->categories[c->ncategories++] = copy;
    return 0;
}

int kp_chart_add_series(kp_chart *c, const char *name, kp_err *e)
{
    if (c->nseries >= KP_CHART_MAX_SERIES)
        return kp_fail(e, "chart \"%s\": more than %d series", title_of(c), KP_CHART_MAX_SERIES);
    char *copy;
    if (copy_text(&copy, name, "a series name", e))
        return kp_err_wrap(e, "chart \"%s\"", title_of(c));
    double *values = NULL;
    if (c->capacity) {
        values = malloc(c->capacity * sizeof *values);
        if (!values) {
            free(copy);
            return kp_fail(e, "chart \"%s\": out of memory adding a series", title_of(c));
        }
        for (size_t i = 0; i < c->capacity; i++)
            values[i] = NAN;
    }
    struct kp_chart_series *series = realloc(c->series, (c->nseries + 1) * sizeof *series);
    if (!series) {
        free(copy);
        free(values);
        return kp_fail(e, "chart \"%s\": out of memory adding a series", title_of(c));
    }
    c->series = series;
    c->series[c->nseries].name = copy;
    c->series[c->nseries].values = values;
    c->nseries++;
    return 0;
}

size_t kp_chart_category_count(const kp_chart *c)
{
    return c->ncategories;
}

size_t kp_chart_series_count(const kp_chart *c)
{
    return c->nseries;
}

static int check_cell(const kp_chart *c, size_t series, size_t category, kp_err *e)
{
    if (series >= c->nseries)
        return kp_fail(e, "chart \"%s\": no series number %zu (it has %zu)", title_of(c), series,
                       c->nseries);
    if (category >= c->ncategories)
        return kp_fail(e, "chart \"%s\": no category number %zu (it has %zu)", title_of(c),
                       category, c->ncategories);
    return 0;
}

int kp_chart_set_value(kp_chart *c, size_t series, size_t category, double value, kp_err *e)
{
    if (check_cell(c, series, category, e))
        return -1;
    if (!isfinite(value))
        return kp_fail(e, "chart \"%s\": the value for \"%s\" in series %zu is %s, not a number; "
                          "leave it missing for no data",
                       title_of(c), c->categories[category], series,
                       isnan(value) ? "NaN" : "infinite");
    if (fabs(value) > KP_CHART_MAX_VALUE)
        return kp_fail(e, "chart \"%s\": the value %g for \"%s\" is beyond ±%g, which a chart "
                          "cannot scale; give it in a larger unit",
                       title_of(c), value, c->categories[category], KP_CHART_MAX_VALUE);
    c->series[series].values[category] = value;
    return 0;
}

int kp_chart_set_missing(kp_chart *c, size_t series, size_t category, kp_err *e)
{
    if (check_cell(c, series, category, e))
        return -1;
    c->series[series].values[category] = NAN;
    return 0;
}

int kp_chart_add_reference(kp_chart *c, double value, const char *label, kp_err *e)
{
    if (c->nrefs >= KP_CHART_MAX_REFERENCES)
        return kp_fail(e, "chart \"%s\": more than %d reference values", title_of(c),
                       KP_CHART_MAX_REFERENCES);
    if (!isfinite(value) || fabs(value) > KP_CHART_MAX_VALUE)
        return kp_fail(e, "chart \"%s\": a reference value must be a finite number within ±%g",
                       title_of(c), KP_CHART_MAX_VALUE);
    char *copy;
    if (copy_text(&copy, label, "a reference label", e))
        return kp_err_wrap(e, "chart \"%s\"", title_of(c));
    c->refs[c->nrefs].value = value;
    c->refs[c->nrefs].label = copy;
    c->nrefs++;
    return 0;
}

int kp_chart_set_range(kp_chart *c, double min, double max, kp_err *e)
{
    if (!isfinite(min) || !isfinite(max) || !(min < max))
        return kp_fail(e, "chart \"%s\": the value range %g..%g is empty or not a number; the "
                          "minimum must be below the maximum",
                       title_of(c), min, max);
    if (max - min < 1e-9 * fmax(fabs(min), fabs(max)) || fabs(min) > KP_CHART_MAX_VALUE ||
        fabs(max) > KP_CHART_MAX_VALUE)
        return kp_fail(e, "chart \"%s\": the value range %g..%g cannot be drawn", title_of(c),
                       min, max);
    c->fixed_range = 1;
    c->range_min = min;
    c->range_max = max;
    return 0;
}

int kp_chart_set_decimals(kp_chart *c, int decimals, kp_err *e)
{
    if (decimals < -1 || decimals > 6)
        return kp_fail(e, "chart \"%s\": %d decimals; use 0 to 6, or -1 to choose from the data",
                       title_of(c), decimals);
    c->decimals = decimals;
    return 0;
}

int kp_chart_check_size(enum kp_chart_kind k, size_t ncategories, size_t nseries, kp_err *e)
{
    if (nseries > KP_CHART_MAX_SERIES)
        return kp_fail(e, "%zu series are more than the %d a chart shows", nseries,
                       KP_CHART_MAX_SERIES);
    if (ncategories > KP_CHART_MAX_CATEGORIES)
        return kp_fail(e, "%zu categories are more than the %d a chart shows", ncategories,
                       KP_CHART_MAX_CATEGORIES);
    double cells = (double)ncategories * (double)(nseries ? nseries : 1);
    if (k == KP_CHART_HEATMAP && cells > KP_CHART_MAX_HEATMAP_CELLS)
        return kp_fail(e, "a heatmap of %zu × %zu cells is more than the %d that can be drawn "
                          "and read; split it or use a ranking",
                       ncategories, nseries, KP_CHART_MAX_HEATMAP_CELLS);
    if (cells > KP_CHART_MAX_POINTS)
        return kp_fail(e, "%zu × %zu values are more than the %d a chart can draw in "
                          "reasonable time",
                       ncategories, nseries, KP_CHART_MAX_POINTS);
    return 0;
}
