/*
 * area_family_support.c — 落实计生家庭帮扶: special_families.csv,
 * warm_homes.csv and accident_insurance.csv (this year and last, since the
 * target is "在去年基础上稳中有升").
 *
 * Each of the "三个全覆盖", the visits and the nursing insurance misses
 * exactly the share of families the profile says, chosen independently, so
 * that the evidence lists different families for each.
 */
#include <stdlib.h>

#include "demo_city/gen.h"

static const char *const warm_states[] = {"申报", "在建", "建成"};

enum { LIAISON, DOCTOR, PRIORITY, VISITS, NURSING, NFLAGS };

static int families(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const struct kp_demo_profile *p = c->profile;
    const int t = KP_T_SPECIAL_FAMILIES;
    kp_rng r = kp_demo_stream(g, c, t);
    int n = kp_demo_scaled(g, p->families);
    const int miss[NFLAGS] = {p->fam_liaison_miss, p->fam_doctor_miss, p->fam_priority_miss,
                              p->fam_visit_miss, p->fam_nursing_miss};
    unsigned char *marks = malloc((size_t)n * NFLAGS);
    int per_village[KP_DEMO_MAX_UNITS] = {0};
    if (!marks)
        return kp_fail(e, "out of memory");
    for (int f = 0; f < NFLAGS; f++)
        kp_demo_pick(&r, marks + (size_t)f * (size_t)n, n, kp_demo_share(n, miss[f]));
    for (int i = 0; i < n; i++)
        per_village[kp_rng_below(&r, (uint32_t)c->nvillages)]++;

    int family = 0, rc = 0;
    for (int v = 0; v < c->nvillages && rc == 0; v++) {
        const struct kp_demo_unit *u = &c->units[kp_demo_first_village(c) + v];
        for (int k = 0; k < per_village[v] && rc == 0; k++, family++) {
            const unsigned char *m = marks + family;
            kp_csv_out_fieldf(g->out[t], "%.6s-%05d", c->units[0].code, family + 1);
            kp_demo_put_text(g, t, u->code);
            kp_demo_put_bool(g, t, !m[LIAISON * n]);
            kp_demo_put_bool(g, t, !m[DOCTOR * n]);
            kp_demo_put_bool(g, t, !m[PRIORITY * n]);
            kp_demo_put_int(g, t, m[VISITS * n] ? kp_rng_range(&r, 0, 1) : kp_rng_range(&r, 2, 6));
            kp_demo_put_bool(g, t, !m[NURSING * n]);
            kp_demo_put_bool(g, t, kp_rng_percent(&r, 70));
            rc = kp_demo_end_row(g, t, e);
        }
    }
    free(marks);
    return rc;
}

static int warm_homes(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const int t = KP_T_WARM_HOMES;
    kp_rng r = kp_demo_stream(g, c, t);
    int best = c->profile->warm_home_status, n = kp_rng_range(&r, 1, 3);
    /* Distinct townships, in order, so that names never repeat. */
    unsigned char at[KP_DEMO_MAX_TOWNSHIPS];
    kp_demo_pick(&r, at, c->ntownships, n);
    int first = 1;
    for (int i = 0; i < c->ntownships; i++) {
        if (!at[i])
            continue;
        const struct kp_demo_unit *u = &c->units[1 + i];
        kp_demo_put_text(g, t, u->code);
        kp_csv_out_fieldf(g->out[t], "%s暖心家园", u->name);
        kp_demo_put_text(g, t, warm_states[first ? best : kp_rng_range(&r, 0, best)]);
        first = 0;
        if (kp_demo_end_row(g, t, e))
            return -1;
    }
    return 0;
}

static int insurance(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const int t = KP_T_ACCIDENT_INSURANCE;
    kp_rng r = kp_demo_stream(g, c, t);
    long last = kp_rng_range(&r, 800, 3200);
    long policies[2] = {last, last * (100 + c->profile->insurance_growth) / 100};
    int price = kp_rng_percent(&r, 50) ? 50 : 100; /* yuan per policy */
    for (int y = 0; y < 2; y++) {
        long insured = policies[y] * kp_rng_range(&r, 150, 250) / 100;
        /* Premiums are paid per policy, with a few policies at a discount. */
        long cents = policies[y] * price * 100 - kp_rng_range(&r, 0, 40) * 250;
        kp_demo_put_text(g, t, c->units[0].code);
        kp_demo_put_int(g, t, g->opt->year - 1 + y);
        kp_demo_put_int(g, t, policies[y]);
        kp_demo_put_int(g, t, insured);
        kp_csv_out_fieldf(g->out[t], "%ld.%02ld", cents / 100, cents % 100);
        if (kp_demo_end_row(g, t, e))
            return -1;
    }
    return 0;
}

int kp_demo_gen_family_support(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    if (c->profile->empty_areas & KP_AREA_FAMILY_SUPPORT)
        return 0;
    return families(g, c, e) || warm_homes(g, c, e) || insurance(g, c, e) ? -1 : 0;
}
