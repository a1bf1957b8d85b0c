/*
 * test_sheet.c — what `kaoping import` promises for workbooks: the CSV
 * contract's files saved as xlsx import to exactly the same rows; a county's
 * workbook (several sheets, a title above the header, a 合计 row, real date
 * cells, formulas, codes stored as numbers, a hidden sheet) imports without
 * an edit; .xls too; problems name the cell; hostile files are refused in
 * well under a second.
 *
 * argv: the health_promotion module, tests/import/data, tests/sheet/data,
 * a scratch folder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "csv/csv.h"
#include "fixture.h"
#include "import/import.h"
#include "sheet/sheet.h"
#include "util/buf.h"

static const char *csv_dir, *sheet_dir, *scratch;
static kp_registry *reg;

struct capture {
    char text[16384];
    char notes[4096];
};

static void append(char *buf, size_t cap, const char *msg)
{
    size_t used = strlen(buf);
    snprintf(buf + used, cap - used, "%s\n", msg);
}

static void on_problem(void *ud, const char *msg)
{
    struct capture *c = ud;
    append(c->text, sizeof c->text, msg);
}

static void on_note(void *ud, const char *msg)
{
    struct capture *c = ud;
    append(c->notes, sizeof c->notes, msg);
}

static const char *in(const char *dir, const char *file)
{
    static char paths[8][4096];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 4096, "%s/%s", dir, file);
    return p;
}

static kp_store *fresh_store(const char *name)
{
    kp_store *s = NULL;
    kp_err e;
    const char *path = in(scratch, name);
    remove(path);
    if (kp_store_open(&s, path, KP_STORE_CREATE, &e) || kp_store_migrate_plugins(s, reg, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        exit(1);
    }
    return s;
}

static int import(kp_store *s, const char *const *paths, size_t n, struct capture *c)
{
    kp_import_hooks hooks = {.ud = c, .problem = on_problem, .note = on_note};
    kp_import_totals t;
    kp_err e;
    memset(c, 0, sizeof *c);
    int rc = kp_import(s, reg, paths, n, &hooks, &t, &e);
    if (rc)
        on_problem(c, e.msg);
    return rc;
}

/* A table's rows as text, without the import's own columns, in a fixed order. */
static void dump(kp_store *s, const char *table, char *out, size_t cap)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1, 2, 3", table);
    sqlite3_stmt *st;
    out[0] = '\0';
    if (sqlite3_prepare_v2(kp_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        return;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            if (sqlite3_column_name(st, i)[0] == '_')
                continue;
            const unsigned char *v = sqlite3_column_text(st, i);
            size_t used = strlen(out);
            snprintf(out + used, cap - used, "%s|", v ? (const char *)v : "NULL");
        }
        append(out, cap, "");
    }
    sqlite3_finalize(st);
}

static long count(kp_store *s, const char *sql)
{
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(kp_store_db(s), sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Whole numbers become number cells (a unit code too, as Excel makes of it). */
static int is_whole(const char *s)
{
    if (!*s || strlen(s) > 15)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* Save a CSV of the contract's data as an xlsx, the way a county would. */
static int csv_to_xlsx(const char *csv, const char *xlsx)
{
    kp_csv *c;
    kp_err e;
    if (kp_csv_open_file(&c, csv, &e))
        return -1;
    static char cellbuf[64][16][256];
    static const char *cells[64 * 16];
    int rows = 0, cols = 0, rc;
    while ((rc = kp_csv_next(c, &e)) == 1 && rows < 64) {
        cols = (int)kp_csv_nfields(c);
        for (int i = 0; i < cols && i < 16; i++) {
            const char *f = kp_csv_field(c, (size_t)i, NULL);
            snprintf(cellbuf[rows][i], 256, "%s%s", is_whole(f) ? "#" : "", f);
        }
        rows++;
    }
    kp_csv_close(c);
    for (int r = 0; r < rows; r++)
        for (int i = 0; i < cols; i++)
            cells[r * cols + i] = cellbuf[r][i];
    struct fx_sheet sh = {.name = "Sheet1", .cells = cells, .rows = rows, .cols = cols};
    return rc < 0 ? -1 : fx_write_xlsx(xlsx, &sh, 1);
}

static void test_contract_parity(void)
{
    static const char *const names[] = {"units", "health_lectures", "health_instructors",
                                        "health_projects"};
    const char *csvs[4], *xlsxs[4];
    static char xpaths[4][4096], cpaths[4][4096];
    for (int i = 0; i < 4; i++) {
        char file[64];
        snprintf(file, sizeof file, "%s.csv", names[i]);
        snprintf(cpaths[i], 4096, "%s/%s", csv_dir, file);
        snprintf(file, sizeof file, "%s.xlsx", names[i]);
        snprintf(xpaths[i], 4096, "%s/%s", scratch, file);
        CHECK_INT_EQ(csv_to_xlsx(cpaths[i], xpaths[i]), 0);
        csvs[i] = cpaths[i];
        xlsxs[i] = xpaths[i];
    }
    kp_store *a = fresh_store("parity_csv.db"), *b = fresh_store("parity_xlsx.db");
    struct capture c;
    CHECK_INT_EQ(import(a, csvs, 4, &c), 0);
    CHECK_INT_EQ(import(b, xlsxs, 4, &c), 0);
    CHECK_STR_EQ(c.text, "");
    static char da[8192], db[8192];
    for (int i = 0; i < 4; i++) {
        dump(a, names[i], da, sizeof da);
        dump(b, names[i], db, sizeof db);
        CHECK(strlen(da) > 20);
        CHECK_STR_EQ(db, da);
    }
    /* Once more: the same rows, all unchanged — the natural key holds across kinds. */
    CHECK_INT_EQ(import(b, csvs, 4, &c), 0);
    CHECK_INT_EQ(count(b, "SELECT count(*) FROM health_lectures"), 5);
    kp_store_close(a);
    kp_store_close(b);
}

static const char *const unit_cells[] = {
    "单位代码", "单位名称", "层级", "上级代码",
    "420100000000", "XX市", "市", "",
    "420102000000", "江北区", "县", "420100000000",
    "420102001000", "城关街道", "乡", "420102000000",
    "420102001001", "东湖社区", "村", "420102001000",
};

static void test_county_workbook(void)
{
    static const char *const lectures[] = {
        "日期", "单位代码", "主题", "参加人数", "单位名称（参考）",
        "@2023-03-05", "#420102001000", "健康生活", "=40+5|45", "城关街道",
        "#45075", "420102001001", "合理膳食", "1,234", "东湖社区",
        "", "", "", "", "",
        "合计", "", "", "=SUM(D3:D4)|1279", "",
    };
    static const char *const junk[] = {"x", "y", "z", "w"};
    static const char *const guide[] = {"这里是填表说明"};
    struct fx_sheet sheets[] = {
        {.name = "填表说明", .cells = guide, .rows = 1, .cols = 1},
        {.name = "单位", .cells = unit_cells, .rows = 5, .cols = 4},
        {.name = "家庭健康知识大讲堂", .cells = lectures, .rows = 5, .cols = 5,
         .merge_title = "2023年家庭健康知识大讲堂登记表"},
        {.name = "health_projects", .hidden = 1, .cells = junk, .rows = 1, .cols = 4},
    };
    const char *path = in(scratch, "江北区.xlsx");
    CHECK_INT_EQ(fx_write_xlsx(path, sheets, 4), 0);
    kp_store *s = fresh_store("county.db");
    struct capture c;
    CHECK_INT_EQ(import(s, &path, 1, &c), 0);
    CHECK_STR_EQ(c.text, "");
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM units"), 4);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_lectures"), 2);
    CHECK_INT_EQ(count(s, "SELECT participants FROM health_lectures WHERE date = '2023-03-05'"
                          " AND unit = '420102001000'"), 45);
    CHECK_INT_EQ(count(s, "SELECT participants FROM health_lectures WHERE date = '2023-05-29'"), 1234);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_projects"), 0);
    CHECK_STR_CONTAINS(c.notes, "江北区.xlsx:家庭健康知识大讲堂!1:1: 表头上方的 1 行标题已跳过");
    CHECK_STR_CONTAINS(c.notes, "江北区.xlsx:家庭健康知识大讲堂!6:6: 末尾的合计行已跳过");
    kp_store_close(s);
}

static void test_xls(void)
{
    kp_store *s = fresh_store("xls.db");
    struct capture c;
    const char *path = in(sheet_dir, "county.xls");
    CHECK_INT_EQ(import(s, &path, 1, &c), 0);
    CHECK_STR_EQ(c.text, "");
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_lectures"), 2);
    CHECK_INT_EQ(count(s, "SELECT participants FROM health_lectures WHERE date = '2023-05-29'"
                          " AND unit = '420102001001'"), 30);
    CHECK_STR_CONTAINS(c.notes, "末尾的合计行已跳过");
    kp_store_close(s);
}

static void expect_refused(const char *name, const char *const *cells, int rows, int cols,
                           const char *where)
{
    struct fx_sheet sheets[] = {
        {.name = "单位", .cells = unit_cells, .rows = 5, .cols = 4},
        {.name = "家庭健康知识大讲堂", .cells = cells, .rows = rows, .cols = cols},
    };
    const char *path = in(scratch, name);
    CHECK_INT_EQ(fx_write_xlsx(path, sheets, 2), 0);
    kp_store *s = fresh_store("refused.db");
    struct capture c;
    CHECK_INT_EQ(import(s, &path, 1, &c), -1);
    CHECK_STR_CONTAINS(c.text, where);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM units"), 0);
    kp_store_close(s);
}

static void test_problems_name_the_cell(void)
{
    static const char *const bad_date[] = {
        "单位代码", "日期", "主题", "参加人数",
        "420102001000", "2023-05-29", "a", "#1",
        "420102001000", "2023-13-01", "b", "#1",
    };
    expect_refused("bad_date.xlsx", bad_date, 3, 4,
                   "bad_date.xlsx:家庭健康知识大讲堂!B3: 日期: \"2023-13-01\"");
    static const char *const sci[] = {
        "单位代码", "日期", "主题", "参加人数",
        "4.20102E+11", "2023-05-29", "a", "#1",
    };
    expect_refused("sci.xlsx", sci, 2, 4,
                   "sci.xlsx:家庭健康知识大讲堂!A2: “4.20102E+11”：Excel 把这个代码变成了数字：请把该列设为文本格式");
    static const char *const stray[] = {
        "单位代码", "日期", "", "主题", "参加人数",
        "420102001000", "2023-05-29", "多出来的", "a", "#1",
    };
    expect_refused("stray.xlsx", stray, 2, 5, "stray.xlsx:家庭健康知识大讲堂!C2: 这一格有内容，但所在的列没有列名");
    static const char *const grouped[] = {
        "单位代码", "日期", "主题", "参加人数",
        "420102001000", "2023-05-29", "a", "12,34",
    };
    expect_refused("grouped.xlsx", grouped, 2, 4, "grouped.xlsx:家庭健康知识大讲堂!D2: 参加人数: \"12,34\"");
}

/* A workbook is a county's submission like a CSV file: sent again, it
 * replaces the rows of the county and year it covers, and a problem found
 * only once the sheet is read (two rows with one key) names its row. */
static void test_workbook_resubmission(void)
{
    static const char *const first[] = {
        "单位代码", "日期", "主题", "参加人数",
        "420102001000", "2023-03-05", "健康生活", "#45",
        "420102001001", "2023-05-29", "合理膳食", "#30",
    };
    static const char *const again[] = {
        "单位代码", "日期", "主题", "参加人数",
        "420102001000", "2023-03-05", "健康生活", "#50",
    };
    static const char *const twice[] = {
        "单位代码", "日期", "主题", "参加人数",
        "420102001000", "2023-03-05", "健康生活", "#50",
        "420102001000", "2023-03-05", "健康生活", "#51",
        "420102001001", "2023-05-29", "合理膳食", "#30",
    };
    struct fx_sheet sheets[] = {
        {.name = "单位", .cells = unit_cells, .rows = 5, .cols = 4},
        {.name = "家庭健康知识大讲堂", .cells = first, .rows = 3, .cols = 4},
    };
    kp_store *s = fresh_store("resubmit.db");
    struct capture c;
    const char *path = in(scratch, "first.xlsx");
    CHECK_INT_EQ(fx_write_xlsx(path, sheets, 2), 0);
    CHECK_INT_EQ(import(s, &path, 1, &c), 0);
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_lectures"), 2);

    sheets[1].cells = again;
    sheets[1].rows = 2;
    path = in(scratch, "again.xlsx");
    CHECK_INT_EQ(fx_write_xlsx(path, sheets, 2), 0);
    CHECK_INT_EQ(import(s, &path, 1, &c), 0);
    CHECK_STR_EQ(c.text, "");
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_lectures"), 1);
    CHECK_INT_EQ(count(s, "SELECT participants FROM health_lectures"), 50);

    sheets[1].cells = twice;
    sheets[1].rows = 4;
    path = in(scratch, "twice.xlsx");
    CHECK_INT_EQ(fx_write_xlsx(path, sheets, 2), 0);
    CHECK_INT_EQ(import(s, &path, 1, &c), -1);
    CHECK_STR_CONTAINS(c.text, "twice.xlsx:家庭健康知识大讲堂!3:3: this row has the same key as line 2");
    CHECK_INT_EQ(count(s, "SELECT participants FROM health_lectures"), 50);
    kp_store_close(s);
}

/* The same forgiving for CSV: a title row, 1,234, an unnamed empty column, a 合计 row. */
static void test_csv_forgiving(void)
{
    const char *path = in(scratch, "health_lectures.csv");
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("2023年家庭健康知识大讲堂,,,,\n"
          "单位代码,日期,主题,,参加人数\n"
          "420102001000,2023-03-05,健康生活,,\"1,234\"\n"
          "420102001001,2023-05-29,合理膳食,,30\n"
          "合计,,,,1264\n", f);
    fclose(f);
    kp_store *s = fresh_store("csvforgive.db");
    struct capture c;
    const char *paths[] = {in(csv_dir, "units.csv"), path};
    CHECK_INT_EQ(import(s, paths, 2, &c), 0);
    CHECK_STR_EQ(c.text, "");
    CHECK_INT_EQ(count(s, "SELECT sum(participants) FROM health_lectures"), 1264);
    CHECK_STR_CONTAINS(c.notes, "health_lectures.csv:1: 表头上方的 1 行标题已跳过，表头在第 2 行");
    CHECK_STR_CONTAINS(c.notes, "health_lectures.csv:2: 这一列没有列名，已跳过");
    CHECK_STR_CONTAINS(c.notes, "health_lectures.csv:5: 末尾的合计行已跳过");
    kp_store_close(s);
}

/* A two-row header as offices draw it: 讲堂情况 merged across the columns it
 * groups, the other titles merged down both rows (their text in the top row,
 * as a merged cell keeps it), a title above both. */
static void test_two_row_header(void)
{
    static const char *const lectures[] = {
        "2023年家庭健康知识大讲堂登记表", "", "", "",
        "单位代码", "日期", "讲堂情况", "",
        "", "", "主题", "参加人数",
        "420102001000", "@2023-03-05", "健康生活", "#45",
        "420102001001", "@2023-05-29", "合理膳食", "#30",
    };
    struct fx_sheet sheet = {.name = "家庭健康知识大讲堂", .cells = lectures, .rows = 5, .cols = 4};
    const char *path = in(scratch, "two-rows.xlsx");
    CHECK_INT_EQ(fx_write_xlsx(path, &sheet, 1), 0);
    kp_store *s = fresh_store("tworows.db");
    struct capture c;
    const char *paths[] = {in(csv_dir, "units.csv"), path};
    CHECK_INT_EQ(import(s, paths, 2, &c), 0);
    CHECK_STR_EQ(c.text, "");
    CHECK_INT_EQ(count(s, "SELECT participants FROM health_lectures WHERE unit = '420102001000'"
                          " AND date = '2023-03-05' AND title = '健康生活'"), 45);
    CHECK_INT_EQ(count(s, "SELECT sum(participants) FROM health_lectures"), 75);
    CHECK_STR_CONTAINS(c.notes, "two-rows.xlsx:家庭健康知识大讲堂!2:2: 第 2 行和第 3 行是两行表头（合并单元格），已合并读取");
    CHECK_STR_CONTAINS(c.notes, "two-rows.xlsx:家庭健康知识大讲堂!1:1: 表头上方的 1 行标题已跳过，表头在第 3 行");
    kp_store_close(s);
}

/* Without units every code is unknown: the cause is said once, not per row. */
static void test_cause_first(void)
{
    kp_store *s = fresh_store("nounits.db");
    struct capture c;
    const char *path = in(csv_dir, "health_lectures.csv");
    CHECK_INT_EQ(import(s, &path, 1, &c), -1);
    CHECK_STR_EQ(c.text, "数据库里还没有任何单位：请先导入 units.csv（单位表），或把它和这些文件一起"
                         "导入；在此之前，每一行的单位代码都无从核对\n"
                         "1 problem found; nothing was imported\n");
    kp_store_close(s);
}

static void test_dates_1904(void)
{
    /* 1904 system: serial 43465 is 2023-01-01 (1462 days less than 44927 in 1900). */
    static const char sheet[] =
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>unit</t></is></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>date</t></is></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t>title</t></is></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>420102001000</t></is></c>"
        "<c r=\"B2\" s=\"1\"><v>43465</v></c>"
        "<c r=\"C2\" t=\"inlineStr\"><is><r><t>富</t></r><r><t>文本</t></r>"
        "<rPh><t>フリガナ</t></rPh></is></c></row>"
        "</sheetData></worksheet>";
    const char *path = in(scratch, "d1904.xlsx");
    CHECK_INT_EQ(fx_raw_xlsx(path, sheet, strlen(sheet), "<workbookPr date1904=\"1\"/>"), 0);
    kp_store *s = fresh_store("d1904.db");
    struct capture c;
    const char *paths[] = {in(csv_dir, "units.csv"), path};
    CHECK_INT_EQ(import(s, paths, 2, &c), 0);
    CHECK_STR_EQ(c.text, "");
    CHECK_INT_EQ(count(s, "SELECT count(*) FROM health_lectures WHERE date = '2023-01-01'"
                          " AND title = '富文本'"), 1);
    char d[11];
    CHECK_INT_EQ(kp_sheet_serial_date(45075, 0, d), 0);
    CHECK_STR_EQ(d, "2023-05-29");
    CHECK_INT_EQ(kp_sheet_serial_date(59, 0, d), 0);
    CHECK_STR_EQ(d, "1900-02-28");
    CHECK_INT_EQ(kp_sheet_serial_date(61, 0, d), 0);
    CHECK_STR_EQ(d, "1900-03-01");
    CHECK_INT_EQ(kp_sheet_serial_date(60, 0, d), -1);
    kp_store_close(s);
}

/* ---- hostile files ---------------------------------------------------------- */

static void expect_hostile(const char *name, const char *why)
{
    kp_store *s = fresh_store("hostile.db");
    struct capture c;
    const char *paths[] = {in(csv_dir, "units.csv"), in(scratch, name)};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK_INT_EQ(import(s, paths, 2, &c), -1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    CHECK_STR_CONTAINS(c.text, why);
    if (secs > 1.0)
        fprintf(stderr, "%s took %.2f s to refuse\n", name, secs);
    CHECK(secs < 1.0);
    kp_store_close(s);
}

static char *repeat(const char *head, const char *unit, long times, const char *tail, size_t *len)
{
    size_t hu = strlen(head), uu = strlen(unit), tu = strlen(tail);
    char *p = malloc(hu + uu * (size_t)times + tu + 1);
    if (!p)
        exit(1);
    memcpy(p, head, hu);
    for (long i = 0; i < times; i++)
        memcpy(p + hu + uu * (size_t)i, unit, uu);
    memcpy(p + hu + uu * (size_t)times, tail, tu + 1);
    *len = hu + uu * (size_t)times + tu;
    return p;
}

static void test_hostile(void)
{
    size_t len;
    char *x = repeat("<worksheet><sheetData>", "        ", 4 << 20, "</sheetData></worksheet>", &len);
    CHECK_INT_EQ(fx_raw_xlsx(in(scratch, "bomb.xlsx"), x, len, NULL), 0);
    free(x);
    expect_hostile("bomb.xlsx", "压缩炸弹");

    static const char laughs[] =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
        "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
        "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
        "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
        "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
        "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
        "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is>"
        "</c></row></sheetData></worksheet>";
    CHECK_INT_EQ(fx_raw_xlsx(in(scratch, "laughs.xlsx"), laughs, strlen(laughs), NULL), 0);
    expect_hostile("laughs.xlsx", "DTD");

    /* A million and one empty rows, each numbered: the row cap, not the ratio, stops it. */
    kp_buf b;
    kp_buf_init(&b, 0);
    kp_buf_puts(&b, "<worksheet><sheetData>");
    for (long r = 1; r <= 1000001; r++)
        kp_buf_printf(&b, "<row r=\"%ld\" spans=\"1:4\" x14ac:dyDescent=\"0.25\"/>", r);
    kp_buf_puts(&b, "</sheetData></worksheet>");
    CHECK_INT_EQ(fx_raw_xlsx(in(scratch, "rows.xlsx"), b.data, b.len, NULL), 0);
    kp_buf_free(&b);
    expect_hostile("rows.xlsx", "超过 1000000 行");

    static const char wide[] =
        "<worksheet><sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>";
    CHECK_INT_EQ(fx_raw_xlsx(in(scratch, "wide.xlsx"), wide, strlen(wide), NULL), 0);
    expect_hostile("wide.xlsx", "最多 16384 列");

    x = repeat("<worksheet>", "<a>", 200, "</worksheet>", &len);
    CHECK_INT_EQ(fx_raw_xlsx(in(scratch, "deep.xlsx"), x, len, NULL), 0);
    free(x);
    expect_hostile("deep.xlsx", "嵌套超过");

    /* A workbook cut in half in transit. */
    FILE *f = fopen(in(scratch, "wide.xlsx"), "rb");
    char half[8192];
    size_t n = f ? fread(half, 1, sizeof half, f) : 0;
    if (f)
        fclose(f);
    f = fopen(in(scratch, "broken.xlsx"), "wb");
    CHECK(f && fwrite(half, 1, n / 2, f) == n / 2);
    if (f)
        fclose(f);
    expect_hostile("broken.xlsx", "zip 结构损坏");

    const char *names[] = {"hello.txt"};
    const char *data[] = {"hello"};
    CHECK_INT_EQ(fx_zip(in(scratch, "notbook.xlsx"), names, data, NULL, 1), 0);
    expect_hostile("notbook.xlsx", "缺少 xl/workbook.xml");
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_sheet health_promotion.so import-data sheet-data scratch\n");
        return 2;
    }
    csv_dir = argv[2];
    sheet_dir = argv[3];
    scratch = argv[4];
    kp_err e;
    const char *module = argv[1];
    if (kp_registry_load_paths(&reg, &module, 1, NULL, NULL, &e) || kp_registry_count(reg) != 1) {
        fprintf(stderr, "cannot load %s\n", module);
        return 1;
    }
    test_contract_parity();
    test_county_workbook();
    test_xls();
    test_workbook_resubmission();
    test_problems_name_the_cell();
    test_dates_1904();
    test_cause_first();
    test_csv_forgiving();
    test_two_row_header();
    test_hostile();
    kp_registry_free(reg);
    return check_status();
}
