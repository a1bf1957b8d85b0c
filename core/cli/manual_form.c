/*
 * manual_form.c — `kaoping template --manual`: the form assessors fill in
 * for the items no data can decide, one row per county and item with the
 * item's 评分标准 printed beside the empty 得分, so that the scorer has the
 * guide in the row being scored.  `kaoping score import` reads it back.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "assess/manual_import.h"
#include "cli/cli.h"
#include "csv/csv_out.h"
#include "util/number.h"
#include "util/outfile.h"

static void header(kp_csv_out *w)
{
    for (int i = 0; i < KP_MCOL_COUNT; i++)
        kp_csv_out_field(w, kp_manual_columns[i].title);
}

static int county_rows(kp_csv_out *w, sqlite3 *db, const kp_rules *r, long *rows, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT code, name FROM units WHERE level = 2 ORDER BY code", -1,
                           &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading the counties");
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t i = 0; rc == 0 && i < r->nareas; i++) {
            const kp_rule_area *a = &r->areas[i];
            for (size_t j = 0; rc == 0 && j < a->nitems; j++) {
                const kp_rule_item *it = &a->items[j];
                if (!it->manual)
                    continue;
                kp_csv_out_field(w, (const char *)sqlite3_column_text(st, 0));
                kp_csv_out_field(w, (const char *)sqlite3_column_text(st, 1));
                kp_csv_out_int(w, r->year);
                kp_csv_out_field(w, a->id);
                kp_csv_out_field(w, it->id);
                kp_csv_out_field(w, it->title);
                char num[64];
                kp_csv_out_field(w, kp_number_data(num, sizeof num, it->points));
                kp_csv_out_field(w, it->guide ? it->guide : "");
                for (int k = KP_MCOL_POINTS; k < KP_MCOL_COUNT; k++)
                    kp_csv_out_field(w, "");
                rc = kp_csv_out_end_row(w, e);
                (*rows)++;
            }
        }
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = kp_sql_fail(e, db, "reading the counties");
    sqlite3_finalize(st);
    return rc;
}

static int write_form(const char *path, sqlite3 *db, const kp_rules *r, long *rows, kp_err *e)
{
    kp_csv_out *w;
    if (kp_csv_out_open(&w, path, KP_CSV_OUT_BOM | KP_CSV_OUT_CRLF, e))
        return -1;
    header(w);
    int rc = kp_csv_out_end_row(w, e);
    if (rc == 0)
        rc = county_rows(w, db, r, rows, e);
    kp_err ce;
    if (kp_csv_out_close(w, &ce) && rc == 0)
        rc = kp_fail(e, "%s", ce.msg);
    return rc;
}

int kp_cli_manual_form(const char *dir, int force, const char *rules_path, const char *db,
                       const kp_registry *reg)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/manual_scores.csv", dir) >= (int)sizeof path) {
        kp_cli_error("%s: the folder name is too long", dir);
        return KP_EXIT_FAIL;
    }
    kp_err e;
    /* A FIFO or device there is never written to (util/outfile.h). */
    if (kp_out_check(path, force ? KP_OUT_REPLACE : 0, &e)) {
        kp_cli_error("%s (it may hold scores already; --force replaces a file)", e.msg);
        return KP_EXIT_FAIL;
    }
    int rc = KP_EXIT_FAIL;
    kp_store *store = NULL;
    kp_rules *rules = NULL;
    long rows = 0;
    if (kp_cli_load_rules(&rules, rules_path, NULL, reg, "no form was written"))
        goto out;
    if (kp_cli_open_store(&store, db, 0, reg))
        goto out;
    if (write_form(path, kp_store_db(store), rules, &rows, &e) < 0) {
        kp_cli_error("%s", e.msg);
        goto out;
    }
    printf("%s  评审打分表: %ld row%s (county × assessor-scored item)\n", path, rows,
           rows == 1 ? "" : "s");
    rc = KP_EXIT_OK;
out:
    kp_rules_free(rules);
    kp_store_close(store);
    return rc;
}
