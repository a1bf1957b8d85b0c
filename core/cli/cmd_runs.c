/* cmd_runs.c — `kaoping runs`: the stored assessment runs, official or draft. */
#include <stdio.h>
#include <unistd.h>

#include "assess/runs.h"
#include "cli/cli.h"

static const char usage[] =
    "usage: kaoping runs [--db FILE]\n"
    "\n"
    "List the stored assessment runs: id, year, when, the rules file and the\n"
    "start of its SHA-256, the label, 正式 (official) or 草稿 (draft), and\n"
    "\"stale\" when data was imported or undone after the run.\n"
    "\n"
    "  --db FILE   the database (default " KP_DEFAULT_DB ")\n"
    "  -h, --help  show this help\n";

static int print_one(void *ud, const kp_run_row *r)
{
    (void)ud;
    printf("%-4lld %d  %s  %s (%.12s)  %s%s%s%s\n", r->id, r->year, r->created, r->rules_path,
           r->rules_sha256, r->official ? "正式" : "草稿", *r->label ? "  " : "", r->label,
           r->stale ? "  stale" : "");
    return 0;
}

int kp_cmd_runs(struct kp_cli *cli, int argc, char **argv)
{
    const char *db = KP_DEFAULT_DB;
    int done = kp_cli_db_option("runs", usage, argc, argv, &db);
    if (done >= 0)
        return done;
    if (optind != argc)
        return kp_cli_usage_error("runs", "unexpected argument '%s'", argv[optind]);
    if (kp_cli_setup(cli, db) < 0)
        return KP_EXIT_FAIL;
    kp_store *s = cli->store;
    kp_err e;
    int rc = kp_runs_each(kp_store_db(s), print_one, NULL, &e);
    if (rc)
        kp_cli_error("%s", e.msg);
    return rc ? KP_EXIT_FAIL : KP_EXIT_OK;
}
