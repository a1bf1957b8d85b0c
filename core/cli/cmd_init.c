/* cmd_init.c — `kaoping init`: create a database (or bring one up to date). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: kaoping init [--db FILE]\n"
    "\n"
    "Create the kaoping database FILE (default " KP_DEFAULT_DB "), with the tables of\n"
    "every loaded work-area plugin.  Run on an existing database, it brings its\n"
    "schema up to date (new plugins, new columns) without touching the data.\n"
    "\n"
    "  --db FILE   the database file\n"
    "  -h, --help  show this help\n";

int kp_cmd_init(struct kp_cli *cli, int argc, char **argv)
{
    const char *db = KP_DEFAULT_DB;
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("init", "unknown option");
        }
    }
    if (optind < argc)
        return kp_cli_usage_error("init", "unexpected argument '%s'", argv[optind]);

    struct stat st;
    int existed = stat(db, &st) == 0;
    if (kp_cli_setup(cli, db) < 0)
        return KP_EXIT_FAIL;
    printf("%s %s (schema version %d, %zu work-area plugins)\n",
           existed ? "brought up to date:" : "created", db, kp_store_schema_version(),
           kp_registry_count(cli->reg));
    return KP_EXIT_OK;
}
