/* main.c — the kaoping command line: finds the command, does the set-up it
 * declares, runs it and releases what the set-up made. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "kp_config.h"
#include "util/i18n.h"

enum { NEEDS_DB = KP_CLI_PLUGINS | KP_CLI_STORE };

/* report and chart open the store through the report room, which reads it
 * on connections of its own; demo makes its database in steps of its own. */
static const struct kp_command commands[] = {
    {"init", N_("create a database"), NEEDS_DB | KP_CLI_CREATE, kp_cmd_init},
    {"plugins", N_("list the loaded work-area plugins"), KP_CLI_PLUGINS, kp_cmd_plugins},
    {"import", N_("import the counties' files (xlsx, xls or CSV)"), NEEDS_DB, kp_cmd_import},
    {"imports", N_("list the imports and deletions"), KP_CLI_STORE, kp_cmd_imports},
    {"undo", N_("undo an import or a deletion"), KP_CLI_STORE, kp_cmd_undo},
    {"delete", N_("remove a county's or a unit's rows from a table"), NEEDS_DB, kp_cmd_delete},
    {"indicators", N_("compute every indicator per county"), NEEDS_DB, kp_cmd_indicators},
    {"report", N_("render PDF reports from an assessment run"), 0, kp_cmd_report},
    {"chart", N_("export one chart of a report as PNG or SVG"), 0, kp_cmd_chart},
    {"demo", N_("generate, import and show the demo city"), KP_CLI_PLUGINS, kp_cmd_demo},
    {"template", N_("write the forms county staff fill in (xlsx or CSV)"), KP_CLI_PLUGINS, kp_cmd_template},
    {"check", N_("check an assessment rules file"), KP_CLI_PLUGINS, kp_cmd_check},
    {"assess", N_("assess every county with a rules file and store the run"), NEEDS_DB,
     kp_cmd_assess},
    {"results", N_("show a stored assessment run"), KP_CLI_STORE, kp_cmd_results},
    {"score", N_("import assessors' scores of the items no data decides"), NEEDS_DB, kp_cmd_score},
    {"runs", N_("list the assessment runs, official or draft"), KP_CLI_STORE, kp_cmd_runs},
    {"publish", N_("make a run the official run of its year"), KP_CLI_STORE, kp_cmd_publish},
    {"compare", N_("what changed between two runs, county by county"), KP_CLI_STORE,
     kp_cmd_compare},
    {"serve", N_("run the web workspace for county and city staff"), 0, kp_cmd_serve},
    {"user", N_("manage the web workspace's accounts"), 0, kp_cmd_user},
    {"audit", N_("show the web workspace's audit log"), 0, kp_cmd_audit},
    {"paths", N_("show the folders kaoping finds its own files in"), 0, kp_cmd_paths},
};

int kp_cli_setup(struct kp_cli *cli, const char *db)
{
    unsigned flags = cli->cmd->flags;
    if ((flags & KP_CLI_PLUGINS) && !cli->reg && kp_cli_load_plugins(&cli->reg) < 0)
        return -1;
    if ((flags & KP_CLI_STORE) && db && !cli->store &&
        kp_cli_open_store(&cli->store, db, (flags & KP_CLI_CREATE) != 0, cli->reg) < 0)
        return -1;
    return 0;
}

static int run(const struct kp_command *cmd, int argc, char **argv)
{
    struct kp_cli cli = {.cmd = cmd};
    int rc = cmd->run(&cli, argc, argv);
    kp_store_close(cli.store);
    kp_registry_free(cli.reg);
    return rc;
}

static void usage(FILE *f)
{
    fputs(_("usage: kaoping COMMAND [OPTIONS]\n\n"
            "kaoping assesses county family-planning associations against the\n"
            "city work plan and writes the reports.\n\ncommands:\n"),
          f);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
    fputs(_("\n'kaoping COMMAND --help' describes a command.\n"), f);
}

int main(int argc, char **argv)
{
    kp_i18n_init();
    if (argc < 2) {
        usage(stderr);
        return KP_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        usage(stdout);
        return KP_EXIT_OK;
    }
    if (!strcmp(name, "--version")) {
        printf("kaoping %s\n", KP_VERSION);
        return KP_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i].name))
            return run(&commands[i], argc - 1, argv + 1);
    kp_cli_error(_("unknown command '%s'; 'kaoping --help' lists them"), name);
    return KP_EXIT_USAGE;
}
