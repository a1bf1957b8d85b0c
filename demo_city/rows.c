/* rows.c — what every table generator of the demo city uses (see gen.h). */
#include <stdlib.h>
#include <string.h>

#include "demo_city/gen.h"

kp_rng kp_demo_stream(const struct kp_demo_gen *g, const struct kp_demo_county *c, int table)
{
    kp_rng r;
    kp_rng_init(&r, g->opt->seed, (uint64_t)c->index, (uint64_t)table);
    return r;
}

int kp_demo_scaled(const struct kp_demo_gen *g, int n)
{
    if (n <= 0)
        return 0;
    int v = (int)((double)n * g->opt->scale + 0.5);
    return v < 1 ? 1 : v;
}

int kp_demo_share(int n, int pct)
{
    return (n * pct + 50) / 100;
}

void kp_demo_pick(kp_rng *r, unsigned char *marks, int n, int k)
{
    /* Selection sampling: each item is taken with probability
     * (still wanted) / (still left), which takes exactly k. */
    for (int i = 0; i < n; i++) {
        int take = k > 0 && (int)kp_rng_below(r, (uint32_t)(n - i)) < k;
        marks[i] = (unsigned char)take;
        k -= take;
    }
}

static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

static int leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int kp_demo_days_in_year(int year)
{
    return 365 + leap(year);
}

int kp_demo_day_of_year(int year, int month, int day)
{
    int doy = day - 1;
    for (int m = 1; m < month; m++)
        doy += month_days[m - 1] + (m == 2 && leap(year));
    return doy;
}

void kp_demo_month_day(int year, int doy, int *month, int *day)
{
    int m = 1;
    for (;;) {
        int len = month_days[m - 1] + (m == 2 && leap(year));
        if (doy < len || m == 12)
            break;
        doy -= len;
        m++;
    }
    *month = m;
    *day = doy + 1;
}

void kp_demo_spell_date(kp_csv_out *w, int style, int year, int month, int day)
{
    switch (style) {
    case KP_DATE_SLASH: kp_csv_out_fieldf(w, "%d/%d/%d", year, month, day); break;
    case KP_DATE_DOT: kp_csv_out_fieldf(w, "%d.%d.%d", year, month, day); break;
    case KP_DATE_CHINESE: kp_csv_out_fieldf(w, "%d年%d月%d日", year, month, day); break;
    default: kp_csv_out_fieldf(w, "%04d-%02d-%02d", year, month, day); break;
    }
}

void kp_demo_spell_bool(kp_csv_out *w, int style, int v)
{
    static const char *const spelled[][2] = {
        [KP_BOOL_DIGIT] = {"0", "1"}, [KP_BOOL_CHINESE] = {"否", "是"}, [KP_BOOL_LETTER] = {"N", "Y"}};
    kp_csv_out_field(w, spelled[style][v != 0]);
}

void kp_demo_put_date(struct kp_demo_gen *g, int t, int year, int doy)
{
    int m, d;
    kp_demo_month_day(year, doy, &m, &d);
    kp_demo_spell_date(g->out[t], kp_demo_files[t].date_style, year, m, d);
}

void kp_demo_put_bool(struct kp_demo_gen *g, int t, int v)
{
    kp_demo_spell_bool(g->out[t], kp_demo_files[t].bool_style, v);
}

void kp_demo_put_text(struct kp_demo_gen *g, int t, const char *s)
{
    kp_csv_out_field(g->out[t], s);
}

void kp_demo_put_int(struct kp_demo_gen *g, int t, long v)
{
    kp_csv_out_int(g->out[t], v);
}

void kp_demo_put_empty(struct kp_demo_gen *g, int t)
{
    kp_csv_out_field(g->out[t], "");
}

int kp_demo_end_row(struct kp_demo_gen *g, int t, kp_err *e)
{
    return kp_csv_out_end_row(g->out[t], e);
}

void kp_demo_events_clear(struct kp_demo_gen *g)
{
    g->nevents = 0;
}

int kp_demo_event_add(struct kp_demo_gen *g, int unit, int day, int variant, int a, int b, int c,
                      kp_err *e)
{
    if (g->nevents == g->capevents) {
        if (g->capevents >= KP_DEMO_MAX_EVENTS)
            return kp_fail(e, "more than %zu rows of one table in one county; lower --scale",
                           (size_t)KP_DEMO_MAX_EVENTS);
        size_t cap = g->capevents ? g->capevents * 2 : 1024;
        struct kp_demo_event *p = realloc(g->events, cap * sizeof *p);
        if (!p)
            return kp_fail(e, "out of memory");
        g->events = p;
        g->capevents = cap;
    }
    g->events[g->nevents++] = (struct kp_demo_event){
        .unit = (uint16_t)unit, .day = (uint16_t)day, .variant = (uint16_t)variant, .a = a, .b = b, .c = c};
    return 0;
}

static int by_key(const void *pa, const void *pb)
{
    const struct kp_demo_event *a = pa, *b = pb;
    if (a->unit != b->unit)
        return a->unit < b->unit ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->variant != b->variant)
        return a->variant < b->variant ? -1 : 1;
    /* Equal keys: the rest decides, so that which one survives never depends
     * on how qsort happens to order equal elements. */
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    return a->c < b->c ? -1 : a->c > b->c;
}

void kp_demo_events_sort(struct kp_demo_gen *g)
{
    if (g->nevents < 2)
        return;
    qsort(g->events, g->nevents, sizeof *g->events, by_key);
    size_t kept = 1;
    for (size_t i = 1; i < g->nevents; i++) {
        const struct kp_demo_event *prev = &g->events[kept - 1], *cur = &g->events[i];
        if (cur->unit == prev->unit && cur->day == prev->day && cur->variant == prev->variant)
            continue;
        g->events[kept++] = *cur;
    }
    g->nevents = kept;
}
