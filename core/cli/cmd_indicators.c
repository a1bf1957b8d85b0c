/* cmd_indicators.c — `kaoping indicators`: every indicator's figure per county. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "output/results.h"
#include "util/number.h"

static const char usage[] =
    "usage: kaoping indicators --year YEAR [--unit CODE] [--db FILE] [--format table|csv|json]\n"
    "\n"
    "Compute every loaded indicator for every county (or only county CODE) in\n"
    "YEAR and print the figure, the numbers it came from, and the evidence:\n"
    "which townships, villages or families fell short.  Nothing is scored\n"
    "here; 'kaoping assess' applies the rules.\n"
    "\n"
    "  --year YEAR  the year to compute (required)\n"
    "  --unit CODE  one county only\n"
    "  --db FILE    the database (default " KP_DEFAULT_DB ")\n"
    "  --format F   table (default: figures with their units, for reading),\n"
    "               csv (one row per county and indicator) or json\n"
    "  -h, --help   show this help\n";

/* Evidence lists can be long; the terminal gets the first few. */
#define SHOW_EVIDENCE 10

static const char *const status_names[] = {"value", "no_data", "failed"};

static void print_result(const struct kp_plugin *p, const struct kp_indicator *ind,
                         const kp_indicator_result *r)
{
    char b[128];
    printf("  %s.%s %s: ", p->id, ind->id, ind->title);
    if (r->status == KP_RESULT_VALUE)
        printf("%s\n", kp_number_measure(b, sizeof b, r->value, ind->measure));
    else if (r->status == KP_RESULT_NO_DATA)
        printf("无数据 (%s)\n", r->message ? r->message : "");
    else
        printf("not computed: %s\n", r->message ? r->message : "");
    for (size_t i = 0; i < r->nfigures; i++)
        printf("      %s: %s\n", r->figures[i].name,
               kp_number(b, sizeof b, r->figures[i].value, 2, 1));
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

static void csv_text(const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static void json_text(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", (unsigned char)*s);
        else
            putchar(*s);
    }
    putchar('"');
}

/* One row for a program: the figure as plain digits, its unit apart. */
static void csv_result(const char *county, const struct kp_plugin *p,
                       const struct kp_indicator *ind, const kp_indicator_result *r)
{
    char b[400];
    printf("%s,%s,%s,", county, p->id, ind->id);
    csv_text(ind->title);
    printf(",%s,%s,", status_names[r->status],
           r->status == KP_RESULT_VALUE ? kp_number_data(b, sizeof b, r->value) : "");
    csv_text(ind->measure ? ind->measure : "");
    putchar(',');
    csv_text(r->status != KP_RESULT_VALUE && r->message ? r->message : "");
    printf(",%zu\n", r->nevidence);
}

static void json_result(int first, const char *county, const struct kp_plugin *p,
                        const struct kp_indicator *ind, const kp_indicator_result *r)
{
    char b[400];
    printf("%s\n  {\"unit\": ", first ? "" : ",");
    json_text(county);
    printf(", \"area\": \"%s\", \"indicator\": \"%s\", \"title\": ", p->id, ind->id);
    json_text(ind->title);
    printf(", \"measure\": ");
    json_text(ind->measure ? ind->measure : "");
    printf(", \"status\": \"%s\", \"value\": %s, \"message\": ", status_names[r->status],
           r->status == KP_RESULT_VALUE ? kp_number_data(b, sizeof b, r->value) : "null");
    json_text(r->message ? r->message : "");
    printf(", \"figures\": {");
    for (size_t i = 0; i < r->nfigures; i++) {
        printf("%s", i ? ", " : "");
        json_text(r->figures[i].name);
        printf(": %s", kp_number_data(b, sizeof b, r->figures[i].value));
    }
    printf("}, \"evidence\": [");
    for (size_t i = 0; i < r->nevidence; i++) {
        printf("%s{\"key\": ", i ? ", " : "");
        json_text(r->evidence[i].key);
        printf(", \"name\": ");
        json_text(r->evidence[i].name);
        printf(", \"detail\": ");
        json_text(r->evidence[i].detail);
        putchar('}');
    }
    printf("]}");
}

static int run(struct kp_cli *cli, const char *db, int year, const char *unit, int format)
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
    int step, rows = 0;
    if (format == KP_FORMAT_CSV)
        puts("unit,area,indicator,title,status,value,measure,message,evidence");
    else if (format == KP_FORMAT_JSON)
        printf("{\"year\": %d, \"indicators\": [", year);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(st, 0);
        if (format == KP_FORMAT_TABLE)
            printf("%s%s %s\n", found ? "\n" : "", code,
                   (const char *)sqlite3_column_text(st, 1));
        found++;
        for (size_t i = 0; i < kp_registry_count(reg); i++) {
            const struct kp_plugin *p = kp_registry_plugin(reg, i);
            for (size_t j = 0; j < p->nindicators; j++) {
                kp_indicator_result r;
                if (kp_evaluate(ev, p, &p->indicators[j], code, year, &r, &e)) {
                    kp_cli_error("%s", e.msg);
                    goto out;
                }
                if (format == KP_FORMAT_CSV)
                    csv_result(code, p, &p->indicators[j], &r);
                else if (format == KP_FORMAT_JSON)
                    json_result(rows++ == 0, code, p, &p->indicators[j], &r);
                else
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
    if (format == KP_FORMAT_JSON)
        puts("\n]}");
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
    int year = 0, format = KP_FORMAT_TABLE;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"format", required_argument, NULL, 'f'},
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
        case 'f':
            if ((format = kp_format_parse(optarg)) < 0)
                return kp_cli_usage_error("indicators", "--format is table, csv or json, not '%s'",
                                          optarg);
            break;
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
    return run(cli, db, year, unit, format);
}
