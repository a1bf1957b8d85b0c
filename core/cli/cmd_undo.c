/* cmd_undo.c — `kaoping undo ID`: the data as it was before an import. */
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "import/undo.h"

static const char usage[] =
    "usage: kaoping undo [--db FILE] IMPORT\n"
    "\n"
    "Undo import IMPORT (an id from 'kaoping imports'), an import or a deletion:\n"
    "the rows it added go, the rows it replaced or removed come back as they\n"
    "were.  When a later import changed the same rows, undo that one first.\n"
    "Assessment runs made since then are marked stale in 'kaoping runs'.\n"
    "\n"
    "  --db FILE   the database (default " KP_DEFAULT_DB ")\n"
    "  -h, --help  show this help\n";

int kp_cmd_undo(struct kp_cli *cli, int argc, char **argv)
{
    const char *db = KP_DEFAULT_DB;
    int done = kp_cli_db_option("undo", usage, argc, argv, &db);
    if (done >= 0)
        return done;
    if (optind + 1 != argc)
        return kp_cli_usage_error("undo", "name one import to undo");
    char *end;
    long id = strtol(argv[optind], &end, 10);
    if (*end || id <= 0)
        return kp_cli_usage_error("undo", "'%s' is not an import id", argv[optind]);
    if (kp_cli_setup(cli, db) < 0)
        return KP_EXIT_FAIL;
    kp_store *s = cli->store;
    kp_err e;
    long rows;
    int rc = kp_import_undo(s, id, &rows, &e);
    if (rc)
        kp_cli_error("%s", e.msg);
    else
        printf("undid import %ld: %ld rows put back or taken out\n", id, rows);
    return rc ? KP_EXIT_FAIL : KP_EXIT_OK;
}
