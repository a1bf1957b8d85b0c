/*
 * test_abi.c — a plugin built against an older minor ABI works on this host.
 *
 * The abi10 fixture is compiled against the 1.0 header, whose column,
 * table, indicator and descriptor structs are shorter than this host's: its
 * tables must be created and imported (an enumeration still refusing other
 * values), its indicator must compute, and the fields it was built without
 * must read as "not given".
 *
 * argv: the abi10 module, the newer_minor module, the data folder, a scratch folder.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "import/import.h"

static char problems[4096];

static void on_problem(void *ud, const char *msg)
{
    (void)ud;
    size_t used = strlen(problems);
    snprintf(problems + used, sizeof problems - used, "%s\n", msg);
}

static void on_refused(void *ud, const char *path, const char *why)
{
    snprintf(ud, 1024, "%s: %s", path, why);
}

static int import(kp_store *s, const kp_registry *reg, const char *units, const char *file)
{
    const char *paths[] = {units, file};
    kp_import_hooks hooks = {.problem = on_problem};
    kp_import_totals t;
    kp_err e;
    problems[0] = '\0';
    return kp_import(s, reg, paths, 2, &hooks, &t, &e);
}

static void check_old_plugin(const char *module, const char *data, const char *scratch)
{
    kp_registry *reg;
    kp_err e;
    char refusal[1024] = "";
    CHECK(kp_registry_load_paths(&reg, &module, 1, on_refused, refusal, &e) == 0);
    CHECK_STR_EQ(refusal, "");
    const struct kp_plugin *p = kp_registry_find_plugin(reg, "abi10");
    CHECK(p != NULL);
    if (!p) {
        kp_registry_free(reg);
        return;
    }
    /* Every element found at the plugin's own stride, not the host's. */
    CHECK_INT_EQ(p->ntables, 2);
    CHECK_STR_EQ(p->tables[1].id, "abi10_other");
    CHECK_INT_EQ(p->tables[0].ncolumns, 3);
    CHECK_STR_EQ(p->tables[0].columns[2].id, "visits");
    CHECK_STR_EQ(p->tables[0].columns[1].allowed[1], "电话");
    CHECK(p->tables[0].columns[1].description == NULL);
    CHECK(p->tables[0].columns[2].example == NULL);
    CHECK_INT_EQ(p->nindicators, 2);
    CHECK_STR_EQ(p->indicators[1].id, "second");
    CHECK(kp_registry_find_indicator(reg, "abi10.visits", NULL) != NULL);

    char db[4096], units[4096], good[4096], bad[4096];
    snprintf(db, sizeof db, "%s/abi10.db", scratch);
    snprintf(units, sizeof units, "%s/../../import/data/units.csv", data);
    snprintf(good, sizeof good, "%s/abi10/abi10_visits.csv", data);
    snprintf(bad, sizeof bad, "%s/abi10_bad/abi10_visits.csv", data);
    remove(db);
    kp_store *s = NULL;
    CHECK(kp_store_open(&s, db, KP_STORE_CREATE, &e) == 0);
    CHECK(kp_store_migrate_plugins(s, reg, &e) == 0);
    CHECK_INT_EQ(import(s, reg, units, bad), -1);
    CHECK_STR_CONTAINS(problems, "\"上门\" is not allowed");
    CHECK_STR_CONTAINS(problems, "入户");
    CHECK_INT_EQ(import(s, reg, units, good), 0);
    CHECK_STR_EQ(problems, "");
    kp_store_close(s);

    kp_evaluator *ev;
    CHECK(kp_evaluator_open(&ev, reg, db, &e) == 0);
    const struct kp_plugin *owner;
    const struct kp_indicator *ind = kp_registry_find_indicator(reg, "abi10.visits", &owner);
    kp_indicator_result r;
    CHECK(kp_evaluate(ev, owner, ind, "420102000000", 2023, &r, &e) == 0);
    CHECK_INT_EQ(r.status, KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 7, 1e-9);
    CHECK_INT_EQ(r.nfigures, 1);
    kp_indicator_result_free(&r);
    kp_evaluator_close(ev);
    kp_registry_free(reg);
}

static void check_newer_minor(const char *module)
{
    kp_registry *reg;
    kp_err e;
    char refusal[1024] = "";
    CHECK(kp_registry_load_paths(&reg, &module, 1, on_refused, refusal, &e) == 0);
    CHECK_INT_EQ(kp_registry_count(reg), 0);
    char want[128];
    snprintf(want, sizeof want, "built for plugin ABI %d.%d, newer than this kaoping's %d.%d",
             KP_ABI_MAJOR, KP_ABI_MINOR + 1, KP_ABI_MAJOR, KP_ABI_MINOR);
    CHECK_STR_CONTAINS(refusal, want);
    CHECK_STR_CONTAINS(refusal, "update kaoping");
    kp_registry_free(reg);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_abi ABI10.so NEWER_MINOR.so DATA SCRATCH\n");
        return 2;
    }
    check_old_plugin(argv[1], argv[3], argv[4]);
    check_newer_minor(argv[2]);
    return check_status();
}
