/*
 * sample.c — the demo city's org_status: one row per association (county,
 * townships, villages) for the assessed year.
 *
 * The county's kind decides exactly which townships and villages have not
 * yet re-elected, which townships lack a 会员之家, which units left the
 * member count empty, and how far the county's posted staff is from its
 * budgeted posts.
 */
#include "sample.h"

#include <kaoping/sample.h>

struct knobs {
    int org_county_reelected;                /* 1 yes, 0 no                  */
    int org_township_miss, org_village_miss; /* % not re-elected             */
    int org_home_miss;                       /* % of townships without 会员之家 */
    int org_staff_gap;                       /* |在岗 − 在编| of the county  */
    int org_members_miss;                    /* % of units with no member count */
};

static const struct knobs knobs[] = {
    [KP_SAMPLE_EXEMPLARY] = {.org_county_reelected = 1, .org_township_miss = 0,
                             .org_village_miss = 0, .org_home_miss = 0, .org_staff_gap = 0,
                             .org_members_miss = 0},
    [KP_SAMPLE_GOOD] = {.org_county_reelected = 1, .org_township_miss = 0, .org_village_miss = 5,
                        .org_home_miss = 10, .org_staff_gap = 0, .org_members_miss = 5},
    [KP_SAMPLE_AVERAGE] = {.org_county_reelected = 1, .org_township_miss = 10,
                           .org_village_miss = 15, .org_home_miss = 25, .org_staff_gap = 1,
                           .org_members_miss = 10},
    [KP_SAMPLE_WEAK_OUTREACH] = {.org_county_reelected = 1, .org_township_miss = 0,
                                 .org_village_miss = 5, .org_home_miss = 10, .org_staff_gap = 0,
                                 .org_members_miss = 5},
    [KP_SAMPLE_MISSING_DATA] = {.org_county_reelected = 1, .org_township_miss = 0,
                                .org_village_miss = 5, .org_home_miss = 10, .org_staff_gap = 0,
                                .org_members_miss = 40},
    [KP_SAMPLE_WEAK] = {.org_county_reelected = 0, .org_township_miss = 30,
                        .org_village_miss = 40, .org_home_miss = 50, .org_staff_gap = 3,
                        .org_members_miss = 25},
};

struct marks {
    unsigned char town_unelected[KP_KIT_MAX_UNITS], no_home[KP_KIT_MAX_UNITS];
    unsigned char village_unelected[KP_KIT_MAX_UNITS], no_members[KP_KIT_MAX_UNITS];
};

static int row(struct kp_kit *k, const struct knobs *p, const struct marks *m, int u)
{
    const int nt = k->ntownships, level = k->h->unit_level(k->s, u);
    int reelected, home, staff, members, on = 0;
    if (level == 2) {
        reelected = p->org_county_reelected;
        home = 1;
        members = kp_kit_range(k, 8000, 30000);
    } else if (level == 3) {
        reelected = !m->town_unelected[u - 1];
        home = !m->no_home[u - 1];
        members = m->no_members[u - 1] ? -1 : kp_kit_range(k, 300, 3000);
    } else {
        reelected = !m->village_unelected[u - 1 - nt];
        /* Villages' homes are assessed apart from the townships'. */
        home = kp_kit_percent(k, 100 - p->org_home_miss - 10);
        members = m->no_members[u - 1] ? -1 : kp_kit_range(k, 30, 400);
    }
    kp_kit_text(k, k->h->unit_code(k->s, u));
    kp_kit_int(k, k->year);
    kp_kit_bool(k, reelected);
    if (reelected)
        kp_kit_date(k, k->year, on = kp_kit_range(k, 40, 270));
    else
        kp_kit_empty(k);
    if (level == 2) {
        staff = kp_kit_range(k, 5, 9);
        int gap = kp_kit_percent(k, 50) ? p->org_staff_gap : -p->org_staff_gap;
        kp_kit_int(k, staff + gap);
        kp_kit_int(k, staff);
    } else if (level == 3) {
        staff = kp_kit_range(k, 1, 3);
        kp_kit_int(k, staff);
        kp_kit_int(k, staff);
    } else {
        kp_kit_empty(k);
        kp_kit_empty(k);
    }
    if (members < 0)
        kp_kit_empty(k);
    else
        kp_kit_int(k, members);
    kp_kit_bool(k, home);
    /* Every county's term falls due in the year: one that re-elected did so
     * before the due date, one that did not is overdue (按期换届 is judged by
     * these dates). */
    if (level == 2)
        kp_kit_date(k, k->year, reelected ? on + kp_kit_range(k, 5, 60) : 180);
    else
        kp_kit_empty(k);
    return kp_kit_end_row(k);
}

int organization_sample_status(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    const struct knobs *p = &knobs[h->profile(s)];
    const int nt = k.ntownships, nv = k.nvillages;
    struct marks *m = malloc(sizeof *m);
    if (!m)
        return h->fail(s, "out of memory");
    kp_kit_pick(&k, m->town_unelected, nt, kp_kit_share(nt, p->org_township_miss));
    kp_kit_pick(&k, m->no_home, nt, kp_kit_share(nt, p->org_home_miss));
    kp_kit_pick(&k, m->village_unelected, nv, kp_kit_share(nv, p->org_village_miss));
    /* Member counts: over every grassroots unit (townships and villages). */
    kp_kit_pick(&k, m->no_members, nt + nv, kp_kit_share(nt + nv, p->org_members_miss));
    int rc = 0;
    for (int u = 0; u < k.nunits && rc == 0; u++)
        rc = row(&k, p, m, u);
    free(m);
    return kp_kit_end(&k, rc);
}
