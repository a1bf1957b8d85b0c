/*
 * assess_impl.h — an assessment run while it is computed, shared by
 * assess.c (computing) and run_store.c (writing).  Not for use outside
 * core/assess/.
 */
#ifndef KP_ASSESS_ASSESS_IMPL_H
#define KP_ASSESS_ASSESS_IMPL_H

#include "assess/assess.h"

enum kp_item_status { KP_ITEM_SCORED, KP_ITEM_NO_DATA, KP_ITEM_NOT_SCORED, KP_ITEM_SKIPPED };

struct kp_item_data {
    int status;                 /* enum kp_item_status                          */
    int has_figure, has_previous, has_points, vetoed;
    double figure, previous;
    long long points_cents, possible_cents;
    char *explanation;          /* Chinese, for reports                          */
    char *reason;               /* why not scored / skipped, else NULL           */
    kp_indicator_result res;    /* figures and evidence from the plugin          */
};

struct kp_area_data {
    int assessed;
    long long base, bonus, deduction, points; /* cents */
};

struct kp_unit_data {
    char *code, *name;
    struct kp_area_data *areas;  /* one per rules area                           */
    struct kp_item_data *items;  /* every item of every area, in rules order     */
    long long total, possible, score; /* cents; score is out of 100.00           */
    char *grade, *grade_before_veto, *vetoed_by;
    int rank;
    size_t not_scored, no_data;
};

struct kp_run_data {
    kp_rules *rules;
    sqlite3 *db;                 /* the store, for the assessors' scores         */
    int year;
    size_t nitems;               /* items over all areas                         */
    struct kp_unit_data *units;  /* by code                                      */
    size_t nunits, capunits;
};

long long kp_cents(double points);
/* The position of a grade in the rules' list (0 best), -1 when unknown. */
int kp_grade_index(const kp_rules *r, const char *name);

/* run_store.c: write the run in one transaction. */
int kp_run_store(kp_store *store, const struct kp_run_data *run, long long *run_id, kp_err *e);

#endif
