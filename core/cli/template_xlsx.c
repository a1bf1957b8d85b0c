/*
 * template_xlsx.c — xlsx forms that prevent the mistakes CSV templates
 * cannot: the header is locked (sheet protection, only data cells unlocked),
 * unit codes are text cells so Excel never turns them into 4.20101E+11,
 * booleans and enumerations are dropdowns, dates are date cells, numbers are
 * checked as whole or non-negative while typing, and every column shows its
 * help when its cell is selected.  What the form accepts is what `kaoping
 * import` accepts: both come from the same table descriptions.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "cli/template.h"
#include "import/loader.h"
#include "util/atomic_file.h"

/* Data rows prepared (formats and checks) below the header. */
#define FORM_ROWS 5000
/* The header of the reference column the importer leaves out (see rows.h). */
#define NAME_COLUMN "单位名称（参考）"

struct formats {
    lxw_format *header, *text, *date, *number;
};

/*
 * The help shown for a column: what the owning plugin says it holds, then
 * how to fill it.
 */
static int column_help(kp_buf *b, const struct kp_table *t, const struct kp_column *c)
{
    int rc = kp_buf_printf(b, "%s：", c->flags & (KP_COL_KEY | KP_COL_REQUIRED) ? "必填" : "可空");
    if (c->description)
        rc |= kp_buf_printf(b, "%s；", c->description);
    rc |= kp_template_describe_column(b, t, c);
    const char *ex = kp_template_example(t, c);
    if (ex)
        rc |= kp_buf_printf(b, "。示例：%s", ex);
    return rc;
}

/* Excel caps an input message at 255 characters; cut at a UTF-8 boundary. */
static void cut_utf8(char *s, size_t most_chars)
{
    size_t chars = 0;
    for (char *p = s; *p; p++)
        if (((unsigned char)*p & 0xC0) != 0x80 && ++chars > most_chars) {
            *p = '\0';
            return;
        }
}

static lxw_format *cell_format(const struct formats *f, const struct kp_column *c)
{
    switch (c->type) {
    case KP_DATE: return f->date;
    case KP_INT:
    case KP_REAL:
    case KP_YEAR: return f->number;
    default: return f->text; /* codes, words and 是/否 stay exactly as typed */
    }
}

static void set_check(lxw_data_validation *v, const struct kp_column *c, const char **list,
                      size_t cap)
{
    static const char *const yes_no[] = {"是", "否", NULL};
    static const char *const levels[] = {"市", "县", "乡", "村", NULL};
    const char *const *allowed = c->type == KP_BOOL ? yes_no
                                 : c->type == KP_LEVEL_COLUMN ? levels
                                                              : c->allowed;
    switch (c->type) {
    case KP_INT:
    case KP_REAL:
        v->validate = c->type == KP_INT ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
        if (c->flags & KP_COL_SIGNED) {
            v->criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            v->minimum_number = -1e15;
            v->maximum_number = 1e15;
        } else {
            v->criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
            v->value_number = 0;
        }
        return;
    case KP_YEAR:
        v->validate = LXW_VALIDATION_TYPE_INTEGER;
        v->criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v->minimum_number = 1900;
        v->maximum_number = 2999;
        return;
    case KP_DATE:
        v->validate = LXW_VALIDATION_TYPE_DATE;
        v->criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v->minimum_datetime = (lxw_datetime){.year = 1900, .month = 1, .day = 1};
        v->maximum_datetime = (lxw_datetime){.year = 2999, .month = 12, .day = 31};
        return;
    default: break;
    }
    if (!allowed)
        return;
    size_t n = 0, chars = 0;
    for (; allowed[n] && n + 1 < cap; n++) {
        chars += strlen(allowed[n]) + 1;
        list[n] = allowed[n];
    }
    list[n] = NULL;
    if (chars > 255) /* Excel's limit for a list written in the check itself */
        return;
    v->validate = LXW_VALIDATION_TYPE_LIST;
    v->value_list = (char **)list;
}

static int column_check(lxw_worksheet *ws, const struct kp_table *t, size_t col, kp_err *e)
{
    const struct kp_column *c = &t->columns[col];
    lxw_data_validation v = {0};
    const char *list[64];
    char help[1024];
    kp_buf b;
    kp_buf_init(&b, 0);
    int rc = column_help(&b, t, c);
    snprintf(help, sizeof help, "%s", rc || !b.data ? "" : b.data);
    kp_buf_free(&b);
    cut_utf8(help, 250);
    char title[64];
    snprintf(title, sizeof title, "%s", c->title);
    cut_utf8(title, 30);
    set_check(&v, c, list, sizeof list / sizeof list[0]);
    if (!v.validate)
        v.validate = LXW_VALIDATION_TYPE_ANY;
    v.ignore_blank = LXW_VALIDATION_ON;
    v.input_title = title;
    v.input_message = help;
    v.error_title = title;
    v.error_message = help;
    v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    lxw_error err = worksheet_data_validation_range(ws, 1, (lxw_col_t)col, FORM_ROWS,
                                                    (lxw_col_t)col, &v);
    if (err != LXW_NO_ERROR)
        return kp_fail(e, "%s: %s 列的数据有效性设置失败：%s", t->id, c->id, lxw_strerror(err));
    return 0;
}

/* One row per unit: every key column is a unit or a year. */
static int per_unit(const struct kp_table *t, unsigned *levels)
{
    int unit = 0;
    for (size_t c = 0; c < t->ncolumns; c++) {
        const struct kp_column *col = &t->columns[c];
        if (!(col->flags & KP_COL_KEY))
            continue;
        if (col->type == KP_UNIT) {
            unit++;
            *levels = col->levels;
        } else if (col->type != KP_YEAR) {
            return 0;
        }
    }
    return unit == 1;
}

static int prefill(lxw_worksheet *ws, const struct kp_table *t, const struct form_units *u,
                   const struct formats *f, kp_err *e)
{
    unsigned levels = 0;
    if (!u || !per_unit(t, &levels))
        return 0;
    lxw_col_t name_col = (lxw_col_t)t->ncolumns;
    int bad = worksheet_write_string(ws, 0, name_col, NAME_COLUMN, f->header) != LXW_NO_ERROR;
    bad |= worksheet_set_column(ws, name_col, name_col, 18, NULL) != LXW_NO_ERROR;
    lxw_row_t row = 1;
    for (size_t i = 0; i < u->n && row < FORM_ROWS; i++) {
        if (!(levels & (1u << (u->items[i].level - 1))))
            continue;
        for (size_t c = 0; c < t->ncolumns; c++) {
            const struct kp_column *col = &t->columns[c];
            if (col->type == KP_UNIT)
                bad |= worksheet_write_string(ws, row, (lxw_col_t)c, u->items[i].code, f->text) !=
                       LXW_NO_ERROR;
            else if (col->type == KP_YEAR && (col->flags & KP_COL_KEY))
                bad |= worksheet_write_number(ws, row, (lxw_col_t)c, u->year, f->number) !=
                       LXW_NO_ERROR;
        }
        bad |= worksheet_write_string(ws, row, name_col, u->items[i].name, NULL) != LXW_NO_ERROR;
        row++;
    }
    return bad ? kp_fail(e, "%s: 预填单位失败", t->id) : 0;
}

static int table_sheet(lxw_workbook *wb, const struct formats *f, const struct chosen *ch,
                       const struct form_units *u, kp_err *e)
{
    const struct kp_table *t = ch->table;
    char name[96];
    snprintf(name, sizeof name, "%s", t->title);
    cut_utf8(name, 31); /* Excel's limit for a sheet name */
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (!ws)
        return kp_fail(e, "%s: 不能用“%s”作工作表名", t->id, name);
    int bad = 0;
    for (size_t c = 0; c < t->ncolumns; c++) {
        const struct kp_column *col = &t->columns[c];
        double width = col->type == KP_UNIT ? 16 : col->type == KP_TEXT ? 20 : 12;
        bad |= worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width, cell_format(f, col)) !=
               LXW_NO_ERROR;
        bad |= worksheet_write_string(ws, 0, (lxw_col_t)c, col->title, f->header) != LXW_NO_ERROR;
        if (column_check(ws, t, c, e))
            return -1;
    }
    if (bad)
        return kp_fail(e, "%s: 写表头失败", t->id);
    if (prefill(ws, t, u, f, e))
        return -1;
    worksheet_freeze_panes(ws, 1, 0);
    lxw_protection prot = {.insert_rows = 1, .delete_rows = 1, .format_columns = 1, .sort = 1,
                           .autofilter = 1};
    worksheet_protect(ws, NULL, &prot);
    return 0;
}

static const char guide_intro[] =
    "填表说明\n"
    "1. 每张工作表对应一张表，工作表名就是表名，不要改名；第一行是列名，已锁定。\n"
    "2. 从第二行起每行填一条记录。选中单元格时会显示这一列的填法；下拉框的列请从下拉框中选。\n"
    "3. 单位代码列已设为文本格式，请照 12 位代码原样填写；日期列可直接输入 2023-05-29。\n"
    "4. 可以增删行，不要合并单元格；表上方不要加标题，表末可以留合计行（导入时跳过）。\n"
    "5. “单位名称（参考）”列只供对照，导入时不读取。\n"
    "6. 只要有一格有错，整批都不会导入；系统会列出“文件:工作表!单元格: 列名: 问题”。\n"
    "\n";

static int guide_sheet(lxw_workbook *wb, const struct chosen *list, size_t n, kp_err *e)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "填表说明");
    if (!ws)
        return kp_fail(e, "不能添加“填表说明”工作表");
    kp_buf b;
    kp_buf_init(&b, 0);
    int rc = kp_buf_puts(&b, guide_intro);
    for (size_t i = 0; i < n; i++)
        rc |= kp_template_describe_table(&b, &list[i]);
    if (rc || !b.data) {
        kp_buf_free(&b);
        return kp_fail(e, "内存不足");
    }
    worksheet_set_column(ws, 0, 0, 100, NULL);
    lxw_row_t row = 0;
    for (char *line = strtok(b.data, "\r\n"); line && !rc; line = strtok(NULL, "\r\n"))
        rc = worksheet_write_string(ws, row++, 0, line, NULL) != LXW_NO_ERROR;
    kp_buf_free(&b);
    return rc ? kp_fail(e, "写“填表说明”失败") : 0;
}

static void make_formats(lxw_workbook *wb, struct formats *f)
{
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    format_set_bg_color(f->header, 0xDDEBF7);
    format_set_border(f->header, LXW_BORDER_THIN);
    f->text = workbook_add_format(wb);
    format_set_num_format(f->text, "@");
    format_set_unlocked(f->text);
    f->date = workbook_add_format(wb);
    format_set_num_format(f->date, "yyyy-mm-dd");
    format_set_unlocked(f->date);
    f->number = workbook_add_format(wb);
    format_set_unlocked(f->number);
}

int kp_template_write_xlsx(const char *path, const struct chosen *list, size_t n,
                           const struct form_units *units, unsigned flags, kp_err *e)
{
    /* Under a temporary name, moved when whole: a form being filled in at
     * that name is never left half overwritten (util/outfile.h). */
    char tmp[PATH_MAX];
    if (kp_atomic_temp_name(path, tmp, sizeof tmp, e))
        return -1;
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb)
        return kp_fail(e, "%s: 不能创建文件", path);
    struct formats f;
    make_formats(wb, &f);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = table_sheet(wb, &f, &list[i], units, e);
    if (rc == 0)
        rc = guide_sheet(wb, list, n, e);
    lxw_error err = workbook_close(wb);
    if (rc == 0 && err != LXW_NO_ERROR)
        rc = kp_fail(e, "%s: %s", path, lxw_strerror(err));
    if (rc != 0) {
        unlink(tmp);
        return rc;
    }
    return kp_atomic_commit(tmp, path, flags, e);
}
