/*
 * sample.c — the demo city's journal_subscriptions and culture_events.
 *
 * A grassroots association the county's kind counts as without the journal
 * either sent no row or a row with 0 copies, as both happen.  The 5·29 and
 * 7·11 events fall on those very dates, held by the county and a few
 * townships, and only for the key dates its kind keeps.
 */
#include "sample.h"

#include <kaoping/sample.h>

static const struct {
    int journal_miss;   /* % of grassroots units without a copy */
    unsigned key_dates; /* bit 0: 5·29, bit 1: 7·11            */
    int culture_events; /* besides the key dates               */
} knobs[] = {
    [KP_SAMPLE_EXEMPLARY] = {.journal_miss = 0, .key_dates = 3, .culture_events = 6},
    [KP_SAMPLE_GOOD] = {.journal_miss = 5, .key_dates = 3, .culture_events = 4},
    [KP_SAMPLE_AVERAGE] = {.journal_miss = 15, .key_dates = 1, .culture_events = 3},
    [KP_SAMPLE_WEAK_OUTREACH] = {.journal_miss = 5, .key_dates = 3, .culture_events = 2},
    [KP_SAMPLE_MISSING_DATA] = {.journal_miss = 5, .key_dates = 3, .culture_events = 4},
    [KP_SAMPLE_WEAK] = {.journal_miss = 40, .key_dates = 2, .culture_events = 2},
};

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

int marriage_culture_sample_journals(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    const int n = k.nunits - 1;
    unsigned char missed[KP_KIT_MAX_UNITS];
    kp_kit_pick(&k, missed, n, kp_kit_share(n, knobs[h->profile(s)].journal_miss));
    for (int u = 1; u < k.nunits; u++) {
        int copies;
        if (missed[u - 1]) {
            if (kp_kit_percent(&k, 50))
                continue;
            copies = 0;
        } else {
            copies = h->unit_level(s, u) == 3 ? kp_kit_range(&k, 2, 10) : kp_kit_range(&k, 1, 3);
        }
        kp_kit_text(&k, h->unit_code(s, u));
        kp_kit_int(&k, k.year);
        kp_kit_int(&k, copies);
        if (kp_kit_end_row(&k))
            return -1;
    }
    return 0;
}

/* The county and one to three townships mark a key date. */
static int key_date(struct kp_kit *k, int day, int first_variant)
{
    unsigned char hosts[KP_KIT_MAX_UNITS];
    kp_kit_pick(k, hosts, k->ntownships, kp_kit_range(k, 1, 3));
    if (kp_kit_event_add(k, 0, day, first_variant + kp_kit_below(k, 2),
                         kp_kit_range(k, 100, 300), 0, 0))
        return -1;
    for (int i = 0; i < k->ntownships; i++)
        if (hosts[i] && kp_kit_event_add(k, 1 + i, day, first_variant + kp_kit_below(k, 2),
                                         kp_kit_range(k, 40, 150), 0, 0))
            return -1;
    return 0;
}

static int collect_events(struct kp_kit *k)
{
    const int p = k->h->profile(k->s), year = k->year;
    int d529 = kp_kit_day_of_year(year, 5, 29), d711 = kp_kit_day_of_year(year, 7, 11);
    if ((knobs[p].key_dates & 1) && key_date(k, d529, 0))
        return -1;
    if ((knobs[p].key_dates & 2) && key_date(k, d711, 2))
        return -1;
    int others = kp_kit_scaled(k, knobs[p].culture_events);
    for (int i = 0; i < others; i++) {
        int day;
        do
            day = kp_kit_below(k, kp_kit_days_in_year(year));
        while (day == d529 || day == d711);
        int u = kp_kit_percent(k, 30) ? 0 : 1 + kp_kit_below(k, k->nunits - 1);
        if (kp_kit_event_add(k, u, day, FIRST_OTHER + kp_kit_below(k, NEVENTS - FIRST_OTHER),
                             kp_kit_range(k, 20, 120), 0, 0))
            return -1;
    }
    kp_kit_events_sort(k);
    return 0;
}

int marriage_culture_sample_events(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    if (collect_events(&k))
        return kp_kit_end(&k, -1);
    for (size_t i = 0; i < k.nevents; i++) {
        const struct kp_kit_event *ev = &k.events[i];
        kp_kit_text(&k, h->unit_code(s, ev->unit));
        kp_kit_date(&k, k.year, ev->day);
        kp_kit_text(&k, events[ev->variant].title);
        kp_kit_text(&k, events[ev->variant].occasion);
        kp_kit_int(&k, ev->a);
        if (kp_kit_end_row(&k))
            return kp_kit_end(&k, -1);
    }
    return kp_kit_end(&k, 0);
}
