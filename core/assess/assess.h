/*
 * assess.h — running an assessment: every county's indicators computed by the
 * plugins, scored by the rules, totalled, graded, ranked and stored as a run.
 */
#ifndef KP_ASSESS_ASSESS_H
#define KP_ASSESS_ASSESS_H

#include "assess/rules.h"
#include "plugin/registry.h"
#include "store/store.h"
#include "util/err.h"

typedef struct kp_assess_summary {
    long long run_id;
    size_t counties;
    size_t scored, no_data, not_scored, skipped; /* item results, over all counties */
    size_t unrated;       /* of not_scored: assessor-scored items with no score yet (未评分) */
    size_t skipped_areas;
    /* Where the time went, in seconds. */
    double t_indicators;  /* plugins computing figures (SQL)                   */
    double t_scoring;     /* Lua rules turning figures into points             */
    double t_storing;     /* writing the run                                   */
} kp_assess_summary;

/*
 * Assess every county for `year` with `rules` (which must have no errors) and
 * store the run.  A plugin or rule that fails marks its item "not scored"
 * with the reason and the run goes on; only a failure of the host (the
 * database, memory) returns -1.
 */
int kp_assess_run(kp_store *store, const kp_registry *reg, kp_rules *rules, int year,
                  kp_assess_summary *sum, kp_err *e);

/* Ranking: equal scores (to the cent) share a rank and the next is skipped
 * (1, 2, 2, 4).  `scores` are in the order the units are listed (by code);
 * fills ranks[i] for unit i. */
void kp_assess_rank(const double *scores, size_t n, int *ranks);

#endif
