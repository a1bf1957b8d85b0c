/*
 * test_import.c — what `kaoping import` promises: every rule of the import
 * contract, all-or-nothing runs with every problem at its file:line, natural
 * key upserts, and health_promotion's figures on a hand-computed dataset.
 *
 * argv: the health_promotion module, the data folder, a scratch folder.
 *
 * The dataset (data/): 江北区 has 5 grassroots associations (城关街道, 东湖社区,
 * 西湖村, 长岭镇, 长岭村) of which 3 held a lecture in 2023 → 60%; of its 3
 * villages only 东湖社区 has ≥ 2 instructors for 2023 → 33.3%; 2 projects.
 * 南山县 has 2 grassroots associations, 1 held a lecture → 50%; it reported no
 * instructors and no projects → 无数据.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "import/import.h"
#include "store/units.h"

static const char *data_dir, *scratch;
static kp_registry *reg;

struct capture {
    char text[32768];
    int problems;
};

static void on_problem(void *ud, const char *msg)
{
    struct capture *c = ud;
    c->problems++;
    size_t used = strlen(c->text);
    snprintf(c->text + used, sizeof c->text - used, "%s\n", msg);
}

static long count(kp_store *s, const char *sql)
{
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(kp_store_db(s), sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static kp_store *fresh_store(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", scratch, name);
    remove(path);
    kp_store *s = NULL;
    kp_err e;
    if (kp_store_open(&s, path, KP_STORE_CREATE, &e) || kp_store_migrate_plugins(s, reg, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        exit(1);
    }
    return s;
}

static int import_paths(kp_store *s, const char *const *paths, size_t n, struct capture *c,
                        kp_import_totals *t)
{
    kp_import_hooks hooks = {.ud = c, .problem = on_problem};
    kp_err e;
    memset(c, 0, sizeof *c);
    int rc = kp_import(s, reg, paths, n, &hooks, t, &e);
    if (rc)
        on_problem(c, e.msg);
    return rc;
}

static const char *data(const char *file)
{
    static char paths[8][4096];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 4096, "%s/%s", data_dir, file);
    return p;
}

/* Write a scratch file (any bytes) and return its path. */
static const char *write_file(const char *name, const char *content)
{
    static char paths[8][4096];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 4096, "%s/%s", scratch, name);
    FILE *f = fopen(p, "wb");
    if (!f || fputs(content, f) < 0 || fclose(f)) {
        perror(p);
        exit(1);
    }
    return p;
}

static void test_good_import_and_reimport(void)
{
    kp_store *s = fresh_store("good.db");
    struct capture c;
    kp_import_totals t;
    /* The folder, with units.csv sorted last by name: units still go first. */
    const char *paths[] = {data_dir};
    CHECK_INT_EQ(import_paths(s, paths, 1, &c, &t), 0);
    CHECK_INT_EQ(c.problems, 0);
    CHECK_INT_EQ(t.files, 4);
    CHECK_INT_EQ(t.rows, 10 + 5 + 3 + 2);
    CHECK_INT_EQ(t.added, 20);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM units WHERE county = '420102000000'"), 6);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM units WHERE county IS NULL"), 1);
    /* Dates in every spelling are stored ISO; quotes and line breaks kept. */
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_lectures WHERE date IN "
                          "('2023-03-05', '2023-05-29', '2023-06-01', '2022-12-30', '2023-07-11')"),
                 5);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_lectures WHERE title = '健康生活, 从我做起'"), 1);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_lectures WHERE title = '家庭\"健康\"讲座'"), 1);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_lectures WHERE title = '心理健康\n（第二期）'"
                          " AND _line = 6"), 1);
    /* The GB18030 file, with Chinese headers and 2023年. */
    CHECK_INT_EQ(count(s, "SELECT sum(instructors) FROM health_instructors WHERE year = 2023"), 3);

    /* The same files again: nothing added, nothing replaced. */
    CHECK_INT_EQ(import_paths(s, paths, 1, &c, &t), 0);
    CHECK_INT_EQ(t.added, 0);
    CHECK_INT_EQ(t.replaced, 0);
    CHECK_INT_EQ(t.unchanged, 20);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_lectures"), 5);

    /* One changed value is a replacement; Excel's empty ",," rows are skipped. */
    const char *changed[] = {write_file("health_projects.csv",
        "unit,name,status\n,,\n420102000000,江北区家庭健康服务中心,立项\n,,\n")};
    CHECK_INT_EQ(import_paths(s, changed, 1, &c, &t), 0);
    CHECK_INT_EQ(t.replaced, 1);
    CHECK_INT_EQ(t.rows, 1);
    /* The column the file left out kept its value. */
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_projects WHERE status = '立项'"
                          " AND kind = '家庭健康服务中心'"), 1);
    kp_store_close(s);
}

/* A bad file: the import fails, names `where`, and stores nothing at all. */
static void expect_refused(const char *name, const char *content, const char *where,
                           const char *what)
{
    kp_store *s = fresh_store("bad.db");
    struct capture c;
    kp_import_totals t;
    const char *base[] = {data("units.csv"), data("health_projects.csv")};
    if (import_paths(s, base, 2, &c, &t)) {
        CHECK(!"the base data imports");
        kp_store_close(s);
        return;
    }
    long imports = count(s, "SELECT count(*) FROM kp_imports");
    /* The bad file comes with a good one: neither may be stored. */
    const char *paths[] = {data("health_instructors.csv"), write_file(name, content)};
    CHECK_INT_EQ(import_paths(s, paths, 2, &c, &t), -1);
    CHECK_STR_CONTAINS(c.text, where);
    CHECK_STR_CONTAINS(c.text, what);
    CHECK_STR_CONTAINS(c.text, "nothing was imported");
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_lectures"), 0);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_instructors"), 0);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM kp_imports"), imports);
    kp_store_close(s);
}

static void test_every_refusal(void)
{
    const char *head = "unit,date,title,participants\n";
    char buf[1024];
#define BAD(rows) (snprintf(buf, sizeof buf, "%s%s", head, rows), buf)
    expect_refused("health_lectures.csv", BAD("420102001000,2023-05-29,a,1\n420102001000,2023-02-30,b,1\n"),
                   "health_lectures.csv:3: date: \"2023-02-30\"", "expected");
    expect_refused("health_lectures.csv", BAD("420199001000,2023-05-29,a,1\n"),
                   "health_lectures.csv:2: unit: unit code \"420199001000\" is not in units.csv", "");
    expect_refused("health_lectures.csv", BAD("420102000000,2023-05-29,a,1\n"),
                   "health_lectures.csv:2: unit: unit \"420102000000\" is a 县-level unit",
                   "this column takes 乡/村 units");
    expect_refused("health_lectures.csv", "unit,date,titel,participants\n420102001000,2023-05-29,a,1\n",
                   "health_lectures.csv:1: unknown column \"titel\" (did you mean \"title\"?)", "");
    expect_refused("health_lectures.csv", BAD("420102001000,2023-05-29,,1\n"),
                   "health_lectures.csv:2: title: a value is required here", "");
    expect_refused("health_lectures.csv", "unit,date,participants\n420102001000,2023-05-29,1\n",
                   "health_lectures.csv:1: the header lacks required column title (主题)", "");
    expect_refused("health_lectures.csv", BAD("420102001000,2023-05-29,a,1\n420102001001,2023-05-29,b,2\n"
                                              "420102001000,2023/5/29,a,7\n"),
                   "health_lectures.csv:4: this row has the same key as line 2", "other values");
    expect_refused("health_lectures.csv", BAD("420102001000,2023-05-29,a,-4\n"),
                   "health_lectures.csv:2: participants: \"-4\"", "expected");
    expect_refused("health_lectures.csv", BAD("420102001000,2023-05-29,a,1\n420102001000,2023-05-30,\"open,1\n"
                                              "420102001000,2023-05-31,c,1\n"),
                   "health_lectures.csv:3:", "quote");
    expect_refused("health_lectures.csv", BAD("420102001000,2023-05-29,a\n"),
                   "health_lectures.csv:2: the row has 3 fields; the header has 4", "");
    expect_refused("health_lectures.csv", "unit,date,title\n420102001000,2023-05-29,\xff\xfe\n",
                   "health_lectures.csv:2", "");
    expect_refused("lectures_2023.csv", BAD("420102001000,2023-05-29,a,1\n"),
                   "lectures_2023.csv:1: no loaded plugin has a table \"lectures_2023\"", "");
    /* Many problems of one kind: the first few, then one line with the count. */
    char many[8192] = "unit,date,title,participants\n";
    for (int i = 0; i < 60; i++)
        strcat(many, "420102001000,2023-13-01,a,1\n");
    expect_refused("health_lectures.csv", many, "health_lectures.csv:6: date",
                   "同一类问题共 60 处，上面只列出了前 5 处");
#undef BAD
}

static void test_unit_tree_refusals(void)
{
    kp_store *s = fresh_store("units.db");
    struct capture c;
    kp_import_totals t;
    const char *paths[] = {write_file("units.csv",
        "单位代码,单位名称,层级,上级代码\n"
        "1,XX市,city,\n"
        "2,某县,county,1\n"
        "3,某村,village,2\n"
        "4,孤乡,乡,9\n"
        "5,某镇,镇,2\n"
        "6,某乡,乡,\n"
        "7,某地,省,1\n")};
    CHECK_INT_EQ(import_paths(s, paths, 1, &c, &t), -1);
    CHECK_STR_CONTAINS(c.text, "units.csv:8: 层级: \"省\" is not a level");
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM units"), 0);
    /* With the level fixed, the tree itself is checked. */
    paths[0] = write_file("units.csv",
        "code,name,level,parent\n1,XX市,city,\n2,某县,county,1\n3,某村,village,2\n"
        "4,孤乡,乡,9\n5,某镇,镇,2\n6,某乡,乡,\n");
    CHECK_INT_EQ(import_paths(s, paths, 1, &c, &t), -1);
    CHECK_STR_CONTAINS(c.text, "units.csv:4: parent: parent 2 (某县) is not one level above");
    CHECK_STR_CONTAINS(c.text, "units.csv:5: parent: parent '9' is not a unit code");
    CHECK_STR_CONTAINS(c.text, "units.csv:7: parent: a unit below the city needs a parent");
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM units"), 0);
    kp_store_close(s);
}

static const kp_indicator_result *eval(kp_evaluator *ev, const char *qid, const char *county,
                                       kp_indicator_result *r)
{
    const struct kp_plugin *p;
    const struct kp_indicator *ind = kp_registry_find_indicator(reg, qid, &p);
    kp_err e;
    if (!ind || kp_evaluate(ev, p, ind, county, 2023, r, &e)) {
        fprintf(stderr, "cannot evaluate %s\n", qid);
        exit(1);
    }
    return r;
}

static int collect_unit(void *ud, const char *code, const char *name, int level)
{
    char *out = ud;
    size_t used = strlen(out);
    snprintf(out + used, 1024 - used, "%s%s:%s:%d", used ? " " : "", code, name, level);
    return 0;
}

/* The unit tree answers the questions indicators ask. */
static void test_unit_queries(void)
{
    kp_store *s = fresh_store("tree.db");
    struct capture c;
    kp_import_totals t;
    const char *paths[] = {data("units.csv")};
    CHECK_INT_EQ(import_paths(s, paths, 1, &c, &t), 0);
    sqlite3 *db = kp_store_db(s);
    kp_err e;
    char out[1024] = "";
    CHECK(kp_units_children(db, "420100000000", collect_unit, out, &e) == 0);
    CHECK_STR_EQ(out, "420102000000:江北区:2 420103000000:南山县:2");
    out[0] = '\0';
    CHECK(kp_units_under(db, "420102000000", KP_LEVEL_VILLAGE, collect_unit, out, &e) == 0);
    CHECK_STR_EQ(out, "420102001001:东湖社区:4 420102001002:西湖村:4 420102002001:长岭村:4");
    out[0] = '\0';
    CHECK(kp_units_grassroots(db, "420103000000", collect_unit, out, &e) == 0);
    CHECK_STR_EQ(out, "420103001000:南山镇:3 420103001001:南山村:4");
    out[0] = '\0';
    CHECK(kp_units_under(db, "420100000000", KP_LEVEL_COUNTY | KP_LEVEL_TOWNSHIP, collect_unit, out,
                         &e) == 0);
    CHECK_STR_CONTAINS(out, "420102002000:长岭镇:3 420103000000:南山县:2");
    kp_store_close(s);
}

static void test_health_promotion_figures(void)
{
    kp_store *s = fresh_store("figures.db");
    struct capture c;
    kp_import_totals t;
    const char *paths[] = {data_dir};
    CHECK_INT_EQ(import_paths(s, paths, 1, &c, &t), 0);
    char path[4096];
    snprintf(path, sizeof path, "%s/figures.db", scratch);
    kp_evaluator *ev;
    kp_err e;
    CHECK(kp_evaluator_open(&ev, reg, path, &e) == 0);
    kp_indicator_result r;

    eval(ev, "health_promotion.lecture_coverage", "420102000000", &r);
    CHECK_INT_EQ(r.status, KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 60.0, 1e-9);
    CHECK_INT_EQ(r.nevidence, 2);
    if (r.nevidence == 2) {
        CHECK_STR_EQ(r.evidence[0].key, "420102001002");
        CHECK_STR_EQ(r.evidence[0].name, "西湖村");
        CHECK_STR_EQ(r.evidence[1].name, "长岭镇");
    }
    CHECK_INT_EQ(r.nfigures, 4);
    if (r.nfigures == 4) {
        CHECK_STR_EQ(r.figures[2].name, "大讲堂场次");
        CHECK_NUM_EQ(r.figures[2].value, 3, 0);
        CHECK_NUM_EQ(r.figures[3].value, 45 + 30 + 25, 0);
    }
    kp_indicator_result_free(&r);

    eval(ev, "health_promotion.lecture_coverage", "420103000000", &r);
    CHECK_NUM_EQ(r.value, 50.0, 1e-9);
    kp_indicator_result_free(&r);

    eval(ev, "health_promotion.instructor_coverage", "420102000000", &r);
    CHECK_INT_EQ(r.status, KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 100.0 / 3, 1e-9);
    CHECK_INT_EQ(r.nevidence, 2);
    if (r.nevidence == 2) {
        CHECK_STR_EQ(r.evidence[0].detail, "指导员 1 名");
        CHECK_STR_EQ(r.evidence[1].name, "长岭村");
        CHECK_STR_EQ(r.evidence[1].detail, "未上报指导员人数");
    }
    kp_indicator_result_free(&r);

    eval(ev, "health_promotion.instructor_coverage", "420103000000", &r);
    CHECK_INT_EQ(r.status, KP_RESULT_NO_DATA);
    CHECK_STR_EQ(r.message, "本年度没有家庭健康指导员记录");
    CHECK_INT_EQ(r.nevidence, 0);
    kp_indicator_result_free(&r);

    eval(ev, "health_promotion.projects", "420102000000", &r);
    CHECK_NUM_EQ(r.value, 2, 0);
    CHECK_INT_EQ(r.nevidence, 2);
    kp_indicator_result_free(&r);
    eval(ev, "health_promotion.projects", "420103000000", &r);
    CHECK_INT_EQ(r.status, KP_RESULT_NO_DATA);
    kp_indicator_result_free(&r);

    kp_evaluator_close(ev);
    kp_store_close(s);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_import MODULE DATA_DIR SCRATCH_DIR\n");
        return 2;
    }
    data_dir = argv[2];
    scratch = argv[3];
    kp_err e;
    const char *module = argv[1];
    if (kp_registry_load_paths(&reg, &module, 1, NULL, NULL, &e) || kp_registry_count(reg) != 1) {
        fprintf(stderr, "cannot load %s\n", module);
        return 1;
    }
    test_good_import_and_reimport();
    test_every_refusal();
    test_unit_tree_refusals();
    test_unit_queries();
    test_health_promotion_figures();
    kp_registry_free(reg);
    return check_status();
}
