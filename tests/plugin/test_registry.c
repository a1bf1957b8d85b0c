/* test_registry.c — the plugin host refuses what it must and keeps the rest.
 *
 * argv: the health_promotion module, then the fixture modules, then a scratch folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "plugin/registry.h"

struct refusals {
    char text[16][1024];
    int n;
};

static void on_refused(void *ud, const char *path, const char *why)
{
    struct refusals *r = ud;
    if (r->n < 16)
        snprintf(r->text[r->n++], sizeof r->text[0], "%s: %s", path, why);
}

/* The refusal that names `file`, or NULL. */
static const char *refusal_for(const struct refusals *r, const char *file)
{
    for (int i = 0; i < r->n; i++)
        if (strstr(r->text[i], file))
            return r->text[i];
    return NULL;
}

static int find_arg(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc; i++)
        if (strstr(argv[i], name))
            return i;
    return 0;
}

static void check_refusals(int argc, char **argv)
{
    struct refusals r = {0};
    kp_registry *reg;
    kp_err e;
    /* Everything but good_v2 (same id as good) and the scratch folder. */
    CHECK(kp_registry_load_paths(&reg, (const char *const *)argv + 1, (size_t)argc - 3,
                                 on_refused, &r, &e) == 0);
    /* Loaded: health_promotion, good, garbage. */
    CHECK_INT_EQ(kp_registry_count(reg), 3);
    CHECK(kp_registry_find_plugin(reg, "health_promotion") != NULL);
    CHECK(kp_registry_find_plugin(reg, "fixture") != NULL);
    CHECK(kp_registry_find_table(reg, "health_lectures", NULL) != NULL);
    CHECK(kp_registry_find_indicator(reg, "health_promotion.lecture_coverage", NULL) != NULL);
    CHECK(kp_registry_find_indicator(reg, "health_promotion.nope", NULL) == NULL);

    CHECK_STR_CONTAINS(refusal_for(&r, "wrong_abi.so"), "built for plugin ABI 2.0");
    CHECK_STR_CONTAINS(refusal_for(&r, "newer_minor.so"), "newer than this kaoping");
    CHECK_STR_CONTAINS(refusal_for(&r, "short_size.so"), "smaller than ABI");
    CHECK_STR_CONTAINS(refusal_for(&r, "no_symbol.so"), "does not export kaoping_plugin()");
    CHECK_STR_CONTAINS(refusal_for(&r, "host_symbol.so"), "undefined symbol: kp_store_schema_version");
    CHECK_STR_CONTAINS(refusal_for(&r, "duplicate_id.so"), "already taken by");
    CHECK_STR_CONTAINS(refusal_for(&r, "table_clash.so"),
                       "table health_lectures clashes with plugin health_promotion");
    CHECK_STR_CONTAINS(refusal_for(&r, "core_clash.so"), "clashes with a core table");
    CHECK_STR_CONTAINS(refusal_for(&r, "no_key.so"), "no key column");
    CHECK_STR_CONTAINS(refusal_for(&r, "bad_example.so"),
                       "column kind's example \"上门\" is not one of its values");
    CHECK_INT_EQ(r.n, 10);
    kp_registry_free(reg);
}

static void check_garbage(int argc, char **argv)
{
    const char *dir = argv[argc - 1];
    char db[4096];
    snprintf(db, sizeof db, "%s/garbage.db", dir);
    remove(db);
    kp_store *s;
    kp_err e;
    CHECK(kp_store_open(&s, db, KP_STORE_CREATE, &e) == 0);
    CHECK(kp_store_exec(s, "INSERT INTO units VALUES('1', '市', 1, NULL, NULL, 0, 1),"
                           "('2', '县', 2, '1', '2', 0, 2)", &e) == 0);
    const char *path = argv[find_arg(argc, argv, "garbage.so")];
    kp_registry *reg;
    CHECK(kp_registry_load_paths(&reg, &path, 1, NULL, NULL, &e) == 0);
    const struct kp_plugin *p = kp_registry_find_plugin(reg, "garbage");
    CHECK(p != NULL);
    if (!p)
        return;
    kp_evaluator *ev;
    CHECK(kp_evaluator_open(&ev, reg, db, &e) == 0);
    static const char *const expect[] = {"not a number", "negative value", "set no value",
                                         "failed without saying why", "query refused"};
    for (size_t i = 0; i < p->nindicators; i++) {
        kp_indicator_result res;
        CHECK(kp_evaluate(ev, p, &p->indicators[i], "2", 2023, &res, &e) == 0);
        CHECK_INT_EQ(res.status, KP_RESULT_FAILED);
        CHECK_STR_CONTAINS(res.message, "plugin garbage, indicator");
        CHECK_STR_CONTAINS(res.message, expect[i]);
        kp_indicator_result_free(&res);
    }
    /* The writer was stopped: the units are still there. */
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(kp_store_db(s), "SELECT count(*) FROM units", -1, &st, NULL) == 0);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_INT_EQ(sqlite3_column_int(st, 0), 2);
    sqlite3_finalize(st);
    kp_evaluator_close(ev);
    kp_registry_free(reg);
    kp_store_close(s);
}

/* The same file given twice is one plugin, not a clash with itself. */
static void check_same_file_twice(char **argv)
{
    struct refusals r = {0};
    const char *twice[] = {argv[1], argv[1]};
    kp_registry *reg;
    kp_err e;
    CHECK(kp_registry_load_paths(&reg, twice, 2, on_refused, &r, &e) == 0);
    CHECK_INT_EQ(kp_registry_count(reg), 1);
    CHECK_INT_EQ(r.n, 0);
    kp_registry_free(reg);
}

/* A plugin that gains a column migrates an existing database without losing rows. */
static void check_migration(int argc, char **argv)
{
    char db[4096];
    snprintf(db, sizeof db, "%s/migrate.db", argv[argc - 1]);
    remove(db);
    const char *v1 = argv[find_arg(argc, argv, "/good.so")], *v2 = argv[argc - 2];
    kp_registry *reg;
    kp_store *s;
    kp_err e;
    CHECK(kp_registry_load_paths(&reg, &v1, 1, NULL, NULL, &e) == 0);
    CHECK(kp_store_open(&s, db, KP_STORE_CREATE, &e) == 0);
    CHECK(kp_store_migrate_plugins(s, reg, &e) == 0);
    CHECK(kp_store_exec(s, "INSERT INTO fixture_rows(unit, note, _import, _line)"
                           " VALUES('1', '留着', 1, 2)", &e) == 0);
    kp_store_close(s);
    kp_registry_free(reg);

    CHECK(kp_registry_load_paths(&reg, &v2, 1, NULL, NULL, &e) == 0);
    CHECK(kp_store_open(&s, db, KP_STORE_EXISTING, &e) == 0);
    CHECK(kp_store_migrate_plugins(s, reg, &e) == 0);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(kp_store_db(s), "SELECT note, extra FROM fixture_rows", -1, &st,
                             NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR_EQ((const char *)sqlite3_column_text(st, 0), "留着");
    CHECK(sqlite3_column_type(st, 1) == SQLITE_NULL);
    sqlite3_finalize(st);
    kp_store_close(s);
    kp_registry_free(reg);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: test_registry MODULE... SCRATCH_DIR\n");
        return 2;
    }
    check_refusals(argc, argv);
    check_garbage(argc, argv);
    check_migration(argc, argv);
    check_same_file_twice(argv);
    return check_status();
}
