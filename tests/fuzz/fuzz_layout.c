/*
 * fuzz_layout.c — libFuzzer target for the layout runtime (core/report: the
 * `doc` object, subjects and render; core/render: layout and the PDF writer).
 *
 * An input is the text of a layout file, run against a stored assessment of
 * the small city of tests/assess/golden.sql, with the shared helpers of
 * reports/lib beside it and a time limit of one second.  Its first subject
 * (at most the first three) is rendered to PDF.  Whatever the layout does,
 * kaoping must not crash, and:
 *   - a failure has a message, and leaves no file under the PDF's name;
 *   - a success leaves a whole PDF there (it starts with %PDF- and ends with
 *     %%EOF);
 *   - subjects() returns within the time limit (and a little);
 *   - the chart named "fuzz", if any, renders alone to SVG or fails with a
 *     message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"
#include "assess/assess.h"
#include "report/report.h"

#ifndef FUZZ_PLUGIN
#error "FUZZ_PLUGIN must name the health_promotion module"
#endif
#ifndef FUZZ_LIB
#error "FUZZ_LIB must name the scoring library folder"
#endif
#ifndef FUZZ_GOLDEN
#error "FUZZ_GOLDEN must name tests/assess/golden.sql"
#endif
#ifndef FUZZ_RULES
#error "FUZZ_RULES must name the rules the run is assessed with"
#endif
#ifndef FUZZ_REPORT_LIB
#error "FUZZ_REPORT_LIB must name reports/lib"
#endif

static char dir[64], db_path[128], layout_path[128], pdf_path[128], svg_path[128],
    lib_link[128];

/* Slack over the time limit before a call counts as a hang. */
#define LATE_MS 3000

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}
static int verbose; /* FUZZ_VERBOSE=1: say what became of each input */

static __attribute__((noreturn)) void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_layout: %s\n%s\n", what, detail ? detail : "");
    abort();
}

static void cleanup(void)
{
    char side[160];
    remove(db_path);
    snprintf(side, sizeof side, "%s-wal", db_path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", db_path);
    remove(side);
    remove(layout_path);
    remove(pdf_path);
    remove(svg_path);
    unlink(lib_link);
    rmdir(dir);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long n = 0;
    if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) ||
        !(data = malloc((size_t)n + 1)) || fread(data, 1, (size_t)n, f) != (size_t)n)
        die("cannot read", path);
    fclose(f);
    data[n] = '\0';
    return data;
}

/* The database every input reads: the golden city, assessed once. */
static void setup(void)
{
    kp_err e;
    snprintf(dir, sizeof dir, "/tmp/kp-fuzz-layout-XXXXXX");
    if (!mkdtemp(dir))
        die("cannot make a scratch folder", NULL);
    atexit(cleanup);
    snprintf(db_path, sizeof db_path, "%s/run.db", dir);
    snprintf(layout_path, sizeof layout_path, "%s/layout.lua", dir);
    snprintf(pdf_path, sizeof pdf_path, "%s/out.pdf", dir);
    snprintf(svg_path, sizeof svg_path, "%s/chart.svg", dir);
    snprintf(lib_link, sizeof lib_link, "%s/lib", dir);
    if (symlink(FUZZ_REPORT_LIB, lib_link) != 0)
        die("cannot link the report helpers", FUZZ_REPORT_LIB);

    kp_registry *reg;
    const char *plugin = FUZZ_PLUGIN;
    if (kp_registry_load_paths(&reg, &plugin, 1, NULL, NULL, &e) || kp_registry_count(reg) != 1)
        die("cannot load the plugin", FUZZ_PLUGIN);
    char *golden = slurp(FUZZ_GOLDEN);
    kp_store *s;
    kp_rules *rules;
    kp_assess_summary sum;
    if (kp_store_open(&s, db_path, KP_STORE_CREATE, &e) ||
        kp_store_migrate_plugins(s, reg, &e) || kp_store_exec(s, golden, &e) ||
        kp_rules_load(&rules, FUZZ_RULES, FUZZ_LIB, reg, &e))
        die("cannot make the database", e.msg);
    if (rules->nerrors || kp_assess_run(s, reg, rules, rules->year, &sum, &e))
        die("cannot assess the golden city", e.msg);
    kp_rules_free(rules);
    kp_store_close(s);
    kp_registry_free(reg);
    free(golden);
}

static void check_pdf(void)
{
    FILE *f = fopen(pdf_path, "rb");
    char head[8] = {0}, tail[16] = {0};
    long n = 0;
    if (!f || fread(head, 1, 5, f) != 5 || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 16 ||
        fseek(f, n - 16, SEEK_SET) || fread(tail, 1, 15, f) != 15)
        die("a report said to be written is not there whole", pdf_path);
    fclose(f);
    if (memcmp(head, "%PDF-", 5) || !strstr(tail, "%%EOF"))
        die("a report said to be written is not a whole PDF", pdf_path);
}

/* The chart a layout names "fuzz", alone as SVG (the capture path keeps the
 * name and chart across the layout's later calls). */
static void capture_chart(kp_report *r)
{
    kp_err e;
    e.msg[0] = '\0';
    if (kp_report_chart(r, 0, "fuzz", svg_path, 400, 300, &e) == 0) {
        if (access(svg_path, F_OK) != 0)
            die("a chart said to be written is not there", svg_path);
    } else if (!e.msg[0]) {
        die("a chart failed without a message", NULL);
    }
    remove(svg_path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db_path[0]) {
        setup();
        verbose = getenv("FUZZ_VERBOSE") != NULL;
    }
    FILE *f = fopen(layout_path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        die("cannot write", layout_path);

    kp_report_config cfg = {.db_path = db_path, .layout_path = layout_path, .time_ms = 1000};
    kp_report *r;
    kp_err e;
    e.msg[0] = '\0';
    if (kp_report_open(&r, &cfg, &e) < 0) {
        if (verbose)
            fprintf(stderr, "refused: %s\n", e.msg);
        if (!e.msg[0])
            die("a layout refused without a message", NULL);
        return 0;
    }
    kp_report_subject *subjects = NULL;
    size_t n = 0;
    double t0 = now_ms();
    int listed = kp_report_subjects(r, &subjects, &n, &e);
    /* subjects() entries are read without running the layout's metamethods,
     * so nothing outside the time limit can hang. */
    if (now_ms() - t0 > cfg.time_ms + LATE_MS)
        die("subjects() ran far past the time limit", e.msg);
    if (listed == 0) {
        for (size_t i = 0; i < n && i < 3; i++) {
            remove(pdf_path);
            e.msg[0] = '\0';
            if (kp_report_render(r, i, pdf_path, 0, &e) == 0) {
                check_pdf();
                if (verbose)
                    fprintf(stderr, "subject %zu of %zu: written\n", i + 1, n);
            } else {
                if (verbose)
                    fprintf(stderr, "subject %zu of %zu: %s\n", i + 1, n, e.msg);
                if (!e.msg[0])
                    die("a report failed without a message", NULL);
                if (access(pdf_path, F_OK) == 0)
                    die("a failed report left a file under its name", e.msg);
            }
        }
        if (n > 0)
            capture_chart(r);
        kp_report_subjects_free(subjects, n);
    } else {
        if (verbose)
            fprintf(stderr, "subjects: %s\n", e.msg);
        if (!e.msg[0])
            die("subjects() failed without a message", NULL);
    }
    kp_report_close(r);
    return 0;
}
