/* cmd_paths.c — `kaoping paths`: every folder kaoping reads its own files from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "assess/rules.h"
#include "cli/cli.h"
#include "kp_config.h"
#include "util/paths.h"

static const char usage[] =
    "usage: kaoping paths\n"
    "\n"
    "Print every folder and file kaoping uses besides the ones named on the\n"
    "command line: the executable, the plugin folders (in the order they are\n"
    "tried), the shipped rules, scoring library and layouts, and the font.\n"
    "kaoping looks next to its own executable first (an install that was\n"
    "moved, a copied build tree), then where it was configured to be installed.\n";

static const char *state(const char *path)
{
    struct stat st;
    return stat(path, &st) != 0 ? "  (missing)" : "";
}

static void row(const char *what, const char *path)
{
    printf("%-16s %s%s\n", what, path, state(path));
}

int kp_cmd_paths(struct kp_cli *cli, int argc, char **argv)
{
    (void)cli;
    if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        fputs(usage, stdout);
        return KP_EXIT_OK;
    }
    if (argc > 1)
        return kp_cli_usage_error("paths", "unexpected argument '%s'", argv[1]);
    char p[4096];
    row("executable", kp_exe_path());
    const char *env = getenv("KAOPING_PLUGIN_PATH");
    if (env && *env)
        printf("%-16s %s\n", "plugins (env)", env);
    const char *found = kp_plugin_dir();
    for (const char *const *c = kp_plugin_dir_candidates(); *c; c++)
        printf("%-16s %s%s\n", "plugins", *c,
               found && !strcmp(found, *c) ? "  (used)" : state(*c));
    const char *messages = kp_locale_dir();
    for (const char *const *c = kp_locale_dir_candidates(); *c; c++)
        printf("%-16s %s%s\n", "messages", *c,
               messages && !strcmp(messages, *c) ? "  (used)" : state(*c));
    row("data", kp_data_dir());
    row("rules", kp_data_path(p, sizeof p, "scripts/rules"));
    row("scoring library", kp_rules_default_lib_dir());
    row("layouts", kp_data_path(p, sizeof p, "reports"));
    const char *font = getenv("KAOPING_FONT");
    row("font", font && *font ? font : KP_DEFAULT_FONT);
    printf("%-16s %s (in the working folder, unless --db)\n", "database", KP_DEFAULT_DB);
    return KP_EXIT_OK;
}
