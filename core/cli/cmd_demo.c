/*
 * cmd_demo.c — `kaoping demo`: the whole job on a generated city.
 *
 * Writes the demo city's CSV files into DIR/data, imports them into
 * DIR/kaoping.db as `kaoping import` would, assesses them with the shipped
 * rules, and renders the city report, every county report and every area
 * report into DIR.  DIR is refused when it holds files kaoping did not write
 * (demo/outdir.h).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "assess/assess.h"
#include "output/results.h"
#include "assess/rules.h"
#include "cli/cli.h"
#include "demo_city/demo.h"
#include "demo_city/outdir.h"
#include "import/import.h"
#include "report/batch.h"
#include "util/paths.h"

static const char usage[] =
    "usage: kaoping demo [DIR] [--seed N] [--counties N] [--scale F] [--year Y] [--quiet] [--serve]\n"
    "\n"
    "Generate the demo city XX市 — about ten counties with their townships and\n"
    "villages, and a year of data in every table — as the CSV files counties\n"
    "send (DIR/data), import them into DIR/kaoping.db, assess them with the\n"
    "shipped 2023 rules, and render the city report, one report per county and\n"
    "one per work area into DIR.  Each county follows a profile (示范, 良好,\n"
    "一般, 宣传薄弱, 数据缺失, 薄弱), so the results differ for reasons the\n"
    "reports show.\n"
    "The same options always give the same files.\n"
    "\n"
    "DIR (default demo) must be new, empty, or a folder kaoping demo wrote\n"
    "before, whose output is then replaced; a folder holding anything else is\n"
    "refused.\n"
    "\n"
    "  --seed N      the random seed (default 1)\n"
    "  --counties N  counties in the city (default 10, at most 999)\n"
    "  --scale F     multiply the activity rows by F, 0.1 to 50 (default 1);\n"
    "                with --counties, makes datasets for benchmarks\n"
    "  --year Y      the assessed year (default 2023)\n"
    "  --quiet       print only problems and the last line\n"
    "  --serve       then make demo accounts and run 'kaoping serve' on the city\n"
    "  -h, --help    show this help\n";

#define DB_NAME "kaoping.db"
#define DATA_NAME "data"
/* Counties up to this many are listed one by one while they are written. */
#define LIST_COUNTIES 20

struct demo_run {
    const char *dir;
    char data[PATH_MAX], db[PATH_MAX];
    kp_demo_options opt;
    int quiet, tty;
    int shown;   /* a progress line is on screen */
    time_t last; /* when it was drawn */
    kp_registry *reg;
    const struct kp_table **tables; /* every loaded plugin's, for the demo */
};

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A progress line: redrawn in place on a terminal, at most once a second. */
static void progress(struct demo_run *r, int done, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void progress(struct demo_run *r, int done, const char *fmt, ...)
{
    time_t now = time(NULL);
    if (r->quiet || (!done && now == r->last))
        return;
    r->last = now;
    va_list ap;
    va_start(ap, fmt);
    if (r->tty)
        fputs("\r\033[K", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    r->shown = r->tty && !done;
    if (!r->shown)
        fputc('\n', stderr);
}

static void clear_progress(struct demo_run *r)
{
    if (r->shown)
        fputs("\r\033[K", stderr);
    r->shown = 0;
}

/* ---- Writing the city ---------------------------------------------------- */

static void on_county(void *ud, const kp_demo_county_info *c)
{
    struct demo_run *r = ud;
    if (r->quiet)
        return;
    if (c->total <= LIST_COUNTIES) {
        printf("  %s %s  %s：%s（%d 个乡镇街道，%d 个村社区）\n", c->code, c->name, c->profile,
               c->summary, c->townships, c->villages);
    } else {
        progress(r, c->index + 1 == c->total, "writing the city: %d/%d counties", c->index + 1,
                 c->total);
    }
}

/* The tables of the loaded plugins: the demo writes their files. */
static int loaded_tables(struct demo_run *r)
{
    size_t n = 0;
    for (size_t i = 0; i < kp_registry_count(r->reg); i++)
        n += kp_registry_plugin(r->reg, i)->ntables;
    if (!(r->tables = calloc(n ? n : 1, sizeof *r->tables))) {
        kp_cli_error("out of memory");
        return -1;
    }
    for (size_t i = 0; i < kp_registry_count(r->reg); i++) {
        const struct kp_plugin *p = kp_registry_plugin(r->reg, i);
        for (size_t t = 0; t < p->ntables; t++)
            r->tables[r->opt.ntables++] = &p->tables[t];
    }
    r->opt.tables = r->tables;
    return 0;
}

static int write_city(struct demo_run *r)
{
    kp_err e;
    if (mkdir(r->data, 0777) && errno != EEXIST) {
        kp_cli_error("creating %s: %s", r->data, strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < kp_demo_file_count(&r->opt); i++) {
        char rel[256];
        snprintf(rel, sizeof rel, DATA_NAME "/%s.csv", kp_demo_file_table(&r->opt, i));
        if (kp_demo_dir_record(r->dir, rel, &e)) {
            kp_cli_error("%s", e.msg);
            return -1;
        }
    }
    if (!r->quiet)
        printf("writing %s: XX市, %d counties, seed %" PRIu64 ", scale %g, year %d\n", r->data,
               r->opt.counties, r->opt.seed, r->opt.scale, r->opt.year);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    kp_demo_totals t;
    if (kp_demo_write(r->data, &r->opt, on_county, r, &t, &e)) {
        clear_progress(r);
        kp_cli_error("%s", e.msg);
        return -1;
    }
    if (!r->quiet)
        printf("wrote %ld files, %ld rows (%ld units) in %.2f s\n", t.files, t.rows, t.units,
               seconds_since(&t0));
    return 0;
}

/* ---- Importing it -------------------------------------------------------- */

static void on_problem(void *ud, const char *msg)
{
    struct demo_run *r = ud;
    clear_progress(r);
    fprintf(stderr, "%s\n", msg);
}

static void on_file(void *ud, const kp_import_file_stats *st)
{
    struct demo_run *r = ud;
    if (!r->quiet)
        printf("  %s → %s (%s): %ld rows\n", st->path, st->table,
               st->encoding ? st->encoding : "?", st->rows);
}

static void on_import_progress(void *ud, const char *path, uint64_t done, uint64_t total,
                               long rows)
{
    struct demo_run *r = ud;
    if (total >= 4u << 20)
        progress(r, done >= total, "importing %s: %3d%%, %ld rows", path,
                 (int)(done * 100 / total), rows);
}

/* The data files the demo wrote, units first. */
static int import_paths(struct demo_run *r, char ***out, size_t *n)
{
    size_t count = kp_demo_file_count(&r->opt);
    char **paths = calloc(count, sizeof *paths);
    if (!paths)
        return -1;
    for (*n = 0; *n < count; (*n)++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s.csv", r->data, kp_demo_file_table(&r->opt, *n));
        if (!(paths[*n] = strdup(path))) {
            for (size_t j = 0; j < *n; j++)
                free(paths[j]);
            free(paths);
            return -1;
        }
    }
    *out = paths;
    return 0;
}

static int import_city(struct demo_run *r)
{
    kp_err e;
    static const char *const db_files[] = {DB_NAME, DB_NAME "-journal", DB_NAME "-wal",
                                           DB_NAME "-shm"};
    for (size_t i = 0; i < sizeof db_files / sizeof db_files[0]; i++)
        if (kp_demo_dir_record(r->dir, db_files[i], &e)) {
            kp_cli_error("%s", e.msg);
            return -1;
        }
    char **paths = NULL;
    size_t n = 0;
    if (import_paths(r, &paths, &n)) {
        kp_cli_error("out of memory");
        return -1;
    }
    kp_store *s = NULL;
    int rc = -1;
    if (kp_cli_open_store(&s, r->db, 1, r->reg) == 0) {
        if (!r->quiet)
            printf("importing into %s\n", r->db);
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        kp_import_hooks hooks = {.ud = r, .problem = on_problem, .file_done = on_file,
                                 .progress = on_import_progress};
        kp_import_totals t;
        rc = kp_import(s, r->reg, (const char *const *)paths, n, &hooks, &t, &e);
        clear_progress(r);
        if (rc)
            kp_cli_error("%s (the demo data should always import: please report this)", e.msg);
        else if (!r->quiet)
            printf("imported %ld files, %ld rows in %.2f s (import %ld)\n", t.files, t.rows,
                   seconds_since(&t0), t.import_id);
        kp_store_close(s);
    }
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return rc;
}

/* ---- Assessment and reports ----------------------------------------------- */

/* The layouts the demo renders, in this order. */
static const char *const demo_layouts[] = {"reports/city.lua", "reports/county.lua",
                                           "reports/area.lua"};

static int assess_city(struct demo_run *r, long long *run_id)
{
    char rules_path[PATH_MAX], rel[64];
    snprintf(rel, sizeof rel, "scripts/rules/%d.lua", r->opt.year);
    kp_data_path(rules_path, sizeof rules_path, rel);
    kp_rules *rules = NULL;
    kp_store *store = NULL;
    kp_err e;
    int rc = -1;
    if (kp_rules_load(&rules, rules_path, kp_rules_default_lib_dir(), r->reg, &e) < 0) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    if (rules->nerrors) {
        kp_rules_print_diags(rules, stderr);
        kp_cli_error("%s has %zu error(s)", rules_path, rules->nerrors);
        goto out;
    }
    if (kp_cli_open_store(&store, r->db, 0, r->reg))
        goto out;
    if (kp_cli_demo_scores(r->dir, kp_store_db(store), rules, &e) < 0) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    kp_assess_summary sum;
    if (kp_assess_run(store, r->reg, rules, r->opt.year, &sum, &e) < 0) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    *run_id = sum.run_id;
    if (!r->quiet) {
        printf("\nassessment %d with %s (run %lld):\n", r->opt.year, rules_path, sum.run_id);
        if (sum.unrated)
            printf("%zu assessor-scored item(s) left 未评分 (no score in the form)\n",
                   sum.unrated);
        if (kp_results_ranking(kp_store_db(store), sum.run_id, KP_FORMAT_TABLE, stdout, &e) < 0) {
            kp_cli_error("%s", e.msg);
            goto out;
        }
    }
    rc = 0;
out:
    kp_rules_free(rules);
    kp_store_close(store);
    return rc;
}

static void report_done(void *ud, const kp_report_subject *s, int ok, const char *msg,
                        size_t finished, size_t total)
{
    struct demo_run *r = ud;
    if (!ok)
        kp_cli_error("%s (%s): %s", s->file, s->name, msg);
    progress(r, finished == total, "  %zu/%zu reports", finished, total);
}

static int render_layout(struct demo_run *r, long long run_id, const char *layout, size_t *written)
{
    char path[PATH_MAX];
    kp_data_path(path, sizeof path, layout);
    kp_report_config cfg = {.db_path = r->db, .layout_path = path, .run_id = (long)run_id};
    kp_report *rep = NULL;
    kp_report_subject *subjects = NULL;
    size_t n = 0;
    kp_err e;
    int rc = -1;
    if (kp_report_open(&rep, &cfg, &e) || kp_report_subjects(rep, &subjects, &n, &e)) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    kp_report_close(rep);
    rep = NULL;
    for (size_t i = 0; i < n; i++)
        if (kp_demo_dir_record(r->dir, subjects[i].file, &e)) {
            kp_cli_error("%s", e.msg);
            goto out;
        }
    kp_batch_hooks hooks = {.ud = r, .done = report_done};
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    long failed = kp_report_batch(&cfg, subjects, n, r->dir, jobs > 0 ? (int)jobs : 1, 0, &hooks,
                                  &e);
    if (failed < 0)
        kp_cli_error("%s", e.msg);
    else if (failed > 0)
        kp_cli_error("%s: %ld of %zu reports failed", layout, failed, n);
    else
        rc = 0;
    *written += n - (size_t)(failed > 0 ? failed : 0);
out:
    kp_report_subjects_free(subjects, n);
    kp_report_close(rep);
    return rc;
}

/* Assess the imported city with the shipped rules and render every report. */
static int assess_and_render(struct demo_run *r)
{
    long long run_id;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (assess_city(r, &run_id))
        return -1;
    if (!r->quiet)
        printf("\nrendering reports into %s\n", r->dir);
    size_t written = 0;
    int rc = 0;
    for (size_t i = 0; i < sizeof demo_layouts / sizeof demo_layouts[0]; i++)
        rc |= render_layout(r, run_id, demo_layouts[i], &written);
    if (!r->quiet)
        printf("%zu reports written in %.2f s\n", written, seconds_since(&t0));
    return rc;
}

/* ---- The command --------------------------------------------------------- */

static int parse_number(const char *text, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

int kp_cmd_demo(struct kp_cli *cli, int argc, char **argv)
{
    struct demo_run r = {.dir = "demo", .tty = isatty(2)};
    /* Progress and problems go to stderr: keep stdout's lines in step with them. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    kp_demo_defaults(&r.opt);
    static const struct option opts[] = {{"seed", required_argument, NULL, 's'},
                                         {"counties", required_argument, NULL, 'c'},
                                         {"scale", required_argument, NULL, 'x'},
                                         {"year", required_argument, NULL, 'y'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"serve", no_argument, NULL, 'S'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    int c, serve = 0;
    double v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hq", opts, NULL)) != -1) {
        switch (c) {
        case 's': {
            char *end;
            errno = 0;
            unsigned long long seed = strtoull(optarg, &end, 10);
            if (errno || end == optarg || *end || optarg[0] == '-')
                return kp_cli_usage_error("demo", "--seed takes a whole number such as 42");
            r.opt.seed = seed;
            break;
        }
        case 'c':
            if (parse_number(optarg, 1, KP_DEMO_MAX_COUNTIES, &v) || v != floor(v))
                return kp_cli_usage_error("demo", "--counties takes a number from 1 to %d",
                                          KP_DEMO_MAX_COUNTIES);
            r.opt.counties = (int)v;
            break;
        case 'x':
            if (parse_number(optarg, KP_DEMO_MIN_SCALE, KP_DEMO_MAX_SCALE, &v))
                return kp_cli_usage_error("demo", "--scale takes a number from %g to %g",
                                          KP_DEMO_MIN_SCALE, KP_DEMO_MAX_SCALE);
            r.opt.scale = v;
            break;
        case 'y':
            if (parse_number(optarg, 1901, 2999, &v) || v != floor(v))
                return kp_cli_usage_error("demo", "--year takes a year such as 2023");
            r.opt.year = (int)v;
            break;
        case 'q': r.quiet = 1; break;
        case 'S': serve = 1; break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("demo", "unknown option");
        }
    }
    if (optind < argc)
        r.dir = argv[optind++];
    if (optind < argc)
        return kp_cli_usage_error("demo", "unexpected argument '%s'", argv[optind]);
    kp_err e;
    if (kp_demo_check_options(&r.opt, &e))
        return kp_cli_usage_error("demo", "%s", e.msg);
    if (snprintf(r.data, sizeof r.data, "%s/" DATA_NAME, r.dir) >= (int)sizeof r.data ||
        snprintf(r.db, sizeof r.db, "%s/" DB_NAME, r.dir) >= (int)sizeof r.db) {
        kp_cli_error("%s: the folder name is too long", r.dir);
        return KP_EXIT_FAIL;
    }

    if (kp_demo_dir_claim(r.dir, &e)) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    /* The plugins first: each loaded area writes its own tables' rows. */
    if (kp_cli_setup(cli, NULL) < 0)
        return KP_EXIT_FAIL;
    r.reg = cli->reg;
    if (loaded_tables(&r) || write_city(&r)) {
        free(r.tables);
        return KP_EXIT_FAIL;
    }
    int rc = KP_EXIT_FAIL;
    if (import_city(&r) == 0 && assess_and_render(&r) == 0) {
        printf("%sthe demo city is in %s: %s (the CSV files), %s\n", r.quiet ? "" : "\n", r.dir,
               r.data, r.db);
        rc = KP_EXIT_OK;
    }
    free(r.tables);
    return rc == KP_EXIT_OK && serve ? kp_cli_demo_serve(r.db, r.opt.year) : rc;
}
