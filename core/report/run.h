/*
 * run.h — which stored assessment run a report is rendered from.
 */
#ifndef KP_REPORT_RUN_H
#define KP_REPORT_RUN_H

#include "util/err.h"

typedef struct kp_run_info {
    long id;
    int year;
    char *rules;             /* the rules file the run was assessed with */
    char *created;           /* ISO 8601, UTC                            */
    long long created_epoch; /* the same, in seconds since 1970          */
    int official;            /* published for its year; else a draft      */
    char *label;             /* "" when none                              */
} kp_run_info;

/* Load run `id` (0: the official run of the newest year, else its latest
 * draft) from the database at `db_path`. */
int kp_run_info_load(kp_run_info *out, const char *db_path, long id, kp_err *e);
void kp_run_info_free(kp_run_info *r);

#endif
