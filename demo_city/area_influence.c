/*
 * area_influence.c — 扩大协会组织影响: info_reports.csv,
 * brand_projects.csv and volunteer_events.csv.
 *
 * The plan wants two information reports a month: a month the profile marks
 * short gets one or none, every other month two to four (times the scale),
 * on distinct days and titles so that no report merges with another.  The
 * provincial 家庭健康促进行动项目点 is built, only applied for, or absent.
 */
#include <stdint.h>
#include <stdlib.h>

#include "demo_city/gen.h"

static const char *const activities[] = {
    "召开年度工作会议",           "开展暖心行动走访慰问",     "举办家庭健康知识大讲堂",
    "开展优生优育进万家活动",     "推进基层组织换届工作",     "开展青春健康进校园活动",
    "组织志愿者参与文明城市创建", "开展计生特殊家庭帮扶",     "举办二十大精神宣讲",
    "开展新市民健康行动",         "召开会员代表座谈会",       "开展婚育新风进万家活动",
    "推进会员之家建设",           "开展政策宣传进社区活动",   "组织家庭健康指导员培训",
    "开展计生家庭意外伤害保险宣传", "举办好家风健康行活动",   "开展健康知识进万家活动",
    "慰问计生困难家庭",           "召开半年工作推进会",       "开展青春健康俱乐部活动",
    "举办亲子阅读活动",           "开展义诊咨询服务",         "开展关爱留守儿童活动",
};
#define NACTIVITIES (int)(sizeof activities / sizeof activities[0])

static const char *const volunteer_titles[] = {
    "暖心行动志愿服务",   "文明城市创建志愿服务", "国家卫生城市创建志愿服务",
    "健康义诊志愿服务",   "关爱计生特殊家庭志愿服务", "爱心助考志愿服务",
    "敬老助老志愿服务",   "环境整治志愿服务",   "政策宣传志愿服务",
};
#define NVOLUNTEER (int)(sizeof volunteer_titles / sizeof volunteer_titles[0])

/* Who adopted a report: mostly nobody, sometimes the city, rarely higher. */
static const char *adopted(kp_rng *r)
{
    int x = (int)kp_rng_below(r, 100);
    return x < 70 ? "" : x < 90 ? "市" : x < 98 ? "省" : "国家";
}

static int reports(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const int t = KP_T_INFO_REPORTS, year = g->opt->year;
    kp_rng r = kp_demo_stream(g, c, t);
    unsigned char short_month[12];
    kp_demo_pick(&r, short_month, 12, c->profile->report_months_short);
    for (int m = 1; m <= 12; m++) {
        int first = kp_demo_day_of_year(year, m, 1);
        int mdays = (m == 12 ? kp_demo_days_in_year(year) : kp_demo_day_of_year(year, m + 1, 1)) - first;
        int n = short_month[m - 1] ? kp_rng_range(&r, 0, 1) : kp_demo_scaled(g, kp_rng_range(&r, 2, 4));
        if (n < 2 && !short_month[m - 1])
            n = 2;
        if (n > mdays * NACTIVITIES / 2)
            n = mdays * NACTIVITIES / 2;
        /* Distinct (day, title) pairs, then written in day order. */
        uint32_t used[31] = {0};
        _Static_assert(NACTIVITIES <= 32, "one bit per activity");
        for (int i = 0; i < n;) {
            int d = (int)kp_rng_below(&r, (uint32_t)mdays), a = (int)kp_rng_below(&r, NACTIVITIES);
            if (used[d] & (1u << a))
                continue;
            used[d] |= 1u << a;
            i++;
        }
        for (int d = 0; d < mdays; d++)
            for (int a = 0; a < NACTIVITIES; a++) {
                if (!(used[d] & (1u << a)))
                    continue;
                kp_demo_put_text(g, t, c->units[0].code);
                kp_demo_put_date(g, t, year, first + d);
                kp_csv_out_fieldf(g->out[t], "%s计生协%s", c->units[0].name, activities[a]);
                kp_demo_put_text(g, t, adopted(&r));
                /* Every report counted for the plan goes to the province. */
                kp_demo_put_text(g, t, "省计生协");
                if (kp_demo_end_row(g, t, e))
                    return -1;
            }
    }
    return 0;
}

static int brand(struct kp_demo_gen *g, const struct kp_demo_county *c, const char *suffix,
                 const char *level, const char *kind, const char *status, kp_err *e)
{
    const int t = KP_T_BRAND_PROJECTS;
    kp_demo_put_text(g, t, c->units[0].code);
    kp_csv_out_fieldf(g->out[t], "%s%s", c->units[0].name, suffix);
    kp_demo_put_text(g, t, level);
    kp_demo_put_text(g, t, kind);
    kp_demo_put_text(g, t, status);
    return kp_demo_end_row(g, t, e);
}

static int brands(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    kp_rng r = kp_demo_stream(g, c, KP_T_BRAND_PROJECTS);
    int point = c->profile->province_point;
    if (point > 0 && brand(g, c, "家庭健康促进行动项目点", "省级", "家庭健康促进行动项目点",
                           point == 2 ? "建成" : "申报", e))
        return -1;
    if (kp_rng_percent(&r, 60) && brand(g, c, "“暖心家园”帮扶品牌", "市级", "品牌项目",
                                        kp_rng_percent(&r, 50) ? "建成" : "申报", e))
        return -1;
    return 0;
}

static int volunteers(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const int t = KP_T_VOLUNTEER_EVENTS, days = kp_demo_days_in_year(g->opt->year);
    kp_rng r = kp_demo_stream(g, c, t);
    int n = kp_demo_scaled(g, c->profile->volunteer_events);
    kp_demo_events_clear(g);
    for (int i = 0; i < n; i++) {
        int u = kp_rng_percent(&r, 40) ? 0 : 1 + (int)kp_rng_below(&r, (uint32_t)c->ntownships);
        if (kp_demo_event_add(g, u, (int)kp_rng_below(&r, (uint32_t)days),
                              (int)kp_rng_below(&r, NVOLUNTEER), kp_rng_range(&r, 5, 40), 0, 0, e))
            return -1;
    }
    kp_demo_events_sort(g);
    /* Out of uniform: the profile's share of the events actually written. */
    int m = (int)g->nevents;
    unsigned char *plain = malloc((size_t)m + 1);
    if (!plain)
        return kp_fail(e, "out of memory");
    kp_demo_pick(&r, plain, m, kp_demo_share(m, c->profile->uniform_miss));
    int rc = 0;
    for (int i = 0; i < m && rc == 0; i++) {
        const struct kp_demo_event *ev = &g->events[i];
        kp_demo_put_text(g, t, c->units[ev->unit].code);
        kp_demo_put_date(g, t, g->opt->year, ev->day);
        kp_demo_put_text(g, t, volunteer_titles[ev->variant]);
        kp_demo_put_int(g, t, ev->a);
        kp_demo_put_bool(g, t, !plain[i]);
        rc = kp_demo_end_row(g, t, e);
    }
    free(plain);
    return rc;
}

int kp_demo_gen_influence(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    if (c->profile->empty_areas & KP_AREA_INFLUENCE)
        return 0;
    return reports(g, c, e) || brands(g, c, e) || volunteers(g, c, e) ? -1 : 0;
}
