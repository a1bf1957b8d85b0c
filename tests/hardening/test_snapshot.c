/*
 * test_snapshot.c — an assessment reads one state of the data: an import
 * that commits while indicators are being computed changes nothing for the
 * evaluator already at work, and the next evaluator sees it.
 *
 * argv: the health_promotion module, tests/import/data, a scratch folder.
 *
 * In the sample city 江北区 (420102000000) has five grassroots associations,
 * three of which held a lecture in 2023 (60%); the import in the middle adds
 * lectures for the other two (100%).
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "import/import.h"

static double coverage(kp_evaluator *ev, const kp_registry *reg)
{
    const struct kp_plugin *p;
    const struct kp_indicator *ind =
        kp_registry_find_indicator(reg, "health_promotion.lecture_coverage", &p);
    kp_indicator_result r;
    kp_err e;
    double v = -1;
    if (ind && kp_evaluate(ev, p, ind, "420102000000", 2023, &r, &e) == 0) {
        if (r.status == KP_RESULT_VALUE)
            v = r.value;
        kp_indicator_result_free(&r);
    }
    return v;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_snapshot PLUGIN.so DATA_DIR SCRATCH\n");
        return 2;
    }
    char db[4096], more[4096];
    snprintf(db, sizeof db, "%s/snapshot.db", argv[3]);
    snprintf(more, sizeof more, "%s/snapshot_lectures.csv", argv[3]);
    remove(db);
    FILE *f = fopen(more, "w");
    CHECK(f != NULL);
    if (!f)
        return check_status();
    fputs("unit,date,title,participants\n"
          "420102001002,2023-06-01,补课,20\n"
          "420102002000,2023-06-02,补课,25\n", f);
    fclose(f);

    kp_err e;
    kp_registry *reg;
    const char *plugin = argv[1];
    kp_store *s;
    CHECK_INT_EQ(kp_registry_load_paths(&reg, &plugin, 1, NULL, NULL, &e), 0);
    CHECK_INT_EQ(kp_store_open(&s, db, KP_STORE_CREATE, &e), 0);
    CHECK_INT_EQ(kp_store_migrate_plugins(s, reg, &e), 0);
    kp_import_totals t;
    const char *data[] = {argv[2]};
    CHECK_INT_EQ(kp_import(s, reg, data, 1, NULL, &t, &e), 0);

    kp_evaluator *during;
    CHECK_INT_EQ(kp_evaluator_open(&during, reg, db, &e), 0);
    CHECK_NUM_EQ(coverage(during, reg), 60, 1e-9);

    /* Another writer commits while the evaluator is at work. */
    char arg[4200];
    snprintf(arg, sizeof arg, "health_lectures=%s", more);
    const char *paths[] = {arg};
    const kp_import_options merge = {.merge = 1}; /* more lectures, not a resubmission */
    int rc = kp_import_with(s, reg, paths, 1, &merge, NULL, &t, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    CHECK_INT_EQ(rc, 0);
    CHECK_INT_EQ(t.added, 2);

    CHECK_NUM_EQ(coverage(during, reg), 60, 1e-9);
    kp_evaluator_close(during);

    kp_evaluator *after;
    CHECK_INT_EQ(kp_evaluator_open(&after, reg, db, &e), 0);
    CHECK_NUM_EQ(coverage(after, reg), 100, 1e-9);
    kp_evaluator_close(after);

    kp_store_close(s);
    kp_registry_free(reg);
    remove(db);
    remove(more);
    return check_status();
}
