/* common.c — helpers every command shares (see cli.h). */
#include <getopt.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "assess/rules.h"
#include "cli/cli.h"
#include "util/buf.h"
#include "util/paths.h"
#include "util/safetext.h"

void kp_cli_print_safe(FILE *f, const char *msg)
{
    kp_buf b;
    kp_buf_init(&b, 0);
    if (kp_safetext_append(&b, msg, 0, KP_TEXT_ESCAPES) == 0 && b.data)
        fputs(b.data, f);
    else
        fputs(msg, f); /* out of memory: the message matters more */
    fputc('\n', f);
    kp_buf_free(&b);
}

void kp_cli_error(const char *fmt, ...)
{
    char msg[KP_ERR_MAX + 512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fputs("kaoping: ", stderr);
    kp_cli_print_safe(stderr, msg);
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

/* Where the plugins were looked for, for the message when none was found. */
static void looked_in(kp_buf *b, const char *env)
{
    for (const char *const *c = kp_plugin_dir_candidates(); *c; c++)
        kp_buf_printf(b, "%s%s", b->len ? ", " : "", *c);
    if (env && *env)
        kp_buf_printf(b, "%s$KAOPING_PLUGIN_PATH (%s)", b->len ? ", " : "", env);
}

int kp_cli_load_plugins(kp_registry **out)
{
    enum { MAX_DIRS = 64 };
    const char *dirs[MAX_DIRS];
    size_t n = 0;
    const char *env = getenv("KAOPING_PLUGIN_PATH");
    char *list = env && *env ? strdup(env) : NULL;
    char *save = NULL;
    for (char *d = list ? strtok_r(list, ":", &save) : NULL; d && n < MAX_DIRS - 1;
         d = strtok_r(NULL, ":", &save))
        dirs[n++] = d;
    const char *own = kp_plugin_dir();
    if (own)
        dirs[n++] = own;
    kp_err e;
    int rc = kp_registry_load_paths(out, dirs, n, NULL, NULL, &e);
    free(list);
    if (rc) {
        kp_cli_error("%s", e.msg);
        return -1;
    }
    if (kp_registry_count(*out) > 0)
        return 0;
    /* Without plugins there is nothing to import, compute or assess: saying
     * where kaoping looked beats an empty result. */
    kp_buf b;
    kp_buf_init(&b, 0);
    looked_in(&b, env);
    kp_cli_error("no work-area plugins were found; kaoping looked in %s "
                 "('kaoping paths' shows every folder it uses)", b.data ? b.data : "(nowhere)");
    kp_buf_free(&b);
    kp_registry_free(*out);
    *out = NULL;
    return -1;
}

const char *kp_cli_shipped(char *out, size_t size, const char *arg, const char *folder)
{
    size_t n = strlen(arg);
    int bare = n > 0 && !strchr(arg, '/') && !(n > 4 && !strcmp(arg + n - 4, ".lua"));
    struct stat st;
    if (!bare || (stat(arg, &st) == 0 && S_ISREG(st.st_mode)))
        return arg;
    char rel[PATH_MAX];
    snprintf(rel, sizeof rel, "%s/%s.lua", folder, arg);
    return kp_data_path(out, size, rel);
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

/* The first line of `f`, without its line ending. */
static int read_line(FILE *f, const char *what, char *out, size_t size, kp_err *e)
{
    if (!fgets(out, (int)size, f))
        return ferror(f) ? kp_fail_errno(e, "%s", what) : kp_fail(e, "%s: is empty", what);
    size_t n = strcspn(out, "\r\n");
    if (out[n] == '\0' && !feof(f) && n == size - 1)
        return kp_fail(e, "%s: the password is longer than %zu bytes", what, size - 2);
    out[n] = '\0';
    if (n == 0)
        return kp_fail(e, "%s: the first line is empty", what);
    return 0;
}

int kp_cli_read_secret(const char *path, char *out, size_t size, kp_err *e)
{
    if (strcmp(path, "-") != 0) {
        FILE *f = fopen(path, "r");
        if (!f)
            return kp_fail_errno(e, "%s", path);
        int rc = read_line(f, path, out, size, e);
        fclose(f);
        return rc;
    }
    struct termios old, quiet;
    int tty = isatty(0) && tcgetattr(0, &old) == 0;
    if (tty) {
        /* Typed without echo, as passwd does. */
        fputs("password: ", stderr);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(0, TCSAFLUSH, &quiet);
    }
    int rc = read_line(stdin, "standard input", out, size, e);
    if (tty) {
        tcsetattr(0, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    return rc;
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

int kp_cli_db_option(const char *cmd, const char *usage, int argc, char **argv, const char **db)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': *db = optarg; break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error(cmd, "unknown option");
        }
    }
    return -1;
}
