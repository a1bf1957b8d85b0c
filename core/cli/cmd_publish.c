/* cmd_publish.c — `kaoping publish RUN`: the official run of its year. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "assess/runs.h"
#include "cli/cli.h"

static const char usage[] =
    "usage: kaoping publish [--db FILE] RUN\n"
    "\n"
    "Make assessment run RUN the official run of its year.  There is one per\n"
    "year: publishing another replaces it, and says so.  'kaoping results',\n"
    "'kaoping report' and 'kaoping chart' read the official run of the year\n"
    "unless told otherwise.\n"
    "\n"
    "  --db FILE   the database (default " KP_DEFAULT_DB ")\n"
    "  -h, --help  show this help\n";

int kp_cmd_publish(struct kp_cli *cli, int argc, char **argv)
{
    const char *db = KP_DEFAULT_DB;
    int done = kp_cli_db_option("publish", usage, argc, argv, &db);
    if (done >= 0)
        return done;
    if (optind + 1 != argc)
        return kp_cli_usage_error("publish", "name one run to publish");
    char *end;
    long long id = strtoll(argv[optind], &end, 10);
    if (*end || id <= 0)
        return kp_cli_usage_error("publish", "'%s' is not a run number", argv[optind]);
    if (kp_cli_setup(cli, db) < 0)
        return KP_EXIT_FAIL;
    kp_store *s = cli->store;
    kp_err e;
    long long replaced;
    int year, official;
    int rc = kp_runs_publish(kp_store_db(s), id, &replaced, &e);
    if (rc == 0)
        rc = kp_runs_find(kp_store_db(s), id, &year, &official, &e);
    if (rc)
        kp_cli_error("%s", e.msg);
    else if (replaced)
        printf("run %lld is now the official run of %d; it replaces run %lld, which is a draft "
               "again\n", id, year, replaced);
    else
        printf("run %lld is now the official run of %d\n", id, year);
    return rc ? KP_EXIT_FAIL : KP_EXIT_OK;
}
