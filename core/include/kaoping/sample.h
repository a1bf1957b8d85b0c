/*
 * kaoping/sample.h — helpers for a table's sample_rows callback (plugin.h).
 *
 * Everything here is static inline and compiled into the plugin: it reaches
 * the host only through struct kp_sample_host, so including it adds no host
 * symbol and nothing to the ABI.  A kp_kit wraps one call: the county's shape,
 * the row being built (fields in the table's column order, as strings), and
 * a list of dated events that come out sorted by unit and day with repeated
 * keys dropped, the way a county's own export is grouped.
 */
#ifndef KAOPING_SAMPLE_H
#define KAOPING_SAMPLE_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kaoping/plugin.h"

#define KP_KIT_MAX_FIELDS 64 /* as many columns as a table may have */
#define KP_KIT_FIELD_MAX 160
#define KP_KIT_MAX_EVENTS ((size_t)1 << 22)
#define KP_KIT_MAX_UNITS 1024 /* in one county: far above the demo's */

struct kp_kit_event {
    int unit, day, variant; /* the key: unit number, day of the year, a title or a place */
    int a, b, c;            /* per table */
};

struct kp_kit {
    const struct kp_sample_host *h;
    struct kp_sample *s;
    int year, nunits, ntownships, nvillages;
    char field[KP_KIT_MAX_FIELDS][KP_KIT_FIELD_MAX];
    int nfields;
    struct kp_kit_event *events;
    size_t nevents, capevents;
};

/* Returns 0, or -1 after h->fail() when the county has too many units. */
static inline int kp_kit_begin(struct kp_kit *k, const struct kp_sample_host *h,
                               struct kp_sample *s)
{
    memset(k, 0, sizeof *k);
    k->h = h;
    k->s = s;
    k->year = h->year(s);
    k->nunits = h->units(s);
    for (int u = 0; u < k->nunits; u++) {
        int level = h->unit_level(s, u);
        k->ntownships += level == 3;
        k->nvillages += level == 4;
    }
    if (k->nunits > KP_KIT_MAX_UNITS)
        return h->fail(s, "%d units in one county, more than %d", k->nunits, KP_KIT_MAX_UNITS);
    return 0;
}

/* Free the events; returns rc, for `return kp_kit_end(&k, rc)`. */
static inline int kp_kit_end(struct kp_kit *k, int rc)
{
    free(k->events);
    k->events = NULL;
    k->nevents = k->capevents = 0;
    return rc;
}

/* Units: 0 the county, 1..ntownships its townships, then the villages. */
static inline int kp_kit_first_village(const struct kp_kit *k)
{
    return 1 + k->ntownships;
}

/* ---- Random numbers -------------------------------------------------------- */

static inline int kp_kit_below(struct kp_kit *k, int n)
{
    return (int)k->h->below(k->s, (uint32_t)n);
}

static inline int kp_kit_range(struct kp_kit *k, int lo, int hi)
{
    return k->h->range(k->s, lo, hi);
}

/* True with probability percent / 100. */
static inline int kp_kit_percent(struct kp_kit *k, int percent)
{
    return kp_kit_below(k, 100) < percent;
}

/* pct % of n, rounded to the nearest whole. */
static inline int kp_kit_share(int n, int pct)
{
    return (n * pct + 50) / 100;
}

/* n × the demo's scale, rounded, at least 1 when n is. */
static inline int kp_kit_scaled(const struct kp_kit *k, int n)
{
    if (n <= 0)
        return 0;
    int v = (int)((double)n * k->h->scale(k->s) + 0.5);
    return v < 1 ? 1 : v;
}

/* Mark exactly n_marked of marks[0..n) with 1, the rest 0, at random:
 * selection sampling takes each with probability (still wanted) / (left). */
static inline void kp_kit_pick(struct kp_kit *k, unsigned char *marks, int n, int n_marked)
{
    for (int i = 0; i < n; i++) {
        int take = n_marked > 0 && kp_kit_below(k, n - i) < n_marked;
        marks[i] = (unsigned char)take;
        n_marked -= take;
    }
}

/* ---- Dates ---------------------------------------------------------------- */

static inline int kp_kit_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static inline int kp_kit_month_length(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[month - 1] + (month == 2 && kp_kit_leap(year));
}

static inline int kp_kit_days_in_year(int year)
{
    return 365 + kp_kit_leap(year);
}

/* 0-based day of the year of a date. */
static inline int kp_kit_day_of_year(int year, int month, int day)
{
    int doy = day - 1;
    for (int m = 1; m < month; m++)
        doy += kp_kit_month_length(year, m);
    return doy;
}

/* ---- The row -------------------------------------------------------------- */

static inline void kp_kit_text(struct kp_kit *k, const char *v)
{
    if (k->nfields < KP_KIT_MAX_FIELDS)
        snprintf(k->field[k->nfields++], KP_KIT_FIELD_MAX, "%s", v ? v : "");
}

static inline void kp_kit_textf(struct kp_kit *k, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static inline void kp_kit_textf(struct kp_kit *k, const char *fmt, ...)
{
    if (k->nfields >= KP_KIT_MAX_FIELDS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(k->field[k->nfields++], KP_KIT_FIELD_MAX, fmt, ap);
    va_end(ap);
}

static inline void kp_kit_int(struct kp_kit *k, long v)
{
    if (k->nfields < KP_KIT_MAX_FIELDS)
        snprintf(k->field[k->nfields++], KP_KIT_FIELD_MAX, "%ld", v);
}

static inline void kp_kit_empty(struct kp_kit *k)
{
    kp_kit_text(k, "");
}

static inline void kp_kit_bool(struct kp_kit *k, int v)
{
    kp_kit_text(k, v ? "1" : "0");
}

/* Day `doy` (0-based) of `year`; the host spells it as the file does. */
static inline void kp_kit_date(struct kp_kit *k, int year, int doy)
{
    int m = 1;
    while (m < 12 && doy >= kp_kit_month_length(year, m))
        doy -= kp_kit_month_length(year, m++);
    if (k->nfields < KP_KIT_MAX_FIELDS)
        snprintf(k->field[k->nfields++], KP_KIT_FIELD_MAX, "%04d-%02d-%02d", year, m, doy + 1);
}

/* Emit the row built so far and start the next. */
static inline int kp_kit_end_row(struct kp_kit *k)
{
    /* The host reads ncolumns fields: those not built are empty. */
    const char *row[KP_KIT_MAX_FIELDS];
    for (int i = 0; i < KP_KIT_MAX_FIELDS; i++)
        row[i] = i < k->nfields ? k->field[i] : "";
    k->nfields = 0;
    return k->h->emit(k->s, row);
}

/* ---- Events ----------------------------------------------------------------- */

static inline int kp_kit_event_add(struct kp_kit *k, int unit, int day, int variant, int a, int b,
                                   int c)
{
    if (k->nevents == k->capevents) {
        if (k->capevents >= KP_KIT_MAX_EVENTS)
            return k->h->fail(k->s, "more than %zu rows of one table in one county; lower --scale",
                              KP_KIT_MAX_EVENTS);
        size_t cap = k->capevents ? k->capevents * 2 : 1024;
        struct kp_kit_event *p = (struct kp_kit_event *)realloc(k->events, cap * sizeof *p);
        if (!p)
            return k->h->fail(k->s, "out of memory");
        k->events = p;
        k->capevents = cap;
    }
    struct kp_kit_event ev = {unit, day, variant, a, b, c};
    k->events[k->nevents++] = ev;
    return 0;
}

static inline int kp_kit_compare(int x, int y)
{
    return x < y ? -1 : x > y;
}

static inline int kp_kit_by_key(const void *pa, const void *pb)
{
    const struct kp_kit_event *a = (const struct kp_kit_event *)pa;
    const struct kp_kit_event *b = (const struct kp_kit_event *)pb;
    /* Equal keys: the rest decides, so that which one survives never depends
     * on how qsort orders equal elements. */
    int r = kp_kit_compare(a->unit, b->unit);
    r = r ? r : kp_kit_compare(a->day, b->day);
    r = r ? r : kp_kit_compare(a->variant, b->variant);
    r = r ? r : kp_kit_compare(a->a, b->a);
    r = r ? r : kp_kit_compare(a->b, b->b);
    return r ? r : kp_kit_compare(a->c, b->c);
}

/* Sort by unit, day and variant, keeping one event of each key. */
static inline void kp_kit_events_sort(struct kp_kit *k)
{
    if (k->nevents < 2)
        return;
    qsort(k->events, k->nevents, sizeof *k->events, kp_kit_by_key);
    size_t kept = 1;
    for (size_t i = 1; i < k->nevents; i++) {
        const struct kp_kit_event *prev = &k->events[kept - 1], *cur = &k->events[i];
        if (cur->unit == prev->unit && cur->day == prev->day && cur->variant == prev->variant)
            continue;
        k->events[kept++] = *cur;
    }
    k->nevents = kept;
}

#endif /* KAOPING_SAMPLE_H */
