/*
 * area_health_promotion.c — 推进健康促进行动: health_lectures.csv,
 * health_instructors.csv and health_projects.csv.
 *
 * The plan asks every grassroots association for one or two lectures a year:
 * the covered ones hold that many (times the scale), the profile's share hold
 * none.  Instructors: the profile's share of all villages has two or more,
 * another share sent no row at all (counted as lacking), the rest have one
 * or none.
 */
#include "demo_city/gen.h"

static const char *const lecture_titles[] = {
    "合理膳食 健康生活",     "科学育儿知识讲座",     "慢性病防治与自我管理",
    "心理健康与家庭和谐",   "老年人健康管理",       "青少年近视防控",
    "中医养生保健",         "传染病预防知识",       "家庭急救常识",
    "孕产期保健知识",       "口腔健康 全家行动",   "控烟限酒 健康你我",
    "全民健身 科学运动",     "婴幼儿照护知识",       "更年期健康讲座",
    "好家风健康行",
};
#define NTITLES (int)(sizeof lecture_titles / sizeof lecture_titles[0])

static int lectures(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const int t = KP_T_HEALTH_LECTURES, days = kp_demo_days_in_year(g->opt->year);
    kp_rng r = kp_demo_stream(g, c, t);
    int n = c->nunits - 1; /* the grassroots units: 1 .. nunits-1 */
    unsigned char missed[KP_DEMO_MAX_UNITS];
    kp_demo_pick(&r, missed, n, kp_demo_share(n, c->profile->lecture_miss));
    kp_demo_events_clear(g);
    for (int u = 1; u < c->nunits; u++) {
        if (missed[u - 1])
            continue;
        int level = c->units[u].level, k = kp_demo_scaled(g, kp_rng_range(&r, 1, 2));
        for (int i = 0; i < k; i++) {
            int people = level == 3 ? kp_rng_range(&r, 50, 200) : kp_rng_range(&r, 20, 80);
            if (kp_demo_event_add(g, u, (int)kp_rng_below(&r, (uint32_t)days),
                                  (int)kp_rng_below(&r, NTITLES), people, 0, 0, e))
                return -1;
        }
    }
    kp_demo_events_sort(g);
    for (size_t i = 0; i < g->nevents; i++) {
        const struct kp_demo_event *ev = &g->events[i];
        kp_demo_put_text(g, t, c->units[ev->unit].code);
        kp_demo_put_date(g, t, g->opt->year, ev->day);
        kp_demo_put_text(g, t, lecture_titles[ev->variant]);
        kp_demo_put_int(g, t, ev->a);
        if (kp_demo_end_row(g, t, e))
            return -1;
    }
    return 0;
}

static int instructors(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const struct kp_demo_profile *p = c->profile;
    const int t = KP_T_HEALTH_INSTRUCTORS, nv = c->nvillages;
    kp_rng r = kp_demo_stream(g, c, t);
    unsigned char unreported[KP_DEMO_MAX_UNITS], ok[KP_DEMO_MAX_UNITS];
    int nu = kp_demo_share(nv, p->instructor_unreported);
    int nok = kp_demo_share(nv, p->instructor_ok);
    if (nok > nv - nu)
        nok = nv - nu;
    kp_demo_pick(&r, unreported, nv, nu);
    kp_demo_pick(&r, ok, nv - nu, nok); /* among the reporting villages, in order */
    int reporting = 0;
    for (int v = 0; v < nv; v++) {
        if (unreported[v])
            continue;
        int count = ok[reporting++] ? kp_rng_range(&r, 2, 4) : kp_rng_range(&r, 0, 1);
        kp_demo_put_int(g, t, g->opt->year);
        kp_demo_put_text(g, t, c->units[kp_demo_first_village(c) + v].code);
        kp_demo_put_int(g, t, count);
        if (kp_demo_end_row(g, t, e))
            return -1;
    }
    return 0;
}

static int projects(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const int t = KP_T_HEALTH_PROJECTS, n = c->profile->health_projects;
    kp_rng r = kp_demo_stream(g, c, t);
    for (int i = 0; i < n; i++) {
        /* The first: the county's 家庭健康服务中心, built when there are two;
         * then 新市民 projects in townships. */
        const struct kp_demo_unit *u = i == 0 ? &c->units[0] : &c->units[i];
        kp_demo_put_text(g, t, u->code);
        if (i == 0)
            kp_csv_out_fieldf(g->out[t], "%s家庭健康服务中心", u->name);
        else
            kp_csv_out_fieldf(g->out[t], "%s新市民健康促进项目", u->name);
        kp_demo_put_text(g, t, i == 0 ? "家庭健康服务中心" : "流动人口健康促进");
        kp_demo_put_text(g, t, i == 0 && n > 1 ? "建成" : kp_rng_percent(&r, 50) ? "立项" : "申报");
        if (kp_demo_end_row(g, t, e))
            return -1;
    }
    return 0;
}

int kp_demo_gen_health_promotion(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    if (c->profile->empty_areas & KP_AREA_HEALTH_PROMOTION)
        return 0;
    return lectures(g, c, e) || instructors(g, c, e) || projects(g, c, e) ? -1 : 0;
}
