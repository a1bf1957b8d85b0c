/*
 * demo_scores.c — the demo city's assessors' scores and self-assessments
 * (评审打分, 自评) for the manual items of the rules, written as the filled
 * forms a city office would get back and imported the way users import
 * them.  A few rows stay blank so that the reports show 未评分.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "assess/manual_import.h"
#include "cli/cli.h"
#include "csv/csv_out.h"
#include "demo_city/outdir.h"
#include "util/number.h"

/* Same inputs, same scores: FNV-1a of the county and the item. */
static uint32_t mix(const char *a, const char *b)
{
    uint32_t h = 2166136261u;
    for (const char *s = a; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    for (const char *s = b; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h ^ (h >> 15);
}

static void score_row(kp_csv_out *w, const char *unit, const kp_rules *r, const kp_rule_area *a,
                      const kp_rule_item *it, int self)
{
    uint32_t h = mix(unit, it->id);
    kp_csv_out_field(w, unit);
    kp_csv_out_int(w, r->year);
    kp_csv_out_field(w, a->id);
    kp_csv_out_field(w, it->id);
    if (!self && h % 11 == 0) { /* not scored yet */
        for (int k = 0; k < 4; k++)
            kp_csv_out_field(w, "");
        return;
    }
    unsigned band = self ? (h % 5 == 0 ? 1 : 2) : (h >> 4) % 7 < 4 ? 2 : (h >> 4) % 7 < 6 ? 1 : 0;
    char num[64];
    kp_csv_out_field(w, kp_number_data(num, sizeof num, it->points * band / 2.0));
    static const char *const assessors[] = {"王敏", "李建国", "陈静"};
    static const char *const reasons[] = {"未提供佐证材料", "有开展，记录和佐证不完整",
                                          "按评分标准全面完成，佐证材料齐全"};
    kp_csv_out_field(w, self ? "" : assessors[h % 3]);
    kp_csv_out_field(w, self ? (band == 2 ? "已按要求全面开展" : "部分乡镇已开展") : reasons[band]);
    kp_csv_out_fieldf(w, "%s", self || band == 0 ? "" : "台账及照片");
}

static int write_form(const char *path, sqlite3 *db, const kp_rules *r, int self, kp_err *e)
{
    kp_csv_out *w;
    if (kp_csv_out_open(&w, path, KP_CSV_OUT_BOM | KP_CSV_OUT_CRLF, e))
        return -1;
    static const int cols[] = {KP_MCOL_UNIT, KP_MCOL_YEAR, KP_MCOL_AREA, KP_MCOL_ITEM,
                               KP_MCOL_POINTS, KP_MCOL_ASSESSOR, KP_MCOL_REASON, KP_MCOL_EVIDENCE};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        kp_csv_out_field(w, kp_manual_columns[cols[i]].title);
    int rc = kp_csv_out_end_row(w, e);
    sqlite3_stmt *st = NULL;
    if (rc == 0 && sqlite3_prepare_v2(db, "SELECT code FROM units WHERE level = 2 ORDER BY code",
                                      -1, &st, NULL) != SQLITE_OK)
        rc = kp_sql_fail(e, db, "reading the counties");
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        const char *unit = (const char *)sqlite3_column_text(st, 0);
        for (size_t i = 0; rc == 0 && i < r->nareas; i++)
            for (size_t j = 0; rc == 0 && j < r->areas[i].nitems; j++) {
                if (!r->areas[i].items[j].manual)
                    continue;
                score_row(w, unit, r, &r->areas[i], &r->areas[i].items[j], self);
                rc = kp_csv_out_end_row(w, e);
            }
    }
    sqlite3_finalize(st);
    kp_err ce;
    if (kp_csv_out_close(w, &ce) && rc == 0)
        rc = kp_fail(e, "%s", ce.msg);
    return rc;
}

int kp_cli_demo_scores(const char *dir, sqlite3 *db, const kp_rules *r, kp_err *e)
{
    static const char *const names[] = {"data/manual_scores.csv", "data/manual_self.csv"};
    for (int self = 0; self < 2; self++) {
        char path[PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", dir, names[self]) >= (int)sizeof path)
            return kp_fail(e, "%s: the folder name is too long", dir);
        kp_manual_import_summary sum;
        if (kp_demo_dir_record(dir, names[self], e) < 0 || write_form(path, db, r, self, e) < 0 ||
            kp_manual_import(db, r, path, self, stderr, &sum, e) < 0)
            return -1;
    }
    return 0;
}
