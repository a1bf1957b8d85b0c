/*
 * cli.h — what every command of the kaoping command line shares.
 *
 * A command is one file, cmd_<name>.c, with one entry point listed in the
 * table in main.c.  It returns the process exit status: 0 success, 1 the work
 * failed (bad input, a failed report), 2 the command line was wrong.
 */
#ifndef KP_CLI_CLI_H
#define KP_CLI_CLI_H

#include <stdio.h>

#include "plugin/registry.h"
#include "store/store.h"

#define KP_EXIT_OK 0
#define KP_EXIT_FAIL 1
#define KP_EXIT_USAGE 2

#define KP_DEFAULT_DB "kaoping.db"

struct kp_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
};

/* Print `msg` and a newline with control characters shown as escapes
 * ("\x1b"): messages quote county files, whose bytes the terminal must not
 * obey. */
void kp_cli_print_safe(FILE *f, const char *msg);
/* Print "kaoping: <message>" to stderr, the same way. */
void kp_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* For a wrong command line: the message, then a pointer to --help.  Returns KP_EXIT_USAGE. */
int kp_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Load the plugins ($KAOPING_PLUGIN_PATH, then kaoping's own folder, see
 * util/paths.h), printing refusals as warnings.  Finding none is an error
 * that names the folders looked in. */
int kp_cli_load_plugins(kp_registry **out);
/* Open the database at `path` (must exist unless `create`), and bring the
 * plugins' tables up to date. */
int kp_cli_open_store(kp_store **out, const char *path, int create, const kp_registry *reg);

/* `arg` as given when it is a path (holds a slash, ends in .lua, or exists);
 * otherwise the shipped file FOLDER/ARG.lua among kaoping's own files
 * ("2023" in "scripts/rules", "county" in "reports").  Returns `arg` or `out`. */
const char *kp_cli_shipped(char *out, size_t size, const char *arg, const char *folder);

/* A secret (a password) from the first line of file `path`, or of standard
 * input for "-" (typed without echo on a terminal), never from argv. */
int kp_cli_read_secret(const char *path, char *out, size_t size, kp_err *e);

#endif
