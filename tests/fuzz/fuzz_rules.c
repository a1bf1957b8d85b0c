/*
 * fuzz_rules.c — libFuzzer target for the rules loader (core/assess/rules.c
 * and rules_lang.c, in the core/script sandbox), and for assessing with the
 * rules it accepts.
 *
 * An input is the text of a rules file.  It is loaded with the shipped
 * scoring library against the health_promotion plugin; every diagnostic must
 * begin with the file's name.  Rules that load without errors are then used
 * to assess a fresh copy of the small city of tests/assess/golden.sql, which
 * must either succeed with every county scored or fail with a message —
 * never crash, never run far past the time limit, and never leave a
 * half-stored run behind.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"
#include "assess/assess.h"
#include "script/sandbox.h"

#ifndef FUZZ_PLUGIN
#error "FUZZ_PLUGIN must name the health_promotion module"
#endif
#ifndef FUZZ_LIB
#error "FUZZ_LIB must name the scoring library folder"
#endif
#ifndef FUZZ_GOLDEN
#error "FUZZ_GOLDEN must name tests/assess/golden.sql"
#endif

static char dir[64], rules_path[128], template_db[128], work_db[128];
static kp_registry *reg;
static char *template_bytes;
static size_t template_len;

static __attribute__((noreturn)) void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_rules: %s\n%s\n", what, detail ? detail : "");
    abort();
}

static void remove_db(const char *path)
{
    char side[160];
    remove(path);
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", path);
    remove(side);
}

static void cleanup(void)
{
    remove_db(template_db);
    remove_db(work_db);
    remove(rules_path);
    rmdir(dir);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long n = 0;
    if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) ||
        !(data = malloc((size_t)n + 1)) || fread(data, 1, (size_t)n, f) != (size_t)n)
        die("cannot read", path);
    fclose(f);
    data[n] = '\0';
    *len = (size_t)n;
    return data;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0)
        die("cannot write", path);
}

static void setup(void)
{
    kp_err e;
    snprintf(dir, sizeof dir, "/tmp/kp-fuzz-rules-XXXXXX");
    if (!mkdtemp(dir))
        die("cannot make a scratch folder", NULL);
    atexit(cleanup);
    snprintf(rules_path, sizeof rules_path, "%s/rules.lua", dir);
    snprintf(template_db, sizeof template_db, "%s/template.db", dir);
    snprintf(work_db, sizeof work_db, "%s/work.db", dir);
    const char *plugin = FUZZ_PLUGIN;
    if (kp_registry_load_paths(&reg, &plugin, 1, NULL, NULL, &e) || kp_registry_count(reg) != 1)
        die("cannot load the plugin", FUZZ_PLUGIN);
    size_t len;
    char *golden = slurp(FUZZ_GOLDEN, &len);
    kp_store *s;
    if (kp_store_open(&s, template_db, KP_STORE_CREATE, &e) ||
        kp_store_migrate_plugins(s, reg, &e) || kp_store_exec(s, golden, &e))
        die("cannot make the template database", e.msg);
    kp_store_close(s);
    free(golden);
    template_bytes = slurp(template_db, &template_len);
}

/* Slack over a time limit before a run counts as a hang (sanitizers slow
 * the C around the script down). */
#define LATE_MS 3000

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long count(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        die("query failed", sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void assess(kp_rules *rules)
{
    kp_err e;
    kp_store *s;
    remove_db(work_db);
    write_file(work_db, template_bytes, template_len);
    if (kp_store_open(&s, work_db, KP_STORE_EXISTING, &e) || kp_store_migrate_plugins(s, reg, &e))
        die("cannot open the work database", e.msg);
    kp_assess_summary sum;
    int rc = kp_assess_run(s, reg, rules, rules->year, &sum, &e);
    sqlite3 *db = kp_store_db(s);
    long runs = count(db, "SELECT count(*) FROM assessment_runs");
    long scores = count(db, "SELECT count(*) FROM run_scores");
    if (rc != 0) {
        if (!e.msg[0])
            die("a failed assessment without a message", NULL);
        if (runs != 0 || scores != 0)
            die("a failed assessment left a run behind", e.msg);
    } else if (runs != 1 || sum.counties != 4) {
        die("a successful assessment that did not store one run of every county", NULL);
    }
    kp_store_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!reg)
        setup();
    write_file(rules_path, data, size);
    kp_rules *rules;
    kp_err e;
    double t0 = now_ms();
    int loaded = kp_rules_load(&rules, rules_path, FUZZ_LIB, reg, &e);
    /* Metamethods, patterns and SQL run inside the time limit or not at
     * all: loading never takes much longer than the limit. */
    if (now_ms() - t0 > KP_SANDBOX_TIME_DEFAULT_MS + LATE_MS)
        die("loading the rules ran far past the time limit", loaded < 0 ? e.msg : NULL);
    if (loaded < 0) {
        if (strncmp(e.msg, rules_path, strlen(rules_path)) != 0 && !strstr(e.msg, "out of memory"))
            die("a loading failure that does not name the file", e.msg);
        return 0;
    }
    for (size_t i = 0; i < rules->ndiags; i++)
        if (strncmp(rules->diags[i].msg, rules_path, strlen(rules_path)) != 0)
            die("a diagnostic that does not begin with the file", rules->diags[i].msg);
    if (rules->nerrors == 0)
        assess(rules);
    kp_rules_free(rules);
    return 0;
}
