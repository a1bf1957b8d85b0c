/*
 * cmd_template.c — `kaoping template`: empty CSV files for county staff to
 * fill in, and 填表说明.txt, which explains every column.
 *
 * The templates are made from the loaded plugins' table descriptions (and the
 * core's units table), so they always match what `kaoping import` accepts.
 * They carry the Chinese titles as header, in UTF-8 with a byte order mark
 * and CRLF line ends: without the mark, Excel on a Chinese Windows reads
 * UTF-8 as GBK and shows mojibake.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/template.h"
#include "csv/csv_out.h"
#include "import/loader.h"
#include "util/atomic_file.h"
#include "util/buf.h"
#include "util/outfile.h"
#include "util/paths.h"

#define GUIDE_NAME "填表说明.txt"

static const char usage[] =
    "usage: kaoping template [--format xlsx|csv] [--force] TABLE [DIR]\n"
    "       kaoping template [--format xlsx|csv] [--force] --all [DIR]\n"
    "       kaoping template --unit CODE [--db FILE] [--year YYYY] [--force] [TABLE] [DIR]\n"
    "       kaoping template [--force] --manual [--rules FILE] [--db FILE] [DIR]\n"
    "\n"
    "Write forms for county staff to fill in, into DIR (default: the current\n"
    "folder, created if missing): one for TABLE (its id, such as\n"
    "member_trainings, or its Chinese title), or with --all one for units and\n"
    "every table of every loaded work area.  The filled-in forms import as they\n"
    "are.\n"
    "\n"
    "xlsx forms (the default) have the Chinese column titles as a locked header,\n"
    "unit codes as text, dropdowns for 是/否 and fixed lists, date cells, checks\n"
    "for whole and non-negative numbers, each column's help shown as its cell is\n"
    "selected, and a " "填表说明 sheet.  With --unit CODE, one workbook for that\n"
    "county (CODE.xlsx, every table unless TABLE is named) where tables with one\n"
    "row per unit come pre-filled with its townships and villages (from --db)\n"
    "and, in year columns, --year (default: this year).\n"
    "\n"
    "CSV templates (--format csv) carry the Chinese titles as header, in UTF-8\n"
    "with BOM and CRLF so that Excel and WPS open them right, and " GUIDE_NAME "\n"
    "beside them describes every column.\n"
    "\n"
    "  --all            every table\n"
    "  --format FORMAT  xlsx (default) or csv\n"
    "  --unit CODE      one pre-filled workbook for the county CODE\n"
    "  --manual         the assessors' form (manual_scores.csv) for the items the\n"
    "                   rules score by hand: one row per county and item, with its\n"
    "                   评分标准; 'kaoping score import' reads it back\n"
    "  --rules FILE     the rules --manual reads (default scripts/rules/2023.lua)\n"
    "  --db FILE        the database --unit and --manual read (default " KP_DEFAULT_DB ")\n"
    "  --year YYYY      the year pre-filled with --unit\n"
    "  --force          replace files that already exist; --overwrite is the\n"
    "                   same.  A FIFO or device is never written to.\n"
    "  -h, --help       show this help\n"
    "\n"
    "'kaoping plugins' lists the tables.\n";

/* ---- Choosing the tables ------------------------------------------------- */

/* A table by id or Chinese title; NULL when no loaded plugin has it. */
static const struct kp_table *find_table(const kp_registry *reg, const char *name,
                                         const struct kp_plugin **owner)
{
    *owner = NULL;
    if (!strcmp(name, kp_units_table.id) || !strcmp(name, kp_units_table.title))
        return &kp_units_table;
    const struct kp_table *t = kp_registry_find_table(reg, name, owner);
    if (t)
        return t;
    for (size_t i = 0; i < kp_registry_count(reg); i++) {
        const struct kp_plugin *p = kp_registry_plugin(reg, i);
        for (size_t j = 0; j < p->ntables; j++)
            if (!strcmp(p->tables[j].title, name)) {
                *owner = p;
                return &p->tables[j];
            }
    }
    return NULL;
}

static void list_tables(const kp_registry *reg)
{
    fprintf(stderr, "tables: %s (%s)", kp_units_table.id, kp_units_table.title);
    for (size_t i = 0; i < kp_registry_count(reg); i++) {
        const struct kp_plugin *p = kp_registry_plugin(reg, i);
        for (size_t j = 0; j < p->ntables; j++)
            fprintf(stderr, ", %s (%s)", p->tables[j].id, p->tables[j].title);
    }
    fputc('\n', stderr);
}

/* ---- 填表说明 ------------------------------------------------------------ */

static void level_names(unsigned levels, char *out, size_t n)
{
    static const char *const names[] = {"市", "县", "乡", "村"};
    static const char *const long_names[] = {"市级", "县（市、区）级", "乡（镇、街道）级",
                                             "村（社区）级"};
    out[0] = '\0';
    int count = 0;
    for (int i = 0; i < 4; i++)
        count += (levels >> i) & 1;
    for (int i = 0, k = 0; i < 4; i++) {
        if (!((levels >> i) & 1))
            continue;
        size_t used = strlen(out);
        snprintf(out + used, n - used, "%s%s", k ? (k == count - 1 ? "或" : "、") : "",
                 count > 2 ? names[i] : long_names[i]);
        k++;
    }
    if (count > 2) {
        size_t used = strlen(out);
        snprintf(out + used, n - used, "级");
    }
}

/* An example of a unit code of the lowest level the column accepts. */
static const char *unit_example(unsigned levels)
{
    if (levels & KP_LEVEL_VILLAGE)
        return "420102001001";
    if (levels & KP_LEVEL_TOWNSHIP)
        return "420102001000";
    if (levels & KP_LEVEL_COUNTY)
        return "420102000000";
    return "420100000000";
}

const char *kp_template_example(const struct kp_table *t, const struct kp_column *c)
{
    (void)t;
    /* The plugin that owns the column knows a realistic value; the type
     * gives a plausible one for plugins that say nothing. */
    if (c->example)
        return c->example;
    switch (c->type) {
    case KP_UNIT: return unit_example(c->levels);
    case KP_DATE: return "2023-05-29";
    case KP_YEAR: return "2023";
    case KP_BOOL: return "是";
    case KP_INT: return "10";
    case KP_REAL: return "1250.50";
    case KP_TEXT: return c->allowed && c->allowed[0] ? c->allowed[0] : NULL;
    default: return NULL;
    }
}

static int put_allowed(kp_buf *b, const char *const *allowed)
{
    int rc = 0;
    for (size_t i = 0; allowed[i]; i++)
        rc |= kp_buf_printf(b, "%s“%s”", i ? "、" : "", allowed[i]);
    return rc;
}

/* The core's own units table: what its text columns hold. */
static const char *units_column_note(const struct kp_table *t, const struct kp_column *c)
{
    if (t != &kp_units_table)
        return NULL;
    if (!strcmp(c->id, "code"))
        return "12 位统计用区划代码：省 2 位、市 2 位、县 2 位、乡 3 位、村 3 位，"
               "如 420102001001；每个单位一行，代码不得重复";
    if (!strcmp(c->id, "name"))
        return "单位全称，如 东湖社区、城关街道、江北区";
    if (!strcmp(c->id, "parent"))
        return "上一级单位的代码（村填所属乡镇街道，乡填所属县市区，县填市）；市级单位留空";
    return NULL;
}

/* How to write the column, from its type. */
int kp_template_describe_column(kp_buf *b, const struct kp_table *t, const struct kp_column *c)
{
    char levels[128];
    int rc = 0;
    const char *note = units_column_note(t, c);
    if (note)
        return kp_buf_puts(b, note);
    switch (c->type) {
    case KP_UNIT:
        if ((c->levels & KP_LEVEL_ANY) == KP_LEVEL_ANY || c->levels == 0) {
            rc |= kp_buf_puts(b, "单位代码：units.csv 中登记的 12 位代码，任一层级的单位均可");
        } else {
            level_names(c->levels, levels, sizeof levels);
            rc |= kp_buf_printf(b, "单位代码：units.csv 中登记的 12 位代码，须为%s单位", levels);
        }
        break;
    case KP_DATE:
        rc |= kp_buf_puts(b, "日期：可写 2023-05-29、2023/5/29、2023.5.29 或 2023年5月29日");
        break;
    case KP_YEAR:
        rc |= kp_buf_puts(b, "年度：四位数字，如 2023（也可写 2023年）");
        break;
    case KP_BOOL:
        rc |= kp_buf_puts(b, "是/否：填“是”或“否”（也可写 1/0、Y/N、true/false）");
        break;
    case KP_INT:
        rc |= kp_buf_puts(b, c->flags & KP_COL_SIGNED ? "整数，可为负数，不加单位"
                                                      : "整数，不小于 0，不加单位");
        break;
    case KP_REAL:
        rc |= kp_buf_puts(b, c->flags & KP_COL_SIGNED ? "数字，可带小数，可为负数，不加单位"
                                                      : "数字，可带小数，不小于 0，不加单位");
        break;
    case KP_LEVEL_COLUMN:
        rc |= kp_buf_puts(b, "层级：填“市”“县”“乡”或“村”（区、县级市都算“县”，镇、街道算“乡”，"
                             "社区算“村”；也可直接写 区、镇、街道、社区）");
        break;
    default:
        if (c->allowed) {
            rc |= kp_buf_puts(b, "文字，只能填以下之一：");
            rc |= put_allowed(b, c->allowed);
        } else {
            rc |= kp_buf_puts(b, "文字，按实际填写");
        }
        break;
    }
    return rc;
}

int kp_template_describe_table(kp_buf *b, const struct chosen *ch)
{
    const struct kp_table *t = ch->table;
    int rc = 0;
    rc |= kp_buf_printf(b, "【%s】 %s.csv", t->title, t->id);
    if (ch->owner)
        rc |= kp_buf_printf(b, "（工作领域：%s）", ch->owner->title);
    rc |= kp_buf_puts(b, "\r\n");
    /* The natural key: what makes two rows "the same row". */
    int keys = 0;
    const char *only = NULL;
    for (size_t i = 0; i < t->ncolumns; i++)
        if (t->columns[i].flags & KP_COL_KEY) {
            rc |= kp_buf_printf(b, "%s%s", keys++ ? "、" : "  键：", t->columns[i].title);
            only = t->columns[i].title;
        }
    if (keys == 1)
        rc |= kp_buf_printf(b, "。%s相同的行是同一条记录，再次导入会替换原来的那一行。\r\n", only);
    else if (keys > 1)
        rc |= kp_buf_puts(b, "。这几列都相同的行是同一条记录，再次导入会替换原来的那一行。\r\n");
    for (size_t i = 0; i < t->ncolumns; i++) {
        const struct kp_column *c = &t->columns[i];
        rc |= kp_buf_printf(b, "  %zu. %s（%s）", i + 1, c->title, c->id);
        if (c->flags & KP_COL_KEY)
            rc |= kp_buf_puts(b, "  必填，键");
        else if (c->flags & KP_COL_REQUIRED)
            rc |= kp_buf_puts(b, "  必填");
        else
            rc |= kp_buf_puts(b, "  可空");
        if (c->description)
            rc |= kp_buf_printf(b, "\r\n     说明：%s", c->description);
        rc |= kp_buf_puts(b, "\r\n     填法：");
        rc |= kp_template_describe_column(b, t, c);
        if (c->default_value)
            rc |= kp_buf_printf(b, "；留空时按“%s”处理", c->default_value);
        const char *ex = kp_template_example(t, c);
        if (ex)
            rc |= kp_buf_printf(b, "\r\n     示例：%s", ex);
        rc |= kp_buf_puts(b, "\r\n");
    }
    rc |= kp_buf_puts(b, "\r\n");
    return rc;
}

static const char guide_intro[] =
    "\xEF\xBB\xBF"
    "填表说明\r\n"
    "========\r\n"
    "\r\n"
    "本目录中的 CSV 文件是考评数据的导入模板（kaoping template 生成）。每个文件对应一张表，"
    "文件名就是表名。\r\n"
    "\r\n"
    "一、通用要求\r\n"
    "1. 用 Excel 或 WPS 打开填写，保存时选“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”均可。"
    "不要改文件名，也不要删改第一行的列名；列的顺序可以调整。\r\n"
    "2. 每行填一条记录，不要合并单元格，不要加合计行。\r\n"
    "3. “单位代码”填 units.csv（单位）中登记的 12 位代码，单位层级要符合该列的要求。"
    "先填好 units.csv，其他表才能导入。\r\n"
    "4. 日期可写 2023-05-29、2023/5/29、2023.5.29 或 2023年5月29日；是/否 列填“是”或“否”。\r\n"
    "5. 数字列只填阿拉伯数字，不加单位，不填“约”“余”等字。可空的列没有数据就留空，不要填 0 冒充。\r\n"
    "6. 标为“键”的几列合起来确定一条记录：改正后再次导入，键相同的行会替换原来的行，不会重复。\r\n"
    "7. 只要有一行有错，这一批文件就都不会导入。系统会逐条列出“文件:行号: 列名: 问题”，"
    "改正后重新导入即可。\r\n"
    "\r\n"
    "二、各表说明\r\n"
    "\r\n";

static int write_guide(const char *path, const struct chosen *list, size_t n, unsigned flags,
                       kp_err *e)
{
    kp_buf b;
    kp_buf_init(&b, 0);
    int rc = kp_buf_puts(&b, guide_intro);
    for (size_t i = 0; i < n; i++)
        rc |= kp_template_describe_table(&b, &list[i]);
    if (rc) {
        kp_buf_free(&b);
        return kp_fail(e, "%s: out of memory", path);
    }
    rc = kp_write_file(path, b.data, b.len, flags, e);
    kp_buf_free(&b);
    return rc;
}

/* ---- The templates ------------------------------------------------------- */

static int write_template(const char *path, const struct kp_table *t, kp_err *e)
{
    kp_csv_out *w;
    if (kp_csv_out_open(&w, path, KP_CSV_OUT_BOM | KP_CSV_OUT_CRLF, e))
        return -1;
    for (size_t i = 0; i < t->ncolumns; i++)
        kp_csv_out_field(w, t->columns[i].title);
    int rc = kp_csv_out_end_row(w, e);
    kp_err ce;
    if (kp_csv_out_close(w, &ce) && rc == 0)
        rc = kp_fail(e, "%s", ce.msg);
    return rc;
}

struct options {
    int all, force, xlsx, year;
    const char *unit, *db;
};

static int out_path(char out[PATH_MAX], const char *dir, const char *name, const char *ext)
{
    return snprintf(out, PATH_MAX, "%s/%s.%s", dir, name, ext) >= PATH_MAX ? -1 : 0;
}

/* A template may have been filled in since: refuse before writing anything.
 * A FIFO or device there is never written to. */
static int check_free(const char *path, unsigned flags)
{
    kp_err e;
    if (kp_out_check(path, flags, &e)) {
        kp_cli_error("%s (it may hold filled-in data; --force replaces a file)", e.msg);
        return -1;
    }
    return 0;
}

static int run_csv(const char *dir, const struct chosen *list, size_t n, unsigned flags)
{
    char path[PATH_MAX];
    kp_err e;
    for (size_t i = 0; i < n; i++) {
        if (out_path(path, dir, list[i].table->id, "csv")) {
            kp_cli_error("%s: the folder name is too long", dir);
            return KP_EXIT_FAIL;
        }
        if (check_free(path, flags))
            return KP_EXIT_FAIL;
    }
    if (snprintf(path, sizeof path, "%s/%s", dir, GUIDE_NAME) >= (int)sizeof path)
        kp_fail(&e, "%s: the folder name is too long", dir);
    else if (kp_out_check(path, flags, &e) == 0)
        e.msg[0] = '\0';
    if (e.msg[0]) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    for (size_t i = 0; i < n; i++) {
        out_path(path, dir, list[i].table->id, "csv");
        if (write_template(path, list[i].table, &e)) {
            kp_cli_error("%s", e.msg);
            return KP_EXIT_FAIL;
        }
        printf("%s  %s\n", path, list[i].table->title);
    }
    if (snprintf(path, sizeof path, "%s/%s", dir, GUIDE_NAME) >= (int)sizeof path) {
        kp_cli_error("%s: the folder name is too long", dir);
        return KP_EXIT_FAIL;
    }
    if (write_guide(path, list, n, flags, &e)) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    printf("%s  describes every column of %zu table%s\n", path, n, n == 1 ? "" : "s");
    return KP_EXIT_OK;
}

/* One form per table. */
static int run_xlsx(const char *dir, const struct chosen *list, size_t n, unsigned flags)
{
    char path[PATH_MAX];
    kp_err e;
    for (size_t i = 0; i < n; i++) {
        if (out_path(path, dir, list[i].table->id, "xlsx")) {
            kp_cli_error("%s: the folder name is too long", dir);
            return KP_EXIT_FAIL;
        }
        if (check_free(path, flags))
            return KP_EXIT_FAIL;
    }
    for (size_t i = 0; i < n; i++) {
        out_path(path, dir, list[i].table->id, "xlsx");
        if (kp_template_write_xlsx(path, &list[i], 1, NULL, flags, &e)) {
            kp_cli_error("%s", e.msg);
            return KP_EXIT_FAIL;
        }
        printf("%s  %s\n", path, list[i].table->title);
    }
    return KP_EXIT_OK;
}

/* One workbook for a county: every chosen table but units, pre-filled with its units. */
static int run_county(const char *dir, const struct chosen *list, size_t n,
                      const struct options *o, const kp_registry *reg)
{
    char path[PATH_MAX], county[96];
    kp_err e;
    kp_store *s;
    unsigned flags = o->force ? KP_OUT_REPLACE : 0;
    if (out_path(path, dir, o->unit, "xlsx")) {
        kp_cli_error("%s: the folder name is too long", dir);
        return KP_EXIT_FAIL;
    }
    if (check_free(path, flags) || kp_cli_open_store(&s, o->db, 0, reg))
        return KP_EXIT_FAIL;
    int rc;
    struct form_units u;
    rc = kp_template_load_units(s, o->unit, &u, county, sizeof county, &e);
    kp_store_close(s);
    u.year = o->year;
    size_t start = n > 1 && list[0].table == &kp_units_table ? 1 : 0;
    if (rc == 0)
        rc = kp_template_write_xlsx(path, list + start, n - start, &u, flags, &e);
    free(u.items);
    if (rc) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    printf("%s  %s：%zu 张表，预填 %zu 个乡镇和村\n", path, county, n - start, u.n);
    return KP_EXIT_OK;
}

static int run(const char *dir, const struct chosen *list, size_t n, const struct options *o,
               const kp_registry *reg)
{
    kp_err e;
    if (kp_out_dir(dir, &e)) {
        kp_cli_error("%s", e.msg);
        return KP_EXIT_FAIL;
    }
    if (o->unit)
        return run_county(dir, list, n, o, reg);
    unsigned flags = o->force ? KP_OUT_REPLACE : 0;
    return o->xlsx ? run_xlsx(dir, list, n, flags) : run_csv(dir, list, n, flags);
}

static int this_year(void)
{
    time_t now = time(NULL);
    struct tm tm;
    return gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 2023;
}

int kp_cmd_template(struct kp_cli *cli, int argc, char **argv)
{
    struct options o = {.xlsx = 1, .db = KP_DEFAULT_DB, .year = this_year()};
    int all = 0, manual = 0;
    char shipped[PATH_MAX];
    const char *rules = NULL;
    static const struct option opts[] = {{"all", no_argument, NULL, 'a'},
                                         {"manual", no_argument, NULL, 'm'},
                                         {"rules", required_argument, NULL, 'r'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"overwrite", no_argument, NULL, 'f'},
                                         {"format", required_argument, NULL, 'F'},
                                         {"unit", required_argument, NULL, 'u'},
                                         {"db", required_argument, NULL, 'd'},
                                         {"year", required_argument, NULL, 'y'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'a': all = 1; break;
        case 'm': manual = 1; break;
        case 'r': rules = kp_cli_shipped(shipped, sizeof shipped, optarg, "scripts/rules"); break;
        case 'f': o.force = 1; break;
        case 'F':
            if (strcmp(optarg, "csv") && strcmp(optarg, "xlsx"))
                return kp_cli_usage_error("template", "--format takes csv or xlsx");
            o.xlsx = !strcmp(optarg, "xlsx");
            break;
        case 'u': o.unit = optarg; break;
        case 'd': o.db = optarg; break;
        case 'y':
            o.year = atoi(optarg);
            if (o.year < 1900 || o.year > 2999)
                return kp_cli_usage_error("template", "--year takes a year such as 2023");
            break;
        case 'h': fputs(usage, stdout); return KP_EXIT_OK;
        default: return kp_cli_usage_error("template", "unknown option");
        }
    }
    if (o.unit && !o.xlsx)
        return kp_cli_usage_error("template", "--unit writes an xlsx workbook; drop --format csv");
    char **args = argv + optind;
    int nargs = argc - optind;
    if (manual && nargs > 1)
        return kp_cli_usage_error("template", "unexpected argument '%s'", args[1]);
    if (kp_cli_setup(cli, NULL) < 0)
        return KP_EXIT_FAIL;
    kp_registry *reg = cli->reg;
    if (manual) {
        char path[PATH_MAX];
        kp_err e;
        if (!rules)
            rules = kp_data_path(path, sizeof path, "scripts/rules/2023.lua");
        if (kp_out_dir(nargs ? args[0] : ".", &e)) {
            kp_cli_error("%s", e.msg);
            return KP_EXIT_FAIL;
        }
        return kp_cli_manual_form(nargs ? args[0] : ".", o.force, rules, o.db, reg);
    }
    const struct kp_plugin *ignored;
    /* A county's workbook holds every table unless one is named; a lone
     * argument that names no table is the folder. */
    if (o.unit && (nargs == 0 || (nargs == 1 && !find_table(reg, args[0], &ignored))))
        all = 1;
    const char *table = all ? NULL : nargs > 0 ? args[0] : NULL;
    int given = all ? 0 : 1; /* arguments before DIR */
    int bad = 0;
    if (!all && nargs == 0)
        bad = kp_cli_usage_error("template", "name a table, or --all for every table");
    else if (nargs > given + 1)
        bad = kp_cli_usage_error("template", "unexpected argument '%s'", args[given + 1]);
    if (bad)
        return bad;
    const char *dir = nargs > given ? args[given] : ".";
    size_t total = 1, n = 0;
    for (size_t i = 0; i < kp_registry_count(reg); i++)
        total += kp_registry_plugin(reg, i)->ntables;
    struct chosen *list = malloc(total * sizeof *list);
    int rc = KP_EXIT_OK;
    if (!list) {
        kp_cli_error("out of memory");
        rc = KP_EXIT_FAIL;
    } else if (all) {
        list[n++] = (struct chosen){&kp_units_table, NULL};
        for (size_t i = 0; i < kp_registry_count(reg); i++) {
            const struct kp_plugin *p = kp_registry_plugin(reg, i);
            for (size_t j = 0; j < p->ntables; j++)
                list[n++] = (struct chosen){&p->tables[j], p};
        }
    } else {
        const struct kp_plugin *owner;
        const struct kp_table *t = find_table(reg, table, &owner);
        if (t) {
            list[n++] = (struct chosen){t, owner};
        } else {
            rc = kp_cli_usage_error("template", "no loaded work area has a table '%s'", table);
            list_tables(reg);
        }
    }
    if (rc == KP_EXIT_OK)
        rc = run(dir, list, n, &o, reg);
    free(list);
    return rc;
}
