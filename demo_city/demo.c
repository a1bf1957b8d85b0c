/*
 * demo.c — writing the demo city: every file open at once, filled county by
 * county (its units, then each loaded table's rows from its plugin), so
 * that memory holds one county whatever the size of the city.
 */
#include "demo_city/demo.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_city/gen.h"

void kp_demo_defaults(kp_demo_options *o)
{
    o->seed = 1;
    o->counties = 10;
    o->scale = 1.0;
    o->year = 2023;
    o->tables = NULL;
    o->ntables = 0;
}

int kp_demo_check_options(const kp_demo_options *o, kp_err *e)
{
    if (o->counties < 1 || o->counties > KP_DEMO_MAX_COUNTIES)
        return kp_fail(e, "--counties must be from 1 to %d, not %d", KP_DEMO_MAX_COUNTIES,
                       o->counties);
    if (!isfinite(o->scale) || o->scale < KP_DEMO_MIN_SCALE || o->scale > KP_DEMO_MAX_SCALE)
        return kp_fail(e, "--scale must be from %g to %g, not %g", KP_DEMO_MIN_SCALE,
                       KP_DEMO_MAX_SCALE, o->scale);
    /* The previous year must be a year the importer takes too. */
    if (o->year < 1901 || o->year > 2999)
        return kp_fail(e, "--year must be from 1901 to 2999, not %d", o->year);
    return 0;
}

int kp_demo_writes_itself(const char *id)
{
    return !strcmp(id, KP_DEMO_UNITS_TABLE);
}

size_t kp_demo_file_count(const kp_demo_options *o)
{
    size_t n = 1;
    for (size_t i = 0; i < o->ntables; i++)
        n += !kp_demo_writes_itself(o->tables[i]->id);
    return n;
}

const char *kp_demo_file_table(const kp_demo_options *o, size_t i)
{
    if (i-- == 0)
        return KP_DEMO_UNITS_TABLE;
    for (size_t t = 0; t < o->ntables; t++)
        if (!kp_demo_writes_itself(o->tables[t]->id) && i-- == 0)
            return o->tables[t]->id;
    return NULL;
}

/* Close units.csv; its rows are the units. */
static int close_units(struct kp_demo_gen *g, kp_demo_totals *totals, kp_err *e)
{
    if (!g->units)
        return 0;
    long rows = kp_csv_out_rows(g->units) - 1;
    kp_err ce;
    int rc = kp_csv_out_close(g->units, &ce) ? kp_fail(e, "%s", ce.msg) : 0;
    g->units = NULL;
    totals->files++;
    totals->rows += rows;
    totals->units = rows;
    return rc;
}

int kp_demo_write(const char *dir, const kp_demo_options *o, kp_demo_county_fn county, void *ud,
                  kp_demo_totals *totals, kp_err *e)
{
    kp_demo_totals none;
    totals = totals ? totals : &none;
    *totals = (kp_demo_totals){0};
    if (kp_demo_check_options(o, e))
        return -1;
    struct kp_demo_gen g = {.opt = o};
    struct kp_demo_county *c = malloc(sizeof *c);
    int rc = -1;
    if (!c) {
        kp_fail(e, "out of memory");
        goto out;
    }
    if (kp_demo_units_open(&g, dir, e) || kp_demo_samples_open(&g, dir, e))
        goto out;
    for (int i = 0; i < o->counties; i++) {
        kp_demo_county_build(c, o->seed, i);
        if (kp_demo_gen_units(&g, c, e) || kp_demo_samples_county(&g, c, e))
            goto out;
        if (county) {
            kp_demo_county_info info = {
                .index = i, .total = o->counties, .code = c->units[0].code,
                .name = c->units[0].name, .profile = c->profile->name,
                .summary = c->profile->summary,
                .townships = c->ntownships, .villages = c->nvillages};
            county(ud, &info);
        }
    }
    rc = 0;
out:
    if (close_units(&g, totals, rc ? NULL : e))
        rc = -1;
    if (kp_demo_samples_close(&g, totals, rc ? NULL : e))
        rc = -1;
    free(c);
    return rc;
}
