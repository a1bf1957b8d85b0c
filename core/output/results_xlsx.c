/*
 * results_xlsx.c — a stored run as an Excel workbook, the form the city
 * office forwards: a summary sheet (汇总) with the ranking, then one sheet
 * per area with every county's items.  Headers are Chinese.
 */
#include "output/results.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "store/item_kind.h"
#include "store/store.h"
#include "util/atomic_file.h"
#include "util/number.h"
#include "util/outfile.h"
#include "util/safetext.h"

struct book {
    lxw_workbook *wb;
    lxw_format *head, *num;
    lxw_error err;
};

/* Keep the first error; libxlsxwriter reports it again at close otherwise. */
static void check(struct book *b, lxw_error rc)
{
    if (rc != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
        b->err = rc;
}

/* Any stored text as a cell: a rule's explanation may be longer than Excel
 * allows or hold bytes that are not UTF-8, which would make the library fail
 * or, worse, write XML that Excel refuses to open.  Such text is repaired
 * (U+FFFD) and cut (…) instead. */
static void put_string(struct book *b, lxw_worksheet *ws, int row, int col, const char *s,
                       lxw_format *fmt)
{
    kp_buf t;
    kp_buf_init(&t, 0);
    if (kp_safetext_append(&t, s, KP_XLSX_CELL_MAX, 0)) {
        check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    } else {
        check(b, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col,
                                        t.data ? t.data : "", fmt));
    }
    kp_buf_free(&t);
}

static void put_text(struct book *b, lxw_worksheet *ws, int row, int col, const char *s)
{
    put_string(b, ws, row, col, s, NULL);
}

static void put_column(struct book *b, lxw_worksheet *ws, sqlite3_stmt *st, int c, int row, int col)
{
    if (sqlite3_column_type(st, c) == SQLITE_NULL)
        put_text(b, ws, row, col, "");
    else if (sqlite3_column_type(st, c) == SQLITE_TEXT)
        put_text(b, ws, row, col, (const char *)sqlite3_column_text(st, c));
    else
        check(b, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
                                        kp_number_clean(sqlite3_column_double(st, c)), b->num));
}

static void headers(struct book *b, lxw_worksheet *ws, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        put_string(b, ws, 0, i, names[i], b->head);
    worksheet_freeze_panes(ws, 1, 0);
}

/* Excel forbids some characters in sheet names and allows 31 characters. */
static void sheet_name(const char *title, int seq, char *out, size_t size)
{
    char tmp[200];
    kp_buf t;
    kp_buf_init(&t, 0);
    /* Whole characters only: repaired first, then cut by characters below. */
    int bad = kp_safetext_append(&t, title, 64, KP_TEXT_ONE_LINE);
    snprintf(tmp, sizeof tmp, "%d %s", seq, !bad && t.data ? t.data : "");
    kp_buf_free(&t);
    size_t o = 0, chars = 0;
    for (const unsigned char *p = (const unsigned char *)tmp; *p && o + 5 < size && chars < 31;) {
        size_t len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        if (len == 1 && strchr("[]:*?/\\", *p)) {
            out[o++] = '_';
            p++;
        } else {
            for (size_t i = 0; i < len && p[i]; i++)
                out[o++] = (char)p[i];
            p += len;
        }
        chars++;
    }
    out[o] = 0;
}

/* The workbook is written under a temporary name and renamed when whole,
 * so that the final name never holds half of one (as reports are). */
static int book_open(struct book *b, const char *path, char *tmp, size_t size, kp_err *e)
{
    if (kp_atomic_temp_name(path, tmp, size, e) != 0)
        return -1;
    b->wb = workbook_new(tmp);
    if (!b->wb)
        return kp_fail(e, "%s: cannot create the workbook", path);
    b->head = workbook_add_format(b->wb);
    b->num = workbook_add_format(b->wb);
    if (b->head)
        format_set_bold(b->head);
    if (b->num)
        format_set_num_format(b->num, "General"); /* "0.##" shows 10 as "10." */
    return 0;
}

/* Close, then flush and rename into place when `rc` is 0; else leave nothing. */
static int book_close(struct book *b, const char *path, const char *tmp, int rc,
                      unsigned flags, kp_err *e)
{
    lxw_error cl = workbook_close(b->wb);
    if (rc == 0 && (b->err != LXW_NO_ERROR || cl != LXW_NO_ERROR))
        rc = kp_fail(e, "%s: cannot write the workbook: %s", path,
                     lxw_strerror(b->err != LXW_NO_ERROR ? b->err : cl));
    if (rc != 0) {
        unlink(tmp);
        return rc;
    }
    return kp_atomic_commit(tmp, path, flags, e);
}

int kp_xlsx_query(sqlite3 *db, sqlite3_stmt *st, const char *sheet, const char *const *names,
                  int n, const char *path, kp_err *e)
{
    char tmp[PATH_MAX];
    struct book b = {0};
    if (book_open(&b, path, tmp, sizeof tmp, e))
        return -1;
    lxw_worksheet *ws = workbook_add_worksheet(b.wb, sheet);
    int rc = ws ? 0 : kp_fail(e, "%s: cannot create the sheet", path);
    if (rc == 0)
        headers(&b, ws, names, n);
    int step = SQLITE_DONE, row = 1;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < n; c++)
            put_column(&b, ws, st, c, row, c);
        row++;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = kp_sql_fail(e, db, path);
    return book_close(&b, path, tmp, rc, 0, e);
}

int kp_results_xlsx(sqlite3 *db, long long id, const char *path, unsigned flags, kp_err *e)
{
    if (kp_out_check(path, flags, e))
        return -1;
    char tmp[PATH_MAX];
    struct book b = {0};
    if (book_open(&b, path, tmp, sizeof tmp, e))
        return -1;

    /* Summary: the ranking. */
    sqlite3_stmt *areas = NULL, *st = NULL;
    int rc = 0;
    lxw_worksheet *sum = workbook_add_worksheet(b.wb, "汇总");
    if (!sum ||
        sqlite3_prepare_v2(db, "SELECT area, title, short_title, seq FROM run_areas WHERE run_id = ?"
                           " ORDER BY seq", -1, &areas, NULL) != SQLITE_OK) {
        rc = sum ? kp_sql_fail(e, db, "reading the run's areas") : kp_fail(e, "%s: cannot add a sheet", path);
        goto out;
    }
    sqlite3_bind_int64(areas, 1, id);
    const char *fixed[] = {"名次", "单位代码", "县市区"};
    headers(&b, sum, fixed, 3);
    int nareas = 0;
    while (sqlite3_step(areas) == SQLITE_ROW) {
        put_string(&b, sum, 0, 3 + nareas, (const char *)sqlite3_column_text(areas, 1), b.head);
        nareas++;
    }
    const char *tail[] = {"总分", "满分", "折合百分", "等次", "一票否决"};
    for (int i = 0; i < 5; i++)
        put_string(&b, sum, 0, 3 + nareas + i, tail[i], b.head);
    if (sqlite3_prepare_v2(db,
            "SELECT u.rank, u.unit, u.name, u.total, u.possible, u.score, u.grade, u.vetoed_by,"
            " (SELECT group_concat(coalesce(s.points, ''), char(31)) FROM (SELECT s.points"
            "   FROM run_areas a LEFT JOIN run_area_scores s ON s.run_id = a.run_id AND"
            "   s.area = a.area AND s.unit = u.unit WHERE a.run_id = u.run_id ORDER BY a.seq) s)"
            " FROM run_units u WHERE u.run_id = ? ORDER BY u.rank, u.unit", -1, &st, NULL) != SQLITE_OK) {
        rc = kp_sql_fail(e, db, "reading the ranking");
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    int row = 1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < 3; c++)
            put_column(&b, sum, st, c, row, c);
        const char *pts = (const char *)sqlite3_column_text(st, 8);
        int col = 3;
        for (const char *p = pts ? pts : ""; col < 3 + nareas;) {
            const char *end = strchr(p, 31);
            size_t len = end ? (size_t)(end - p) : strlen(p);
            if (len)
                check(&b, worksheet_write_number(sum, (lxw_row_t)row, (lxw_col_t)col, kp_number_clean(atof(p)), b.num));
            col++;
            if (!end)
                break;
            p = end + 1;
        }
        for (int c = 3; c <= 7; c++)
            put_column(&b, sum, st, c, row, 3 + nareas + (c - 3));
        row++;
    }
    sqlite3_finalize(st);
    st = NULL;
    check(&b, worksheet_set_column(sum, 2, 2, 14, NULL));

    /* One sheet per area. */
    if (sqlite3_prepare_v2(db,
            "SELECT s.unit, u.name, i.title, i.kind, s.status, s.figure, s.previous, s.target,"
            " s.points, s.possible, s.explanation, s.reason"
            " FROM run_scores s JOIN run_units u ON u.run_id = s.run_id AND u.unit = s.unit"
            " JOIN run_items i ON i.run_id = s.run_id AND i.area = s.area AND i.item = s.item"
            " WHERE s.run_id = ?1 AND s.area = ?2 ORDER BY u.rank, u.unit, i.seq", -1, &st,
            NULL) != SQLITE_OK) {
        rc = kp_sql_fail(e, db, "reading the scores");
        goto out;
    }
    sqlite3_reset(areas);
    static const char *const status_cn[][2] = {{"scored", "已评分"}, {"no_data", "无数据"},
                                               {"not_scored", "未评分"}, {"skipped", "插件未加载"}};
    while (sqlite3_step(areas) == SQLITE_ROW) {
        char name[128];
        sheet_name((const char *)sqlite3_column_text(areas, 2), sqlite3_column_int(areas, 3), name,
                   sizeof name);
        lxw_worksheet *ws = workbook_add_worksheet(b.wb, name);
        if (!ws) {
            rc = kp_fail(e, "%s: cannot add sheet '%s'", path, name);
            goto out;
        }
        const char *cols[] = {"单位代码", "县市区", "指标", "类别", "状态", "数值", "上年",
                              "目标", "得分", "满分", "说明", "原因"};
        headers(&b, ws, cols, 12);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, (const char *)sqlite3_column_text(areas, 0), -1, SQLITE_TRANSIENT);
        row = 1;
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < 12; c++) {
                const char *t = (const char *)sqlite3_column_text(st, c);
                int kind = c == 3 && t ? kp_item_kind_parse(t) : -1;
                if (kind >= 0) {
                    put_text(&b, ws, row, c, kp_item_kind_label((enum kp_item_kind)kind));
                } else if (c == 4) {
                    for (int k = 0; k < 4; k++)
                        if (t && !strcmp(t, status_cn[k][0]))
                            t = status_cn[k][1];
                    put_text(&b, ws, row, c, t);
                } else {
                    put_column(&b, ws, st, c, row, c);
                }
            }
            row++;
        }
        sqlite3_reset(st);
        check(&b, worksheet_set_column(ws, 1, 2, 16, NULL));
        check(&b, worksheet_set_column(ws, 10, 10, 60, NULL));
    }
out:
    sqlite3_finalize(st);
    sqlite3_finalize(areas);
    return book_close(&b, path, tmp, rc, flags, e);
}
