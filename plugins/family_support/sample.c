/*
 * sample.c — the demo city's special_families, warm_homes and
 * accident_insurance (this year and last, since the target is "在去年基础上
 * 稳中有升").
 *
 * Each of the "三个全覆盖", the visits and the nursing insurance misses
 * exactly the share of families the county's kind says, chosen
 * independently, so that the evidence lists different families for each.
 */
#include "sample.h"

#include <kaoping/sample.h>

static const struct {
    int families;                                               /* in the county */
    int fam_liaison_miss, fam_doctor_miss, fam_priority_miss;   /* %             */
    int fam_visit_miss;   /* % visited fewer than twice                         */
    int fam_nursing_miss; /* % without 住院护理补贴保险                          */
    int insurance_growth; /* % change of policies on last year                  */
    int warm_home_status; /* best 暖心家园: 0 申报 1 在建 2 建成                  */
} knobs[] = {
    [KP_SAMPLE_EXEMPLARY] = {.families = 60, .fam_liaison_miss = 0, .fam_doctor_miss = 0,
                             .fam_priority_miss = 0, .fam_visit_miss = 0, .fam_nursing_miss = 0,
                             .insurance_growth = 8, .warm_home_status = 2},
    [KP_SAMPLE_GOOD] = {.families = 50, .fam_liaison_miss = 0, .fam_doctor_miss = 4,
                        .fam_priority_miss = 2, .fam_visit_miss = 8, .fam_nursing_miss = 5,
                        .insurance_growth = 3, .warm_home_status = 2},
    [KP_SAMPLE_AVERAGE] = {.families = 50, .fam_liaison_miss = 10, .fam_doctor_miss = 12,
                           .fam_priority_miss = 8, .fam_visit_miss = 20, .fam_nursing_miss = 15,
                           .insurance_growth = 0, .warm_home_status = 1},
    [KP_SAMPLE_WEAK_OUTREACH] = {.families = 50, .fam_liaison_miss = 0, .fam_doctor_miss = 4,
                                 .fam_priority_miss = 2, .fam_visit_miss = 8,
                                 .fam_nursing_miss = 5, .insurance_growth = 2,
                                 .warm_home_status = 2},
    [KP_SAMPLE_MISSING_DATA] = {.families = 50, .fam_liaison_miss = 0, .fam_doctor_miss = 4,
                                .fam_priority_miss = 2, .fam_visit_miss = 8,
                                .fam_nursing_miss = 5, .insurance_growth = 3,
                                .warm_home_status = 2},
    [KP_SAMPLE_WEAK] = {.families = 60, .fam_liaison_miss = 25, .fam_doctor_miss = 30,
                        .fam_priority_miss = 20, .fam_visit_miss = 40, .fam_nursing_miss = 35,
                        .insurance_growth = -12, .warm_home_status = 0},
};

static const char *const warm_states[] = {"申报", "在建", "建成"};

enum { LIAISON, DOCTOR, PRIORITY, VISITS, NURSING, NFLAGS };

/* One family; `m` its marks, n apart. */
static int family(struct kp_kit *k, int village, int number, const unsigned char *m, int n)
{
    kp_kit_textf(k, "%.6s-%05d", k->h->unit_code(k->s, 0), number);
    kp_kit_text(k, k->h->unit_code(k->s, village));
    kp_kit_bool(k, !m[LIAISON * n]);
    kp_kit_bool(k, !m[DOCTOR * n]);
    kp_kit_bool(k, !m[PRIORITY * n]);
    kp_kit_int(k, m[VISITS * n] ? kp_kit_range(k, 0, 1) : kp_kit_range(k, 2, 6));
    kp_kit_bool(k, !m[NURSING * n]);
    kp_kit_bool(k, kp_kit_percent(k, 70));
    return kp_kit_end_row(k);
}

int family_support_sample_families(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    if (k.nvillages == 0)
        return 0;
    const int p = h->profile(s), n = kp_kit_scaled(&k, knobs[p].families);
    const int miss[NFLAGS] = {knobs[p].fam_liaison_miss, knobs[p].fam_doctor_miss,
                              knobs[p].fam_priority_miss, knobs[p].fam_visit_miss,
                              knobs[p].fam_nursing_miss};
    unsigned char *marks = malloc((size_t)n * NFLAGS);
    int per_village[KP_KIT_MAX_UNITS] = {0};
    if (!marks)
        return h->fail(s, "out of memory");
    for (int f = 0; f < NFLAGS; f++)
        kp_kit_pick(&k, marks + (size_t)f * (size_t)n, n, kp_kit_share(n, miss[f]));
    for (int i = 0; i < n; i++)
        per_village[kp_kit_below(&k, k.nvillages)]++;
    int number = 0, rc = 0;
    for (int v = 0; v < k.nvillages && rc == 0; v++)
        for (int i = 0; i < per_village[v] && rc == 0; i++, number++)
            rc = family(&k, kp_kit_first_village(&k) + v, number + 1, marks + number, n);
    free(marks);
    return rc;
}

int family_support_sample_homes(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    int best = knobs[h->profile(s)].warm_home_status, n = kp_kit_range(&k, 1, 3);
    /* Distinct townships, in order, so that names never repeat. */
    unsigned char at[KP_KIT_MAX_UNITS];
    kp_kit_pick(&k, at, k.ntownships, n);
    int first = 1;
    for (int i = 0; i < k.ntownships; i++) {
        if (!at[i])
            continue;
        kp_kit_text(&k, h->unit_code(s, 1 + i));
        kp_kit_textf(&k, "%s暖心家园", h->unit_name(s, 1 + i));
        kp_kit_text(&k, warm_states[first ? best : kp_kit_range(&k, 0, best)]);
        first = 0;
        if (kp_kit_end_row(&k))
            return -1;
    }
    return 0;
}

int family_support_sample_insurance(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    long last = kp_kit_range(&k, 800, 3200);
    long policies[2] = {last, last * (100 + knobs[h->profile(s)].insurance_growth) / 100};
    int price = kp_kit_percent(&k, 50) ? 50 : 100; /* yuan per policy */
    for (int y = 0; y < 2; y++) {
        long insured = policies[y] * kp_kit_range(&k, 150, 250) / 100;
        /* Premiums are paid per policy, with a few policies at a discount. */
        long cents = policies[y] * price * 100 - kp_kit_range(&k, 0, 40) * 250;
        kp_kit_text(&k, h->unit_code(s, 0));
        kp_kit_int(&k, k.year - 1 + y);
        kp_kit_int(&k, policies[y]);
        kp_kit_int(&k, insured);
        kp_kit_textf(&k, "%ld.%02ld", cents / 100, cents % 100);
        if (kp_kit_end_row(&k))
            return -1;
    }
    return 0;
}
