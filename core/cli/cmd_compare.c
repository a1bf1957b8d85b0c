/* cmd_compare.c — `kaoping compare RUN_A RUN_B`: what changed between two runs. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "output/compare.h"
#include "output/results.h"
#include "assess/runs.h"
#include "cli/cli.h"

static const char usage[] =
    "usage: kaoping compare [--db FILE] [--format table|csv|json] [--xlsx FILE] RUN_A RUN_B\n"
    "\n"
    "What changed from run RUN_A to run RUN_B (after a rules change or a data\n"
    "correction): for every county the total, grade and rank before and after,\n"
    "and every item whose points moved, with both explanations; the counties\n"
    "whose total moved most come first.  The layout reports/compare.lua renders\n"
    "the same as a PDF (规则调整影响说明) with a chart of the ranks.\n"
    "\n"
    "  --db FILE     the database (default " KP_DEFAULT_DB ")\n"
    "  --format F    table (default), csv or json\n"
    "  --xlsx FILE   also write the comparison as an Excel workbook\n"
    "  -h, --help    show this help\n";

static int run_number(const char *s, long long *id)
{
    char *end;
    *id = strtoll(s, &end, 10);
    return *end || *id <= 0 ? -1 : 0;
}

int kp_cmd_compare(struct kp_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"xlsx", required_argument, NULL, 'x'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *db = KP_DEFAULT_DB, *xlsx = NULL;
    int format = KP_FORMAT_TABLE, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f':
            if ((format = kp_format_parse(optarg)) < 0)
                return kp_cli_usage_error("compare", "--format is table, csv or json, not '%s'",
                                          optarg);
            break;
        case 'x': xlsx = optarg; break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("compare", "unknown option");
        }
    }
    long long a, b;
    if (optind + 2 != argc || run_number(argv[optind], &a) || run_number(argv[optind + 1], &b))
        return kp_cli_usage_error("compare", "name two run numbers");
    if (kp_cli_setup(cli, db) < 0)
        return KP_EXIT_FAIL;
    kp_store *s = cli->store;
    kp_err e;
    int year, official;
    int rc = kp_runs_find(kp_store_db(s), a, &year, &official, &e);
    if (rc == 0)
        rc = kp_runs_find(kp_store_db(s), b, &year, &official, &e);
    if (rc == 0)
        rc = kp_compare_runs(kp_store_db(s), a, b, format, stdout, &e);
    if (rc == 0 && xlsx)
        rc = kp_compare_xlsx(kp_store_db(s), a, b, xlsx, &e);
    if (rc)
        kp_cli_error("%s", e.msg);
    return rc ? KP_EXIT_FAIL : KP_EXIT_OK;
}
