/*
 * gen.h — what the demo city's table generators share (inside the demo room).
 *
 * kp_demo_write() builds one county at a time (its unit tree, in `county`)
 * and hands it to each work area's generator, which writes that county's
 * rows to the area's files.  A generator draws from its own random stream per
 * county and table (kp_demo_stream), so tables do not disturb each other.
 * Dated rows are collected per county as events, sorted by unit and date and
 * stripped of repeated keys before they are written: files come out grouped
 * by unit, as a county's own export would be.
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

/* The files, in kp_demo_files[] order: units first, then the contract's
 * tables area by area. */
enum kp_demo_table {
    KP_T_UNITS,
    KP_T_PUBLICITY_EVENTS,
    KP_T_ORG_STATUS,
    KP_T_POLICY_OUTREACH,
    KP_T_SERVICE_SITES,
    KP_T_SPECIAL_FAMILIES,
    KP_T_WARM_HOMES,
    KP_T_ACCIDENT_INSURANCE,
    KP_T_HEALTH_LECTURES,
    KP_T_HEALTH_INSTRUCTORS,
    KP_T_HEALTH_PROJECTS,
    KP_T_YOUTH_TRAINERS,
    KP_T_YOUTH_PROJECTS,
    KP_T_JOURNAL_SUBSCRIPTIONS,
    KP_T_CULTURE_EVENTS,
    KP_T_INFO_REPORTS,
    KP_T_BRAND_PROJECTS,
    KP_T_VOLUNTEER_EVENTS,
    KP_T_COUNT
};

enum kp_demo_date_style { KP_DATE_ISO, KP_DATE_SLASH, KP_DATE_DOT, KP_DATE_CHINESE };
enum kp_demo_bool_style { KP_BOOL_DIGIT, KP_BOOL_CHINESE, KP_BOOL_LETTER };

struct kp_demo_column {
    const char *id, *title, *example;
};

/* One file: its table, and how this county's staff happen to spell it. */
struct kp_demo_file {
    const char *table;
    const char *area;                    /* plugin id; NULL for units        */
    const struct kp_demo_column *columns; /* in the order the file has them */
    size_t ncolumns;
    int chinese_header;                  /* titles rather than English ids   */
    unsigned csv_flags;                  /* KP_CSV_OUT_*                     */
    int date_style, bool_style;
};

extern const struct kp_demo_file kp_demo_files[KP_T_COUNT];

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

static inline int kp_demo_first_village(const struct kp_demo_county *c)
{
    return 1 + c->ntownships;
}

/* The city's own row values. */
#define KP_DEMO_CITY_CODE "420100000000"
#define KP_DEMO_CITY_NAME "XX市"

/* Build county `index` (names, codes, profile) from the seed. */
void kp_demo_county_build(struct kp_demo_county *c, uint64_t seed, int index);

/* ---- Generating --------------------------------------------------------- */

struct kp_demo_event {
    uint16_t unit;    /* index in the county */
    uint16_t day;     /* day of the year, 0-based */
    uint16_t variant; /* the title or venue: the rest of the key */
    int32_t a, b, c;  /* per table (participants, a kind ...) */
};

struct kp_demo_sampled; /* a loaded table's file, written by its plugin (samples.c) */

struct kp_demo_gen {
    const kp_demo_options *opt;
    kp_csv_out *out[KP_T_COUNT];
    struct kp_demo_sampled *sampled;
    size_t nsampled;
    struct kp_demo_event *events;
    size_t nevents, capevents;
};

#define KP_DEMO_MAX_EVENTS ((size_t)1 << 22)

/* The random stream of `table` in county c. */
kp_rng kp_demo_stream(const struct kp_demo_gen *g, const struct kp_demo_county *c, int table);
/* n × the scale, rounded, at least 1 when n is. */
int kp_demo_scaled(const struct kp_demo_gen *g, int n);
/* pct % of n, rounded to the nearest whole. */
int kp_demo_share(int n, int pct);
/* Mark exactly k of marks[0..n) with 1 (the rest 0), chosen at random. */
void kp_demo_pick(kp_rng *r, unsigned char *marks, int n, int k);

/* Dates of the year. */
int kp_demo_days_in_year(int year);
int kp_demo_day_of_year(int year, int month, int day);
void kp_demo_month_day(int year, int doy, int *month, int *day);

/* A date or a boolean in one of the spellings above. */
void kp_demo_spell_date(kp_csv_out *w, int style, int year, int month, int day);
void kp_demo_spell_bool(kp_csv_out *w, int style, int v);

/* Fields in the spelling of table t's file. */
void kp_demo_put_date(struct kp_demo_gen *g, int t, int year, int doy);
void kp_demo_put_bool(struct kp_demo_gen *g, int t, int v);
void kp_demo_put_text(struct kp_demo_gen *g, int t, const char *s);
void kp_demo_put_int(struct kp_demo_gen *g, int t, long v);
void kp_demo_put_empty(struct kp_demo_gen *g, int t);
int kp_demo_end_row(struct kp_demo_gen *g, int t, kp_err *e);

/* The county's event list for one table: clear, add, then sort by unit, day
 * and variant with repeated keys dropped. */
void kp_demo_events_clear(struct kp_demo_gen *g);
int kp_demo_event_add(struct kp_demo_gen *g, int unit, int day, int variant, int a, int b, int c,
                      kp_err *e);
void kp_demo_events_sort(struct kp_demo_gen *g);

/* The files of the loaded tables the demo does not write itself (samples.c):
 * open them with their headers, have each plugin write one county's rows,
 * close them adding their rows to the totals. */
int kp_demo_samples_open(struct kp_demo_gen *g, const char *dir, kp_err *e);
int kp_demo_samples_county(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);
int kp_demo_samples_close(struct kp_demo_gen *g, kp_demo_totals *totals, kp_err *e);

/* Each work area's rows for one county. */
int kp_demo_gen_units(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);
int kp_demo_gen_publicity(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);
int kp_demo_gen_organization(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);
int kp_demo_gen_birth_support(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);
int kp_demo_gen_family_support(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);
int kp_demo_gen_health_promotion(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);
int kp_demo_gen_reproductive_health(struct kp_demo_gen *g, const struct kp_demo_county *c,
                                    kp_err *e);
int kp_demo_gen_marriage_culture(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);
int kp_demo_gen_influence(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e);

#endif
