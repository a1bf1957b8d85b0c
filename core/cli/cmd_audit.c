/* cmd_audit.c — `kaoping audit`: the web workspace's audit log, newest first. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "web/audit.h"

static const char usage[] =
    "usage: kaoping audit [--db FILE] [--limit N]\n"
    "\n"
    "Print the audit log of the web workspace, newest first: every login (and\n"
    "refused login), upload, deletion and account change, with when, who, from\n"
    "which address, and what.\n"
    "\n"
    "  --db FILE   the database (default " KP_DEFAULT_DB ")\n"
    "  --limit N   print at most N entries (default 100)\n"
    "  -h, --help  show this help\n";

int kp_cmd_audit(struct kp_cli *cli, int argc, char **argv)
{
    (void)cli; /* opens the store itself: the accounts need no plugins */
    const char *db = KP_DEFAULT_DB;
    long limit = 100;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"limit", required_argument, NULL, 'n'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'n':
            limit = strtol(optarg, NULL, 10);
            if (limit < 1)
                return kp_cli_usage_error("audit", "--limit takes a positive number");
            break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("audit", "unknown option");
        }
    }
    if (optind != argc)
        return kp_cli_usage_error("audit", "unexpected argument '%s'", argv[optind]);
    kp_store *s;
    if (kp_cli_open_store(&s, db, 0, NULL))
        return KP_EXIT_FAIL;
    json_t *entries;
    kp_err e;
    int rc = kp_audit_list(kp_store_db(s), limit, 0, &entries, &e);
    if (rc)
        kp_cli_error("%s", e.msg);
    size_t i;
    json_t *a;
    if (rc == 0)
        json_array_foreach(entries, i, a)
            printf("%s  %s  %s  %s  %s\n", json_string_value(json_object_get(a, "at")),
                   json_string_value(json_object_get(a, "who")),
                   json_string_value(json_object_get(a, "addr")),
                   json_string_value(json_object_get(a, "action")),
                   json_string_value(json_object_get(a, "detail")));
    if (rc == 0)
        json_decref(entries);
    kp_store_close(s);
    return rc ? KP_EXIT_FAIL : KP_EXIT_OK;
}
