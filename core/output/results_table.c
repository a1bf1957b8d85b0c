/*
 * results_table.c — a stored run as text for a terminal: columns aligned in
 * display cells (a Chinese character is two), Chinese headings and notes.
 */
#include <math.h>
#include <string.h>

#include "output/results_impl.h"
#include "store/item_kind.h"


/* Print `s` in a column of `width` display cells. */
static void cell(FILE *f, const char *s, size_t width, int right)
{
    size_t w = kp_text_width(s);
    size_t pad = w < width ? width - w : 0;
    if (right)
        fprintf(f, "%*s%s", (int)pad, "", s);
    else
        fprintf(f, "%s%*s", s, (int)pad, "");
}

/* ---- the ranking ---------------------------------------------------------------------- */

static void ranking_head(struct ranking_out *r)
{
    FILE *f = r->f;
    const struct run_head *h = r->h;
    /* First pass for the name column's width. */
    r->wname = kp_text_width("县市区");
    while (sqlite3_step(r->st) == SQLITE_ROW) {
        size_t w = kp_text_width(kp_results_col(r->st, 2));
        if (w > r->wname)
            r->wname = w;
    }
    sqlite3_reset(r->st);
    fprintf(f, "%s（考评年度 %d）  运行 %lld，%s\n", h->title, h->year, r->id, h->created);
    fprintf(f, "规则 %s  sha256 %.12s\n\n", h->rules_path, h->sha);
    cell(f, "名次", 4, 1);
    fputs("  ", f);
    cell(f, "县市区", r->wname, 0);
    for (int i = 0; i < h->nareas; i++) {
        char head[200];
        snprintf(head, sizeof head, "%s", h->area_short[i]);
        r->warea[i] = kp_text_width(head) > 6 ? kp_text_width(head) : 6;
        fputs("  ", f);
        cell(f, head, r->warea[i], 1);
    }
    fputs("    总分", f);
    if (r->scaled)
        fputs("  折合百分", f);
    fputs("  等次\n", f);
}

static void ranking_row(struct ranking_out *r)
{
    FILE *f = r->f;
    sqlite3_stmt *st = r->st;
    char b[64], rank[16];
    snprintf(rank, sizeof rank, "%d", sqlite3_column_int(st, 0));
    cell(f, rank, 4, 1);
    fputs("  ", f);
    cell(f, kp_results_col(st, 2), r->wname, 0);
    for (int i = 0; i < r->h->nareas; i++) {
        fputs("  ", f);
        cell(f, r->has[i] ? kp_results_num(r->pts[i], b, sizeof b) : "-", r->warea[i], 1);
    }
    fprintf(f, "  %6s", kp_results_num(sqlite3_column_double(st, 3), b, sizeof b));
    if (r->scaled)
        fprintf(f, "  %8s", kp_results_num(sqlite3_column_double(st, 5), b, sizeof b));
    int vetoed = sqlite3_column_type(st, 7) != SQLITE_NULL;
    fprintf(f, "  %s%s\n", kp_results_col(st, 6), vetoed ? "*" : "");
}

static void ranking_tail(struct ranking_out *r)
{
    FILE *f = r->f;
    const struct run_head *h = r->h;
    fputc('\n', f);
    for (int i = 0; i < h->nareas; i++)
        if (!h->area_assessed[i])
            fprintf(f, "- %s（%s）：插件未加载，未评分\n", h->area_title[i], h->area_id[i]);
    if (r->scaled)
        fprintf(f, "已评领域满分合计 %s 分，等次和名次按折合百分计。\n",
                kp_results_num(h->possible, (char[32]){0}, 32));
    if (r->vetoes)
        fprintf(f, "* 触发一票否决，等次受限（'kaoping results --unit 代码' 查看原因）。\n");
    if (h->unrated)
        fprintf(f, "注意：%d 项评审打分项目尚未打分（未评分），不计分；"
                   "'kaoping template --manual' 生成评分表。\n", h->unrated);
    if (h->not_scored > h->unrated)
        fprintf(f, "注意：%d 项指标未能评分（插件或规则出错），其得分按0计；"
                   "'kaoping results --unit 代码' 列出原因。\n", h->not_scored - h->unrated);
}

/* ---- one county --------------------------------------------------------------------------- */

static void unit_head(struct unit_out *u)
{
    FILE *f = u->f;
    sqlite3_stmt *st = u->st;
    char b[64], b2[64];
    fprintf(f, "%s %s — %s（考评年度 %d，运行 %lld）\n", u->unit, kp_results_col(st, 0),
            u->h->title, u->h->year, u->id);
    fprintf(f, "总分 %s（满分 %s）", kp_results_num(sqlite3_column_double(st, 1), b, sizeof b),
            kp_results_num(sqlite3_column_double(st, 2), b2, sizeof b2));
    if (fabs(u->h->possible - 100) > 0.001)
        fprintf(f, "，折合百分 %s", kp_results_num(sqlite3_column_double(st, 3), b, sizeof b));
    fprintf(f, "，等次 %s，第 %d 名\n", kp_results_col(st, 4), sqlite3_column_int(st, 5));
    if (sqlite3_column_type(st, 6) != SQLITE_NULL)
        fprintf(f, "一票否决：%s（按得分本为%s）\n", kp_results_col(st, 6),
                kp_results_col(st, 7));
}

static const char *status_word(const char *status)
{
    if (!strcmp(status, "no_data")) return "无数据";
    if (!strcmp(status, "not_scored")) return "未评分";
    if (!strcmp(status, "skipped")) return "未评分（插件未加载）";
    return "";
}

static int evidence(struct unit_out *u, const char *area, const char *item, const char *title)
{
    sqlite3_stmt *st;
    if (kp_results_evidence(u, area, item, &st) < 0)
        return -1;
    int n = 0;
    for (; sqlite3_step(st) == SQLITE_ROW; n++) {
        if (n == 0)
            fprintf(u->f, "        %s：\n", title && *title ? title : "依据");
        if (n < SHOW_EVIDENCE)
            fprintf(u->f, "          %s %s%s%s\n", kp_results_col(st, 0), kp_results_col(st, 1),
                    *kp_results_col(st, 2) ? "  " : "", kp_results_col(st, 2));
    }
    sqlite3_finalize(st);
    if (n > SHOW_EVIDENCE)
        fprintf(u->f, "          ……共 %d 个\n", n);
    return 0;
}

/* A new area starts with its heading and its subtotal. */
static void area_heading(struct unit_out *u)
{
    static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八",
                                           "九", "十"};
    sqlite3_stmt *st = u->st;
    char b[64], b2[64];
    snprintf(u->last_area, sizeof u->last_area, "%s", kp_results_col(st, 2));
    const char *no = u->area_no < 10 ? numerals[u->area_no] : "";
    u->area_no++;
    if (!strcmp(kp_results_col(st, 18), "skipped"))
        fprintf(u->f, "\n%s、%s（%s分）：插件未加载，未评分\n", no, kp_results_col(st, 0),
                kp_results_num(sqlite3_column_double(st, 1), b, sizeof b));
    else
        fprintf(u->f, "\n%s、%s（%s分）：得 %s 分\n", no, kp_results_col(st, 0),
                kp_results_num(sqlite3_column_double(st, 1), b, sizeof b),
                kp_results_num(sqlite3_column_double(st, 17), b2, sizeof b2));
}

static int unit_item(struct unit_out *u)
{
    FILE *f = u->f;
    sqlite3_stmt *st = u->st;
    const char *status = kp_results_col(st, 7);
    char b[64], b2[64];
    if (strcmp(kp_results_col(st, 2), u->last_area))
        area_heading(u);
    int kind = kp_item_kind_parse(kp_results_col(st, 5));
    if (kind > KP_ITEM_INDICATOR)
        fprintf(f, "  ［%s］%s", kp_item_kind_label((enum kp_item_kind)kind),
                kp_results_col(st, 4));
    else
        fprintf(f, "  %s", kp_results_col(st, 4));
    if (*status_word(status))
        fprintf(f, "  %s", status_word(status));
    else if (sqlite3_column_type(st, 11) != SQLITE_NULL)
        fprintf(f, "  %s/%s分", kp_results_num(sqlite3_column_double(st, 11), b, sizeof b),
                kp_results_num(sqlite3_column_double(st, 12), b2, sizeof b2));
    fprintf(f, "\n      %s\n", kp_results_col(st, 13));
    if (strcmp(status, "skipped") && strcmp(status, "not_scored"))
        fprintf(f, "      计分方法：%s\n", kp_results_col(st, 16));
    return evidence(u, kp_results_col(st, 2), kp_results_col(st, 3), kp_results_col(st, 15));
}

static void unit_tail(struct unit_out *u)
{
    (void)u; /* the last item ends the text */
}

const struct results_writer kp_results_table_writer = {
    "table", ranking_head, ranking_row, ranking_tail, unit_head, unit_item, unit_tail,
};
