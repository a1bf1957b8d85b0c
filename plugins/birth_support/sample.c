/*
 * sample.c — the demo city's policy_outreach and service_sites.
 *
 * Outreach goes only to the venues the county's kind reaches, each of them
 * at least once (进单位、进工厂、进学校、进社区、进家庭: a venue left out is
 * what the report shows).  The county's 优生优育指导中心 and its 向日葵亲子小屋
 * are at the stage its kind says; extra sites are never further along.
 */
#include "sample.h"

#include <kaoping/sample.h>

/* Venue bits: 单位 工厂 学校 社区 家庭. */
#define V_UNIT 0x01u
#define V_FACTORY 0x02u
#define V_SCHOOL 0x04u
#define V_COMMUNITY 0x08u
#define V_HOME 0x10u
#define V_ALL 0x1Fu
#define NVENUES 5

static const struct {
    unsigned venues;                 /* venue bits reached                   */
    int outreach_events;
    int centre_status, cabin_status; /* 0 建设中 1 已建成 2 已评估, -1 none   */
} knobs[] = {
    [KP_SAMPLE_EXEMPLARY] = {.venues = V_ALL, .outreach_events = 28, .centre_status = 2,
                             .cabin_status = 1},
    [KP_SAMPLE_GOOD] = {.venues = V_ALL, .outreach_events = 22, .centre_status = 1,
                        .cabin_status = 1},
    [KP_SAMPLE_AVERAGE] = {.venues = V_ALL & ~V_FACTORY, .outreach_events = 15,
                           .centre_status = 0, .cabin_status = 1},
    [KP_SAMPLE_WEAK_OUTREACH] = {.venues = V_UNIT | V_SCHOOL | V_COMMUNITY,
                                 .outreach_events = 9, .centre_status = 1, .cabin_status = 1},
    [KP_SAMPLE_MISSING_DATA] = {.venues = V_ALL, .outreach_events = 20, .centre_status = 1,
                                .cabin_status = 1},
    [KP_SAMPLE_WEAK] = {.venues = V_UNIT | V_COMMUNITY, .outreach_events = 8,
                        .centre_status = -1, .cabin_status = 0},
};

static const char *const venues[NVENUES] = {"单位", "工厂", "学校", "社区", "家庭"};
static const char *const forms[] = {"海报", "展板", "宣传栏", "宣传单", "其他"};
static const int form_quantity[][2] = {{10, 100}, {2, 20}, {1, 10}, {200, 2000}, {5, 50}};
static const char *const site_states[] = {"建设中", "已建成", "已评估"};

static int collect(struct kp_kit *k, const int *reached, int nreached)
{
    int days = kp_kit_days_in_year(k->year);
    int total = kp_kit_scaled(k, knobs[k->h->profile(k->s)].outreach_events);
    if (total < nreached)
        total = nreached;
    for (int i = 0; i < total; i++) {
        /* County 30%, townships 45%, villages 25%. */
        int pct = kp_kit_below(k, 100), u;
        if (pct < 30)
            u = 0;
        else if (pct < 75)
            u = 1 + kp_kit_below(k, k->ntownships);
        else
            u = kp_kit_first_village(k) + kp_kit_below(k, k->nvillages);
        int venue = i < nreached ? reached[i] : reached[kp_kit_below(k, nreached)];
        int form = kp_kit_below(k, 5);
        if (kp_kit_event_add(k, u, kp_kit_below(k, days), venue, form,
                             kp_kit_range(k, form_quantity[form][0], form_quantity[form][1]),
                             kp_kit_range(k, 30, 800)))
            return -1;
    }
    kp_kit_events_sort(k);
    return 0;
}

int birth_support_sample_outreach(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    int reached[NVENUES], nreached = 0;
    for (int v = 0; v < NVENUES; v++)
        if (knobs[h->profile(s)].venues & (1u << v))
            reached[nreached++] = v;
    if (nreached == 0)
        return 0;
    if (collect(&k, reached, nreached))
        return kp_kit_end(&k, -1);
    for (size_t i = 0; i < k.nevents; i++) {
        const struct kp_kit_event *ev = &k.events[i];
        kp_kit_text(&k, h->unit_code(s, ev->unit));
        kp_kit_date(&k, k.year, ev->day);
        kp_kit_text(&k, venues[ev->variant]);
        kp_kit_text(&k, forms[ev->a]);
        kp_kit_int(&k, ev->b);
        kp_kit_int(&k, ev->c);
        if (kp_kit_end_row(&k))
            return kp_kit_end(&k, -1);
    }
    return kp_kit_end(&k, 0);
}

static int site(struct kp_kit *k, int u, const char *kind, int status)
{
    kp_kit_text(k, k->h->unit_code(k->s, u));
    kp_kit_text(k, kind);
    kp_kit_textf(k, "%s%s", k->h->unit_name(k->s, u), kind);
    kp_kit_text(k, site_states[status]);
    if (status == 0)
        kp_kit_empty(k);
    else /* An evaluated site was built the year before. */
        kp_kit_date(k, status == 2 ? k->year - 1 : k->year, kp_kit_range(k, 0, 330));
    return kp_kit_end_row(k);
}

static int cabins(struct kp_kit *k, int best)
{
    /* One to three cabins in distinct villages, communities first. */
    int n = kp_kit_range(k, 1, 3), made = 0;
    for (int u = kp_kit_first_village(k); u < k->nunits && made < n; u++) {
        if (!k->h->unit_urban(k->s, u) && u + (n - made) < k->nunits)
            continue;
        int status = made == 0 ? best : kp_kit_range(k, 0, best);
        if (site(k, u, "向日葵亲子小屋", status))
            return -1;
        made++;
    }
    return 0;
}

int birth_support_sample_sites(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    int centre = knobs[h->profile(s)].centre_status, cabin = knobs[h->profile(s)].cabin_status;
    if (centre >= 0) {
        if (site(&k, 0, "优生优育指导中心", centre))
            return -1;
        if (kp_kit_percent(&k, 50) &&
            site(&k, 1 + kp_kit_below(&k, k.ntownships), "优生优育指导中心", 0))
            return -1;
    }
    return cabin >= 0 ? cabins(&k, cabin) : 0;
}
