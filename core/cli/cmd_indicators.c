/* cmd_indicators.c — `kaoping indicators`: every indicator's figure per county. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: kaoping indicators --year YEAR [--unit CODE] [--db FILE]\n"
    "\n"
    "Compute every loaded indicator for every county (or only county CODE) in\n"
    "YEAR and print the figure, the numbers it came from, and the evidence:\n"
    "which townships, villages or families fell short.  Nothing is scored\n"
    "here; 'kaoping assess' applies the rules.\n"
    "\n"
    "  --year YEAR  the year to compute (required)\n"
    "  --unit CODE  one county only\n"
    "  --db FILE    the database (default " KP_DEFAULT_DB ")\n"
    "  -h, --help   show this help\n";

/* Evidence lists can be long; the terminal gets the first few. */
#define SHOW_EVIDENCE 10

static void print_result(const struct kp_plugin *p, const struct kp_indicator *ind,
                         const kp_indicator_result *r)
{
    printf("  %s.%s %s: ", p->id, ind->id, ind->title);
    if (r->status == KP_RESULT_VALUE)
        printf("%.4g%s\n", r->value, ind->measure);
    else if (r->status == KP_RESULT_NO_DATA)
        printf("无数据 (%s)\n", r->message ? r->message : "");
    else
        printf("not computed: %s\n", r->message ? r->message : "");
    for (size_t i = 0; i < r->nfigures; i++)
        printf("      %s: %.4g\n", r->figures[i].name, r->figures[i].value);
    if (r->nevidence) {
        printf("      %s (%zu):\n", ind->evidence_title ? ind->evidence_title : "evidence",
               r->nevidence);
        for (size_t i = 0; i < r->nevidence && i < SHOW_EVIDENCE; i++)
            printf("        %s %s %s\n", r->evidence[i].key, r->evidence[i].name,
                   r->evidence[i].detail);
        if (r->nevidence > SHOW_EVIDENCE)
            printf("        … and %zu more\n", r->nevidence - SHOW_EVIDENCE);
    }
}

static int run(struct kp_cli *cli, const char *db, int year, const char *unit)
{
    if (kp_cli_setup(cli, db) < 0)
        return KP_EXIT_FAIL;
    kp_registry *reg = cli->reg;
    kp_store *s = cli->store;
    kp_evaluator *ev = NULL;
    sqlite3_stmt *st = NULL;
    int rc = KP_EXIT_FAIL, found = 0;
    kp_err e;
    if (kp_evaluator_open(&ev, reg, db, &e)) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    if (sqlite3_prepare_v2(kp_store_db(s),
                           "SELECT code, name FROM units WHERE level = 2"
                           " AND (?1 IS NULL OR code = ?1) ORDER BY code",
                           -1, &st, NULL) != SQLITE_OK) {
        kp_sql_fail(&e, kp_store_db(s), db);
        kp_cli_error("%s", e.msg);
        goto out;
    }
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(st, 0);
        printf("%s%s %s\n", found++ ? "\n" : "", code, (const char *)sqlite3_column_text(st, 1));
        for (size_t i = 0; i < kp_registry_count(reg); i++) {
            const struct kp_plugin *p = kp_registry_plugin(reg, i);
            for (size_t j = 0; j < p->nindicators; j++) {
                kp_indicator_result r;
                if (kp_evaluate(ev, p, &p->indicators[j], code, year, &r, &e)) {
                    kp_cli_error("%s", e.msg);
                    goto out;
                }
                print_result(p, &p->indicators[j], &r);
                kp_indicator_result_free(&r);
            }
        }
    }
    if (step != SQLITE_DONE) {
        kp_sql_fail(&e, kp_store_db(s), db);
        kp_cli_error("%s", e.msg);
        goto out;
    }
    if (!found) {
        if (unit)
            kp_cli_error("%s is not a county in %s", unit, db);
        else
            kp_cli_error("%s has no counties; import units.csv first", db);
        goto out;
    }
    rc = KP_EXIT_OK;
out:
    sqlite3_finalize(st);
    kp_evaluator_close(ev);
    return rc;
}

int kp_cmd_indicators(struct kp_cli *cli, int argc, char **argv)
{
    const char *db = KP_DEFAULT_DB, *unit = NULL;
    int year = 0;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"year", required_argument, NULL, 'y'},
                                         {"unit", required_argument, NULL, 'u'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'u': unit = optarg; break;
        case 'y': {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end || y < 1900 || y > 2999)
                return kp_cli_usage_error("indicators", "--year takes a year such as 2023");
            year = (int)y;
            break;
        }
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("indicators", "unknown option");
        }
    }
    if (optind < argc)
        return kp_cli_usage_error("indicators", "unexpected argument '%s'", argv[optind]);
    if (!year)
        return kp_cli_usage_error("indicators", "--year is required");
    return run(cli, db, year, unit);
}
