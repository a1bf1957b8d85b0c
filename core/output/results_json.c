/*
 * results_json.c — a stored run as one JSON document: the run, its areas
 * and one object per county or item; numbers as stored, null for none.
 */
#include "output/results_impl.h"

#include "util/number.h"


static void json_str(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void json_num(FILE *f, sqlite3_stmt *st, int c)
{
    if (sqlite3_column_type(st, c) == SQLITE_NULL)
        fputs("null", f);
    else
        fputs(kp_number_data((char[64]){0}, 64, sqlite3_column_double(st, c)), f);
}

/* ", \"key\": " then the column as a number. */
static void json_num_field(FILE *f, const char *key, sqlite3_stmt *st, int c)
{
    fprintf(f, ", \"%s\": ", key);
    json_num(f, st, c);
}

static void json_str_field(FILE *f, const char *key, const char *s)
{
    fprintf(f, ", \"%s\": ", key);
    json_str(f, s);
}

static void ranking_head(struct ranking_out *r)
{
    FILE *f = r->f;
    const struct run_head *h = r->h;
    fprintf(f, "{\"run\": {\"id\": %lld, \"year\": %d, \"title\": ", r->id, h->year);
    json_str(f, h->title);
    fprintf(f, ", \"created_at\": \"%s\", \"rules_path\": ", h->created);
    json_str(f, h->rules_path);
    char nb[64];
    fprintf(f, ", \"rules_sha256\": \"%s\", \"possible\": %s, \"not_scored\": %d,"
               " \"skipped_areas\": %d},\n \"areas\": [", h->sha,
            kp_number_data(nb, sizeof nb, h->possible), h->not_scored, h->skipped_areas);
    for (int i = 0; i < h->nareas; i++) {
        fprintf(f, "%s{\"id\": \"%s\", \"title\": ", i ? ", " : "", h->area_id[i]);
        json_str(f, h->area_title[i]);
        fprintf(f, ", \"weight\": %s, \"assessed\": %s}",
                kp_number_data(nb, sizeof nb, h->area_weight[i]),
                h->area_assessed[i] ? "true" : "false");
    }
    fputs("],\n \"units\": [", f);
}

static void ranking_row(struct ranking_out *r)
{
    FILE *f = r->f;
    sqlite3_stmt *st = r->st;
    fprintf(f, "%s\n  {\"rank\": %d, \"unit\": ", r->n ? "," : "", sqlite3_column_int(st, 0));
    json_str(f, kp_results_col(st, 1));
    json_str_field(f, "name", kp_results_col(st, 2));
    fputs(", \"areas\": {", f);
    for (int i = 0; i < r->h->nareas; i++) {
        fprintf(f, "%s\"%s\": ", i ? ", " : "", r->h->area_id[i]);
        if (r->has[i])
            fprintf(f, "%.10g", r->pts[i]);
        else
            fputs("null", f);
    }
    fputs("}, \"total\": ", f);
    json_num(f, st, 3);
    json_num_field(f, "possible", st, 4);
    json_num_field(f, "score", st, 5);
    json_str_field(f, "grade", kp_results_col(st, 6));
    json_str_field(f, "vetoed_by", (const char *)sqlite3_column_text(st, 7));
    fprintf(f, ", \"not_scored\": %d, \"no_data\": %d}", sqlite3_column_int(st, 8),
            sqlite3_column_int(st, 9));
}

static void ranking_tail(struct ranking_out *r)
{
    fputs("\n]}\n", r->f);
}

static void unit_head(struct unit_out *u)
{
    FILE *f = u->f;
    sqlite3_stmt *st = u->st;
    fprintf(f, "{\"run\": %lld, \"unit\": ", u->id);
    json_str(f, u->unit);
    json_str_field(f, "name", kp_results_col(st, 0));
    json_num_field(f, "total", st, 1);
    json_num_field(f, "possible", st, 2);
    json_num_field(f, "score", st, 3);
    json_str_field(f, "grade", kp_results_col(st, 4));
    fprintf(f, ", \"rank\": %d", sqlite3_column_int(st, 5));
    json_str_field(f, "vetoed_by", (const char *)sqlite3_column_text(st, 6));
    fputs(",\n \"items\": [", f);
}

static int evidence(struct unit_out *u, const char *area, const char *item)
{
    sqlite3_stmt *st;
    if (kp_results_evidence(u, area, item, &st) < 0)
        return -1;
    for (int n = 0; sqlite3_step(st) == SQLITE_ROW; n++) {
        fprintf(u->f, "%s{\"key\": ", n ? ", " : "");
        json_str(u->f, kp_results_col(st, 0));
        json_str_field(u->f, "name", kp_results_col(st, 1));
        json_str_field(u->f, "detail", kp_results_col(st, 2));
        fputc('}', u->f);
    }
    sqlite3_finalize(st);
    return 0;
}

static int unit_item(struct unit_out *u)
{
    static const char *const names[] = {"figure", "previous", "target", "points", "possible"};
    FILE *f = u->f;
    sqlite3_stmt *st = u->st;
    fprintf(f, "%s\n  {\"area\": \"%s\", \"item\": \"%s\", \"kind\": \"%s\", \"title\": ",
            u->n ? "," : "", kp_results_col(st, 2), kp_results_col(st, 3), kp_results_col(st, 5));
    json_str(f, kp_results_col(st, 4));
    fprintf(f, ", \"status\": \"%s\"", kp_results_col(st, 7));
    json_str_field(f, "measure", (const char *)sqlite3_column_text(st, 6));
    for (int c = 8; c <= 12; c++)
        json_num_field(f, names[c - 8], st, c);
    if (sqlite3_column_type(st, 19) != SQLITE_NULL)
        fprintf(f, ", \"vetoed\": %s", sqlite3_column_int(st, 19) ? "true" : "false");
    json_str_field(f, "explanation", kp_results_col(st, 13));
    json_str_field(f, "reason", (const char *)sqlite3_column_text(st, 14));
    json_str_field(f, "rule", kp_results_col(st, 16));
    fputs(", \"evidence\": [", f);
    if (evidence(u, kp_results_col(st, 2), kp_results_col(st, 3)) < 0)
        return -1;
    fputs("]}", f);
    return 0;
}

static void unit_tail(struct unit_out *u)
{
    fputs("\n]}\n", u->f);
}

const struct results_writer kp_results_json_writer = {
    "json", ranking_head, ranking_row, ranking_tail, unit_head, unit_item, unit_tail,
};
