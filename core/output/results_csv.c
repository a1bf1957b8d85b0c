/*
 * results_csv.c — a stored run as CSV (RFC 4180): English column names, one
 * row per county or per item, numbers as they are shown, empty for none.
 */
#include <string.h>

#include "output/results_impl.h"
#include "util/number.h"


static void csv_field(FILE *f, const char *s)
{
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

static void ranking_head(struct ranking_out *r)
{
    fputs("rank,unit,name", r->f);
    for (int i = 0; i < r->h->nareas; i++)
        fprintf(r->f, ",%s", r->h->area_id[i]);
    fputs(",total,possible,score,grade,vetoed_by,not_scored,no_data\n", r->f);
}

static void ranking_row(struct ranking_out *r)
{
    FILE *f = r->f;
    sqlite3_stmt *st = r->st;
    char b[64];
    fprintf(f, "%d,", sqlite3_column_int(st, 0));
    csv_field(f, kp_results_col(st, 1));
    fputc(',', f);
    csv_field(f, kp_results_col(st, 2));
    for (int i = 0; i < r->h->nareas; i++)
        fprintf(f, ",%s", r->has[i] ? kp_results_num(r->pts[i], b, sizeof b) : "");
    fprintf(f, ",%s", kp_results_num(sqlite3_column_double(st, 3), b, sizeof b));
    fprintf(f, ",%s", kp_results_num(sqlite3_column_double(st, 4), b, sizeof b));
    fprintf(f, ",%s,", kp_results_num(sqlite3_column_double(st, 5), b, sizeof b));
    csv_field(f, kp_results_col(st, 6));
    fputc(',', f);
    csv_field(f, kp_results_col(st, 7));
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

static int unit_item(struct unit_out *u)
{
    FILE *f = u->f;
    sqlite3_stmt *st = u->st;
    char b[64];
    csv_field(f, kp_results_col(st, 2));
    fputc(',', f);
    csv_field(f, kp_results_col(st, 3));
    fprintf(f, ",%s,", kp_results_col(st, 5));
    csv_field(f, kp_results_col(st, 4));
    fprintf(f, ",%s", kp_results_col(st, 7));
    /* Figures in full for a program (57.1428571429, not 57.14). */
    for (int c = 8; c <= 12; c++)
        fprintf(f, ",%s", sqlite3_column_type(st, c) == SQLITE_NULL ? "" :
                kp_number_data(b, sizeof b, sqlite3_column_double(st, c)));
    fputc(',', f);
    csv_field(f, kp_results_col(st, 13));
    fputc(',', f);
    csv_field(f, kp_results_col(st, 14));
    fputc('\n', f);
    return 0;
}

static void unit_tail(struct unit_out *u)
{
    (void)u; /* the last row ends the file */
}

const struct results_writer kp_results_csv_writer = {
    "csv", ranking_head, ranking_row, ranking_tail, unit_head, unit_item, unit_tail,
};
