/*
 * results_impl.h — what results.c and the writers of each format share.
 *
 * results.c reads a stored run and walks its rows; a writer (one per
 * format, one file each) turns each row into text.  The writers are found
 * by name in one table in results.c, so a new format is one more file and
 * one more line there, not a branch in every loop.
 */
#ifndef KP_OUTPUT_RESULTS_IMPL_H
#define KP_OUTPUT_RESULTS_IMPL_H

#include <sqlite3.h>
#include <stdio.h>

#include "output/results.h"
#include "util/err.h"

#define MAX_AREAS 32
#define SHOW_EVIDENCE 10

struct run_head {
    int year;
    char title[512], created[64], sha[80], rules_path[1024];
    double possible;
    int units, not_scored, skipped_areas;
    int unrated; /* of not_scored: assessor-scored items with no score yet */
    int nareas;
    char area_id[MAX_AREAS][64], area_short[MAX_AREAS][128], area_title[MAX_AREAS][256];
    double area_weight[MAX_AREAS];
    int area_assessed[MAX_AREAS];
};

/* The ranking as it is written.  `st` is a row of run_units (rank, unit,
 * name, total, possible, score, grade, vetoed_by, not_scored, no_data);
 * the head may step through it once and reset it (the table measures its
 * name column so). */
struct ranking_out {
    FILE *f;
    long long id;
    const struct run_head *h;
    sqlite3_stmt *st;
    int scaled;                  /* the run's possible points are not 100 */
    int n, vetoes;               /* rows written so far, and vetoed ones */
    const double *pts;           /* the row's area subtotals … */
    const int *has;              /* … and whether each area has one */
    size_t wname, warea[MAX_AREAS]; /* the table's column widths */
};

/* One county as it is written.  In the head, `st` is its run_units row
 * (name, total, possible, score, grade, rank, vetoed_by, grade_before_veto);
 * for each item, a row of the item query in results.c. */
struct unit_out {
    FILE *f;
    sqlite3 *db;
    long long id;
    const char *unit;
    const struct run_head *h;
    sqlite3_stmt *st;
    int n;                       /* items written so far */
    char last_area[64];
    int area_no;
    kp_err *e;
};

struct results_writer {
    const char *name;
    void (*ranking_head)(struct ranking_out *r);
    void (*ranking_row)(struct ranking_out *r);
    void (*ranking_tail)(struct ranking_out *r);
    void (*unit_head)(struct unit_out *u);
    int (*unit_item)(struct unit_out *u);
    void (*unit_tail)(struct unit_out *u);
};

extern const struct results_writer kp_results_table_writer;
extern const struct results_writer kp_results_csv_writer;
extern const struct results_writer kp_results_csv_raw_writer;
extern const struct results_writer kp_results_json_writer;

/* A number as people write it: whole, or with two decimals. */
const char *kp_results_num(double v, char *buf, size_t size);
/* A text column, "" for NULL. */
const char *kp_results_col(sqlite3_stmt *st, int col);
/* The evidence of one item (key, name, detail), ready to step. */
int kp_results_evidence(struct unit_out *u, const char *area, const char *item,
                        sqlite3_stmt **st);

#endif
