/* cmd_results.c — `kaoping results`: show a stored assessment run. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/runs.h"
#include "cli/cli.h"
#include "output/results.h"
#include "util/outfile.h"

static const char usage[] =
    "usage: kaoping results [--run ID] [--unit CODE] [--db FILE]\n"
    "                       [--format table|csv|csv-raw|json] [--xlsx FILE [--overwrite]]\n"
    "\n"
    "Show a stored assessment run: the ranking, or with --unit one county item\n"
    "by item, with the figure, target, points, the explanation and the\n"
    "townships or villages behind a shortfall.\n"
    "\n"
    "  --run ID      the run (default: the official run of the newest year, else\n"
    "                its latest draft, with a note)\n"
    "  --unit CODE   one county's details\n"
    "  --db FILE     the database (default " KP_DEFAULT_DB ")\n"
    "  --format F    table (default), csv, csv-raw or json\n"
    "                csv is for people: a value starting with = + - @ tab or CR\n"
    "                gets a leading ' so a spreadsheet shows it, never runs it;\n"
    "                csv-raw is for programs: every value exactly as stored\n"
    "  --xlsx FILE   write the run as an Excel workbook (summary and one sheet per area)\n"
    "  --overwrite   replace the --xlsx FILE if it is there\n"
    "  -h, --help    show this help\n";

int kp_cmd_results(struct kp_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"run", required_argument, NULL, 'r'},  {"unit", required_argument, NULL, 'u'},
        {"db", required_argument, NULL, 'd'},   {"format", required_argument, NULL, 'f'},
        {"xlsx", required_argument, NULL, 'x'}, {"help", no_argument, NULL, 'h'},
        {"overwrite", no_argument, NULL, 'O'},
        {NULL, 0, NULL, 0},
    };
    const char *db = KP_DEFAULT_DB, *unit = NULL, *xlsx = NULL;
    long long run_id = 0;
    int format = KP_FORMAT_TABLE, c;
    unsigned xlsx_flags = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r': {
            char *end;
            run_id = strtoll(optarg, &end, 10);
            if (*end || run_id <= 0)
                return kp_cli_usage_error("results", "--run needs a run number, not '%s'", optarg);
            break;
        }
        case 'u': unit = optarg; break;
        case 'd': db = optarg; break;
        case 'f':
            if ((format = kp_format_parse(optarg)) < 0)
                return kp_cli_usage_error("results", "--format is table, csv, csv-raw or json, not '%s'", optarg);
            break;
        case 'x': xlsx = optarg; break;
        case 'O': xlsx_flags = KP_OUT_REPLACE; break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("results", "unknown option");
        }
    }
    if (optind != argc)
        return kp_cli_usage_error("results", "unexpected argument '%s'", argv[optind]);

    if (kp_cli_setup(cli, db) < 0)
        return KP_EXIT_FAIL;
    sqlite3 *sdb = kp_store_db(cli->store);
    kp_err e;
    int rc = 0, official = 1;
    if (!run_id)
        rc = kp_runs_default(sdb, 0, &run_id, &official, &e);
    if (rc == 0 && !official)
        fprintf(stderr, "note: run %lld is a draft (草稿); no run of its year is official yet "
                        "('kaoping publish %lld')\n", run_id, run_id);
    if (rc == 0)
        rc = unit ? kp_results_unit(sdb, run_id, unit, format, stdout, &e)
                  : kp_results_ranking(sdb, run_id, format, stdout, &e);
    if (rc == 0 && xlsx)
        rc = kp_results_xlsx(sdb, run_id, xlsx, xlsx_flags, &e);
    if (rc < 0)
        kp_cli_error("%s", e.msg);
    return rc < 0 ? KP_EXIT_FAIL : KP_EXIT_OK;
}
