/* cmd_plugins.c — `kaoping plugins`: what each loaded work area brings. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: kaoping plugins [--db FILE]\n"
    "\n"
    "List the loaded work-area plugins: id, title, version and file; each\n"
    "table with its columns (id, Chinese title, type, key/required, allowed\n"
    "values) and each indicator.  Plugins are loaded from $KAOPING_PLUGIN_PATH\n"
    "(folders separated by ':') and from kaoping's own plugin folder.\n"
    "\n"
    "  --db FILE   also say how many rows each table holds in FILE\n"
    "  -h, --help  show this help\n";

/* Rows of `table` in the database, or -1 when it has no such table. */
static long count_rows(sqlite3 *db, const char *table)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static const char *type_name(int type)
{
    static const char *const names[] = {"?", "text", "integer", "number", "yes/no",
                                        "date", "year", "unit"};
    return type >= KP_TEXT && type <= KP_UNIT ? names[type] : names[0];
}

static void print_levels(unsigned levels)
{
    static const char *const names[] = {"市", "县", "乡", "村"};
    const char *sep = " (";
    for (int i = 0; i < 4; i++)
        if (levels & (1u << i)) {
            printf("%s%s", sep, names[i]);
            sep = "/";
        }
    printf(")");
}

static void print_table(const struct kp_table *t, sqlite3 *db)
{
    printf("  table %s — %s", t->id, t->title);
    if (db) {
        long n = count_rows(db, t->id);
        if (n < 0)
            printf(" (not yet in the database)");
        else
            printf(" (%ld rows)", n);
    }
    printf("\n");
    for (size_t c = 0; c < t->ncolumns; c++) {
        const struct kp_column *col = &t->columns[c];
        printf("    %-24s %s, %s", col->id, col->title, type_name(col->type));
        if (col->type == KP_UNIT)
            print_levels(col->levels);
        if (col->flags & KP_COL_KEY)
            printf(", key");
        else if (col->flags & KP_COL_REQUIRED)
            printf(", required");
        if (col->allowed) {
            printf(", one of");
            for (const char *const *a = col->allowed; *a; a++)
                printf(" %s", *a);
        }
        if (col->default_value)
            printf(", default %s", col->default_value);
        printf("\n");
    }
}

int kp_cmd_plugins(struct kp_cli *cli, int argc, char **argv)
{
    const char *db_path = NULL;
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("plugins", "unknown option");
        }
    }
    if (optind < argc)
        return kp_cli_usage_error("plugins", "unexpected argument '%s'", argv[optind]);
    sqlite3 *db = NULL;
    kp_err e;
    if (db_path && kp_store_open_reader(&db, db_path, &e)) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    if (kp_cli_setup(cli, NULL) < 0) {
        sqlite3_close_v2(db);
        return KP_EXIT_FAIL;
    }
    kp_registry *reg = cli->reg;
    if (kp_registry_count(reg) == 0)
        printf("no work-area plugins loaded\n");
    for (size_t i = 0; i < kp_registry_count(reg); i++) {
        const struct kp_plugin *p = kp_registry_plugin(reg, i);
        printf("%s%s — %s, version %s\n  file %s\n", i ? "\n" : "", p->id, p->title, p->version,
               kp_registry_plugin_path(reg, i));
        for (size_t t = 0; t < p->ntables; t++)
            print_table(&p->tables[t], db);
        for (size_t j = 0; j < p->nindicators; j++) {
            const struct kp_indicator *ind = &p->indicators[j];
            printf("  indicator %s.%s — %s (%s)\n", p->id, ind->id, ind->title, ind->measure);
        }
    }
    sqlite3_close_v2(db);
    return KP_EXIT_OK;
}
