/*
 * harness.h — what every work-area plugin test needs.
 *
 * A test program loads one plugin module alone, imports the shared unit tree
 * (data/units.csv) and the plugin's own dataset (data/<plugin id>/), and then
 * checks indicators with short calls.  Like check.h this is a header of static
 * functions, so that its CHECKs count in the test's own totals.
 *
 * argv of every test: the module, the data folder, a scratch folder.
 *
 * The unit tree every dataset uses:
 *   420100000000 XX市
 *     420102000000 江北区   townships 城关街道 (villages 东湖社区, 西湖村),
 *                           长岭镇 (village 长岭村), 河口乡 (no village)
 *     420103000000 南山县   township 南山镇 (village 南山村)
 *     420104000000 新区     no townships, no villages
 */
#ifndef KP_TESTS_PLUGINS_HARNESS_H
#define KP_TESTS_PLUGINS_HARNESS_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "import/import.h"

#define JIANGBEI "420102000000"
#define NANSHAN "420103000000"
#define XINQU "420104000000"

static const char *h_data;           /* tests/plugins/data                 */
static char h_scratch[4096];         /* <scratch>/<plugin id>              */
static kp_registry *h_reg;
static const struct kp_plugin *h_plugin;
static kp_store *h_store;
static kp_evaluator *h_eval;

struct h_capture {
    char text[16384];
    int problems;
};

static inline void h_on_problem(void *ud, const char *msg)
{
    struct h_capture *c = ud;
    c->problems++;
    size_t used = strlen(c->text);
    snprintf(c->text + used, sizeof c->text - used, "%s\n", msg);
}

/* A path under the scratch folder (rotating buffers, so that a few may be
 * held at once). */
static inline const char *scratch_path(const char *name)
{
    static char paths[8][4096];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 4096, "%s/%s", h_scratch, name);
    return p;
}

static inline const char *data_path(const char *name)
{
    static char paths[8][4096];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 4096, "%s/%s", h_data, name);
    return p;
}

static inline void make_dir(const char *path)
{
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        perror(path);
        exit(1);
    }
}

/* Load the module named by argv[1]; set up the scratch folder. */
static inline void harness_start(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s MODULE DATA_DIR SCRATCH_DIR\n", argv[0]);
        exit(2);
    }
    h_data = argv[2];
    kp_err e;
    const char *module = argv[1];
    if (kp_registry_load_paths(&h_reg, &module, 1, NULL, NULL, &e) ||
        kp_registry_count(h_reg) != 1) {
        fprintf(stderr, "cannot load %s\n", module);
        exit(1);
    }
    h_plugin = kp_registry_plugin(h_reg, 0);
    make_dir(argv[3]);
    snprintf(h_scratch, sizeof h_scratch, "%s/%s", argv[3], h_plugin->id);
    make_dir(h_scratch);
}

static inline kp_store *fresh_store(const char *name)
{
    const char *path = scratch_path(name);
    remove(path);
    kp_store *s = NULL;
    kp_err e;
    if (kp_store_open(&s, path, KP_STORE_CREATE, &e) || kp_store_migrate_plugins(s, h_reg, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        exit(1);
    }
    return s;
}

static inline int import_paths(kp_store *s, const char *const *paths, size_t n,
                               struct h_capture *c, kp_import_totals *t)
{
    kp_import_hooks hooks = {.ud = c, .problem = h_on_problem};
    kp_err e;
    memset(c, 0, sizeof *c);
    int rc = kp_import(s, h_reg, paths, n, &hooks, t, &e);
    if (rc)
        h_on_problem(c, e.msg);
    return rc;
}

/* The unit tree and the plugin's whole dataset, into `s`; the test stops
 * here if the dataset itself does not import. */
static inline void import_dataset(kp_store *s)
{
    struct h_capture c;
    kp_import_totals t;
    const char *paths[] = {data_path("units.csv"), data_path(h_plugin->id)};
    if (import_paths(s, paths, 2, &c, &t)) {
        fprintf(stderr, "the %s dataset does not import:\n%s", h_plugin->id, c.text);
        exit(1);
    }
}

/* The store indicators are evaluated on. */
static inline void harness_load_dataset(void)
{
    h_store = fresh_store("data.db");
    import_dataset(h_store);
    kp_err e;
    if (kp_evaluator_open(&h_eval, h_reg, scratch_path("data.db"), &e)) {
        fprintf(stderr, "%s\n", e.msg);
        exit(1);
    }
}

static inline int harness_finish(void)
{
    kp_evaluator_close(h_eval);
    kp_store_close(h_store);
    kp_registry_free(h_reg);
    return check_status();
}

/* ---- Evaluating --------------------------------------------------------- */

/* Evaluate the plugin's indicator `id`; returns the result status. */
static inline int evaluate(const char *id, const char *county, int year, kp_indicator_result *r)
{
    char qid[128];
    snprintf(qid, sizeof qid, "%s.%s", h_plugin->id, id);
    const struct kp_plugin *p;
    const struct kp_indicator *ind = kp_registry_find_indicator(h_reg, qid, &p);
    kp_err e;
    if (!ind || kp_evaluate(h_eval, p, ind, county, year, r, &e)) {
        fprintf(stderr, "cannot evaluate %s\n", qid);
        exit(1);
    }
    if (r->status == KP_RESULT_FAILED)
        fprintf(stderr, "%s for %s in %d failed: %s\n", qid, county, year,
                r->message ? r->message : "");
    return r->status;
}

/* One field of every evidence item, joined by `sep` (rotating buffers). */
static inline const char *evidence_join(const kp_indicator_result *r, int field, const char *sep)
{
    static char bufs[4][8192];
    static int next;
    char *b = bufs[next++ % 4];
    b[0] = '\0';
    for (size_t i = 0; i < r->nevidence; i++) {
        const kp_evidence *ev = &r->evidence[i];
        const char *s = field == 0 ? ev->key : field == 1 ? ev->name : ev->detail;
        size_t used = strlen(b);
        snprintf(b + used, 8192 - used, "%s%s", i ? sep : "", s);
    }
    return b;
}

#define evidence_keys(r) evidence_join((r), 0, " ")
#define evidence_names(r) evidence_join((r), 1, " ")
#define evidence_details(r) evidence_join((r), 2, "|")

/* A figure by name; -1 when the result has no such figure. */
static inline double figure(const kp_indicator_result *r, const char *name)
{
    for (size_t i = 0; i < r->nfigures; i++)
        if (!strcmp(r->figures[i].name, name))
            return r->figures[i].value;
    return -1;
}

/* The indicator has no data for the county and year, for the reason `why`. */
#define CHECK_NO_DATA(id, county, year, why) do { kp_indicator_result r_; \
    CHECK_INT_EQ(evaluate((id), (county), (year), &r_), KP_RESULT_NO_DATA); \
    CHECK_STR_EQ(r_.message, (why)); \
    kp_indicator_result_free(&r_); } while (0)

/* ---- Importing ---------------------------------------------------------- */

/* Every table's file in the dataset, with its header turned into the other
 * spelling (English ids ↔ Chinese titles), imports into the same rows: all
 * of them unchanged.  So each table imports with either header. */
static inline void check_headers_both_ways(void)
{
    kp_store *s = fresh_store("headers.db");
    import_dataset(s);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/swapped", h_scratch);
    make_dir(dir);
    for (size_t i = 0; i < h_plugin->ntables; i++) {
        const struct kp_table *t = &h_plugin->tables[i];
        char name[256], in_path[4096], out_path[4200];
        snprintf(name, sizeof name, "%s.csv", t->id);
        snprintf(in_path, sizeof in_path, "%s/%s/%s", h_data, h_plugin->id, name);
        snprintf(out_path, sizeof out_path, "%s/%s", dir, name);
        FILE *in = fopen(in_path, "rb");
        FILE *out = fopen(out_path, "wb");
        CHECK(in && out);
        if (!in || !out) {
            if (in)
                fclose(in);
            if (out)
                fclose(out);
            continue;
        }
        char line[4096];
        long rows = 0;
        int english = 0, chinese = 0, fields = 0;
        if (fgets(line, sizeof line, in)) {
            char *p = line;
            if (!strncmp(p, "\xEF\xBB\xBF", 3))
                p += 3;
            p[strcspn(p, "\r\n")] = '\0';
            for (char *field = strtok(p, ","); field; field = strtok(NULL, ",")) {
                const char *other = NULL;
                for (size_t c = 0; c < t->ncolumns && !other; c++) {
                    if (!strcmp(field, t->columns[c].id))
                        other = t->columns[c].title, english++;
                    else if (!strcmp(field, t->columns[c].title))
                        other = t->columns[c].id, chinese++;
                }
                CHECK(other != NULL);
                fprintf(out, "%s%s", fields++ ? "," : "", other ? other : field);
            }
            fputc('\n', out);
        }
        /* The dataset spells each header one way throughout. */
        CHECK(english == 0 || chinese == 0);
        while (fgets(line, sizeof line, in)) {
            fputs(line, out);
            rows++;
        }
        fclose(in);
        CHECK(fclose(out) == 0);
        struct h_capture c;
        kp_import_totals tot;
        const char *paths[] = {out_path};
        CHECK_INT_EQ(import_paths(s, paths, 1, &c, &tot), 0);
        if (c.problems)
            fprintf(stderr, "%s with its header swapped:\n%s", name, c.text);
        CHECK(rows > 0);
        CHECK_INT_EQ(tot.unchanged, rows);
        CHECK_INT_EQ(tot.added, 0);
        CHECK_INT_EQ(tot.replaced, 0);
    }
    kp_store_close(s);
}

/* A file whose content the import must refuse, naming `where` and saying
 * `what`, with nothing stored in its table. */
static inline void expect_refused(const char *file, const char *content, const char *where,
                                  const char *what)
{
    kp_store *s = fresh_store("refused.db");
    struct h_capture c;
    kp_import_totals t;
    const char *units[] = {data_path("units.csv")};
    if (import_paths(s, units, 1, &c, &t)) {
        CHECK(!"the unit tree imports");
        kp_store_close(s);
        return;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/bad", h_scratch);
    make_dir(dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "wb");
    if (!f || fputs(content, f) < 0 || fclose(f)) {
        perror(path);
        exit(1);
    }
    const char *paths[] = {path};
    CHECK_INT_EQ(import_paths(s, paths, 1, &c, &t), -1);
    CHECK_STR_CONTAINS(c.text, where);
    CHECK_STR_CONTAINS(c.text, what);
    CHECK_STR_CONTAINS(c.text, "nothing was imported");
    char table[256], sql[512];
    snprintf(table, sizeof table, "%s", file);
    table[strcspn(table, ".")] = '\0';
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *st;
    long rows = -1;
    if (sqlite3_prepare_v2(kp_store_db(s), sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        rows = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    CHECK_INT_EQ(rows, 0);
    kp_store_close(s);
}

#endif
