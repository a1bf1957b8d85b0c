/*
 * test_demo.c — what the demo city promises: the same seed writes the same
 * bytes and another seed other data; every file imports without a single
 * problem; the county profiles show in the figures (the exemplary county
 * meets the targets, the weak ones miss them, the missing-data county has
 * 无数据); larger cities and scales stay valid; the output folder never
 * loses a file kaoping did not write; and CSV comes out as Excel writes it.
 *
 * argv: a scratch folder, then the work-area plugin modules: every table of
 * each is written by the plugin's own sample rows, and only those tables.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "csv/csv_out.h"
#include "demo_city/demo.h"
#include "demo_city/outdir.h"
#include "import/import.h"

static const char *scratch;
static kp_registry *reg;
/* The loaded plugins' tables, as `kaoping demo` hands them to the city. */
static const struct kp_table *tables[128];
static size_t ntables;

/* The defaults, with every loaded table. */
static void demo_defaults(kp_demo_options *o)
{
    kp_demo_defaults(o);
    o->tables = tables;
    o->ntables = ntables;
}

/* The counties the ten-county city puts first in each profile. */
#define EXEMPLARY "420101000000"     /* 江岸区 示范    */
#define WEAK_OUTREACH "420105000000" /* 长岭县 宣传薄弱 */
#define MISSING_DATA "420107000000"  /* 白沙县 数据缺失 */
#define WEAK "420108000000"          /* 石门县 薄弱    */

static const char *scratch_path(const char *name)
{
    static char paths[8][4096];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 4096, "%s/%s", scratch, name);
    return p;
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* A fresh folder holding the demo city written with `o`. */
static const char *write_city(const char *name, const kp_demo_options *o, kp_demo_totals *t)
{
    const char *dir = scratch_path(name);
    remove_tree(dir);
    mkdir(dir, 0777);
    kp_err e;
    kp_demo_totals none;
    if (kp_demo_write(dir, o, NULL, NULL, t ? t : &none, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        CHECK(!"the demo city was written");
    }
    return dir;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap + 1);
    size_t got;
    while (p && (got = fread(p + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *q = realloc(p, cap * 2 + 1);
            if (!q) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
    }
    fclose(f);
    if (p)
        p[n] = '\0';
    *len = n;
    return p;
}

/* 1 when the two files hold the same bytes. */
static int same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *pa = slurp(a, &la), *pb = slurp(b, &lb);
    int same = pa && pb && la == lb && memcmp(pa, pb, la) == 0;
    free(pa);
    free(pb);
    return same;
}

static const char *table_path(const char *dir, const char *table)
{
    static char paths[4][4096];
    static int next;
    char *p = paths[next++ % 4];
    snprintf(p, 4096, "%s/%s.csv", dir, table);
    return p;
}

static const char *table_file(const char *dir, size_t i)
{
    kp_demo_options o;
    demo_defaults(&o);
    return table_path(dir, kp_demo_file_table(&o, i));
}

static size_t file_count(void)
{
    kp_demo_options o;
    demo_defaults(&o);
    return kp_demo_file_count(&o);
}

static long count_lines(const char *path)
{
    size_t len;
    char *p = slurp(path, &len);
    long n = 0;
    for (size_t i = 0; p && i < len; i++)
        n += p[i] == '\n';
    free(p);
    return p ? n : -1;
}

static void test_same_seed_same_bytes(void)
{
    kp_demo_options o;
    demo_defaults(&o);
    o.seed = 7;
    const char *a = write_city("seed7a", &o, NULL), *b = write_city("seed7b", &o, NULL);
    o.seed = 8;
    const char *c = write_city("seed8", &o, NULL);
    size_t differ = 0;
    for (size_t i = 0; i < file_count(); i++) {
        CHECK(same_file(table_file(a, i), table_file(b, i)));
        differ += !same_file(table_file(a, i), table_file(c, i));
    }
    /* Another seed redraws names and figures everywhere, not in one file. */
    CHECK(differ >= file_count() - 3);
    CHECK(!same_file(table_file(a, 0), table_file(c, 0)));
}

/* A table's rows come from its own stream: loading the plugins in another
 * order, or fewer of them, changes no file. */
static void test_load_order_changes_nothing(void)
{
    kp_demo_options o;
    demo_defaults(&o);
    o.counties = 3;
    const char *forward = write_city("forward", &o, NULL);
    const struct kp_table *reversed[128];
    for (size_t i = 0; i < ntables; i++)
        reversed[i] = tables[ntables - 1 - i];
    o.tables = reversed;
    const char *backward = write_city("backward", &o, NULL);
    o.tables = tables + ntables - 1;
    o.ntables = 1;
    const char *alone = write_city("alone", &o, NULL);
    for (size_t i = 0; i < file_count(); i++)
        CHECK(same_file(table_file(forward, i), table_file(backward, i)));
    const char *last = tables[ntables - 1]->id;
    CHECK(same_file(table_path(forward, last), table_path(alone, last)));
    if (ntables > 1) /* only the loaded tables are written */
        CHECK_INT_EQ(count_lines(table_path(alone, tables[0]->id)), -1);
}

struct import_log {
    int problems;
    int gb18030, utf8_bom, utf8;
};

static void on_problem(void *ud, const char *msg)
{
    struct import_log *l = ud;
    if (l->problems++ < 20)
        fprintf(stderr, "problem: %s\n", msg);
}

static void on_file(void *ud, const kp_import_file_stats *st)
{
    struct import_log *l = ud;
    if (!st->encoding)
        return;
    l->gb18030 += !strcmp(st->encoding, "GB18030");
    l->utf8_bom += !strcmp(st->encoding, "UTF-8 with BOM");
    l->utf8 += !strcmp(st->encoding, "UTF-8");
}

/* Import the city in `dir` into a new database; returns its path, or NULL. */
static const char *import_city(const char *dir, const char *db_name, struct import_log *log)
{
    const char *db = scratch_path(db_name);
    remove(db);
    kp_store *s = NULL;
    kp_err e;
    if (kp_store_open(&s, db, KP_STORE_CREATE, &e) || kp_store_migrate_plugins(s, reg, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        kp_store_close(s);
        return NULL;
    }
    char *paths[64];
    size_t n = 0;
    for (size_t i = 0; i < file_count() && n < 64; i++)
        paths[n++] = strdup(table_file(dir, i));
    memset(log, 0, sizeof *log);
    kp_import_hooks hooks = {.ud = log, .problem = on_problem, .file_done = on_file};
    kp_import_totals t;
    int rc = kp_import(s, reg, (const char *const *)paths, n, &hooks, &t, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    kp_store_close(s);
    return rc ? NULL : db;
}

static long query_long(const char *db, const char *sql)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    long v = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    } else {
        fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(h));
    }
    sqlite3_close(h);
    return v;
}

static int loaded(const char *table)
{
    return kp_registry_find_table(reg, table, NULL) != NULL;
}

static const char *city_db; /* the ten-county city, imported; NULL if that failed */
static char city_db_path[4096];

static void test_imports_without_a_problem(void)
{
    kp_demo_options o;
    demo_defaults(&o);
    kp_demo_totals t;
    const char *dir = write_city("city", &o, &t);
    CHECK_INT_EQ(t.files, (long)file_count());
    struct import_log log;
    const char *db = import_city(dir, "city.db", &log);
    CHECK(db != NULL);
    if (db)
        city_db = strcpy(city_db_path, db);
    CHECK_INT_EQ(log.problems, 0);
    if (!city_db)
        return;
    /* Real counties' files: some GB18030, some with a BOM, some plain (units.csv
     * at least); with every area loaded, all three. */
    if (ntables >= 17) {
        CHECK(log.gb18030 >= 1);
        CHECK(log.utf8_bom >= 1);
    }
    CHECK(log.utf8 >= 1);
    CHECK_INT_EQ(query_long(city_db, "SELECT count(*) FROM units WHERE level = 2"), 10);
    CHECK_INT_EQ(query_long(city_db, "SELECT count(*) FROM units"), t.units);
    CHECK(query_long(city_db, "SELECT min(n) FROM (SELECT count(*) n FROM units WHERE level = 3"
                              " GROUP BY parent)") >= 5);
    CHECK(query_long(city_db, "SELECT max(n) FROM (SELECT count(*) n FROM units WHERE level = 4"
                              " GROUP BY parent)") <= 20);
    /* Names are unique among siblings. */
    CHECK_INT_EQ(query_long(city_db, "SELECT count(*) FROM (SELECT 1 FROM units"
                                     " GROUP BY parent, name HAVING count(*) > 1)"), 0);
    /* Every table of every loaded plugin got rows. */
    for (size_t i = 0; i < ntables; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]->id);
        long rows = query_long(city_db, sql);
        if (rows <= 0)
            fprintf(stderr, "%s: %ld rows\n", tables[i]->id, rows);
        CHECK(rows > 0);
    }
}

/* One indicator for one county; status -1 when the indicator is not loaded. */
static int evaluate(kp_evaluator *ev, const char *qid, const char *county, double *value)
{
    const struct kp_plugin *p;
    const struct kp_indicator *ind = kp_registry_find_indicator(reg, qid, &p);
    if (!ind)
        return -1;
    kp_indicator_result r;
    kp_err e;
    if (kp_evaluate(ev, p, ind, county, 2023, &r, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return KP_RESULT_FAILED;
    }
    int status = r.status;
    *value = r.value;
    kp_indicator_result_free(&r);
    return status;
}

static void test_profiles_show(void)
{
    if (!city_db)
        return;
    kp_evaluator *ev;
    kp_err e;
    if (kp_evaluator_open(&ev, reg, city_db, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        CHECK(!"the evaluator opened");
        return;
    }
    double v = -1;
    /* health_promotion is the plugin every build has. */
    CHECK_INT_EQ(evaluate(ev, "health_promotion.lecture_coverage", EXEMPLARY, &v), KP_RESULT_VALUE);
    CHECK_NUM_EQ(v, 100, 1e-9);
    CHECK_INT_EQ(evaluate(ev, "health_promotion.lecture_coverage", WEAK, &v), KP_RESULT_VALUE);
    CHECK(v < 60);
    CHECK_INT_EQ(evaluate(ev, "health_promotion.instructor_coverage", EXEMPLARY, &v),
                 KP_RESULT_VALUE);
    CHECK(v >= 50);
    CHECK_INT_EQ(evaluate(ev, "health_promotion.instructor_coverage", WEAK, &v), KP_RESULT_VALUE);
    CHECK(v < 50);
    CHECK_INT_EQ(evaluate(ev, "health_promotion.instructor_coverage", MISSING_DATA, &v),
                 KP_RESULT_NO_DATA);

    /* The exemplary county has a figure for every loaded indicator; the
     * missing-data county has none for reproductive health. */
    for (size_t i = 0; i < kp_registry_count(reg); i++) {
        const struct kp_plugin *p = kp_registry_plugin(reg, i);
        for (size_t j = 0; j < p->nindicators; j++) {
            char qid[256];
            snprintf(qid, sizeof qid, "%s.%s", p->id, p->indicators[j].id);
            int status = evaluate(ev, qid, EXEMPLARY, &v);
            if (status != KP_RESULT_VALUE)
                fprintf(stderr, "exemplary county: %s has no value\n", qid);
            CHECK_INT_EQ(status, KP_RESULT_VALUE);
            if (!strcmp(p->id, "reproductive_health"))
                CHECK_INT_EQ(evaluate(ev, qid, MISSING_DATA, &v), KP_RESULT_NO_DATA);
        }
    }
    kp_evaluator_close(ev);

    /* The causes, read from the imported rows themselves. */
    if (loaded("publicity_events")) {
        const char *sql = "SELECT count(*) FROM units u WHERE u.level = 3 AND u.county = '%s'"
                          " AND NOT EXISTS (SELECT 1 FROM publicity_events p WHERE p.unit = u.code"
                          " AND p.kind = '宣讲')";
        char q[512];
        snprintf(q, sizeof q, sql, EXEMPLARY);
        CHECK_INT_EQ(query_long(city_db, q), 0);
        snprintf(q, sizeof q, sql, WEAK_OUTREACH);
        CHECK(query_long(city_db, q) >= 2);
    }
    if (loaded("policy_outreach")) {
        const char *sql = "SELECT count(DISTINCT venue) FROM policy_outreach p JOIN units u"
                          " ON u.code = p.unit WHERE u.county = '%s'";
        char q[512];
        snprintf(q, sizeof q, sql, EXEMPLARY);
        CHECK_INT_EQ(query_long(city_db, q), 5);
        snprintf(q, sizeof q, sql, WEAK_OUTREACH);
        CHECK_INT_EQ(query_long(city_db, q), 3);
    }
    if (loaded("info_reports")) {
        const char *sql = "SELECT count(*) FROM (SELECT substr(date, 6, 2) FROM info_reports"
                          " WHERE unit = '%s' GROUP BY 1 HAVING count(*) >= 2)";
        char q[512];
        snprintf(q, sizeof q, sql, EXEMPLARY);
        CHECK_INT_EQ(query_long(city_db, q), 12);
        snprintf(q, sizeof q, sql, WEAK);
        CHECK_INT_EQ(query_long(city_db, q), 6);
    }
    if (loaded("accident_insurance")) {
        const char *sql = "SELECT (SELECT policies FROM accident_insurance WHERE unit = '%s'"
                          " AND year = 2023) - (SELECT policies FROM accident_insurance"
                          " WHERE unit = '%s' AND year = 2022)";
        char q[512];
        snprintf(q, sizeof q, sql, EXEMPLARY, EXEMPLARY);
        CHECK(query_long(city_db, q) > 0);
        snprintf(q, sizeof q, sql, WEAK, WEAK);
        CHECK(query_long(city_db, q) < 0);
    }
    if (loaded("culture_events")) {
        const char *sql = "SELECT count(DISTINCT date) FROM culture_events c JOIN units u"
                          " ON u.code = c.unit WHERE u.county = '%s'"
                          " AND date IN ('2023-05-29', '2023-07-11')";
        char q[512];
        snprintf(q, sizeof q, sql, EXEMPLARY);
        CHECK_INT_EQ(query_long(city_db, q), 2);
    }
    if (loaded("youth_trainers")) {
        char q[512];
        snprintf(q, sizeof q, "SELECT count(*) FROM youth_trainers t JOIN units u ON u.code ="
                              " t.unit WHERE u.county = '%s'", MISSING_DATA);
        CHECK_INT_EQ(query_long(city_db, q), 0);
    }
}

static void test_larger_cities(void)
{
    kp_demo_options o;
    demo_defaults(&o);
    o.counties = 3;
    const char *small = write_city("small", &o, NULL);
    o.scale = 3;
    const char *big = write_city("big", &o, NULL);
    /* Activity rows grow with the scale; the unit tree does not. */
    CHECK(same_file(table_file(small, 0), table_file(big, 0)));
    long lectures1 = count_lines(table_path(small, "health_lectures")) - 1;
    long lectures3 = count_lines(table_path(big, "health_lectures")) - 1;
    CHECK(lectures3 > 2 * lectures1 && lectures3 < 4 * lectures1);

    /* Past the 99 counties a two-digit code holds: still a valid city. */
    o.counties = 101;
    o.scale = 0.1;
    kp_demo_totals t;
    const char *wide = write_city("wide", &o, &t);
    struct import_log log;
    const char *db = import_city(wide, "wide.db", &log);
    CHECK(db != NULL);
    CHECK_INT_EQ(log.problems, 0);
    if (db) {
        CHECK_INT_EQ(query_long(db, "SELECT count(*) FROM units WHERE level = 2"), 101);
        CHECK_INT_EQ(query_long(db, "SELECT count(DISTINCT name) FROM units WHERE level = 2"), 101);
        CHECK_INT_EQ(query_long(db, "SELECT count(*) FROM units WHERE code = '420201000000'"), 1);
    }
}

static void test_options(void)
{
    kp_demo_options o;
    kp_err e;
    kp_demo_defaults(&o);
    CHECK_INT_EQ(kp_demo_check_options(&o, &e), 0);
    o.counties = 0;
    CHECK_INT_EQ(kp_demo_check_options(&o, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "--counties");
    o.counties = KP_DEMO_MAX_COUNTIES + 1;
    CHECK_INT_EQ(kp_demo_check_options(&o, &e), -1);
    kp_demo_defaults(&o);
    o.scale = 0.01;
    CHECK_INT_EQ(kp_demo_check_options(&o, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "--scale");
    o.scale = NAN;
    CHECK_INT_EQ(kp_demo_check_options(&o, &e), -1);
    kp_demo_defaults(&o);
    o.year = 1900;
    CHECK_INT_EQ(kp_demo_check_options(&o, &e), -1);
    /* Bad options never write a file. */
    const char *dir = scratch_path("refused");
    remove_tree(dir);
    mkdir(dir, 0777);
    CHECK_INT_EQ(kp_demo_write(dir, &o, NULL, NULL, NULL, &e), -1);
    CHECK_INT_EQ(count_lines(scratch_path("refused/units.csv")), -1);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) == EOF || fclose(f))
        CHECK(!"a scratch file was written");
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void test_output_folder(void)
{
    kp_err e;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", scratch_path("out/deeper"));
    remove_tree(scratch_path("out"));
    /* A new folder is made, parents too. */
    CHECK_INT_EQ(kp_demo_dir_claim(dir, &e), 0);
    CHECK(exists(dir));
    CHECK_INT_EQ(kp_demo_dir_record(dir, "data/units.csv", &e), 0);
    CHECK_INT_EQ(kp_demo_dir_record(dir, "kaoping.db", &e), 0);
    mkdir(scratch_path("out/deeper/data"), 0777);
    write_text(scratch_path("out/deeper/data/units.csv"), "code\n");
    write_text(scratch_path("out/deeper/kaoping.db"), "x");
    /* Its own output is replaced. */
    CHECK_INT_EQ(kp_demo_dir_claim(dir, &e), 0);
    CHECK(!exists(scratch_path("out/deeper/data/units.csv")));
    CHECK(!exists(scratch_path("out/deeper/kaoping.db")));
    /* Anything else stops it, and nothing is deleted. */
    CHECK_INT_EQ(kp_demo_dir_record(dir, "kaoping.db", &e), 0);
    write_text(scratch_path("out/deeper/kaoping.db"), "x");
    write_text(scratch_path("out/deeper/data/notes.txt"), "mine");
    CHECK_INT_EQ(kp_demo_dir_claim(dir, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "data/notes.txt");
    CHECK(exists(scratch_path("out/deeper/data/notes.txt")));
    CHECK(exists(scratch_path("out/deeper/kaoping.db")));
    /* A folder kaoping never wrote into is refused if it holds a file. */
    CHECK_INT_EQ(kp_demo_dir_claim(scratch_path("out"), &e), -1);
    /* An edited list cannot reach outside the folder. */
    write_text(scratch_path("out/deeper/" KP_DEMO_MANIFEST),
               "# files written by kaoping demo; kaoping deletes them on its next run\n"
               "../victim.txt\n");
    write_text(scratch_path("out/victim.txt"), "keep");
    unlink(scratch_path("out/deeper/data/notes.txt"));
    unlink(scratch_path("out/deeper/kaoping.db"));
    CHECK_INT_EQ(kp_demo_dir_claim(dir, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "../victim.txt");
    CHECK(exists(scratch_path("out/victim.txt")));
    CHECK_INT_EQ(kp_demo_dir_record(dir, "/etc/passwd", &e), -1);
    /* A file where the folder should be. */
    CHECK_INT_EQ(kp_demo_dir_claim(scratch_path("out/victim.txt"), &e), -1);
}

static void test_csv_as_excel_writes_it(void)
{
    kp_csv_out *w;
    kp_err e;
    const char *path = scratch_path("quoted.csv");
    CHECK_INT_EQ(kp_csv_out_open(&w, path, KP_CSV_OUT_BOM | KP_CSV_OUT_CRLF, &e), 0);
    kp_csv_out_field(w, "单位");
    kp_csv_out_field(w, "a,b");
    kp_csv_out_field(w, "say \"hi\"");
    kp_csv_out_field(w, "two\nlines");
    kp_csv_out_int(w, -3);
    CHECK_INT_EQ(kp_csv_out_end_row(w, &e), 0);
    CHECK_INT_EQ(kp_csv_out_rows(w), 1);
    CHECK_INT_EQ(kp_csv_out_close(w, &e), 0);
    size_t len;
    char *text = slurp(path, &len);
    CHECK_STR_EQ(text, "\xEF\xBB\xBF单位,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",-3\r\n");
    free(text);

    path = scratch_path("gbk.csv");
    CHECK_INT_EQ(kp_csv_out_open(&w, path, KP_CSV_OUT_GB18030, &e), 0);
    kp_csv_out_field(w, "单位");
    kp_csv_out_field(w, "5·29");
    CHECK_INT_EQ(kp_csv_out_end_row(w, &e), 0);
    CHECK_INT_EQ(kp_csv_out_close(w, &e), 0);
    text = slurp(path, &len);
    CHECK_STR_EQ(text, "\xB5\xA5\xCE\xBB,5\xA1\xA4" "29\n");
    free(text);

    /* A BOM in a GB18030 file would be mojibake: refused. */
    CHECK_INT_EQ(kp_csv_out_open(&w, path, KP_CSV_OUT_GB18030 | KP_CSV_OUT_BOM, &e), -1);
    /* A folder that does not exist: the message names the file. */
    CHECK_INT_EQ(kp_csv_out_open(&w, scratch_path("no/such/file.csv"), 0, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "no/such/file.csv");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_demo SCRATCH [PLUGIN...]\n");
        return 2;
    }
    scratch = argv[1];
    kp_err e;
    if (kp_registry_load_paths(&reg, (const char *const *)argv + 2, (size_t)(argc - 2), NULL,
                               NULL, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    if (!kp_registry_find_plugin(reg, "health_promotion")) {
        fprintf(stderr, "the health_promotion plugin must be given\n");
        kp_registry_free(reg);
        return 1;
    }
    for (size_t i = 0; i < kp_registry_count(reg); i++) {
        const struct kp_plugin *p = kp_registry_plugin(reg, i);
        for (size_t t = 0; t < p->ntables && ntables < sizeof tables / sizeof tables[0]; t++)
            tables[ntables++] = &p->tables[t];
    }
    test_same_seed_same_bytes();
    test_load_order_changes_nothing();
    test_imports_without_a_problem();
    test_profiles_show();
    test_larger_cities();
    test_options();
    test_output_folder();
    test_csv_as_excel_writes_it();
    kp_registry_free(reg);
    return check_status();
}
