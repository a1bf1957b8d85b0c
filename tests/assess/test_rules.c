/*
 * test_rules.c — `kaoping check`'s messages for broken rules files: each
 * mistake with its line, all of them at once; and the shipped 2023 rules
 * load clean.
 */
#include <stdlib.h>
#include <string.h>

#include "assess/rules.h"
#include "check.h"

static kp_registry *reg;
static const char *dir, *lib;

static kp_rules *load(const char *name)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    kp_rules *r = NULL;
    kp_err e;
    if (kp_rules_load(&r, path, lib, reg, &e) < 0) {
        fprintf(stderr, "%s: %s\n", name, e.msg);
        exit(1);
    }
    return r;
}

/* Is there a diagnostic on `line` containing `text`?  (Says nothing.) */
static int has_quiet(const kp_rules *r, int line, const char *text)
{
    for (size_t i = 0; i < r->ndiags; i++)
        if (r->diags[i].line == line && strstr(r->diags[i].msg, text))
            return 1;
    return 0;
}

/* Is there a diagnostic on `line` containing `text`? */
static int has(const kp_rules *r, int line, const char *text)
{
    if (has_quiet(r, line, text))
        return 1;
    fprintf(stderr, "missing on line %d: %s\n", line, text);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: test_rules PLUGIN.so FIXTURES LIBDIR RULES_2023\n");
        return 2;
    }
    dir = argv[2];
    lib = argv[3];
    kp_err e;
    const char *paths[] = {argv[1]};
    if (kp_registry_load_paths(&reg, paths, 1, NULL, NULL, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }

    kp_rules *r = load("base.lua");
    CHECK_INT_EQ(r->nerrors, 0);
    CHECK_INT_EQ(r->year, 2023);
    CHECK_INT_EQ(r->nareas, 2);
    CHECK_STR_EQ(r->areas[0].items[1].rule_kind, "function");
    CHECK_NUM_EQ(r->areas[0].items[1].points, 7, 0);
    CHECK_NUM_EQ(r->areas[0].bonus_cap, 2, 0);
    CHECK_STR_EQ(r->areas[0].items[2].title, "申报和建成的健康项目"); /* the plugin's title */
    CHECK(has(r, 9, "area 'publicity': plugin not loaded; the area will be skipped"));
    /* The core knows no area by name: the note says what is loaded. */
    CHECK(has(r, 9, "(loaded: health_promotion)"));
    CHECK_STR_EQ(kp_rules_grade(r, 90), "优秀");
    CHECK_STR_EQ(kp_rules_grade(r, 89.99), "良好");
    CHECK_STR_EQ(kp_rules_grade(r, 0), "不合格");
    kp_rules_free(r);

    r = load("broken.lua");
    CHECK(has(r, 1, "the areas' weights add up to 80, not 100"));
    CHECK(has(r, 2, "unknown area 'helth_promotion' (did you mean 'health_promotion'?)"));
    CHECK(has(r, 5, "area 'health_promotion': unknown setting 'wieght' (did you mean 'weight'?)"));
    CHECK(has(r, 5, "area 'health_promotion': weight is missing"));
    CHECK(has(r, 7, "area 'health_promotion' has no indicator 'lecture_coverag' (did you mean 'lecture_coverage'?)"));
    CHECK(has(r, 8, "ratio: target is missing"));
    CHECK(has(r, 9, "per_item: each must be a number, not string \"1\""));
    CHECK(has(r, 11, "area 'publicity': weight must be a number, not string 10"));
    CHECK(has(r, 13, "ratio: target must be greater than 0, not 0"));
    CHECK(has(r, 14, "threshold: unknown setting 'at_mots'"));
    CHECK(has(r, 16, "area 'organization': its indicators give 80 points"));
    CHECK(has(r, 16, "more than the area's weight of 70"));
    CHECK(has(r, 20, "veto 'county_reelected': cap '良好' is not one of the grades"));
    CHECK(has(r, 21, "indicator 'staffing_gap': veto_if belongs in a veto item"));
    CHECK(has(r, 22, "indicator 'member_records': title must be text, not a number"));
    CHECK(has(r, 22, "indicator 'member_records': rule must be a scoring method"));
    CHECK_INT_EQ(r->nerrors, 15);
    /* Every message starts with file:line. */
    CHECK_STR_CONTAINS(r->diags[1].msg, "/broken.lua:2: unknown area");
    kp_rules_free(r);

    r = load("manual.lua");
    CHECK_INT_EQ(r->areas[0].items[1].manual, 1);
    CHECK_STR_EQ(r->areas[0].items[1].guide, "参与得2分");
    CHECK_STR_EQ(r->areas[0].items[1].rule_kind, "manual");
    CHECK_NUM_EQ(r->areas[0].items[1].points, 2, 0);
    CHECK_INT_EQ(r->areas[0].items[0].manual, 0);
    CHECK(has(r, 7, "manual: guide must say how assessors give the points"));
    CHECK(has(r, 8, "veto 'by_hand': a veto cannot be scored by assessors"));
    CHECK(!has_quiet(r, 7, "has no indicator 'no_guide'")); /* not looked up in the plugin */
    CHECK_INT_EQ(r->nerrors, 3); /* no_guide; by_hand as a manual veto and as a non-veto rule */
    kp_rules_free(r);

    r = load("syntax.lua");
    CHECK_INT_EQ(r->nerrors, 1);
    CHECK(has(r, 3, "syntax.lua:3: '}' expected (to close '{' at line 2) near 'weight'"));
    CHECK(!strstr(r->diags[0].msg, "traceback"));
    kp_rules_free(r);

    r = load("runtime.lua");
    CHECK_INT_EQ(r->nerrors, 1);
    CHECK(has(r, 4, "runtime.lua:4: attempt to call a nil value (global 'ration')"));
    kp_rules_free(r);

    r = load("loops.lua");
    CHECK_INT_EQ(r->nerrors, 1);
    CHECK(has(r, 3, "loops.lua:3: script stopped: it ran longer than"));
    kp_rules_free(r);

    /* The shipped rules are valid (all eight areas declared, weights 100). */
    kp_rules *shipped;
    CHECK_INT_EQ(kp_rules_load(&shipped, argv[4], lib, reg, &e), 0);
    CHECK_INT_EQ(shipped->nerrors, 0);
    CHECK_INT_EQ(shipped->nareas, 8);
    for (size_t i = 0; i < shipped->ndiags; i++)
        CHECK_STR_CONTAINS(shipped->diags[i].msg, "plugin not loaded");
    kp_rules_free(shipped);

    kp_registry_free(reg);
    return check_status();
}
