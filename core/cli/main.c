/* main.c — the kaoping command line: finds the command and runs it. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "kp_config.h"

int kp_cmd_init(int argc, char **argv);
int kp_cmd_plugins(int argc, char **argv);
int kp_cmd_import(int argc, char **argv);
int kp_cmd_indicators(int argc, char **argv);
int kp_cmd_report(int argc, char **argv);
int kp_cmd_chart(int argc, char **argv);
int kp_cmd_demo(int argc, char **argv);
int kp_cmd_template(int argc, char **argv);
int kp_cmd_check(int argc, char **argv);
int kp_cmd_assess(int argc, char **argv);
int kp_cmd_results(int argc, char **argv);
int kp_cmd_paths(int argc, char **argv);

static const struct kp_command commands[] = {
    {"init", "create a database", kp_cmd_init},
    {"plugins", "list the loaded work-area plugins", kp_cmd_plugins},
    {"import", "import CSV files from the counties", kp_cmd_import},
    {"indicators", "compute every indicator per county", kp_cmd_indicators},
    {"report", "render PDF reports from an assessment run", kp_cmd_report},
    {"chart", "export one chart of a report as PNG or SVG", kp_cmd_chart},
    {"demo", "generate, import and show the demo city", kp_cmd_demo},
    {"template", "write empty CSV templates for county staff", kp_cmd_template},
    {"check", "check an assessment rules file", kp_cmd_check},
    {"assess", "assess every county with a rules file and store the run", kp_cmd_assess},
    {"results", "show a stored assessment run", kp_cmd_results},
    {"paths", "show the folders kaoping finds its own files in", kp_cmd_paths},
};

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
            return commands[i].run(argc - 1, argv + 1);
    kp_cli_error("unknown command '%s'; 'kaoping --help' lists them", name);
    return KP_EXIT_USAGE;
}
