/*
 * rules.h — an assessment rules file, loaded and checked.
 *
 * A rules file is Lua, run in the sandbox with the scoring library
 * (the .lua files of scripts/lib) loaded first.  It reads like the work plan:
 *
 *   assessment { year = 2023, title = "...", grades = { {"优秀", 90}, ... } }
 *   area "my_area" {
 *     title = "会员骨干培训", short = "骨干培训", weight = 10, bonus_cap = 2,
 *     indicator "coverage" { title = "...", rule = ratio { target = 100, points = 8 } },
 *     bonus "extra" { title = "...", rule = per_item { each = 1, max = 2 } },
 *   }
 *
 * Item verbs: indicator (scored, counts towards the area's weight), bonus
 * (加分, capped by bonus_cap), deduction (扣分, capped by deduction_cap) and
 * veto (一票否决: caps the grade at `cap`).  An area id is a work-area plugin
 * id; an item id is one of that plugin's indicators.
 *
 * Loading runs the file and checks it whole; every mistake found becomes a
 * diagnostic with its line, so `kaoping check` can list them all at once.
 */
#ifndef KP_ASSESS_RULES_H
#define KP_ASSESS_RULES_H

#include <stddef.h>
#include <stdio.h>

#include "plugin/registry.h"
#include "script/sandbox.h"
#include "store/item_kind.h"
#include "util/err.h"

typedef struct kp_rule_item {
    char *id;
    char *title;
    enum kp_item_kind kind;
    int line;
    double points;         /* the most it gives (or deducts); 0 for a veto       */
    int has_target;
    double target;
    char *rule_kind;       /* "ratio", ..., or "function"                        */
    char *rule_text;       /* how it scores, in words                            */
    int needs_previous;    /* the rule compares with last year                   */
    double no_data_points; /* given when there is no data                        */
    int veto_on_no_data;   /* veto items: no data counts as vetoed               */
    char *veto_cap;        /* veto items: the best grade left                    */
    int rule_ref;          /* the rule (a table or function) in the registry     */
    int manual;            /* scored by assessors (rule = manual { ... })         */
    char *guide;           /* manual items: the 评分标准 assessors follow         */
    const struct kp_plugin *plugin;     /* NULL when the plugin is not loaded    */
    const struct kp_indicator *indicator;
} kp_rule_item;

typedef struct kp_rule_area {
    char *id;
    char *title;
    char *short_title;
    double weight;
    int has_bonus_cap, has_deduction_cap;
    double bonus_cap, deduction_cap;
    int line;
    kp_rule_item *items;
    size_t nitems;
    const struct kp_plugin *plugin;     /* NULL: plugin not loaded, area skipped */
} kp_rule_area;

typedef struct kp_grade {
    char *name;
    double min_score;
} kp_grade;

enum kp_diag_severity { KP_DIAG_ERROR, KP_DIAG_WARNING };

typedef struct kp_diag {
    int severity;
    int line;              /* 0 when the problem has no single place             */
    char *msg;             /* complete, with the file and line in front          */
} kp_diag;

typedef struct kp_rules {
    kp_sandbox *sb;
    char *path;
    char *source;          /* the file's text, as it was loaded                  */
    char sha256[65];       /* of the file                                        */
    char lib_sha256[65];   /* of the scoring library files, in load order        */
    int year;
    char *title;
    kp_grade *grades;      /* best first                                         */
    size_t ngrades;
    kp_rule_area *areas;
    size_t nareas;
    kp_diag *diags;        /* sorted by line                                     */
    size_t ndiags, nerrors;
} kp_rules;

/*
 * Load and check `path` against the loaded plugins, with the scoring library
 * from `lib_dir`.  Returns -1 only when the host cannot work (out of memory,
 * the library failing); a rules file with mistakes loads, with its
 * diagnostics in out->diags and out->nerrors > 0.
 */
int kp_rules_load(kp_rules **out, const char *path, const char *lib_dir, const kp_registry *reg,
                  kp_err *e);
void kp_rules_free(kp_rules *r);

/* The default folder of the scoring library: the source tree's scripts/lib
 * when running from the build tree, else the installed one. */
const char *kp_rules_default_lib_dir(void);

/* Print the diagnostics, one per line ("path:line: message"). */
void kp_rules_print_diags(const kp_rules *r, FILE *f);

/* The grade for `score` out of 100 (the last grade when none is reached). */
const char *kp_rules_grade(const kp_rules *r, double score);

#endif
