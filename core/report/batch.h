/*
 * batch.h — rendering one report per subject, in parallel worker processes.
 *
 * Each worker is a process of its own that loads the layout afresh (no
 * database connection crosses a fork), so a layout that crashes or runs out
 * of memory loses only the report it was on.  Every report is written
 * atomically; a failure in one does not stop the others, and is reported
 * with its subject.
 */
#ifndef KP_REPORT_BATCH_H
#define KP_REPORT_BATCH_H

#include <stddef.h>

#include "report/report.h"

typedef struct kp_batch_hooks {
    void *ud;
    /* A report finished (ok) or failed (`msg` says why). */
    void (*done)(void *ud, const kp_report_subject *s, int ok, const char *msg, size_t finished,
                 size_t total);
} kp_batch_hooks;

/*
 * Render `subjects` into folder `out_dir` with `jobs` workers (1: in this
 * process).  PNG previews of every page go next to each PDF when `png_dpi`
 * is above 0.  Returns the number of reports that failed, or -1 when the
 * batch could not start.
 */
long kp_report_batch(const kp_report_config *cfg, const kp_report_subject *subjects, size_t n,
                     const char *out_dir, int jobs, double png_dpi, const kp_batch_hooks *hooks,
                     kp_err *e);

#endif
