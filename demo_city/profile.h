/*
 * profile.h — what kind of county each demo county is.
 *
 * A profile is a handful of knobs per work area, each tied to one target of
 * the 2023 plan (see work-areas.md): how many townships held no 宣讲, which
 * outreach venues were never reached, how many months went without two
 * information reports, which whole areas sent nothing at all.  Shares are
 * exact: "lecture_miss 50" leaves exactly half of the grassroots associations
 * (rounded) without a lecture, so a profile shows the same way for every seed.
 */
#ifndef KP_DEMO_PROFILE_H
#define KP_DEMO_PROFILE_H

/* The work areas, as bits for `empty_areas`. */
enum kp_demo_area {
    KP_AREA_PUBLICITY = 1u << 0,
    KP_AREA_ORGANIZATION = 1u << 1,
    KP_AREA_BIRTH_SUPPORT = 1u << 2,
    KP_AREA_FAMILY_SUPPORT = 1u << 3,
    KP_AREA_HEALTH_PROMOTION = 1u << 4,
    KP_AREA_REPRODUCTIVE_HEALTH = 1u << 5,
    KP_AREA_MARRIAGE_CULTURE = 1u << 6,
    KP_AREA_INFLUENCE = 1u << 7,
};

/* Outreach venues, as bits for `venues`, in the contract's order. */
#define KP_VENUE_COUNT 5
/* The four county youth projects of the plan and the university project, as bits. */
#define KP_YOUTH_PROJECT_COUNT 5

struct kp_demo_profile {
    const char *name;    /* 示范, 良好 ... */
    const char *summary; /* what the assessment shows for it, and why */
    int kind;            /* enum kp_sample_profile, what plugins are told */
    double diligence;    /* 0..1, how much of the plan the county carries out */

    /* publicity: events in the county, % of townships that held no 宣讲 */
    int pub_events, pub_township_miss;

    /* organization */
    int org_county_reelected;            /* 1 yes, 0 no                          */
    int org_township_miss, org_village_miss; /* % not re-elected                 */
    int org_home_miss;                   /* % of townships without 会员之家     */
    int org_staff_gap;                   /* |在岗 − 在编| of the county          */
    int org_members_miss;                /* % of units with no member count     */

    /* birth_support */
    unsigned venues;                     /* venue bits reached                  */
    int outreach_events;
    int centre_status, cabin_status;     /* 0 建设中 1 已建成 2 已评估, -1 none  */

    /* family_support */
    int families;                        /* special families in the county     */
    int fam_liaison_miss, fam_doctor_miss, fam_priority_miss; /* %              */
    int fam_visit_miss;                  /* % visited fewer than twice          */
    int fam_nursing_miss;                /* % without 住院护理补贴保险           */
    int insurance_growth;                /* % change of policies on last year   */
    int warm_home_status;                /* best 暖心家园: 0 申报 1 在建 2 建成  */

    /* health_promotion */
    int lecture_miss;                    /* % of grassroots units without one   */
    int instructor_ok;                   /* % of villages with 2 or more        */
    int instructor_unreported;           /* % of villages with no row           */
    int health_projects;

    /* reproductive_health */
    unsigned youth_projects;             /* project bits that ran               */
    int trainers, trainer_levels;        /* trained, school levels they cover   */

    /* marriage_culture */
    int journal_miss;                    /* % of grassroots units without a copy */
    unsigned key_dates;                  /* bit 0: 5·29, bit 1: 7·11            */
    int culture_events;                  /* besides the key dates               */

    /* influence */
    int report_months_short;             /* months with fewer than 2 reports    */
    int province_point;                  /* 0 none, 1 申报, 2 建成               */
    int uniform_miss;                    /* % of volunteer events out of uniform */
    int volunteer_events;

    unsigned empty_areas;                /* areas with no rows at all           */
};

/* County i's profile: the ten first counties take them in a fixed order
 * that mixes good and bad, larger cities repeat it. */
const struct kp_demo_profile *kp_demo_profile_of(int county_index);

#endif
