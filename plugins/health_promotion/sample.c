/*
 * sample.c — the demo city's health_lectures, health_instructors and
 * health_projects.
 *
 * The plan asks every grassroots association for one or two lectures a year:
 * the covered ones hold that many (times the scale), the county kind's share
 * hold none.  Instructors: its share of all villages has two or more, another
 * share sent no row at all (counted as lacking), the rest have one or none.
 */
#include "sample.h"

#include <kaoping/sample.h>

static const struct {
    int lecture_miss;          /* % of grassroots units without one */
    int instructor_ok;         /* % of villages with 2 or more      */
    int instructor_unreported; /* % of villages with no row         */
    int health_projects;
} knobs[] = {
    [KP_SAMPLE_EXEMPLARY] = {.lecture_miss = 0, .instructor_ok = 70, .instructor_unreported = 0,
                             .health_projects = 2},
    [KP_SAMPLE_GOOD] = {.lecture_miss = 8, .instructor_ok = 60, .instructor_unreported = 5,
                        .health_projects = 1},
    [KP_SAMPLE_AVERAGE] = {.lecture_miss = 25, .instructor_ok = 45, .instructor_unreported = 10,
                           .health_projects = 1},
    [KP_SAMPLE_WEAK_OUTREACH] = {.lecture_miss = 5, .instructor_ok = 60,
                                 .instructor_unreported = 5, .health_projects = 1},
    [KP_SAMPLE_MISSING_DATA] = {.lecture_miss = 10, .instructor_ok = 0,
                                .instructor_unreported = 100, .health_projects = 1},
    [KP_SAMPLE_WEAK] = {.lecture_miss = 50, .instructor_ok = 20, .instructor_unreported = 30,
                        .health_projects = 0},
};

static const char *const lecture_titles[] = {
    "合理膳食 健康生活",     "科学育儿知识讲座",     "慢性病防治与自我管理",
    "心理健康与家庭和谐",   "老年人健康管理",       "青少年近视防控",
    "中医养生保健",         "传染病预防知识",       "家庭急救常识",
    "孕产期保健知识",       "口腔健康 全家行动",   "控烟限酒 健康你我",
    "全民健身 科学运动",     "婴幼儿照护知识",       "更年期健康讲座",
    "好家风健康行",
};
#define NTITLES (int)(sizeof lecture_titles / sizeof lecture_titles[0])

static int collect_lectures(struct kp_kit *k)
{
    const int days = kp_kit_days_in_year(k->year), n = k->nunits - 1; /* grassroots: 1.. */
    unsigned char missed[KP_KIT_MAX_UNITS];
    kp_kit_pick(k, missed, n, kp_kit_share(n, knobs[k->h->profile(k->s)].lecture_miss));
    for (int u = 1; u < k->nunits; u++) {
        if (missed[u - 1])
            continue;
        int level = k->h->unit_level(k->s, u), times = kp_kit_scaled(k, kp_kit_range(k, 1, 2));
        for (int i = 0; i < times; i++) {
            int people = level == 3 ? kp_kit_range(k, 50, 200) : kp_kit_range(k, 20, 80);
            if (kp_kit_event_add(k, u, kp_kit_below(k, days), kp_kit_below(k, NTITLES), people,
                                 0, 0))
                return -1;
        }
    }
    kp_kit_events_sort(k);
    return 0;
}

int health_promotion_sample_lectures(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    if (collect_lectures(&k))
        return kp_kit_end(&k, -1);
    for (size_t i = 0; i < k.nevents; i++) {
        const struct kp_kit_event *ev = &k.events[i];
        kp_kit_text(&k, h->unit_code(s, ev->unit));
        kp_kit_date(&k, k.year, ev->day);
        kp_kit_text(&k, lecture_titles[ev->variant]);
        kp_kit_int(&k, ev->a);
        if (kp_kit_end_row(&k))
            return kp_kit_end(&k, -1);
    }
    return kp_kit_end(&k, 0);
}

int health_promotion_sample_instructors(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    const int p = h->profile(s), nv = k.nvillages;
    unsigned char unreported[KP_KIT_MAX_UNITS], ok[KP_KIT_MAX_UNITS];
    int nu = kp_kit_share(nv, knobs[p].instructor_unreported);
    int nok = kp_kit_share(nv, knobs[p].instructor_ok);
    if (nok > nv - nu)
        nok = nv - nu;
    kp_kit_pick(&k, unreported, nv, nu);
    kp_kit_pick(&k, ok, nv - nu, nok); /* among the reporting villages, in order */
    int reporting = 0;
    for (int v = 0; v < nv; v++) {
        if (unreported[v])
            continue;
        int count = ok[reporting++] ? kp_kit_range(&k, 2, 4) : kp_kit_range(&k, 0, 1);
        kp_kit_text(&k, h->unit_code(s, kp_kit_first_village(&k) + v));
        kp_kit_int(&k, k.year);
        kp_kit_int(&k, count);
        if (kp_kit_end_row(&k))
            return -1;
    }
    return 0;
}

int health_promotion_sample_projects(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    const int n = knobs[h->profile(s)].health_projects;
    for (int i = 0; i < n; i++) {
        /* The first: the county's 家庭健康服务中心, built when there are two;
         * then 新市民 projects in townships. */
        kp_kit_text(&k, h->unit_code(s, i));
        kp_kit_textf(&k, i == 0 ? "%s家庭健康服务中心" : "%s新市民健康促进项目",
                     h->unit_name(s, i));
        kp_kit_text(&k, i == 0 ? "家庭健康服务中心" : "流动人口健康促进");
        kp_kit_text(&k, i == 0 && n > 1 ? "建成" : kp_kit_percent(&k, 50) ? "立项" : "申报");
        if (kp_kit_end_row(&k))
            return -1;
    }
    return 0;
}
