/*
 * cli.h — what every command of the kaoping command line shares.
 *
 * A command is one file, cmd_<name>.c, with one entry point listed in the
 * table in main.c.  It returns the process exit status: 0 success, 1 the work
 * failed (bad input, a failed report), 2 the command line was wrong.
 *
 * What a command needs set up (the plugins, the database) is said by flags
 * in that table and done in main.c, not by each command: the command reads
 * its options, calls kp_cli_setup() with the database they name, and uses
 * cli->reg and cli->store; main.c closes them when the command returns.
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

/* The set-up a command needs, in its kp_command's flags. */
enum {
    KP_CLI_PLUGINS = 1 << 0, /* the work-area plugins, loaded */
    KP_CLI_STORE = 1 << 1,   /* the database, open, with the plugins' tables migrated */
    KP_CLI_CREATE = 1 << 2,  /* with KP_CLI_STORE: create the database when missing */
};

struct kp_command;

/* One command's run: the set-up done so far, released by main.c. */
struct kp_cli {
    const struct kp_command *cmd;
    kp_registry *reg;
    kp_store *store;
};

struct kp_command {
    const char *name;
    const char *summary;
    unsigned flags;
    int (*run)(struct kp_cli *cli, int argc, char **argv);
};

/* Do the set-up the command's flags ask for and that is not done yet: load
 * the plugins, and open the store at `db` when `db` is given (a command that
 * must load its inputs between the two calls it twice).  Errors are printed;
 * returns 0 or -1. */
int kp_cli_setup(struct kp_cli *cli, const char *db);

/* The commands, one per cmd_<name>.c. */
int kp_cmd_init(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_plugins(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_import(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_indicators(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_report(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_chart(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_demo(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_template(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_check(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_assess(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_results(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_imports(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_undo(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_delete(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_runs(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_publish(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_compare(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_serve(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_user(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_audit(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_paths(struct kp_cli *cli, int argc, char **argv);
int kp_cmd_score(struct kp_cli *cli, int argc, char **argv);

/* Print `msg` and a newline with control characters shown as escapes
 * ("\x1b"): messages quote county files, whose bytes the terminal must not
 * obey. */
void kp_cli_print_safe(FILE *f, const char *msg);
/* Print "kaoping: <message>" to stderr, the same way. */
void kp_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* For a wrong command line: the message, then a pointer to --help.  Returns KP_EXIT_USAGE. */
int kp_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* For commands whose only option is --db: parse it into *db, leaving
 * optind at the first argument.  Returns -1 to go on, else the exit status
 * (after --help, or a wrong option). */
int kp_cli_db_option(const char *cmd, const char *usage, int argc, char **argv, const char **db);

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

/* Load and check a rules file (with the scoring library `lib`, NULL for the
 * default); with errors, list them and say `refusal` ("nothing was
 * assessed").  *out must be freed with kp_rules_free() either way. */
struct kp_rules;
int kp_cli_load_rules(struct kp_rules **out, const char *path, const char *lib,
                      const kp_registry *reg, const char *refusal);

/* `kaoping template --manual`: the assessors' form for the manual items of
 * the rules at `rules_path`, one row per county of `db`, into `dir`. */
int kp_cli_manual_form(const char *dir, int force, const char *rules_path, const char *db,
                       const kp_registry *reg);

/* The demo city's filled forms of assessors' scores and self-assessments,
 * written into `dir`/data and imported into `db`. */
int kp_cli_demo_scores(const char *dir, sqlite3 *db, const struct kp_rules *r, kp_err *e);

/* Run the web workspace (cmd_serve.c); also `kaoping demo --serve`. */
struct kp_web_config;
int kp_cli_serve(const struct kp_web_config *cfg);
/* Make an account per role and per county (printing their passwords) and serve `db_path`. */
int kp_cli_demo_serve(const char *db_path, int year);

#endif
