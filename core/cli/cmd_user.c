/*
 * cmd_user.c — `kaoping user`: the web workspace's accounts.  A password is
 * never taken from the command line (where other users of the machine and
 * the shell history see it): it is read from the terminal without echo, or
 * from standard input when that is not a terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "web/audit.h"
#include "web/auth.h"

static const char usage[] =
    "usage: kaoping user add NAME --role admin|staff|assessor|county [--unit CODE] [--db FILE]\n"
    "       kaoping user list [--db FILE]\n"
    "       kaoping user passwd NAME [--db FILE]\n"
    "       kaoping user disable NAME [--enable] [--db FILE]\n"
    "\n"
    "Manage the accounts of the web workspace ('kaoping serve').  A county\n"
    "account belongs to one county (--unit, its unit code) and sees only that\n"
    "county; staff follow every county and may upload for one; assessors only\n"
    "read; admins also manage accounts and deadlines.  The password is asked\n"
    "for on the terminal, or read as one line from standard input.  Changing a\n"
    "password or disabling an account ends its sessions.  Every change is\n"
    "written to the audit log ('kaoping audit').\n";

struct user_args {
    const char *db, *role, *unit;
    int enable;
};

static int read_line(FILE *f, char *buf, size_t n)
{
    if (!fgets(buf, (int)n, f))
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

/* Read a password from the terminal with echo off. */
static int ask_tty(const char *prompt, char *buf, size_t n)
{
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty)
        return -1;
    struct termios old, quiet;
    int fd = fileno(tty);
    int have = tcgetattr(fd, &old) == 0;
    if (have) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    fputs(prompt, tty);
    fflush(tty);
    int rc = read_line(tty, buf, n);
    if (have)
        tcsetattr(fd, TCSAFLUSH, &old);
    fputc('\n', tty);
    fclose(tty);
    return rc;
}

static int get_password(char *buf, size_t n)
{
    if (!isatty(0))
        return read_line(stdin, buf, n);
    char again[KP_PASSWORD_MAX + 2];
    if (ask_tty("密码：", buf, n) || ask_tty("再输入一次：", again, sizeof again))
        return -1;
    int same = !strcmp(buf, again);
    memset(again, 0, sizeof again);
    if (!same)
        kp_cli_error("两次输入的密码不一致");
    return same ? 0 : -1;
}

static void audit(kp_store *s, const char *action, const char *detail)
{
    const char *who = getenv("USER");
    char name[96];
    snprintf(name, sizeof name, "%s（命令行）", who && *who ? who : "?");
    kp_err e;
    if (kp_audit(kp_store_db(s), name, "local", action, detail, &e))
        kp_cli_error("%s", e.msg);
}

static int list_users(kp_store *s)
{
    json_t *users;
    kp_err e;
    if (kp_user_list(kp_store_db(s), &users, &e)) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    size_t i;
    json_t *u;
    printf("%-20s %-9s %-12s %s\n", "name", "role", "unit", "state");
    json_array_foreach(users, i, u)
        printf("%-20s %-9s %-12s %s\n", json_string_value(json_object_get(u, "name")),
               json_string_value(json_object_get(u, "role")),
               json_string_value(json_object_get(u, "unit")),
               json_is_true(json_object_get(u, "disabled")) ? "disabled" : "active");
    json_decref(users);
    return KP_EXIT_OK;
}

static int change(kp_store *s, const char *verb, const char *name, const struct user_args *a)
{
    char pw[KP_PASSWORD_MAX + 2] = "";
    kp_err e;
    int rc;
    char detail[256];
    if (!strcmp(verb, "disable")) {
        rc = kp_user_set_disabled(kp_store_db(s), name, !a->enable, &e);
        snprintf(detail, sizeof detail, "%s账号 %s", a->enable ? "启用" : "停用", name);
    } else if (get_password(pw, sizeof pw)) {
        kp_cli_error("no password read");
        return KP_EXIT_FAIL;
    } else if (!strcmp(verb, "add")) {
        rc = kp_user_add(kp_store_db(s), name, a->role ? a->role : "", a->unit, pw, &e);
        snprintf(detail, sizeof detail, "新增账号 %s（%s%s%s）", name, a->role ? a->role : "",
                 a->unit ? "，" : "", a->unit ? a->unit : "");
    } else {
        rc = kp_user_passwd(kp_store_db(s), name, pw, &e);
        snprintf(detail, sizeof detail, "重设账号 %s 的密码", name);
    }
    memset(pw, 0, sizeof pw);
    if (rc) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    audit(s, !strcmp(verb, "add") ? "user-add" : !strcmp(verb, "passwd") ? "user-passwd"
             : a->enable ? "user-enable" : "user-disable", detail);
    return KP_EXIT_OK;
}

static int parse(int argc, char **argv, struct user_args *a)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"role", required_argument, NULL, 'r'},
                                         {"unit", required_argument, NULL, 'u'},
                                         {"enable", no_argument, NULL, 'e'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'r': a->role = optarg; break;
        case 'u': a->unit = optarg; break;
        case 'e': a->enable = 1; break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK + 100;
        default: return kp_cli_usage_error("user", "unknown option");
        }
    }
    return -1;
}

int kp_cmd_user(struct kp_cli *cli, int argc, char **argv)
{
    (void)cli; /* opens the store itself: the accounts need no plugins */
    struct user_args a = {.db = KP_DEFAULT_DB};
    int p = parse(argc, argv, &a);
    if (p == KP_EXIT_OK + 100)
        return KP_EXIT_OK;
    if (p >= 0)
        return p;
    const char *verb = optind < argc ? argv[optind] : NULL;
    const char *name = optind + 1 < argc ? argv[optind + 1] : NULL;
    int is_list = verb && !strcmp(verb, "list");
    if (!verb || (!is_list && strcmp(verb, "add") && strcmp(verb, "passwd") &&
                  strcmp(verb, "disable")))
        return kp_cli_usage_error("user", "say add, list, passwd or disable");
    if (is_list ? optind + 1 != argc : (!name || optind + 2 != argc))
        return kp_cli_usage_error("user", is_list ? "list takes no name" : "name one account");
    kp_err e;
    if (kp_auth_init(&e)) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    kp_store *s;
    if (kp_cli_open_store(&s, a.db, 0, NULL))
        return KP_EXIT_FAIL;
    int rc = is_list ? list_users(s) : change(s, verb, name, &a);
    kp_store_close(s);
    return rc;
}
