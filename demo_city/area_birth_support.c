/*
 * area_birth_support.c — 开展生育支持服务: policy_outreach.csv and
 * service_sites.csv.
 *
 * Outreach goes only to the venues the profile reaches, each of them at least
 * once (进单位、进工厂、进学校、进社区、进家庭: a venue left out is what the
 * report shows).  The county's 优生优育指导中心 and its 向日葵亲子小屋 are at
 * the stage the profile says; extra sites are never further along.
 */
#include "demo_city/gen.h"

static const char *const venues[KP_VENUE_COUNT] = {"单位", "工厂", "学校", "社区", "家庭"};
static const char *const forms[] = {"海报", "展板", "宣传栏", "宣传单", "其他"};
static const int form_quantity[][2] = {{10, 100}, {2, 20}, {1, 10}, {200, 2000}, {5, 50}};
static const char *const site_states[] = {"建设中", "已建成", "已评估"};

static int outreach(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const struct kp_demo_profile *p = c->profile;
    const int t = KP_T_POLICY_OUTREACH, days = kp_demo_days_in_year(g->opt->year);
    kp_rng r = kp_demo_stream(g, c, t);
    int reached[KP_VENUE_COUNT], nreached = 0;
    for (int v = 0; v < KP_VENUE_COUNT; v++)
        if (p->venues & (1u << v))
            reached[nreached++] = v;
    if (nreached == 0)
        return 0;
    int total = kp_demo_scaled(g, p->outreach_events);
    if (total < nreached)
        total = nreached;

    kp_demo_events_clear(g);
    for (int i = 0; i < total; i++) {
        /* County 30%, townships 45%, villages 25%. */
        int pct = (int)kp_rng_below(&r, 100), u;
        if (pct < 30)
            u = 0;
        else if (pct < 75)
            u = 1 + (int)kp_rng_below(&r, (uint32_t)c->ntownships);
        else
            u = kp_demo_first_village(c) + (int)kp_rng_below(&r, (uint32_t)c->nvillages);
        int venue = i < nreached ? reached[i] : reached[kp_rng_below(&r, (uint32_t)nreached)];
        int form = (int)kp_rng_below(&r, 5);
        if (kp_demo_event_add(g, u, (int)kp_rng_below(&r, (uint32_t)days), venue, form,
                              kp_rng_range(&r, form_quantity[form][0], form_quantity[form][1]),
                              kp_rng_range(&r, 30, 800), e))
            return -1;
    }
    kp_demo_events_sort(g);
    for (size_t i = 0; i < g->nevents; i++) {
        const struct kp_demo_event *ev = &g->events[i];
        kp_demo_put_text(g, t, c->units[ev->unit].code);
        kp_demo_put_date(g, t, g->opt->year, ev->day);
        kp_demo_put_text(g, t, venues[ev->variant]);
        kp_demo_put_text(g, t, forms[ev->a]);
        kp_demo_put_int(g, t, ev->b);
        kp_demo_put_int(g, t, ev->c);
        if (kp_demo_end_row(g, t, e))
            return -1;
    }
    return 0;
}

static int site(struct kp_demo_gen *g, kp_rng *r, const struct kp_demo_unit *u, const char *kind,
                int status, kp_err *e)
{
    const int t = KP_T_SERVICE_SITES;
    kp_demo_put_text(g, t, u->code);
    kp_demo_put_text(g, t, kind);
    kp_csv_out_fieldf(g->out[t], "%s%s", u->name, kind);
    kp_demo_put_text(g, t, site_states[status]);
    if (status == 0) {
        kp_demo_put_empty(g, t);
    } else {
        /* An evaluated site was built the year before. */
        int year = status == 2 ? g->opt->year - 1 : g->opt->year;
        kp_demo_put_date(g, t, year, kp_rng_range(r, 0, 330));
    }
    return kp_demo_end_row(g, t, e);
}

static int sites(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const struct kp_demo_profile *p = c->profile;
    kp_rng r = kp_demo_stream(g, c, KP_T_SERVICE_SITES);
    if (p->centre_status >= 0) {
        if (site(g, &r, &c->units[0], "优生优育指导中心", p->centre_status, e))
            return -1;
        if (kp_rng_percent(&r, 50) &&
            site(g, &r, &c->units[1 + kp_rng_below(&r, (uint32_t)c->ntownships)],
                 "优生优育指导中心", 0, e))
            return -1;
    }
    if (p->cabin_status >= 0) {
        /* One to three cabins in distinct villages, communities first. */
        int n = kp_rng_range(&r, 1, 3), made = 0;
        for (int u = kp_demo_first_village(c); u < c->nunits && made < n; u++) {
            if (!c->units[u].urban && u + (n - made) < c->nunits)
                continue;
            int status = made == 0 ? p->cabin_status : kp_rng_range(&r, 0, p->cabin_status);
            if (site(g, &r, &c->units[u], "向日葵亲子小屋", status, e))
                return -1;
            made++;
        }
    }
    return 0;
}

int kp_demo_gen_birth_support(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    if (c->profile->empty_areas & KP_AREA_BIRTH_SUPPORT)
        return 0;
    return outreach(g, c, e) || sites(g, c, e) ? -1 : 0;
}
