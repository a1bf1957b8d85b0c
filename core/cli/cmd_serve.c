/* cmd_serve.c — `kaoping serve`: the web workspace for county and city staff. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include <sodium.h>

#include "web/auth.h"
#include "web/web.h"

static const char usage[] =
    "usage: kaoping serve [--db FILE] [--listen ADDR:PORT] [--tls-cert PEM --tls-key PEM]\n"
    "                     [--year YEAR] [--timeout SECONDS] [--max-upload MB]\n"
    "\n"
    "Run the web workspace: county staff log in, download their forms, upload\n"
    "their tables and follow their status; city staff follow every county and\n"
    "upload on a county's behalf; administrators manage accounts, the year's\n"
    "deadline and read the audit log.  Accounts are made with 'kaoping user'.\n"
    "Stops on Ctrl-C (SIGINT) or SIGTERM.\n"
    "\n"
    "  --db FILE          the database (default " KP_DEFAULT_DB ")\n"
    "  --listen ADDR:PORT where to listen (default 127.0.0.1:8080; port 0 picks one)\n"
    "  --tls-cert PEM     serve HTTPS with this certificate ...\n"
    "  --tls-key PEM      ... and this key\n"
    "  --year YEAR        the year pages show first (default: the latest deadline's)\n"
    "  --timeout SECONDS  cut idle or slow connections after this (default 30)\n"
    "  --max-upload MB    the largest upload (default 50)\n"
    "  -h, --help         show this help\n";

static void on_ready(void *ud, const char *url)
{
    (void)ud;
    printf("kaoping serve: listening on %s\n", url);
    fflush(stdout);
}

int kp_cli_serve(const kp_web_config *cfg)
{
    kp_err e;
    if (kp_auth_init(&e)) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    kp_registry *reg;
    if (kp_cli_load_plugins(&reg))
        return KP_EXIT_FAIL;
    int rc = kp_web_serve(cfg, reg, &e);
    if (rc)
        kp_cli_error("%s", e.msg);
    kp_registry_free(reg);
    return rc ? KP_EXIT_FAIL : KP_EXIT_OK;
}

static int number(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int kp_cmd_serve(struct kp_cli *cli, int argc, char **argv)
{
    (void)cli; /* opens the store itself: the accounts need no plugins */
    kp_web_config cfg;
    kp_web_config_defaults(&cfg);
    cfg.db_path = KP_DEFAULT_DB;
    cfg.ready = on_ready;
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},       {"listen", required_argument, NULL, 'l'},
        {"tls-cert", required_argument, NULL, 'c'}, {"tls-key", required_argument, NULL, 'k'},
        {"year", required_argument, NULL, 'y'},     {"timeout", required_argument, NULL, 't'},
        {"max-upload", required_argument, NULL, 'm'}, {"help", no_argument, NULL, 'h'},
        {0}};
    int c;
    long v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': cfg.db_path = optarg; break;
        case 'l': cfg.listen = optarg; break;
        case 'c': cfg.tls_cert = optarg; break;
        case 'k': cfg.tls_key = optarg; break;
        case 'y':
            if (number(optarg, 1900, 2999, &v))
                return kp_cli_usage_error("serve", "--year takes a year such as 2023");
            cfg.year = (int)v;
            break;
        case 't':
            if (number(optarg, 1, 3600, &v))
                return kp_cli_usage_error("serve", "--timeout takes 1 to 3600 seconds");
            cfg.timeout_s = (unsigned)v;
            break;
        case 'm':
            if (number(optarg, 1, 4096, &v))
                return kp_cli_usage_error("serve", "--max-upload takes 1 to 4096 (MB)");
            cfg.max_upload = (uint64_t)v * 1000 * 1000;
            break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("serve", "unknown option");
        }
    }
    if (optind != argc)
        return kp_cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    return kp_cli_serve(&cfg);
}

/* A readable random password: no 0/O or 1/l to misread from the screen. */
static void demo_password(char out[13])
{
    static const char set[] = "abcdefghjkmnpqrstuvwxyz23456789";
    for (int i = 0; i < 12; i++)
        out[i] = set[randombytes_uniform(sizeof set - 1)];
    out[12] = '\0';
}

static int demo_account(sqlite3 *db, const char *name, const char *role, const char *unit,
                        const char *label, kp_err *e)
{
    char pw[13];
    demo_password(pw);
    kp_err ignore;
    if (kp_user_add(db, name, role, unit, pw, &ignore) && kp_user_passwd(db, name, pw, e))
        return -1;
    printf("  %-22s %-9s %-14s %s\n", name, role, label, pw);
    return 0;
}

static int demo_accounts(const char *db_path, kp_err *e)
{
    kp_store *s;
    if (kp_store_open(&s, db_path, KP_STORE_EXISTING, e))
        return -1;
    sqlite3 *db = kp_store_db(s);
    printf("\n演示账号（密码只在此显示一次）：\n  %-22s %-9s %-14s %s\n", "账号", "角色", "单位", "密码");
    int rc = demo_account(db, "admin", "admin", NULL, "市协会", e) ||
             demo_account(db, "staff", "staff", NULL, "市协会", e) ||
             demo_account(db, "assessor", "assessor", NULL, "市协会", e);
    sqlite3_stmt *st;
    if (!rc && sqlite3_prepare_v2(db, "SELECT code, name FROM units WHERE level = 2 ORDER BY code",
                                  -1, &st, NULL) == SQLITE_OK) {
        while (!rc && sqlite3_step(st) == SQLITE_ROW) {
            char name[64];
            snprintf(name, sizeof name, "county-%s", (const char *)sqlite3_column_text(st, 0));
            rc = demo_account(db, name, "county", (const char *)sqlite3_column_text(st, 0),
                              (const char *)sqlite3_column_text(st, 1), e);
        }
        sqlite3_finalize(st);
    } else if (!rc) {
        rc = kp_sql_fail(e, db, db_path);
    }
    kp_store_close(s);
    return rc ? -1 : 0;
}

int kp_cli_demo_serve(const char *db_path, int year)
{
    kp_err e;
    if (kp_auth_init(&e) || demo_accounts(db_path, &e)) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    kp_web_config cfg;
    kp_web_config_defaults(&cfg);
    cfg.db_path = db_path;
    cfg.year = year;
    cfg.ready = on_ready;
    return kp_cli_serve(&cfg);
}
