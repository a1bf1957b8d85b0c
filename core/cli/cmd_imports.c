/* cmd_imports.c — `kaoping imports`: every change to the data, newest last. */
#include <stdio.h>
#include <unistd.h>
#include <string.h>

#include "cli/cli.h"
#include "import/undo.h"

static const char usage[] =
    "usage: kaoping imports [--db FILE]\n"
    "\n"
    "List every import and deletion still in effect: its id, when, the login\n"
    "that made it, its kind (replace, merge, units, delete), its files, and how\n"
    "many rows it added, replaced, removed and left unchanged.  'kaoping undo ID'\n"
    "undoes one.\n"
    "\n"
    "  --db FILE   the database (default " KP_DEFAULT_DB ")\n"
    "  -h, --help  show this help\n";

static int print_one(void *ud, const kp_import_record *r)
{
    (void)ud;
    printf("%-4ld %s  %-10s %-7s +%ld ~%ld -%ld =%ld\n", r->id, r->started, r->os_user, r->kind,
           r->added, r->replaced, r->removed, r->unchanged);
    const char *f = r->files;
    while (*f) {
        const char *nl = strchr(f, '\n');
        int n = nl ? (int)(nl - f) : (int)strlen(f);
        printf("       %.*s\n", n, f);
        f += n + (nl != NULL);
    }
    return 0;
}

int kp_cmd_imports(struct kp_cli *cli, int argc, char **argv)
{
    const char *db = KP_DEFAULT_DB;
    int done = kp_cli_db_option("imports", usage, argc, argv, &db);
    if (done >= 0)
        return done;
    if (optind != argc)
        return kp_cli_usage_error("imports", "unexpected argument '%s'", argv[optind]);
    if (kp_cli_setup(cli, db) < 0)
        return KP_EXIT_FAIL;
    kp_store *s = cli->store;
    printf("id   time                  user       kind    +added ~replaced -removed =unchanged\n");
    kp_err e;
    int rc = kp_imports_each(s, print_one, NULL, &e);
    if (rc)
        kp_cli_error("%s", e.msg);
    return rc ? KP_EXIT_FAIL : KP_EXIT_OK;
}
