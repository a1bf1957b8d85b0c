/*
 * sample.c — the demo city's publicity_events.
 *
 * Every township the county's kind counts as covered holds at least one
 * 宣讲; the rest of the county's events (培训, 座谈 and more 宣讲) go to the
 * county association and to covered townships and their villages, so that a
 * township counted as missed has no event at all under it.
 */
#include "sample.h"

#include <kaoping/sample.h>

/* Events in the county, % of townships that held no 宣讲. */
static const struct {
    int pub_events, pub_township_miss;
} knobs[] = {
    [KP_SAMPLE_EXEMPLARY] = {.pub_events = 24, .pub_township_miss = 0},
    [KP_SAMPLE_GOOD] = {.pub_events = 16, .pub_township_miss = 0},
    [KP_SAMPLE_AVERAGE] = {.pub_events = 12, .pub_township_miss = 25},
    [KP_SAMPLE_WEAK_OUTREACH] = {.pub_events = 6, .pub_township_miss = 50},
    [KP_SAMPLE_MISSING_DATA] = {.pub_events = 14, .pub_township_miss = 0},
    [KP_SAMPLE_WEAK] = {.pub_events = 8, .pub_township_miss = 40},
};

static const struct {
    const char *title, *kind;
} events[] = {
    {"学习二十大 奋进新征程 宣讲会", "宣讲"},
    {"党的二十大精神进基层宣讲", "宣讲"},
    {"二十大精神“微宣讲”进村入户", "宣讲"},
    {"学习贯彻党的二十大精神报告会", "宣讲"},
    {"二十大精神进万家 会员群众宣讲", "宣讲"},
    {"奋进新征程 建功新时代 专题宣讲", "宣讲"},
    {"计生协理事学习二十大精神培训班", "培训"},
    {"会员群众学习贯彻二十大精神手册培训", "培训"},
    {"学习二十大精神座谈会", "座谈"},
    {"计生协志愿者学习二十大交流座谈", "座谈"},
    {"二十大精神知识竞赛", "其他"},
    {"学习二十大 奋进新征程 主题展览", "其他"},
};
#define NEVENTS (int)(sizeof events / sizeof events[0])
#define NPREACHING 6 /* the first ones are 宣讲 */

static int participants(struct kp_kit *k, int level)
{
    return level == 2 ? kp_kit_range(k, 100, 200) : level == 3 ? kp_kit_range(k, 40, 150)
                                                              : kp_kit_range(k, 20, 80);
}

static int collect(struct kp_kit *k, const unsigned char *missed)
{
    const struct kp_sample_host *h = k->h;
    int days = kp_kit_days_in_year(k->year);
    /* Where the other events may happen: the county and everything under a
     * covered township. */
    int hosts[KP_KIT_MAX_UNITS], nhosts = 0, covered = 0;
    hosts[nhosts++] = 0;
    for (int u = 1; u < k->nunits && nhosts < KP_KIT_MAX_UNITS; u++) {
        int town = h->unit_level(k->s, u) == 3 ? u : h->unit_parent(k->s, u);
        if (!missed[town - 1])
            hosts[nhosts++] = u;
    }
    for (int t = 1; t <= k->ntownships; t++) {
        if (missed[t - 1])
            continue;
        covered++;
        if (kp_kit_event_add(k, t, kp_kit_below(k, days), kp_kit_below(k, NPREACHING),
                             participants(k, 3), 0, 0))
            return -1;
    }
    int total = kp_kit_scaled(k, knobs[h->profile(k->s)].pub_events);
    for (int i = covered; i < total; i++) {
        int u = hosts[kp_kit_below(k, nhosts)];
        if (kp_kit_event_add(k, u, kp_kit_below(k, days), kp_kit_below(k, NEVENTS),
                             participants(k, h->unit_level(k->s, u)), 0, 0))
            return -1;
    }
    return 0;
}

int publicity_sample_events(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    unsigned char missed[KP_KIT_MAX_UNITS];
    kp_kit_pick(&k, missed, k.ntownships,
                kp_kit_share(k.ntownships, knobs[h->profile(s)].pub_township_miss));
    if (collect(&k, missed))
        return kp_kit_end(&k, -1);
    kp_kit_events_sort(&k);
    for (size_t i = 0; i < k.nevents; i++) {
        const struct kp_kit_event *ev = &k.events[i];
        kp_kit_text(&k, h->unit_code(s, ev->unit));
        kp_kit_date(&k, k.year, ev->day);
        kp_kit_text(&k, events[ev->variant].title);
        kp_kit_text(&k, events[ev->variant].kind);
        kp_kit_int(&k, ev->a);
        if (kp_kit_end_row(&k))
            return kp_kit_end(&k, -1);
    }
    return kp_kit_end(&k, 0);
}
