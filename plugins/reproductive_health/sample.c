/*
 * sample.c — the demo city's youth_trainers and youth_projects.
 *
 * Trainers are spread over as many school levels as the county's kind says
 * (the target wants at least two); the county runs the youth projects whose
 * bits its kind sets.  A county that leaves data out sends nothing here.
 */
#include "sample.h"

#include <kaoping/sample.h>

#define NPROJECTS 5

static const struct {
    unsigned youth_projects;     /* project bits that ran              */
    int trainers, trainer_levels; /* trained, school levels they cover */
    int empty;                   /* the area sent no rows at all       */
} knobs[] = {
    [KP_SAMPLE_EXEMPLARY] = {.youth_projects = 0x1F, .trainers = 8, .trainer_levels = 4},
    [KP_SAMPLE_GOOD] = {.youth_projects = 0x0F, .trainers = 6, .trainer_levels = 3},
    [KP_SAMPLE_AVERAGE] = {.youth_projects = 0x07, .trainers = 4, .trainer_levels = 2},
    [KP_SAMPLE_WEAK_OUTREACH] = {.youth_projects = 0x0F, .trainers = 6, .trainer_levels = 3},
    [KP_SAMPLE_MISSING_DATA] = {.youth_projects = 0x0F, .trainers = 6, .trainer_levels = 3,
                                .empty = 1},
    [KP_SAMPLE_WEAK] = {.youth_projects = 0x05, .trainers = 3, .trainer_levels = 1},
};

static const char *const school_levels[] = {"中学", "大学", "小学", "社区"};
static const char *const youth_projects[NPROJECTS] = {
    "青春健康成长之道", "青春健康沟通之道家庭培训", "青春健康俱乐部", "关爱儿童远离侵害",
    "青春健康高校项目",
};

#define NAME_MAX_BYTES 64

/* Names already used, with their unit: the key is (unit, name). */
struct trainer {
    int unit;
    char name[NAME_MAX_BYTES];
};

static void name_trainer(struct kp_kit *k, struct trainer *made, int i)
{
    struct trainer *tr = &made[i];
    for (int attempt = 0;; attempt++) {
        snprintf(tr->name, sizeof tr->name, "%s", k->h->person_name(k->s));
        int j = 0;
        while (j < i && (made[j].unit != tr->unit || strcmp(made[j].name, tr->name)))
            j++;
        if (j == i)
            return;
        if (attempt == 20) { /* a crowded unit: a number tells namesakes apart, as rosters do */
            size_t len = strlen(tr->name);
            snprintf(tr->name + len, sizeof tr->name - len, "(%d)", i + 1);
            return;
        }
    }
}

int reproductive_health_sample_trainers(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    const int p = h->profile(s), n = kp_kit_scaled(&k, knobs[p].trainers);
    if (knobs[p].empty || n == 0)
        return 0;
    struct trainer *made = malloc((size_t)n * sizeof *made);
    if (!made)
        return h->fail(s, "out of memory");
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        made[i].unit = kp_kit_percent(&k, 60) ? 0 : 1 + kp_kit_below(&k, k.ntownships);
        name_trainer(&k, made, i);
        kp_kit_text(&k, h->unit_code(s, made[i].unit));
        kp_kit_text(&k, made[i].name);
        kp_kit_text(&k, school_levels[i % knobs[p].trainer_levels]);
        kp_kit_date(&k, k.year, kp_kit_range(&k, 60, 300));
        rc = kp_kit_end_row(&k);
    }
    free(made);
    return rc;
}

int reproductive_health_sample_projects(const struct kp_sample_host *h, struct kp_sample *s)
{
    struct kp_kit k;
    if (kp_kit_begin(&k, h, s))
        return -1;
    const int p = h->profile(s);
    if (knobs[p].empty)
        return 0;
    for (int i = 0; i < NPROJECTS; i++) {
        if (!(knobs[p].youth_projects & (1u << i)))
            continue;
        int sessions = kp_kit_scaled(&k, kp_kit_range(&k, 2, 8));
        kp_kit_text(&k, h->unit_code(s, 0));
        kp_kit_text(&k, youth_projects[i]);
        kp_kit_int(&k, k.year);
        kp_kit_int(&k, sessions);
        kp_kit_int(&k, (long)sessions * kp_kit_range(&k, 20, 60));
        if (kp_kit_end_row(&k))
            return -1;
    }
    return 0;
}
