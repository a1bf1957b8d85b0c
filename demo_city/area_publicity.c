/*
 * area_publicity.c — 宣传贯彻党的二十大精神: publicity_events.csv.
 *
 * Every township the profile counts as covered holds at least one 宣讲; the
 * rest of the county's events (培训, 座谈 and more 宣讲) go to the county
 * association and to covered townships and their villages, so that a
 * township counted as missed has no event at all under it.
 */
#include "demo_city/gen.h"

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

static int participants(kp_rng *r, int level)
{
    return level == 2 ? kp_rng_range(r, 100, 200) : level == 3 ? kp_rng_range(r, 40, 150)
                                                              : kp_rng_range(r, 20, 80);
}

int kp_demo_gen_publicity(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const struct kp_demo_profile *p = c->profile;
    if (p->empty_areas & KP_AREA_PUBLICITY)
        return 0;
    kp_rng r = kp_demo_stream(g, c, KP_T_PUBLICITY_EVENTS);
    int days = kp_demo_days_in_year(g->opt->year);

    unsigned char missed[KP_DEMO_MAX_TOWNSHIPS];
    kp_demo_pick(&r, missed, c->ntownships, kp_demo_share(c->ntownships, p->pub_township_miss));
    /* Where the other events may happen: the county and everything under a
     * covered township. */
    int hosts[KP_DEMO_MAX_UNITS], nhosts = 0, covered = 0;
    hosts[nhosts++] = 0;
    for (int u = 1; u < c->nunits; u++) {
        int town = c->units[u].level == 3 ? u : c->units[u].parent;
        if (!missed[town - 1])
            hosts[nhosts++] = u;
    }

    kp_demo_events_clear(g);
    for (int t = 1; t <= c->ntownships; t++) {
        if (missed[t - 1])
            continue;
        covered++;
        if (kp_demo_event_add(g, t, (int)kp_rng_below(&r, (uint32_t)days),
                              (int)kp_rng_below(&r, NPREACHING), participants(&r, 3), 0, 0, e))
            return -1;
    }
    int total = kp_demo_scaled(g, p->pub_events);
    for (int i = covered; i < total; i++) {
        int u = hosts[kp_rng_below(&r, (uint32_t)nhosts)];
        if (kp_demo_event_add(g, u, (int)kp_rng_below(&r, (uint32_t)days),
                              (int)kp_rng_below(&r, NEVENTS), participants(&r, c->units[u].level),
                              0, 0, e))
            return -1;
    }
    kp_demo_events_sort(g);

    for (size_t i = 0; i < g->nevents; i++) {
        const struct kp_demo_event *ev = &g->events[i];
        kp_demo_put_text(g, KP_T_PUBLICITY_EVENTS, c->units[ev->unit].code);
        kp_demo_put_date(g, KP_T_PUBLICITY_EVENTS, g->opt->year, ev->day);
        kp_demo_put_text(g, KP_T_PUBLICITY_EVENTS, events[ev->variant].title);
        kp_demo_put_text(g, KP_T_PUBLICITY_EVENTS, events[ev->variant].kind);
        kp_demo_put_int(g, KP_T_PUBLICITY_EVENTS, ev->a);
        if (kp_demo_end_row(g, KP_T_PUBLICITY_EVENTS, e))
            return -1;
    }
    return 0;
}
