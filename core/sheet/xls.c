/*
 * xls.c — one worksheet of an .xls workbook (BIFF8) through libfreexl.
 *
 * freexl parses the whole file at open and decodes dates itself (from the
 * cell's format and the workbook's date system), so this reader only walks
 * the grid and writes each cell the way xlsx.c would.  The file size is
 * capped before freexl sees the file: it holds it all in memory.
 */
#include "sheet/xls.h"

#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_XLS_BYTES ((uint64_t)64 << 20)

struct kp_xls {
    const void *h;
    const char *path;
    char *sheet;
    unsigned rows;
    unsigned short cols;
    unsigned at; /* the next row to read, 0-based */
    kp_sheet_row row;
};

static int open_handle(const void **h, const char *path, kp_err *e)
{
    if (kp_sheet_check_size(path, MAX_XLS_BYTES, e))
        return -1;
    int rc = freexl_open(path, h);
    if (rc != FREEXL_OK) {
        freexl_close(*h);
        *h = NULL;
        return kp_fail(e, "%s: 不是完好的 .xls 文件（freexl 错误 %d）：请用 Excel 或 WPS 另存为 .xlsx",
                       path, rc);
    }
    unsigned int pw = 0;
    if (freexl_get_info(*h, FREEXL_BIFF_PASSWORD, &pw) == FREEXL_OK && pw == FREEXL_BIFF_OBFUSCATED) {
        freexl_close(*h);
        *h = NULL;
        return kp_fail(e, "%s: 文件设有密码：请去掉密码后再导入", path);
    }
    return 0;
}

static int sheet_names(const void *h, const char *path, kp_sheet_names *out, kp_err *e)
{
    unsigned int n = 0;
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK)
        return kp_fail(e, "%s: 读不出工作表数目", path);
    if (n > KP_SHEET_MAX_SHEETS)
        return kp_fail(e, "%s: 工作表超过 %d 个", path, KP_SHEET_MAX_SHEETS);
    if (!(out->names = calloc(n ? n : 1, sizeof *out->names)))
        return kp_fail(e, "内存不足");
    for (unsigned i = 0; i < n; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(h, (unsigned short)i, &name) != FREEXL_OK || !name)
            return kp_fail(e, "%s: 读不出第 %u 个工作表的名字", path, i + 1);
        if (!(out->names[out->n++] = strdup(name)))
            return kp_fail(e, "内存不足");
    }
    return 0;
}

int kp_xls_sheets(const char *path, kp_sheet_names *out, kp_err *e)
{
    const void *h = NULL;
    memset(out, 0, sizeof *out);
    if (open_handle(&h, path, e))
        return -1;
    int rc = sheet_names(h, path, out, e);
    freexl_close(h);
    if (rc)
        kp_sheet_names_free(out);
    return rc;
}

static int select_sheet(kp_xls *x, const char *sheet, kp_err *e)
{
    kp_sheet_names names = {0};
    int rc = sheet_names(x->h, x->path, &names, e);
    size_t i = 0;
    while (rc == 0 && sheet && i < names.n && strcmp(names.names[i], sheet))
        i++;
    if (rc == 0 && i >= names.n)
        rc = sheet ? kp_fail(e, "%s: 没有名为“%s”的工作表", x->path, sheet)
                   : kp_fail(e, "%s: 工作簿里没有工作表", x->path);
    if (rc == 0 && !(x->sheet = strdup(names.names[i])))
        rc = kp_fail(e, "内存不足");
    if (rc == 0 && (freexl_select_active_worksheet(x->h, (unsigned short)i) != FREEXL_OK ||
                    freexl_worksheet_dimensions(x->h, &x->rows, &x->cols) != FREEXL_OK))
        rc = kp_fail(e, "%s: 工作表“%s”损坏", x->path, x->sheet);
    if (rc == 0 && x->rows > KP_SHEET_MAX_ROWS)
        rc = kp_fail(e, "%s:%s: 超过 %d 行：拒绝读取，请分成几个文件", x->path, x->sheet,
                     KP_SHEET_MAX_ROWS);
    kp_sheet_names_free(&names);
    return rc;
}

int kp_xls_open(kp_xls **out, const char *path, const char *sheet, kp_err *e)
{
    kp_xls *x = calloc(1, sizeof *x);
    if (!x)
        return kp_fail(e, "内存不足");
    x->path = path;
    kp_buf_init(&x->row.text, 0);
    if (open_handle(&x->h, path, e) || select_sheet(x, sheet, e)) {
        kp_xls_close(x);
        return -1;
    }
    *out = x;
    return 0;
}

static void cell_text(const FreeXL_CellValue *v, char tmp[64], const char **s)
{
    *s = tmp;
    tmp[0] = '\0';
    switch (v->type) {
    case FREEXL_CELL_INT: snprintf(tmp, 64, "%d", v->value.int_value); break;
    case FREEXL_CELL_DOUBLE: kp_sheet_number_text(v->value.double_value, tmp, 64); break;
    case FREEXL_CELL_DATETIME: snprintf(tmp, 64, "%.10s", v->value.text_value); break;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_TIME: *s = v->value.text_value ? v->value.text_value : ""; break;
    default: break;
    }
}

int kp_xls_next(kp_xls *x, kp_err *e)
{
    for (; x->at < x->rows; x->at++) {
        kp_sheet_row_clear(&x->row);
        x->row.line = (long)x->at + 1;
        for (unsigned short c = 0; c < x->cols; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(x->h, x->at, c, &v) != FREEXL_OK)
                return kp_fail(e, "%s:%s!%ld: 读不出单元格", x->path, x->sheet, x->row.line);
            char tmp[64];
            const char *s;
            cell_text(&v, tmp, &s);
            if (*s && kp_sheet_row_put(&x->row, c, s, strlen(s), e))
                return kp_err_wrap(e, "%s:%s!%ld", x->path, x->sheet, x->row.line);
        }
        if (x->row.n) {
            x->at++;
            return 1;
        }
    }
    return 0;
}

const kp_sheet_row *kp_xls_row(const kp_xls *x) { return &x->row; }
const char *kp_xls_sheet(const kp_xls *x) { return x->sheet; }

int kp_xls_date1904(const kp_xls *x)
{
    unsigned int mode = 0;
    return freexl_get_info(x->h, FREEXL_BIFF_DATEMODE, &mode) == FREEXL_OK &&
           mode == FREEXL_BIFF_DATEMODE_1904;
}
uint64_t kp_xls_offset(const kp_xls *x) { return x->at; }
uint64_t kp_xls_size(const kp_xls *x) { return x->rows; }

void kp_xls_close(kp_xls *x)
{
    if (!x)
        return;
    if (x->h)
        freexl_close(x->h);
    kp_sheet_row_free(&x->row);
    free(x->sheet);
    free(x);
}
