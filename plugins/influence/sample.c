/*
 * sample.c — the demo city's info_reports, brand_projects and
 * volunteer_events.
 *
 * The plan wants two information reports a month: a month the county's kind
 * marks short gets one or none, every other month two to four (times the
 * scale), on distinct days and titles so that no report merges with another.
 * The provincial 家庭健康促进行动项目点 is built, only applied for, or absent.
 */
#include "sample.h"

#include <kaoping/sample.h>

static const struct {
    int report_months_short; /* months with fewer than 2 reports    */
    int province_point;      /* 0 none, 1 申报, 2 建成               */
    int uniform_miss;        /* % of volunteer events out of uniform */
    int volunteer_events;
} knobs[] = {
    [KP_SAMPLE_EXEMPLARY] = {.report_months_short = 0, .province_point = 2, .uniform_miss = 0,
                             .volunteer_events = 10},
    [KP_SAMPLE_GOOD] = {.report_months_short = 1, .province_point = 2, .uniform_miss = 10,
                        .volunteer_events = 8},
    [KP_SAMPLE_AVERAGE] = {.report_months_short = 3, .province_point = 1, .uniform_miss = 30,
                           .volunteer_events = 6},
    [KP_SAMPLE_WEAK_OUTREACH] = {.report_months_short = 5, .province_point = 2,
                                 .uniform_miss = 40, .volunteer_events = 5},
    [KP_SAMPLE_MISSING_DATA] = {.report_months_short = 1, .province_point = 2,
                                .uniform_miss = 10, .volunteer_events = 8},
    [KP_SAMPLE_WEAK] = {.report_months_short = 6, .province_point = 0, .uniform_miss = 60,
                        .volunteer_events = 4},
};

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
static const char *adopted(struct kp_kit *k)
{
    int x = kp_kit_below(k, 100);
    return x < 70 ? "" : x < 90 ? "市" : x < 98 ? "省" : "国家";
}

/* One month's reports: distinct (day, title) pairs, written in day order. */
static int month(struct kp_kit *k, int m, int is_short)
{
    const int first = kp_kit_day_of_year(k->year, m, 1), mdays = kp_kit_month_length(k->year, m);
    int n = is_short ? kp_kit_range(k, 0, 1) : kp_kit_scaled(k, kp_kit_range(k, 2, 4));
    if (n < 2 && !is_short)
        n = 2;
    if (n > mdays * NACTIVITIES / 2)
        n = mdays * NACTIVITIES / 2;
    uint32_t used[31] = {0};
    _Static_assert(NACTIVITIES <= 32, "one bit per activity");
    for (int i = 0; i < n;) {
        int d = kp_kit_below(k, mdays), a = kp_kit_below(k, NACTIVITIES);
        if (used[d] & (1u << a))
            continue;
        used[d] |= 1u << a;
        i++;
    }
    for (int d = 0; d < mdays; d++)
        for (int a = 0; a < NACTIVITIES; a++) {
            if (!(used[d] & (1u << a)))
                continue;
            kp_kit_text(k, k->h->unit_code(k->s, 0));
            kp_kit_date(k, k->year, first + d);
            kp_kit_textf(k, "%s计生协%s", k->h->unit_name(k->s, 0), activities[a]);
            kp_kit_text(k, adopted(k));
            /* Every report counted for the plan goes to the province. */
            kp_kit_text(k, "省计生协");
            if (kp_kit_end_row(k))
                return -1;
        }
    return 0;
}

int influence_sample_reports(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    unsigned char short_month[12];
    kp_kit_pick(&k, short_month, 12, knobs[h->profile(s)].report_months_short);
    for (int m = 1; m <= 12; m++)
        if (month(&k, m, short_month[m - 1]))
            return -1;
    return 0;
}

static int brand(struct kp_kit *k, const char *suffix, const char *level, const char *kind,
                 const char *status)
{
    kp_kit_text(k, k->h->unit_code(k->s, 0));
    kp_kit_textf(k, "%s%s", k->h->unit_name(k->s, 0), suffix);
    kp_kit_text(k, level);
    kp_kit_text(k, kind);
    kp_kit_text(k, status);
    return kp_kit_end_row(k);
}

int influence_sample_projects(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    int point = knobs[h->profile(s)].province_point;
    if (point > 0 && brand(&k, "家庭健康促进行动项目点", "省级", "家庭健康促进行动项目点",
                           point == 2 ? "建成" : "申报"))
        return -1;
    if (kp_kit_percent(&k, 60) && brand(&k, "“暖心家园”帮扶品牌", "市级", "品牌项目",
                                        kp_kit_percent(&k, 50) ? "建成" : "申报"))
        return -1;
    return 0;
}

static int write_volunteers(struct kp_kit *k, const unsigned char *plain)
{
    for (size_t i = 0; i < k->nevents; i++) {
        const struct kp_kit_event *ev = &k->events[i];
        kp_kit_text(k, k->h->unit_code(k->s, ev->unit));
        kp_kit_date(k, k->year, ev->day);
        kp_kit_text(k, volunteer_titles[ev->variant]);
        kp_kit_int(k, ev->a);
        kp_kit_bool(k, !plain[i]);
        if (kp_kit_end_row(k))
            return -1;
    }
    return 0;
}

int influence_sample_volunteers(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    const int p = h->profile(s), days = kp_kit_days_in_year(k.year);
    int n = kp_kit_scaled(&k, knobs[p].volunteer_events);
    for (int i = 0; i < n; i++) {
        int u = kp_kit_percent(&k, 40) ? 0 : 1 + kp_kit_below(&k, k.ntownships);
        if (kp_kit_event_add(&k, u, kp_kit_below(&k, days), kp_kit_below(&k, NVOLUNTEER),
                             kp_kit_range(&k, 5, 40), 0, 0))
            return kp_kit_end(&k, -1);
    }
    kp_kit_events_sort(&k);
    /* Out of uniform: the kind's share of the events actually written. */
    int m = (int)k.nevents;
    unsigned char *plain = malloc((size_t)m + 1);
    if (!plain)
        return kp_kit_end(&k, h->fail(s, "out of memory"));
    kp_kit_pick(&k, plain, m, kp_kit_share(m, knobs[p].uniform_miss));
    int rc = write_volunteers(&k, plain);
    free(plain);
    return kp_kit_end(&k, rc);
}
