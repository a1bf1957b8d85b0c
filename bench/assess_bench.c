/*
 * assess_bench.c — how long assessing a province takes, and how it grows.
 *
 * For 10, 25, 50 and 100 counties (each with 12 townships and 180 villages,
 * as in a province of ~18,000 villages), generate health_promotion data with
 * SQL — every grassroots association holds 20 lectures a year over five
 * years (about 1.9 million lecture rows at 100 counties), instructors for
 * five years, a few projects — then run the shipped rules and report the
 * time spent computing indicators (plugin SQL) and scoring (Lua).
 *
 * usage: assess_bench HEALTH_PROMOTION.so RULES.lua LIBDIR [MAX_COUNTIES]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "assess/assess.h"

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char generate[] =
    "INSERT INTO units VALUES('P', '测试省', 1, NULL, NULL, 0, 0);\n"
    "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < :counties)\n"
    "INSERT INTO units SELECT printf('C%03d', i), printf('县%03d', i), 2, 'P', printf('C%03d', i), 0, 0 FROM c;\n"
    "WITH RECURSIVE t(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM t WHERE i < 12)\n"
    "INSERT INTO units SELECT u.code || printf('T%02d', t.i), u.name || printf('镇%02d', t.i), 3, u.code, u.code, 0, 0\n"
    "  FROM units u, t WHERE u.level = 2;\n"
    "WITH RECURSIVE v(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM v WHERE i < 15)\n"
    "INSERT INTO units SELECT u.code || printf('V%02d', v.i), u.name || printf('村%02d', v.i), 4, u.code, u.county, 0, 0\n"
    "  FROM units u, v WHERE u.level = 3;\n"
    /* 20 lectures a year for 2019..2023, skipping some associations in 2023 */
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99)\n"
    "INSERT INTO health_lectures SELECT u.code, date('2019-01-05', '+' || (n.i * 18) || ' days'),\n"
    "  printf('讲堂%d', n.i), 30, 0, 0 FROM units u, n\n"
    "  WHERE u.level IN (3, 4) AND NOT (n.i >= 80 AND abs(random()) % 7 = 0);\n"
    "WITH RECURSIVE y(i) AS (SELECT 2019 UNION ALL SELECT i + 1 FROM y WHERE i < 2023)\n"
    "INSERT INTO health_instructors SELECT u.code, y.i, abs(random()) % 4, 0, 0 FROM units u, y WHERE u.level = 4;\n"
    "INSERT INTO health_projects SELECT code, '项目' || code, '其他', '申报', 0, 0 FROM units WHERE level = 3 AND abs(random()) % 4 = 0;\n";

static int bench(int counties, const kp_registry *reg, kp_rules *rules)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/kp_assess_bench_%d.db", counties);
    unlink(path);
    kp_store *s;
    kp_err e;
    if (kp_store_open(&s, path, KP_STORE_CREATE, &e) < 0 || kp_store_migrate_plugins(s, reg, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    char sql[sizeof generate + 64];
    char n[16];
    snprintf(n, sizeof n, "%d", counties);
    /* substitute :counties */
    const char *at = strstr(generate, ":counties");
    snprintf(sql, sizeof sql, "%.*s%s%s", (int)(at - generate), generate, n, at + 9);
    double t0 = seconds();
    if (kp_store_begin(s, &e) < 0 || kp_store_exec(s, sql, &e) < 0 || kp_store_commit(s, &e) < 0) {
        fprintf(stderr, "generating: %s\n", e.msg);
        return -1;
    }
    double tgen = seconds() - t0;
    sqlite3_stmt *st;
    long long rows = 0, villages = 0;
    if (sqlite3_prepare_v2(kp_store_db(s), "SELECT (SELECT count(*) FROM health_lectures),"
                           " (SELECT count(*) FROM units WHERE level = 4)", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        rows = sqlite3_column_int64(st, 0);
        villages = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);

    kp_assess_summary sum;
    t0 = seconds();
    if (kp_assess_run(s, reg, rules, 2023, &sum, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    double total = seconds() - t0;
    printf("%9d %9lld %12lld %8.2f %10.3f %10.3f %9.3f %8.3f\n", counties, villages, rows, tgen,
           sum.t_indicators, sum.t_scoring, sum.t_storing, total);
    fflush(stdout);
    kp_store_close(s);
    unlink(path);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: assess_bench HEALTH_PROMOTION.so RULES.lua LIBDIR [MAX_COUNTIES]\n");
        return 2;
    }
    int max = argc > 4 ? atoi(argv[4]) : 100;
    kp_registry *reg;
    kp_err e;
    const char *paths[] = {argv[1]};
    if (kp_registry_load_paths(&reg, paths, 1, NULL, NULL, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    kp_rules *rules;
    if (kp_rules_load(&rules, argv[2], argv[3], reg, &e) < 0 || rules->nerrors) {
        fprintf(stderr, "%s\n", rules ? "the rules have errors" : e.msg);
        return 1;
    }
    printf(" counties  villages lecture-rows  gen(s) indicators    scoring   storing    total\n");
    int sizes[] = {10, 25, 50, 100, 200, 400};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0] && sizes[i] <= max; i++)
        if (bench(sizes[i], reg, rules) < 0)
            return 1;
    kp_rules_free(rules);
    kp_registry_free(reg);
    return 0;
}
