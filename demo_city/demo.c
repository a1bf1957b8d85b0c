/*
 * demo.c — writing the demo city: every file open at once, filled county by
 * county, so that memory holds one county whatever the size of the city.
 */
#include "demo_city/demo.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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

typedef int (*area_fn)(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);

static const area_fn areas[] = {
    kp_demo_gen_units,
    kp_demo_gen_publicity,
    kp_demo_gen_organization,
    kp_demo_gen_birth_support,
    kp_demo_gen_family_support,
    kp_demo_gen_health_promotion,
    kp_demo_gen_reproductive_health,
    kp_demo_gen_marriage_culture,
    kp_demo_gen_influence,
};

static int open_files(struct kp_demo_gen *g, const char *dir, kp_err *e)
{
    for (int t = 0; t < KP_T_COUNT; t++) {
        const struct kp_demo_file *f = &kp_demo_files[t];
        char path[PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s.csv", dir, f->table) >= (int)sizeof path)
            return kp_fail(e, "%s: the folder name is too long", dir);
        if (kp_csv_out_open(&g->out[t], path, f->csv_flags, e))
            return -1;
        for (size_t i = 0; i < f->ncolumns; i++)
            kp_csv_out_field(g->out[t], f->chinese_header ? f->columns[i].title : f->columns[i].id);
        if (kp_csv_out_end_row(g->out[t], e))
            return -1;
    }
    /* The city heads units.csv; its counties follow. */
    kp_demo_put_text(g, KP_T_UNITS, KP_DEMO_CITY_CODE);
    kp_demo_put_text(g, KP_T_UNITS, KP_DEMO_CITY_NAME);
    kp_demo_put_text(g, KP_T_UNITS, "市");
    kp_demo_put_empty(g, KP_T_UNITS);
    return kp_demo_end_row(g, KP_T_UNITS, e);
}

/* Close every file; the first failure is the one reported. */
static int close_files(struct kp_demo_gen *g, kp_demo_totals *totals, kp_err *e)
{
    int rc = 0;
    for (int t = 0; t < KP_T_COUNT; t++) {
        if (!g->out[t])
            continue;
        long rows = kp_csv_out_rows(g->out[t]) - 1;
        kp_err ce;
        if (kp_csv_out_close(g->out[t], &ce) && rc == 0)
            rc = kp_fail(e, "%s", ce.msg);
        g->out[t] = NULL;
        totals->files++;
        totals->rows += rows;
        if (t == KP_T_UNITS)
            totals->units = rows;
    }
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
    if (open_files(&g, dir, e) || kp_demo_samples_open(&g, dir, e))
        goto out;
    for (int i = 0; i < o->counties; i++) {
        kp_demo_county_build(c, o->seed, i);
        for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++)
            if (areas[a](&g, c, e))
                goto out;
        if (kp_demo_samples_county(&g, c, e))
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
    if (close_files(&g, totals, rc ? NULL : e))
        rc = -1;
    if (kp_demo_samples_close(&g, totals, rc ? NULL : e))
        rc = -1;
    free(g.events);
    free(c);
    return rc;
}
