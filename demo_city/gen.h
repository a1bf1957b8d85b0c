/*
 * gen.h — what the demo city's files share (inside the demo room).
 *
 * kp_demo_write() builds one county at a time (its unit tree, in `county`),
 * writes its units and hands it to every loaded table's sample_rows
 * (samples.c), which writes that county's rows of the table.
 */
#ifndef KP_DEMO_GEN_H
#define KP_DEMO_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "csv/csv_out.h"
#include "demo_city/demo.h"
#include "demo_city/names.h"
#include "demo_city/profile.h"
#include "demo_city/rng.h"

/* ---- The unit tree of one county ---------------------------------------- */

#define KP_DEMO_MAX_TOWNSHIPS 12
#define KP_DEMO_MAX_VILLAGES_PER_TOWNSHIP 20
#define KP_DEMO_MAX_UNITS (1 + KP_DEMO_MAX_TOWNSHIPS * (1 + KP_DEMO_MAX_VILLAGES_PER_TOWNSHIP))

struct kp_demo_unit {
    char code[16];
    char name[KP_DEMO_NAME_MAX];
    int level;  /* 2 county, 3 township, 4 village */
    int parent; /* index of the parent in the county, -1 for the county */
    int urban;  /* a 街道 or a 社区 */
};

/* Unit 0 is the county, 1..ntownships its townships, then the villages
 * township by township. */
struct kp_demo_county {
    int index;
    const struct kp_demo_profile *profile;
    int ntownships, nvillages, nunits;
    struct kp_demo_unit units[KP_DEMO_MAX_UNITS];
};

/* The city's own row values. */
#define KP_DEMO_CITY_CODE "420100000000"
#define KP_DEMO_CITY_NAME "XX市"
#define KP_DEMO_UNITS_TABLE "units"

/* Build county `index` (names, codes, profile) from the seed. */
void kp_demo_county_build(struct kp_demo_county *c, uint64_t seed, int index);

/* ---- Writing ------------------------------------------------------------ */

struct kp_demo_sampled; /* a loaded table's file, written by its plugin (samples.c) */

struct kp_demo_gen {
    const kp_demo_options *opt;
    kp_csv_out *units;
    struct kp_demo_sampled *sampled;
    size_t nsampled;
};

/* units.csv: its header and the city's row, then each county's units. */
int kp_demo_units_open(struct kp_demo_gen *g, const char *dir, kp_err *e);
int kp_demo_gen_units(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);

/* The files of the loaded tables (samples.c): open them with their headers,
 * have each plugin write one county's rows, close them adding their rows to
 * the totals. */
int kp_demo_samples_open(struct kp_demo_gen *g, const char *dir, kp_err *e);
int kp_demo_samples_county(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);
int kp_demo_samples_close(struct kp_demo_gen *g, kp_demo_totals *totals, kp_err *e);

#endif
