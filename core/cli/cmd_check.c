/* cmd_check.c — `kaoping check RULES.lua`: load a rules file and list its mistakes. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "assess/rules.h"
#include "cli/cli.h"

static const char usage[] =
    "usage: kaoping check [--lib DIR] RULES.lua\n"
    "\n"
    "Load an assessment rules file the way 'kaoping assess' does and report\n"
    "every mistake with its line: syntax errors, unknown areas or indicators,\n"
    "points that exceed an area's weight, weights that do not add up to 100,\n"
    "missing targets, settings of the wrong type.  Areas whose plugin is not\n"
    "installed are noted; they are skipped when assessing.\n"
    "\n"
    "RULES.lua may also name shipped rules: 2023 for scripts/rules/2023.lua.\n"
    "\n"
    "  --lib DIR    the scoring library (default: scripts/lib of kaoping)\n"
    "  -h, --help   show this help\n"
    "\n"
    "Exit status: 0 when the rules can be used, 1 when they have errors.\n";

int kp_cmd_check(struct kp_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"lib", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *lib = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'l': lib = optarg; break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("check", "unknown option");
        }
    }
    if (optind != argc - 1)
        return kp_cli_usage_error("check", "give one rules file");
    char shipped[PATH_MAX];
    const char *path = kp_cli_shipped(shipped, sizeof shipped, argv[optind], "scripts/rules");

    if (kp_cli_setup(cli, NULL) < 0)
        return KP_EXIT_FAIL;
    kp_registry *reg = cli->reg;
    kp_rules *rules;
    kp_err e;
    if (kp_rules_load(&rules, path, lib ? lib : kp_rules_default_lib_dir(), reg, &e) < 0) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    kp_rules_print_diags(rules, stdout);
    int rc = rules->nerrors ? KP_EXIT_FAIL : KP_EXIT_OK;
    if (rules->nerrors) {
        printf("%s: %zu error(s); the rules cannot be used until they are fixed\n", path,
               rules->nerrors);
    } else {
        size_t items = 0, skipped = 0;
        for (size_t i = 0; i < rules->nareas; i++) {
            items += rules->areas[i].nitems;
            skipped += rules->areas[i].plugin == NULL;
        }
        printf("%s: ok — %d, %zu areas, %zu items", path, rules->year, rules->nareas, items);
        if (skipped)
            printf(" (%zu area(s) skipped: plugin not loaded)", skipped);
        printf("\n");
    }
    kp_rules_free(rules);
    return rc;
}
