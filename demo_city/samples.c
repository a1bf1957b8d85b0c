/*
 * samples.c — the files whose rows the work areas' plugins write: the demo
 * city hands each table's sample_rows one county at a time, with its units,
 * its profile and a random stream of its own, and writes what it emits.
 *
 * The city knows nothing of these tables but their descriptors.  How a file
 * is spelled (header in titles or ids, encoding, date and boolean style)
 * follows from the table's id, so that the city mixes styles the way real
 * counties do and a table is always spelled the same.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_city/gen.h"
#include "kaoping/plugin.h"

enum date_style { DATE_ISO, DATE_SLASH, DATE_DOT, DATE_CHINESE };
enum bool_style { BOOL_DIGIT, BOOL_CHINESE, BOOL_LETTER };

struct kp_demo_sampled {
    const struct kp_table *table;
    kp_csv_out *out;
    uint64_t key; /* the table's id, hashed: its stream and its spelling */
    int chinese_header, date_style, bool_style;
};

/* The call in progress: what the host functions see as `struct kp_sample`. */
struct kp_sample {
    const struct kp_demo_gen *g;
    const struct kp_demo_county *c;
    struct kp_demo_sampled *f;
    kp_rng rng;
    kp_err *e;
    int failed;
    char name[KP_DEMO_NAME_MAX];
};

/* FNV-1a: the same key for an id on every machine and in every load order. */
static uint64_t id_key(const char *id)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 0x100000001b3u;
    return h;
}

/* ---- The host functions -------------------------------------------------- */

static int s_year(struct kp_sample *s) { return s->g->opt->year; }
static double s_scale(struct kp_sample *s) { return s->g->opt->scale; }
static int s_profile(struct kp_sample *s) { return s->c->profile->kind; }
static double s_diligence(struct kp_sample *s) { return s->c->profile->diligence; }
static int s_units(struct kp_sample *s) { return s->c->nunits; }

static const struct kp_demo_unit *unit_at(struct kp_sample *s, int u)
{
    return u >= 0 && u < s->c->nunits ? &s->c->units[u] : NULL;
}

static const char *s_unit_code(struct kp_sample *s, int u)
{
    const struct kp_demo_unit *x = unit_at(s, u);
    return x ? x->code : "";
}

static const char *s_unit_name(struct kp_sample *s, int u)
{
    const struct kp_demo_unit *x = unit_at(s, u);
    return x ? x->name : "";
}

static int s_unit_level(struct kp_sample *s, int u)
{
    const struct kp_demo_unit *x = unit_at(s, u);
    return x ? x->level : 0;
}

static int s_unit_parent(struct kp_sample *s, int u)
{
    const struct kp_demo_unit *x = unit_at(s, u);
    return x ? x->parent : -1;
}

static int s_unit_urban(struct kp_sample *s, int u)
{
    const struct kp_demo_unit *x = unit_at(s, u);
    return x ? x->urban : 0;
}

static const char *s_person_name(struct kp_sample *s)
{
    kp_demo_person_name(&s->rng, s->name);
    return s->name;
}

static uint32_t s_below(struct kp_sample *s, uint32_t n)
{
    return n ? kp_rng_below(&s->rng, n) : 0;
}

static int s_range(struct kp_sample *s, int lo, int hi)
{
    return hi < lo ? lo : kp_rng_range(&s->rng, lo, hi);
}

static double s_uniform(struct kp_sample *s)
{
    /* The top 53 bits: every double in [0, 1) a step of 2^-53 apart. */
    return (double)(kp_rng_next(&s->rng) >> 11) * 0x1p-53;
}

static int s_chance(struct kp_sample *s, double p)
{
    return s_uniform(s) < p;
}

static int s_fail(struct kp_sample *s, const char *fmt, ...)
{
    if (s->failed)
        return -1;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    s->failed = 1;
    return kp_fail(s->e, "%s.csv: 示例数据（%s）: %s", s->f->table->id, s->c->units[0].name, msg);
}

static void spell_date(kp_csv_out *w, int style, int year, int month, int day)
{
    switch (style) {
    case DATE_SLASH: kp_csv_out_fieldf(w, "%d/%d/%d", year, month, day); break;
    case DATE_DOT: kp_csv_out_fieldf(w, "%d.%d.%d", year, month, day); break;
    case DATE_CHINESE: kp_csv_out_fieldf(w, "%d年%d月%d日", year, month, day); break;
    default: kp_csv_out_fieldf(w, "%04d-%02d-%02d", year, month, day); break;
    }
}

static void spell_bool(kp_csv_out *w, int style, int v)
{
    static const char *const spelled[][2] = {
        [BOOL_DIGIT] = {"0", "1"}, [BOOL_CHINESE] = {"否", "是"}, [BOOL_LETTER] = {"N", "Y"}};
    kp_csv_out_field(w, spelled[style][v != 0]);
}

/* A field of the contract's canonical spelling, in the file's own. */
static void put_field(struct kp_demo_sampled *f, const struct kp_column *col, const char *v)
{
    int y, m, d, n = 0;
    if (col->type == KP_DATE && sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && !v[n])
        spell_date(f->out, f->date_style, y, m, d);
    else if (col->type == KP_BOOL && (!strcmp(v, "0") || !strcmp(v, "1")))
        spell_bool(f->out, f->bool_style, v[0] == '1');
    else
        kp_csv_out_field(f->out, v);
}

static int s_emit(struct kp_sample *s, const char *const *fields)
{
    if (s->failed)
        return -1;
    if (!fields)
        return s_fail(s, "emit() was given no fields");
    const struct kp_table *t = s->f->table;
    for (size_t i = 0; i < t->ncolumns; i++)
        put_field(s->f, &t->columns[i], fields[i] ? fields[i] : "");
    kp_err ce;
    if (kp_csv_out_end_row(s->f->out, &ce)) {
        s->failed = 1;
        return kp_fail(s->e, "%s", ce.msg);
    }
    return 0;
}

static const struct kp_sample_host host = {
    .abi_major = KP_ABI_MAJOR, .abi_minor = KP_ABI_MINOR,
    .size = (uint32_t)sizeof(struct kp_sample_host),
    .year = s_year, .scale = s_scale, .profile = s_profile, .diligence = s_diligence,
    .units = s_units, .unit_code = s_unit_code, .unit_name = s_unit_name,
    .unit_level = s_unit_level, .unit_parent = s_unit_parent,
    .unit_urban = s_unit_urban, .person_name = s_person_name,
    .below = s_below, .range = s_range, .uniform = s_uniform, .chance = s_chance,
    .emit = s_emit, .fail = s_fail,
};

/* ---- The files ------------------------------------------------------------ */

#define EXCEL_UTF8 (KP_CSV_OUT_BOM | KP_CSV_OUT_CRLF)
#define EXCEL_GBK (KP_CSV_OUT_GB18030 | KP_CSV_OUT_CRLF)

static int open_one(struct kp_demo_sampled *f, const struct kp_table *t, const char *dir,
                    kp_err *e)
{
    /* Most counties send Excel's "CSV UTF-8", some its GBK "CSV", a few a
     * plain file; most write the Chinese titles as header. */
    static const unsigned flags[] = {EXCEL_UTF8, EXCEL_UTF8, EXCEL_GBK, 0};
    f->table = t;
    f->key = id_key(t->id);
    f->chinese_header = (f->key & 3) != 0;
    f->date_style = (int)(f->key >> 4 & 3);
    f->bool_style = (int)(f->key >> 6 & 0xff) % 3;
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s.csv", dir, t->id) >= (int)sizeof path)
        return kp_fail(e, "%s: the folder name is too long", dir);
    if (kp_csv_out_open(&f->out, path, flags[f->key >> 2 & 3], e))
        return -1;
    for (size_t i = 0; i < t->ncolumns; i++) {
        const struct kp_column *col = &t->columns[i];
        kp_csv_out_field(f->out, f->chinese_header && col->title ? col->title : col->id);
    }
    return kp_csv_out_end_row(f->out, e);
}

int kp_demo_samples_open(struct kp_demo_gen *g, const char *dir, kp_err *e)
{
    const kp_demo_options *o = g->opt;
    g->sampled = calloc(o->ntables ? o->ntables : 1, sizeof *g->sampled);
    if (!g->sampled)
        return kp_fail(e, "out of memory");
    for (size_t i = 0; i < o->ntables; i++) {
        const struct kp_table *t = o->tables[i];
        if (kp_demo_writes_itself(t->id))
            continue;
        if (open_one(&g->sampled[g->nsampled++], t, dir, e))
            return -1;
    }
    return 0;
}

int kp_demo_samples_county(struct kp_demo_gen *g, const struct kp_demo_county *c, kp_err *e)
{
    for (size_t i = 0; i < g->nsampled; i++) {
        struct kp_demo_sampled *f = &g->sampled[i];
        if (!f->table->sample_rows)
            continue;
        struct kp_sample s = {.g = g, .c = c, .f = f, .e = e};
        kp_rng_init(&s.rng, g->opt->seed, (uint64_t)c->index, f->key);
        if (f->table->sample_rows(&host, &s) || s.failed)
            return s.failed ? -1 : kp_fail(e, "%s.csv: 示例数据（%s）: the plugin failed without "
                                              "saying why", f->table->id, c->units[0].name);
    }
    return 0;
}

int kp_demo_samples_close(struct kp_demo_gen *g, kp_demo_totals *totals, kp_err *e)
{
    int rc = 0;
    for (size_t i = 0; i < g->nsampled; i++) {
        struct kp_demo_sampled *f = &g->sampled[i];
        if (!f->out)
            continue;
        long rows = kp_csv_out_rows(f->out) - 1;
        kp_err ce;
        if (kp_csv_out_close(f->out, &ce) && rc == 0)
            rc = kp_fail(e, "%s", ce.msg);
        f->out = NULL;
        totals->files++;
        totals->rows += rows;
    }
    free(g->sampled);
    g->sampled = NULL;
    g->nsampled = 0;
    return rc;
}
