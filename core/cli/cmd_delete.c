/* cmd_delete.c — `kaoping delete`: a county's or a unit's rows out of a table. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "import/undo.h"

static const char usage[] =
    "usage: kaoping delete [--db FILE] [--dry-run] --table TABLE --unit CODE [--year YEAR]\n"
    "\n"
    "Remove from TABLE the rows of unit CODE (a county: the rows of every unit\n"
    "in it), of YEAR only when given.  The rows are listed first.  The deletion\n"
    "is recorded like an import: 'kaoping imports' shows it and 'kaoping undo ID'\n"
    "brings the rows back.\n"
    "\n"
    "  --db FILE   the database (default " KP_DEFAULT_DB ")\n"
    "  --dry-run   only list the rows\n"
    "  -h, --help  show this help\n";

static void show(void *ud, const char *row)
{
    (void)ud;
    printf("  %s\n", row);
}

int kp_cmd_delete(struct kp_cli *cli, int argc, char **argv)
{
    const char *db = KP_DEFAULT_DB;
    kp_delete_request rq = {0};
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},   {"table", required_argument, NULL, 't'},
        {"unit", required_argument, NULL, 'u'}, {"year", required_argument, NULL, 'y'},
        {"dry-run", no_argument, NULL, 'n'},    {"help", no_argument, NULL, 'h'},
        {0}};
    int c;
    char *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 't': rq.table = optarg; break;
        case 'u': rq.unit = optarg; break;
        case 'n': rq.dry_run = 1; break;
        case 'y':
            rq.year = (int)strtol(optarg, &end, 10);
            if (*end || rq.year < 1900 || rq.year > 2999)
                return kp_cli_usage_error("delete", "'%s' is not a year", optarg);
            break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("delete", "unknown option");
        }
    }
    if (!rq.table || !rq.unit || optind != argc)
        return kp_cli_usage_error("delete", "name --table and --unit, and nothing else");
    if (kp_cli_setup(cli, db) < 0)
        return KP_EXIT_FAIL;
    kp_store *s = cli->store;
    kp_registry *reg = cli->reg;
    printf("%s %s:\n", rq.dry_run ? "would remove from" : "removing from", rq.table);
    kp_err e;
    long n, id;
    int rc = kp_import_delete(s, reg, &rq, show, NULL, &n, &id, &e);
    if (rc)
        kp_cli_error("%s", e.msg);
    else if (rq.dry_run)
        printf("%ld rows would be removed; nothing was changed\n", n);
    else
        printf("removed %ld rows (import %ld; 'kaoping undo %ld' brings them back)\n", n, id, id);
    return rc ? KP_EXIT_FAIL : KP_EXIT_OK;
}
