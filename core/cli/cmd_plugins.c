/* cmd_plugins.c — `kaoping plugins`: what each loaded work area brings. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: kaoping plugins\n"
    "\n"
    "List the loaded work-area plugins: id, title, version and file; each\n"
    "table with its columns (id, Chinese title, type, key/required, allowed\n"
    "values) and each indicator.  Plugins are loaded from $KAOPING_PLUGIN_PATH\n"
    "(folders separated by ':') and from kaoping's own plugin folder.\n";

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

static void print_table(const struct kp_table *t)
{
    printf("  table %s — %s\n", t->id, t->title);
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

int kp_cmd_plugins(int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return KP_EXIT_OK;
        }
        return kp_cli_usage_error("plugins", "unknown option");
    }
    if (optind < argc)
        return kp_cli_usage_error("plugins", "unexpected argument '%s'", argv[optind]);
    kp_registry *reg;
    if (kp_cli_load_plugins(&reg))
        return KP_EXIT_FAIL;
    if (kp_registry_count(reg) == 0)
        printf("no work-area plugins loaded\n");
    for (size_t i = 0; i < kp_registry_count(reg); i++) {
        const struct kp_plugin *p = kp_registry_plugin(reg, i);
        printf("%s%s — %s, version %s\n  file %s\n", i ? "\n" : "", p->id, p->title, p->version,
               kp_registry_plugin_path(reg, i));
        for (size_t t = 0; t < p->ntables; t++)
            print_table(&p->tables[t]);
        for (size_t j = 0; j < p->nindicators; j++) {
            const struct kp_indicator *ind = &p->indicators[j];
            printf("  indicator %s.%s — %s (%s)\n", p->id, ind->id, ind->title, ind->measure);
        }
    }
    kp_registry_free(reg);
    return KP_EXIT_OK;
}
