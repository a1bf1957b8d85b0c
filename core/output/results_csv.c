/*
 * results_csv.c — a stored run as CSV (RFC 4180): English column names, one
 * row per county or per item, numbers as they are shown, empty for none.
 * "csv" is for people (values that a spreadsheet would run as a formula are
 * quoted with a leading '), "csv-raw" for programs (values as stored).
 */
#include <stdlib.h>
#include <string.h>

#include "output/results_impl.h"
#include "util/number.h"

/* A field of CSV.  For people (`raw` 0) a value a spreadsheet would take for
 * a formula (=cmd|' /C calc'!A0, +1+1, @SUM, -2+3) starts with a quote,
 * which spreadsheets show as text. */
static void csv_field(FILE *f, const char *s, int raw)
{
    if (!raw && *s && strchr("=+-@\t\r", *s)) {
        /* A plain negative number is a number, not a formula. */
        char *end;
        strtod(s, &end);
        if (*s != '-' || *end)
            fputc('\'', f);
    }
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* A field of CSV for people, as every CSV kaoping writes for them is. */
void kp_out_csv(FILE *f, const char *s)
{
    csv_field(f, s, 0);
}

static void ranking_head(struct ranking_out *r)
{
    fputs("rank,unit,name", r->f);
    for (int i = 0; i < r->h->nareas; i++)
        fprintf(r->f, ",%s", r->h->area_id[i]);
    fputs(",total,possible,score,grade,vetoed_by,not_scored,no_data\n", r->f);
}

static void ranking_row(struct ranking_out *r, int raw)
{
    FILE *f = r->f;
    sqlite3_stmt *st = r->st;
    char b[64];
    fprintf(f, "%d,", sqlite3_column_int(st, 0));
    csv_field(f, kp_results_col(st, 1), raw);
    fputc(',', f);
    csv_field(f, kp_results_col(st, 2), raw);
    for (int i = 0; i < r->h->nareas; i++)
        fprintf(f, ",%s", r->has[i] ? kp_results_num(r->pts[i], b, sizeof b) : "");
    fprintf(f, ",%s", kp_results_num(sqlite3_column_double(st, 3), b, sizeof b));
    fprintf(f, ",%s", kp_results_num(sqlite3_column_double(st, 4), b, sizeof b));
    fprintf(f, ",%s,", kp_results_num(sqlite3_column_double(st, 5), b, sizeof b));
    csv_field(f, kp_results_col(st, 6), raw);
    fputc(',', f);
    csv_field(f, kp_results_col(st, 7), raw);
    fprintf(f, ",%d,%d\n", sqlite3_column_int(st, 8), sqlite3_column_int(st, 9));
}

static void ranking_tail(struct ranking_out *r)
{
    (void)r; /* the last row ends the file */
}

static void unit_head(struct unit_out *u)
{
    fputs("area,item,kind,title,status,figure,previous,target,points,possible,explanation,"
          "reason\n", u->f);
}

static int unit_item(struct unit_out *u, int raw)
{
    FILE *f = u->f;
    sqlite3_stmt *st = u->st;
    char b[64];
    csv_field(f, kp_results_col(st, 2), raw);
    fputc(',', f);
    csv_field(f, kp_results_col(st, 3), raw);
    fprintf(f, ",%s,", kp_results_col(st, 5));
    csv_field(f, kp_results_col(st, 4), raw);
    fprintf(f, ",%s", kp_results_col(st, 7));
    /* Figures in full for a program (57.1428571429, not 57.14). */
    for (int c = 8; c <= 12; c++)
        fprintf(f, ",%s", sqlite3_column_type(st, c) == SQLITE_NULL ? "" :
                kp_number_data(b, sizeof b, sqlite3_column_double(st, c)));
    fputc(',', f);
    csv_field(f, kp_results_col(st, 13), raw);
    fputc(',', f);
    csv_field(f, kp_results_col(st, 14), raw);
    fputc('\n', f);
    return 0;
}

static void unit_tail(struct unit_out *u)
{
    (void)u; /* the last row ends the file */
}

static void ranking_row_people(struct ranking_out *r)
{
    ranking_row(r, 0);
}

static void ranking_row_raw(struct ranking_out *r)
{
    ranking_row(r, 1);
}

static int unit_item_people(struct unit_out *u)
{
    return unit_item(u, 0);
}

static int unit_item_raw(struct unit_out *u)
{
    return unit_item(u, 1);
}

const struct results_writer kp_results_csv_writer = {
    "csv", ranking_head, ranking_row_people, ranking_tail, unit_head, unit_item_people, unit_tail,
};

const struct results_writer kp_results_csv_raw_writer = {
    "csv-raw", ranking_head, ranking_row_raw, ranking_tail, unit_head, unit_item_raw, unit_tail,
};
