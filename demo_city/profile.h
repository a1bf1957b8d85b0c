/*
 * profile.h — what kind of county each demo county is.
 *
 * The kind (enum kp_sample_profile in kaoping/plugin.h) is what each work
 * area's sample rows are told: the area decides how that kind of county
 * falls short in its own tables, the city only which county is of which
 * kind, and what the assessment will show for it.
 */
#ifndef KP_DEMO_PROFILE_H
#define KP_DEMO_PROFILE_H

struct kp_demo_profile {
    const char *name;    /* 示范, 良好 ... */
    const char *summary; /* what the assessment shows for it, and why */
    int kind;            /* enum kp_sample_profile, what plugins are told */
    double diligence;    /* 0..1, how much of the plan the county carries out */
};

/* County i's profile: the ten first counties take them in a fixed order
 * that mixes good and bad, larger cities repeat it. */
const struct kp_demo_profile *kp_demo_profile_of(int county_index);

#endif
