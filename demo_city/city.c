/*
 * city.c — the unit tree of the demo city, and units.csv.
 *
 * Codes follow the 12-digit statistical division codes: 42 01 for the city,
 * two digits for the county, three for the township (街道 from 001, 镇 from
 * 101, 乡 from 201) and three for the village (社区 from 001, 村 from 201).
 * The county field holds 99 counties; a benchmark city larger than that
 * continues in the next two-digit block (4202xx, 4203xx ...), which the
 * importer accepts because a unit's parent is named, not derived from its
 * code.
 *
 * A 区 is mostly 街道 and 社区, a 县 mostly 镇 and 乡 with 村, a county-level
 * 市 in between; a 镇 has a 社区 or two around its seat.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "demo_city/gen.h"

enum { RNG_TREE = 1000 };

/* 区, 县 or 市 for county i: the ten first as the city's map has them. */
static const char *county_suffix(int i)
{
    static const char *const first_ten[] = {"区", "区", "区", "县", "县", "区", "县", "县", "市", "县"};
    static const char *const later[] = {"县", "区", "县", "市"};
    return i < 10 ? first_ten[i] : later[i % 4];
}

static void county_code(int i, char out[16])
{
    snprintf(out, 16, "42%02d%02d000000", 1 + i / 99, 1 + i % 99);
}

/* % of townships that are 街道, and % of the rest that are 乡 (not 镇). */
static void township_mix(const char *suffix, int *streets, int *rural)
{
    if (!strcmp(suffix, "区")) {
        *streets = 75, *rural = 0;
    } else if (!strcmp(suffix, "市")) {
        *streets = 35, *rural = 20;
    } else {
        *streets = 10, *rural = 35;
    }
}

static void add_unit(struct kp_demo_county *c, const char *code, const char *name, int level,
                     int parent, int urban)
{
    struct kp_demo_unit *u = &c->units[c->nunits++];
    snprintf(u->code, sizeof u->code, "%s", code);
    snprintf(u->name, sizeof u->name, "%s", name);
    u->level = level;
    u->parent = parent;
    u->urban = urban;
}

void kp_demo_county_build(struct kp_demo_county *c, uint64_t seed, int index)
{
    kp_rng r;
    kp_rng_init(&r, seed, (uint64_t)index, RNG_TREE);
    memset(c, 0, sizeof *c);
    c->index = index;
    c->profile = kp_demo_profile_of(index);

    char code[16], stem[KP_DEMO_NAME_MAX], name[KP_DEMO_NAME_MAX * 2];
    const char *suffix = county_suffix(index);
    county_code(index, code);
    kp_demo_county_stem(index, stem);
    snprintf(name, sizeof name, "%s%s", stem, suffix);
    add_unit(c, code, name, 2, -1, 0);

    int streets, rural;
    township_mix(suffix, &streets, &rural);
    c->ntownships = kp_rng_range(&r, 5, KP_DEMO_MAX_TOWNSHIPS);
    char taken[KP_DEMO_MAX_VILLAGES_PER_TOWNSHIP][KP_DEMO_NAME_MAX];
    int next_code[3] = {1, 101, 201}; /* 街道, 镇, 乡 */
    int kinds[KP_DEMO_MAX_TOWNSHIPS];
    static const char *const township_suffix[3] = {"街道", "镇", "乡"};
    for (int t = 0; t < c->ntownships; t++) {
        int kind = kp_rng_percent(&r, streets) ? 0 : kp_rng_percent(&r, rural) ? 2 : 1;
        kinds[t] = kind;
        kp_demo_place_name(&r, kind == 0, township_suffix[kind], taken, (size_t)t, taken[t]);
        char tcode[16];
        snprintf(tcode, sizeof tcode, "%.6s%03d000", code, next_code[kind]++);
        add_unit(c, tcode, taken[t], 3, 0, kind == 0);
    }
    /* Villages after all townships, so that unit indexes stay grouped. */
    for (int t = 1; t <= c->ntownships; t++) {
        const struct kp_demo_unit *town = &c->units[t];
        int n = kp_rng_range(&r, 5, KP_DEMO_MAX_VILLAGES_PER_TOWNSHIP);
        int communities = kinds[t - 1] == 0 ? n : kinds[t - 1] == 1 ? kp_rng_range(&r, 0, 2) : 0;
        int next_community = 1, next_village = 201;
        for (int v = 0; v < n; v++) {
            int urban = v < communities;
            kp_demo_place_name(&r, urban, urban ? "社区" : "村", taken, (size_t)v, taken[v]);
            char vcode[16];
            snprintf(vcode, sizeof vcode, "%.9s%03d", town->code,
                     urban ? next_community++ : next_village++);
            add_unit(c, vcode, taken[v], 4, t, urban);
        }
        c->nvillages += n;
    }
}

int kp_demo_units_open(struct kp_demo_gen *g, const char *dir, kp_err *e)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s.csv", dir, KP_DEMO_UNITS_TABLE) >= (int)sizeof path)
        return kp_fail(e, "%s: the folder name is too long", dir);
    /* Plain UTF-8 with English ids: the way the city's own system exports it. */
    if (kp_csv_out_open(&g->units, path, 0, e))
        return -1;
    static const char *const header[] = {"code", "name", "level", "parent"};
    for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
        kp_csv_out_field(g->units, header[i]);
    if (kp_csv_out_end_row(g->units, e))
        return -1;
    /* The city heads the file; its counties follow. */
    kp_csv_out_field(g->units, KP_DEMO_CITY_CODE);
    kp_csv_out_field(g->units, KP_DEMO_CITY_NAME);
    kp_csv_out_field(g->units, "市");
    kp_csv_out_field(g->units, "");
    return kp_csv_out_end_row(g->units, e);
}

int kp_demo_gen_units(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    static const char *const level_names[] = {"", "市", "县", "乡", "村"};
    for (int i = 0; i < c->nunits; i++) {
        const struct kp_demo_unit *u = &c->units[i];
        kp_csv_out_field(g->units, u->code);
        kp_csv_out_field(g->units, u->name);
        kp_csv_out_field(g->units, level_names[u->level]);
        kp_csv_out_field(g->units, u->parent < 0 ? KP_DEMO_CITY_CODE : c->units[u->parent].code);
        if (kp_csv_out_end_row(g->units, e))
            return -1;
    }
    return 0;
}
