/*
 * area_marriage_culture.c — 培育新型婚育文化: journal_subscriptions.csv and
 * culture_events.csv.
 *
 * A grassroots association the profile counts as without the journal either
 * sent no row or a row with 0 copies, as both happen.  The 5·29 and 7·11
 * events fall on those very dates, held by the county and a few townships,
 * and only for the key dates the profile keeps.
 */
#include "demo_city/gen.h"

static const struct {
    const char *title, *occasion;
} events[] = {
    {"5·29会员活动日 学习二十大 奋进新征程", "529会员活动日"},
    {"5·29会员活动日 新型婚育文化宣传", "529会员活动日"},
    {"7·11世界人口日主题宣传", "711世界人口日"},
    {"7·11世界人口日 优生优育咨询", "711世界人口日"},
    {"新型婚育文化进万家", "其他"},
    {"婚育新风进社区", "其他"},
    {"文明婚育 幸福家庭 主题活动", "其他"},
    {"优秀计生家庭评选表彰", "其他"},
    {"营养健康知识宣传", "其他"},
    {"家庭家教家风分享会", "其他"},
};
#define NEVENTS (int)(sizeof events / sizeof events[0])
#define FIRST_OTHER 4

static int journal(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const int t = KP_T_JOURNAL_SUBSCRIPTIONS, n = c->nunits - 1;
    kp_rng r = kp_demo_stream(g, c, t);
    unsigned char missed[KP_DEMO_MAX_UNITS];
    kp_demo_pick(&r, missed, n, kp_demo_share(n, c->profile->journal_miss));
    for (int u = 1; u < c->nunits; u++) {
        int copies;
        if (missed[u - 1]) {
            if (kp_rng_percent(&r, 50))
                continue;
            copies = 0;
        } else {
            copies = c->units[u].level == 3 ? kp_rng_range(&r, 2, 10) : kp_rng_range(&r, 1, 3);
        }
        kp_demo_put_text(g, t, c->units[u].code);
        kp_demo_put_int(g, t, g->opt->year);
        kp_demo_put_int(g, t, copies);
        if (kp_demo_end_row(g, t, e))
            return -1;
    }
    return 0;
}

/* The county and one to three townships mark a key date. */
static int key_date(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_rng *r, int day,
                    int first_variant, kp_err *e)
{
    unsigned char hosts[KP_DEMO_MAX_TOWNSHIPS];
    kp_demo_pick(r, hosts, c->ntownships, kp_rng_range(r, 1, 3));
    if (kp_demo_event_add(g, 0, day, first_variant + (int)kp_rng_below(r, 2),
                          kp_rng_range(r, 100, 300), 0, 0, e))
        return -1;
    for (int i = 0; i < c->ntownships; i++)
        if (hosts[i] && kp_demo_event_add(g, 1 + i, day, first_variant + (int)kp_rng_below(r, 2),
                                          kp_rng_range(r, 40, 150), 0, 0, e))
            return -1;
    return 0;
}

static int culture(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const int t = KP_T_CULTURE_EVENTS, year = g->opt->year;
    kp_rng r = kp_demo_stream(g, c, t);
    int d529 = kp_demo_day_of_year(year, 5, 29), d711 = kp_demo_day_of_year(year, 7, 11);
    kp_demo_events_clear(g);
    if ((c->profile->key_dates & 1) && key_date(g, c, &r, d529, 0, e))
        return -1;
    if ((c->profile->key_dates & 2) && key_date(g, c, &r, d711, 2, e))
        return -1;
    int others = kp_demo_scaled(g, c->profile->culture_events);
    for (int i = 0; i < others; i++) {
        int day;
        do
            day = (int)kp_rng_below(&r, (uint32_t)kp_demo_days_in_year(year));
        while (day == d529 || day == d711);
        int u = kp_rng_percent(&r, 30) ? 0 : 1 + (int)kp_rng_below(&r, (uint32_t)(c->nunits - 1));
        if (kp_demo_event_add(g, u, day, FIRST_OTHER + (int)kp_rng_below(&r, NEVENTS - FIRST_OTHER),
                              kp_rng_range(&r, 20, 120), 0, 0, e))
            return -1;
    }
    kp_demo_events_sort(g);
    for (size_t i = 0; i < g->nevents; i++) {
        const struct kp_demo_event *ev = &g->events[i];
        kp_demo_put_text(g, t, c->units[ev->unit].code);
        kp_demo_put_date(g, t, year, ev->day);
        kp_demo_put_text(g, t, events[ev->variant].title);
        kp_demo_put_text(g, t, events[ev->variant].occasion);
        kp_demo_put_int(g, t, ev->a);
        if (kp_demo_end_row(g, t, e))
            return -1;
    }
    return 0;
}

int kp_demo_gen_marriage_culture(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    if (c->profile->empty_areas & KP_AREA_MARRIAGE_CULTURE)
        return 0;
    return journal(g, c, e) || culture(g, c, e) ? -1 : 0;
}
