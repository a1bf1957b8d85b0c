/*
 * manual_import.h — reading a filled-in form of assessors' scores (评审打分)
 * or of a county's self-assessment (自评) into the store.
 */
#ifndef KP_ASSESS_MANUAL_IMPORT_H
#define KP_ASSESS_MANUAL_IMPORT_H

#include <sqlite3.h>
#include <stdio.h>

#include "assess/rules.h"
#include "store/store.h"
#include "util/err.h"

/* The form's columns, in the order `kaoping template --manual` writes them. */
enum {
    KP_MCOL_UNIT, KP_MCOL_UNIT_NAME, KP_MCOL_YEAR, KP_MCOL_AREA, KP_MCOL_ITEM, KP_MCOL_TITLE,
    KP_MCOL_MAX, KP_MCOL_GUIDE, KP_MCOL_POINTS, KP_MCOL_ASSESSOR, KP_MCOL_REASON,
    KP_MCOL_EVIDENCE, KP_MCOL_COUNT
};

struct kp_manual_column {
    const char *id, *title;
    const char *alt; /* the title a self-assessment form may use instead */
};
extern const struct kp_manual_column kp_manual_columns[KP_MCOL_COUNT];

typedef struct kp_manual_import_summary {
    long stored;   /* rows stored                                     */
    long blank;    /* rows without points: not scored yet, passed over */
    long problems; /* rows refused (then nothing is stored)           */
} kp_manual_import_summary;

/*
 * Store every scored row of the form at `path` as the assessors' scores, or
 * with `self` as the counties' self-assessment, checked against `rules`.
 * Problems are printed to `errs` as "file:line: column: what is wrong";
 * with any, nothing is stored and -1 is returned.
 */
int kp_manual_import(sqlite3 *db, const kp_rules *rules, const char *path, int self, FILE *errs,
                     kp_manual_import_summary *sum, kp_err *e);

#endif
