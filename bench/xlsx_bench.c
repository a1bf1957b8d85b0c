/*
 * xlsx_bench.c — how fast `kaoping import` reads workbooks, against the same
 * rows as CSV.
 *
 *   build/bench/xlsx_bench DATA_DIR SCRATCH_DIR PLUGIN.so...
 *
 * DATA_DIR holds the CSV files a city sends (kaoping demo writes them to
 * DIR/data).  Each is saved as an xlsx workbook the way Excel would keep it
 * (whole numbers as number cells, the rest as shared strings), into
 * SCRATCH_DIR/xlsx; then the CSV folder and the xlsx folder are each
 * imported into a new database, and rows/s printed for both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <xlsxwriter.h>

#include "csv/csv.h"
#include "import/import.h"
#include "util/dirlist.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int whole(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 15 || (n > 1 && s[0] == '0'))
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static int convert(const char *csv, const char *xlsx)
{
    kp_csv *c;
    kp_err e;
    if (kp_csv_open_file(&c, csv, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(xlsx, &opt);
    lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, NULL) : NULL;
    int rc, bad = !ws;
    lxw_row_t row = 0;
    while (!bad && (rc = kp_csv_next(c, &e)) == 1) {
        for (size_t i = 0; i < kp_csv_nfields(c); i++) {
            const char *f = kp_csv_field(c, i, NULL);
            if (!*f)
                continue;
            /* Unit codes are text, as the forms keep them; counts are numbers. */
            int code = strlen(f) == 12;
            bad |= (whole(f) && !code ? worksheet_write_number(ws, row, (lxw_col_t)i, atof(f), NULL)
                                      : worksheet_write_string(ws, row, (lxw_col_t)i, f, NULL)) !=
                   LXW_NO_ERROR;
        }
        row++;
    }
    kp_csv_close(c);
    if (wb && workbook_close(wb) != LXW_NO_ERROR)
        bad = 1;
    return bad ? -1 : 0;
}

static int import_dir(kp_registry *reg, const char *db, const char *dir, long *rows, double *secs,
                      double *cpus)
{
    kp_store *s;
    kp_err e;
    remove(db);
    if (kp_store_open(&s, db, KP_STORE_CREATE, &e) || kp_store_migrate_plugins(s, reg, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    kp_import_totals t;
    double t0 = now(), c0 = cpu();
    int rc = kp_import(s, reg, &dir, 1, NULL, &t, &e);
    *secs = now() - t0;
    *cpus = cpu() - c0;
    *rows = t.rows;
    if (rc)
        fprintf(stderr, "%s: %s\n", dir, e.msg);
    kp_store_close(s);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: xlsx_bench DATA_DIR SCRATCH_DIR PLUGIN.so...\n");
        return 2;
    }
    const char *data = argv[1], *scratch = argv[2];
    char xdir[4096], path[8192], out[8192];
    snprintf(xdir, sizeof xdir, "%s/xlsx", scratch);
    mkdir(scratch, 0777);
    mkdir(xdir, 0777);
    kp_registry *reg;
    kp_err e;
    if (kp_registry_load_paths(&reg, (const char *const *)argv + 3, (size_t)argc - 3, NULL, NULL,
                               &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    kp_dirlist l;
    if (kp_dirlist_read(&l, data, ".csv", &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    double t0 = now();
    for (size_t i = 0; i < l.n; i++) {
        snprintf(path, sizeof path, "%s/%s", data, l.names[i]);
        snprintf(out, sizeof out, "%s/%.*sxlsx", xdir, (int)strlen(l.names[i]) - 3, l.names[i]);
        if (convert(path, out))
            return 1;
    }
    printf("saved %zu CSV files as xlsx in %.1f s\n", l.n, now() - t0);
    kp_dirlist_free(&l);
    long rows_csv, rows_xlsx;
    double s_csv, s_xlsx, c_csv, c_xlsx;
    snprintf(path, sizeof path, "%s/csv.db", scratch);
    if (import_dir(reg, path, data, &rows_csv, &s_csv, &c_csv))
        return 1;
    snprintf(path, sizeof path, "%s/xlsx.db", scratch);
    if (import_dir(reg, path, xdir, &rows_xlsx, &s_xlsx, &c_xlsx))
        return 1;
    /* CPU time too: on a shared machine the wall clock measures the neighbours. */
    printf("CSV:  %ld rows in %.2f s (%.2f s CPU), %.0f rows/s (%.0f per CPU second)\n", rows_csv,
           s_csv, c_csv, rows_csv / s_csv, rows_csv / c_csv);
    printf("xlsx: %ld rows in %.2f s (%.2f s CPU), %.0f rows/s (%.0f per CPU second)\n", rows_xlsx,
           s_xlsx, c_xlsx, rows_xlsx / s_xlsx, rows_xlsx / c_xlsx);
    kp_registry_free(reg);
    return rows_csv == rows_xlsx ? 0 : 1;
}
