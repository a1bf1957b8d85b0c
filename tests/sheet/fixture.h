/*
 * fixture.h — workbooks written by the tests themselves: real ones through
 * libxlsxwriter (as Excel would save them), and raw ones part by part
 * through libzip, for what no well-behaved writer produces (hostile files,
 * the 1904 date system).
 */
#ifndef KP_TESTS_SHEET_FIXTURE_H
#define KP_TESTS_SHEET_FIXTURE_H

#include <stddef.h>

/*
 * Cells are written from strings: "#45" a number, "@2023-03-05" a date cell,
 * "=40+5|45" a formula with its cached value, "?1" a boolean, "" nothing,
 * anything else text.
 */
struct fx_sheet {
    const char *name;
    int hidden;
    const char *const *cells; /* rows × cols, row by row */
    int rows, cols;
    const char *merge_title;  /* when set: written merged across row 0, data below */
};

int fx_write_xlsx(const char *path, const struct fx_sheet *sheets, size_t n);

/* A one-sheet workbook (sheet 家庭健康知识大讲堂) with `sheet_xml` as its sheet part. */
int fx_raw_xlsx(const char *path, const char *sheet_xml, size_t len, const char *workbook_pr);

/* A zip of the given parts, nothing checked. */
int fx_zip(const char *path, const char *const *names, const char *const *data,
           const size_t *lens, size_t n);

#endif
