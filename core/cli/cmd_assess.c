/* cmd_assess.c — `kaoping assess`: score every county with a rules file and store the run. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "output/results.h"
#include "cli/cli.h"
#include "util/outfile.h"

struct shown {
    int format;
    const char *xlsx;
    unsigned xlsx_flags;
};

/* The ranking (and the workbook) from the run as stored, before it is committed. */
static int show(void *ud, sqlite3 *db, long long run_id, kp_err *e)
{
    const struct shown *sh = ud;
    if (kp_results_ranking(db, run_id, sh->format, stdout, e) < 0 ||
        (sh->xlsx && kp_results_xlsx(db, run_id, sh->xlsx, sh->xlsx_flags, e) < 0))
        return -1;
    return 0;
}

static const char usage[] =
    "usage: kaoping assess --rules FILE --year YEAR [--db FILE] [--format table|csv|csv-raw|json]\n"
    "                      [--xlsx FILE [--overwrite]] [--lib DIR] [--label TEXT] [--dry-run]\n"
    "                      [--timing]\n"
    "\n"
    "Check the rules (as 'kaoping check' does; invalid rules are refused), compute\n"
    "every county's indicators for YEAR, score them, and store the result as an\n"
    "assessment run that 'kaoping results' and 'kaoping report' read.  Prints the\n"
    "ranking with each area's subtotal.  A new run is a draft (试算) until\n"
    "'kaoping publish RUN' makes it the official run of its year.\n"
    "\n"
    "  --rules FILE    the rules, e.g. scripts/rules/2023.lua, or 2023 for the\n"
    "                  shipped rules of that name (required)\n"
    "  --year YEAR     the year assessed (required; must match the rules)\n"
    "  --db FILE       the database (default " KP_DEFAULT_DB ")\n"
    "  --format F      table (default), csv, csv-raw or json\n"
    "                  csv is for people: a value starting with = + - @ tab or CR\n"
    "                  gets a leading ' so a spreadsheet shows it, never runs it;\n"
    "                  csv-raw is for programs: every value exactly as stored\n"
    "  --xlsx FILE     also write the results as an Excel workbook\n"
    "  --overwrite     replace the --xlsx FILE if it is there\n"
    "  --lib DIR       the scoring library (default: scripts/lib of kaoping)\n"
    "  --label TEXT    a label for the run, shown by 'kaoping runs'\n"
    "  --dry-run       print the results and store nothing\n"
    "  --timing        print where the time went to stderr\n"
    "  -h, --help      show this help\n";

int kp_cmd_assess(struct kp_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"rules", required_argument, NULL, 'r'}, {"year", required_argument, NULL, 'y'},
        {"db", required_argument, NULL, 'd'},    {"format", required_argument, NULL, 'f'},
        {"xlsx", required_argument, NULL, 'x'},  {"lib", required_argument, NULL, 'l'},
        {"timing", no_argument, NULL, 't'},      {"help", no_argument, NULL, 'h'},
        {"label", required_argument, NULL, 'L'}, {"dry-run", no_argument, NULL, 'n'},
        {"overwrite", no_argument, NULL, 'O'},
        {NULL, 0, NULL, 0},
    };
    char shipped[PATH_MAX];
    const char *rules_path = NULL, *db = KP_DEFAULT_DB, *xlsx = NULL, *lib = NULL;
    int year = 0, format = KP_FORMAT_TABLE, timing = 0, c;
    kp_assess_options aopt = {0};
    unsigned xlsx_flags = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r': rules_path = kp_cli_shipped(shipped, sizeof shipped, optarg, "scripts/rules"); break;
        case 'y': {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end || y < 1900 || y > 2999)
                return kp_cli_usage_error("assess", "--year needs a year such as 2023, not '%s'", optarg);
            year = (int)y;
            break;
        }
        case 'd': db = optarg; break;
        case 'f':
            if ((format = kp_format_parse(optarg)) < 0)
                return kp_cli_usage_error("assess", "--format is table, csv, csv-raw or json, not '%s'", optarg);
            break;
        case 'x': xlsx = optarg; break;
        case 'O': xlsx_flags = KP_OUT_REPLACE; break;
        case 'l': lib = optarg; break;
        case 't': timing = 1; break;
        case 'L': aopt.label = optarg; break;
        case 'n': aopt.dry_run = 1; break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("assess", "unknown option");
        }
    }
    if (optind != argc)
        return kp_cli_usage_error("assess", "unexpected argument '%s'", argv[optind]);
    if (!rules_path || !year)
        return kp_cli_usage_error("assess", "--rules and --year are required");

    kp_err e;
    /* Refused before minutes of assessing, not after. */
    if (xlsx && kp_out_check(xlsx, xlsx_flags, &e)) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    if (kp_cli_setup(cli, NULL) < 0)
        return KP_EXIT_FAIL;
    kp_registry *reg = cli->reg;
    int rc = KP_EXIT_FAIL;
    kp_rules *rules = NULL;
    if (kp_cli_load_rules(&rules, rules_path, lib, reg, "nothing was assessed"))
        goto out;
    if (kp_cli_setup(cli, db) < 0)
        goto out;
    kp_store *store = cli->store;
    kp_assess_summary sum;
    struct shown sh = {format, xlsx, xlsx_flags};
    aopt.show = show;
    aopt.ud = &sh;
    if (kp_assess_run_with(store, reg, rules, year, &aopt, &sum, &e) < 0) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    if (aopt.dry_run)
        fprintf(stderr, "dry run (试算): nothing was stored; ");
    else
        fprintf(stderr, "assessment run %lld stored as a draft (草稿; 'kaoping publish %lld' makes "
                "it official): ", sum.run_id, sum.run_id);
    fprintf(stderr, "%zu counties, %zu items scored, %zu with no data, %zu not scored, "
            "%zu skipped\n", sum.counties, sum.scored, sum.no_data, sum.not_scored, sum.skipped);
    if (sum.unrated)
        fprintf(stderr, "%zu assessor-scored item(s) have no score yet and are 未评分; "
                "'kaoping template --manual' writes the form, 'kaoping score import' reads it\n",
                sum.unrated);
    if (sum.not_scored > sum.unrated)
        fprintf(stderr, "warning: %zu item(s) could not be scored; 'kaoping results --unit CODE' "
                "shows why\n", sum.not_scored - sum.unrated);
    if (timing)
        fprintf(stderr, "time: indicators %.3f s, scoring (Lua) %.3f s, storing %.3f s\n",
                sum.t_indicators, sum.t_scoring, sum.t_storing);
    rc = KP_EXIT_OK;
out:
    kp_rules_free(rules);
    return rc;
}
