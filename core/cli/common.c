/* common.c — helpers every command shares (see cli.h). */
#include <stdarg.h>
#include <stdio.h>

#include "assess/rules.h"
#include "cli/cli.h"

void kp_cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("kaoping: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int kp_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "kaoping %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n'kaoping %s --help' shows how to use it.\n", cmd);
    va_end(ap);
    return KP_EXIT_USAGE;
}

int kp_cli_load_plugins(kp_registry **out)
{
    kp_err e;
    if (kp_registry_load(out, NULL, NULL, &e)) {
        kp_cli_error("%s", e.msg);
        return -1;
    }
    return 0;
}

int kp_cli_open_store(kp_store **out, const char *path, int create, const kp_registry *reg)
{
    kp_err e;
    if (kp_store_open(out, path, create ? KP_STORE_CREATE : KP_STORE_EXISTING, &e)) {
        kp_cli_error("%s", e.msg);
        return -1;
    }
    if (reg && kp_store_migrate_plugins(*out, reg, &e)) {
        kp_cli_error("%s: %s", path, e.msg);
        kp_store_close(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

int kp_cli_load_rules(struct kp_rules **out, const char *path, const char *lib,
                      const kp_registry *reg, const char *refusal)
{
    kp_err e;
    *out = NULL;
    if (kp_rules_load(out, path, lib ? lib : kp_rules_default_lib_dir(), reg, &e) < 0) {
        kp_cli_error("%s", e.msg);
        return -1;
    }
    if ((*out)->nerrors) {
        kp_rules_print_diags(*out, stderr);
        kp_cli_error("%s has %zu error(s); %s", path, (*out)->nerrors, refusal);
        return -1;
    }
    return 0;
}
