/* main.c — the kaoping command line: finds the command, does the set-up it
 * declares, runs it and releases what the set-up made. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "kp_config.h"

enum { NEEDS_DB = KP_CLI_PLUGINS | KP_CLI_STORE };

/* report and chart open the store through the report room, which reads it
 * on connections of its own; demo makes its database in steps of its own. */
static const struct kp_command commands[] = {
    {"init", "create a database", NEEDS_DB | KP_CLI_CREATE, kp_cmd_init},
    {"plugins", "list the loaded work-area plugins", KP_CLI_PLUGINS, kp_cmd_plugins},
    {"import", "import CSV files from the counties", NEEDS_DB, kp_cmd_import},
    {"imports", "list the imports and deletions", KP_CLI_STORE, kp_cmd_imports},
    {"undo", "undo an import or a deletion", KP_CLI_STORE, kp_cmd_undo},
    {"delete", "remove a county's or a unit's rows from a table", NEEDS_DB, kp_cmd_delete},
    {"indicators", "compute every indicator per county", NEEDS_DB, kp_cmd_indicators},
    {"report", "render PDF reports from an assessment run", 0, kp_cmd_report},
    {"chart", "export one chart of a report as PNG or SVG", 0, kp_cmd_chart},
    {"demo", "generate, import and show the demo city", KP_CLI_PLUGINS, kp_cmd_demo},
    {"template", "write empty CSV templates for county staff", KP_CLI_PLUGINS, kp_cmd_template},
    {"check", "check an assessment rules file", KP_CLI_PLUGINS, kp_cmd_check},
    {"assess", "assess every county with a rules file and store the run", NEEDS_DB,
     kp_cmd_assess},
    {"results", "show a stored assessment run", KP_CLI_STORE, kp_cmd_results},
    {"score", "import assessors' scores of the items no data decides", NEEDS_DB, kp_cmd_score},
    {"runs", "list the assessment runs, official or draft", KP_CLI_STORE, kp_cmd_runs},
    {"publish", "make a run the official run of its year", KP_CLI_STORE, kp_cmd_publish},
    {"compare", "what changed between two runs, county by county", KP_CLI_STORE,
     kp_cmd_compare},
    {"serve", "run the web workspace for county and city staff", 0, kp_cmd_serve},
    {"user", "manage the web workspace's accounts", 0, kp_cmd_user},
    {"audit", "show the web workspace's audit log", 0, kp_cmd_audit},
    {"paths", "show the folders kaoping finds its own files in", 0, kp_cmd_paths},
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
    fprintf(f, "usage: kaoping COMMAND [OPTIONS]\n\n"
               "kaoping assesses county family-planning associations against the\n"
               "city work plan and writes the reports.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'kaoping COMMAND --help' describes a command.\n");
}

int main(int argc, char **argv)
{
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
    kp_cli_error("unknown command '%s'; 'kaoping --help' lists them", name);
    return KP_EXIT_USAGE;
}
