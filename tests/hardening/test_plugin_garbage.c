/*
 * test_plugin_garbage.c — a plugin whose indicators fail or return garbage
 * does not stop an assessment: each such item is stored "not scored" with a
 * reason that names the plugin and the indicator, and everything else of the
 * run is scored as usual.
 *
 * argv: health_promotion.so, misbehaving.so (fixtures/misbehaving.c), its
 * rules (fixtures/misbehaving.lua), the scoring library, golden.sql (the
 * small city of the assess tests: counties A, B, D, E), a scratch folder.
 */
#include <stdio.h>
#include <string.h>

#include "assess/assess.h"
#include "check.h"

static sqlite3 *db;
static long long run;

static const char *text(const char *sql, const char *item)
{
    static char buf[2048];
    sqlite3_stmt *st;
    snprintf(buf, sizeof buf, "(no row)");
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return sqlite3_errmsg(db);
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, item, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

#define STATUS(item) text("SELECT status FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = ?2", item)
#define REASON(item) text("SELECT reason FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = ?2", item)

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: test_plugin_garbage HP.so MISBEHAVING.so RULES LIB GOLDEN SCRATCH\n");
        return 2;
    }
    kp_err e;
    kp_registry *reg;
    /* The plugin without tables first: its empty signature once broke opening. */
    const char *plugins[] = {argv[2], argv[1]};
    CHECK_INT_EQ(kp_registry_load_paths(&reg, plugins, 2, NULL, NULL, &e), 0);
    CHECK_INT_EQ(kp_registry_count(reg), 2);

    char path[4096];
    snprintf(path, sizeof path, "%s/plugin_garbage.db", argv[6]);
    remove(path);
    FILE *f = fopen(argv[5], "rb");
    static char golden[1 << 16];
    size_t n = f ? fread(golden, 1, sizeof golden - 1, f) : 0;
    golden[n] = '\0';
    if (f)
        fclose(f);
    kp_store *s;
    CHECK_INT_EQ(kp_store_open(&s, path, KP_STORE_CREATE, &e), 0);
    CHECK_INT_EQ(kp_store_migrate_plugins(s, reg, &e), 0);
    CHECK_INT_EQ(kp_store_exec(s, golden, &e), 0);
    db = kp_store_db(s);

    kp_rules *rules;
    CHECK_INT_EQ(kp_rules_load(&rules, argv[3], argv[4], reg, &e), 0);
    CHECK_INT_EQ(rules->nerrors, 0);
    for (size_t i = 0; i < rules->ndiags; i++)
        fprintf(stderr, "  %s\n", rules->diags[i].msg);

    kp_assess_summary sum;
    int rc = kp_assess_run(s, reg, rules, 2023, &sum, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    CHECK_INT_EQ(rc, 0);
    run = sum.run_id;
    CHECK_INT_EQ(sum.counties, 4);
    CHECK_INT_EQ(sum.not_scored, 5 * 4); /* five bad indicators in four counties */

    static const struct {
        const char *item, *reason;
    } bad[] = {
        {"nan_value", "plugin misbehaving, indicator nan_value: returned a value that is not a number"},
        {"negative_count", "plugin misbehaving, indicator negative_count: returned a negative value (-12)"},
        {"nan_figure", "plugin misbehaving, indicator nan_figure: added a figure without a name or with a value that is not a number"},
        {"no_value", "plugin misbehaving, indicator no_value: set no value"},
        {"fails", "plugin misbehaving, indicator fails: the county's table is not what I expected"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_STR_EQ(STATUS(bad[i].item), "not_scored");
        CHECK_STR_CONTAINS(REASON(bad[i].item), bad[i].reason);
    }
    /* The rest of the run is scored as usual. */
    CHECK_STR_EQ(STATUS("works"), "scored");
    CHECK_STR_EQ(text("SELECT points FROM run_scores WHERE run_id = ?1 AND unit = 'A' AND item = ?2", "works"), "10.0");
    CHECK_STR_EQ(STATUS("lecture_coverage"), "scored");
    CHECK_STR_EQ(text("SELECT count(*) FROM run_units WHERE run_id = ?1 AND ?2 IS NOT NULL", "x"), "4");

    kp_rules_free(rules);
    kp_store_close(s);
    kp_registry_free(reg);
    remove(path);
    return check_status();
}
