/*
 * manual.h — assessors' scores (评审打分) and self-assessments (自评) of the
 * items a rules file declares with rule = manual { ... }.
 */
#ifndef KP_ASSESS_MANUAL_H
#define KP_ASSESS_MANUAL_H

#include <sqlite3.h>

#include "plugin/registry.h"
#include "util/err.h"

/*
 * The latest assessor's score of `item` of `area` for `unit` and `year`,
 * with the self-assessment beside it, as figures and evidence in `res`
 * (KP_RESULT_NO_DATA when no assessor has scored it: 未评分).  *scored and
 * *points give the assessor's score.  Returns -1 only when the database or
 * memory fails.
 */
int kp_manual_score(sqlite3 *db, const char *unit, int year, const char *area, const char *item,
                    kp_indicator_result *res, int *scored, double *points, kp_err *e);

#endif
