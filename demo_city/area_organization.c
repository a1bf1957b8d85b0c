/*
 * area_organization.c — 规范基层组织建设: org_status.csv, one row per
 * association (county, townships, villages) for the assessed year.
 *
 * The profile decides exactly which townships and villages have not yet
 * re-elected, which townships lack a 会员之家, which units left the member
 * count empty, and how far the county's posted staff is from its budgeted
 * posts.
 */
#include "demo_city/gen.h"

int kp_demo_gen_organization(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const struct kp_demo_profile *p = c->profile;
    if (p->empty_areas & KP_AREA_ORGANIZATION)
        return 0;
    kp_rng r = kp_demo_stream(g, c, KP_T_ORG_STATUS);
    const int t = KP_T_ORG_STATUS, year = g->opt->year, nt = c->ntownships, nv = c->nvillages;

    unsigned char town_unelected[KP_DEMO_MAX_TOWNSHIPS], no_home[KP_DEMO_MAX_TOWNSHIPS];
    unsigned char village_unelected[KP_DEMO_MAX_UNITS], no_members[KP_DEMO_MAX_UNITS];
    kp_demo_pick(&r, town_unelected, nt, kp_demo_share(nt, p->org_township_miss));
    kp_demo_pick(&r, no_home, nt, kp_demo_share(nt, p->org_home_miss));
    kp_demo_pick(&r, village_unelected, nv, kp_demo_share(nv, p->org_village_miss));
    /* Member counts: over every grassroots unit (townships and villages). */
    kp_demo_pick(&r, no_members, nt + nv, kp_demo_share(nt + nv, p->org_members_miss));

    for (int u = 0; u < c->nunits; u++) {
        int level = c->units[u].level, reelected, home, staff = 0, members, on = 0;
        if (level == 2) {
            reelected = p->org_county_reelected;
            home = 1;
            members = kp_rng_range(&r, 8000, 30000);
        } else if (level == 3) {
            reelected = !town_unelected[u - 1];
            home = !no_home[u - 1];
            members = no_members[u - 1] ? -1 : kp_rng_range(&r, 300, 3000);
        } else {
            reelected = !village_unelected[u - 1 - nt];
            /* Villages' homes are assessed apart from the townships'. */
            home = kp_rng_percent(&r, 100 - p->org_home_miss - 10);
            members = no_members[u - 1] ? -1 : kp_rng_range(&r, 30, 400);
        }
        kp_demo_put_text(g, t, c->units[u].code);
        kp_demo_put_int(g, t, year);
        kp_demo_put_bool(g, t, reelected);
        if (reelected)
            kp_demo_put_date(g, t, year, on = kp_rng_range(&r, 40, 270));
        else
            kp_demo_put_empty(g, t);
        if (level == 2) {
            staff = kp_rng_range(&r, 5, 9);
            int gap = kp_rng_percent(&r, 50) ? p->org_staff_gap : -p->org_staff_gap;
            kp_demo_put_int(g, t, staff + gap);
            kp_demo_put_int(g, t, staff);
        } else if (level == 3) {
            staff = kp_rng_range(&r, 1, 3);
            kp_demo_put_int(g, t, staff);
            kp_demo_put_int(g, t, staff);
        } else {
            kp_demo_put_empty(g, t);
            kp_demo_put_empty(g, t);
        }
        if (members < 0)
            kp_demo_put_empty(g, t);
        else
            kp_demo_put_int(g, t, members);
        kp_demo_put_bool(g, t, home);
        /* Every county's term falls due in the year: one that re-elected did
         * so before the due date, one that did not is overdue (按期换届 is
         * judged by these dates). */
        if (level == 2)
            kp_demo_put_date(g, t, year, reelected ? on + kp_rng_range(&r, 5, 60) : 180);
        else
            kp_demo_put_empty(g, t);
        if (kp_demo_end_row(g, t, e))
            return -1;
    }
    return 0;
}
