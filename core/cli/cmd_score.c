/* cmd_score.c — `kaoping score import`: assessors' scores and self-assessments from a form. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "assess/manual_import.h"
#include "cli/cli.h"
#include "util/paths.h"

static const char usage[] =
    "usage: kaoping score import [--self] [--rules FILE] [--db FILE] FORM.csv\n"
    "\n"
    "Store the scores assessors gave to the items no data can decide (评审打分),\n"
    "from the form 'kaoping template --manual' writes (one row per county and\n"
    "item, with its 评分标准).  A row without points is not scored yet and is\n"
    "passed over; such an item stays 未评分 in the assessment, never 0.  Points\n"
    "must lie within 0 and the item's maximum.  A later import of the same item\n"
    "replaces the score in assessments; earlier ones stay on record.\n"
    "\n"
    "  --self        the form holds a county's self-assessment (自评), shown\n"
    "                beside the assessors' score in its report\n"
    "  --rules FILE  the rules whose manual items the form scores\n"
    "                (default: scripts/rules/2023.lua of kaoping)\n"
    "  --db FILE     the database (default " KP_DEFAULT_DB ")\n"
    "  --lib DIR     the scoring library (default: scripts/lib of kaoping)\n"
    "  -h, --help    show this help\n";

static int import(struct kp_cli *cli, const char *form, const char *rules_path, const char *db,
                  const char *lib, int self)
{
    if (kp_cli_setup(cli, NULL) < 0)
        return KP_EXIT_FAIL;
    int rc = KP_EXIT_FAIL;
    kp_rules *rules = NULL;
    kp_err e;
    if (kp_cli_load_rules(&rules, rules_path, lib, cli->reg, "nothing was imported"))
        goto out;
    if (kp_cli_setup(cli, db) < 0)
        goto out;
    kp_manual_import_summary sum;
    if (kp_manual_import(kp_store_db(cli->store), rules, form, self, stderr, &sum, &e) < 0) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    printf("%s: %ld %s stored, %ld row%s without points left 未评分\n", form, sum.stored,
           self ? "self-assessment(s)" : "score(s)", sum.blank, sum.blank == 1 ? "" : "s");
    rc = KP_EXIT_OK;
out:
    kp_rules_free(rules);
    return rc;
}

int kp_cmd_score(struct kp_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"self", no_argument, NULL, 's'}, {"rules", required_argument, NULL, 'r'},
        {"db", required_argument, NULL, 'd'}, {"lib", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    const char *db = KP_DEFAULT_DB, *rules = NULL, *lib = NULL;
    int self = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 's': self = 1; break;
        case 'r': rules = optarg; break;
        case 'd': db = optarg; break;
        case 'l': lib = optarg; break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("score", "unknown option");
        }
    }
    if (optind >= argc || strcmp(argv[optind], "import") != 0)
        return kp_cli_usage_error("score", "the action is 'import': kaoping score import FORM.csv");
    if (argc - optind != 2)
        return kp_cli_usage_error("score", "name one form: kaoping score import FORM.csv");
    char path[4096];
    if (!rules)
        rules = kp_data_path(path, sizeof path, "scripts/rules/2023.lua");
    return import(cli, argv[optind + 1], rules, db, lib, self);
}
