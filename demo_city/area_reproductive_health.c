/*
 * area_reproductive_health.c — 拓展生殖健康服务: youth_trainers.csv and
 * youth_projects.csv.
 *
 * Trainers are spread over as many school levels as the profile says (the
 * target wants at least two); the county runs the youth projects whose bits
 * the profile sets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_city/gen.h"

static const char *const school_levels[] = {"中学", "大学", "小学", "社区"};
static const char *const youth_projects[KP_YOUTH_PROJECT_COUNT] = {
    "青春健康成长之道", "青春健康沟通之道家庭培训", "青春健康俱乐部", "关爱儿童远离侵害",
    "青春健康高校项目",
};

static int trainers(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const struct kp_demo_profile *p = c->profile;
    const int t = KP_T_YOUTH_TRAINERS, n = kp_demo_scaled(g, p->trainers);
    kp_rng r = kp_demo_stream(g, c, t);
    /* Names already used, with their unit: the key is (unit, name). */
    struct trainer {
        int unit;
        char name[KP_DEMO_NAME_MAX];
    } *made = malloc((size_t)n * sizeof *made);
    if (!made)
        return kp_fail(e, "out of memory");
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        struct trainer *tr = &made[i];
        tr->unit = kp_rng_percent(&r, 60) ? 0 : 1 + (int)kp_rng_below(&r, (uint32_t)c->ntownships);
        for (int attempt = 0;; attempt++) {
            kp_demo_person_name(&r, tr->name);
            int j = 0;
            while (j < i && (made[j].unit != tr->unit || strcmp(made[j].name, tr->name)))
                j++;
            if (j == i)
                break;
            if (attempt == 20) { /* a crowded unit: a number tells namesakes apart, as rosters do */
                size_t len = strlen(tr->name);
                snprintf(tr->name + len, sizeof tr->name - len, "(%d)", i + 1);
                break;
            }
        }
        kp_demo_put_text(g, t, c->units[tr->unit].code);
        kp_demo_put_text(g, t, tr->name);
        kp_demo_put_text(g, t, school_levels[i % p->trainer_levels]);
        kp_demo_put_date(g, t, g->opt->year, kp_rng_range(&r, 60, 300));
        rc = kp_demo_end_row(g, t, e);
    }
    free(made);
    return rc;
}

static int projects(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    const int t = KP_T_YOUTH_PROJECTS;
    kp_rng r = kp_demo_stream(g, c, t);
    for (int i = 0; i < KP_YOUTH_PROJECT_COUNT; i++) {
        if (!(c->profile->youth_projects & (1u << i)))
            continue;
        int sessions = kp_demo_scaled(g, kp_rng_range(&r, 2, 8));
        kp_demo_put_text(g, t, c->units[0].code);
        kp_demo_put_text(g, t, youth_projects[i]);
        kp_demo_put_int(g, t, g->opt->year);
        kp_demo_put_int(g, t, sessions);
        kp_demo_put_int(g, t, (long)sessions * kp_rng_range(&r, 20, 60));
        if (kp_demo_end_row(g, t, e))
            return -1;
    }
    return 0;
}

int kp_demo_gen_reproductive_health(struct kp_demo_gen *g, const struct kp_demo_county *c,
                                    kp_err *e)
{
    if (c->profile->empty_areas & KP_AREA_REPRODUCTIVE_HEALTH)
        return 0;
    return trainers(g, c, e) || projects(g, c, e) ? -1 : 0;
}
