/*
 * demo.h — the demo city: a fictional XX市 written as the CSV files its
 * counties would send, so that kaoping can be tried, shown and benchmarked
 * without real data.
 *
 * The city has about ten counties with townships and villages, a year of
 * data in every table of the import contract (and the previous year where a
 * target compares with it), and each county follows a profile — exemplary,
 * good, average, weak in outreach, missing data, weak — so that the
 * assessment shows clear differences with visible causes.  Everything comes
 * from one seed: the same options always give byte-identical files.
 */
#ifndef KP_DEMO_DEMO_H
#define KP_DEMO_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "kaoping/plugin.h"
#include "util/err.h"

#define KP_DEMO_MAX_COUNTIES 999
#define KP_DEMO_MIN_SCALE 0.1
#define KP_DEMO_MAX_SCALE 50.0

typedef struct kp_demo_options {
    uint64_t seed;
    int counties; /* 1..KP_DEMO_MAX_COUNTIES */
    double scale; /* multiplies the activity rows (events, lectures, families ...) */
    int year;     /* the assessed year; the previous year is written where needed */
    /* The loaded work areas' tables (may be none).  Each one the demo does
     * not write itself gets its file, its rows from its sample_rows. */
    const struct kp_table *const *tables;
    size_t ntables;
} kp_demo_options;

/* seed 1, 10 counties, scale 1, 2023. */
void kp_demo_defaults(kp_demo_options *o);
/* 0, or -1 with a message that names the option and its range. */
int kp_demo_check_options(const kp_demo_options *o, kp_err *e);

/* Told after each county was written. */
typedef struct kp_demo_county_info {
    int index, total;
    const char *code, *name;
    const char *profile;  /* 示范, 良好, ...                       */
    const char *summary;  /* what the assessment will show for it */
    int townships, villages;
} kp_demo_county_info;

typedef void (*kp_demo_county_fn)(void *ud, const kp_demo_county_info *c);

typedef struct kp_demo_totals {
    long files, rows, units;
} kp_demo_totals;

/*
 * Write the city's CSV files (units.csv and one file per contract table) into
 * the existing folder `dir`, replacing files of the same names.  Files are
 * streamed county by county: memory does not grow with the number of counties
 * or the scale.  `county` (may be NULL) is told as each county is done.
 */
int kp_demo_write(const char *dir, const kp_demo_options *o, kp_demo_county_fn county, void *ud,
                  kp_demo_totals *totals, kp_err *e);

/* Whether the city writes table `id` itself (units.csv) rather than the
 * table's plugin. */
int kp_demo_writes_itself(const char *id);

/* The files kp_demo_write() writes with options `o`, units.csv first: how
 * many, and the table id of each (NULL past the end). */
size_t kp_demo_file_count(const kp_demo_options *o);
const char *kp_demo_file_table(const kp_demo_options *o, size_t i);

#endif
