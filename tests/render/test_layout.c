/* test_layout.c — pagination as the reader meets it, checked on the laid-out
 * pages: nothing lost or cut, headers repeated, headings kept with their text. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render/layout.h"

static kp_font *font;
static kp_err e;

/* The page (index) holding a text item equal to `s`, from page `from`; -1 if none. */
static long page_of(const kp_layout *l, const char *s, size_t from)
{
    for (size_t p = from; p < l->npages; p++)
        for (size_t i = l->pages[p].first; i < l->pages[p].first + l->pages[p].count; i++)
            if (l->items[i].kind == KP_ITEM_TEXT && !strcmp(kp_layout_text(l, l->items[i].text), s))
                return (long)p;
    return -1;
}

static int count_text(const kp_layout *l, size_t page, const char *s)
{
    int n = 0;
    for (size_t i = l->pages[page].first; i < l->pages[page].first + l->pages[page].count; i++)
        if (l->items[i].kind == KP_ITEM_TEXT && !strcmp(kp_layout_text(l, l->items[i].text), s))
            n++;
    return n;
}

/* Every text item lies inside its page's text area (headers and footers in
 * the margins excepted): nothing runs off the page or into the margin. */
static void check_inside(const kp_layout *l, const kp_style *st)
{
    int outside = 0;
    for (size_t p = 0; p < l->npages; p++) {
        const kp_page *pg = &l->pages[p];
        for (size_t i = pg->first; i < pg->first + pg->count; i++) {
            const kp_item *it = &l->items[i];
            if (it->kind != KP_ITEM_TEXT || it->y < st->margin_top ||
                it->y > pg->height - st->margin_bottom)
                continue;
            if (it->x < st->margin_left - 0.01 ||
                it->x + it->w > pg->width - st->margin_right + 0.01) {
                if (outside++ < 5)
                    fprintf(stderr, "page %zu: '%s' at x %.1f..%.1f is outside the text area\n",
                            p + 1, kp_layout_text(l, it->text), it->x, it->x + it->w);
            }
        }
    }
    CHECK_INT_EQ(outside, 0);
}

static void test_long_table(void)
{
    kp_doc *d;
    struct kp_doc_table *t;
    kp_layout *l;
    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    kp_doc_heading(d, 1, "各乡镇指标完成情况", &e);
    CHECK_INT_EQ(kp_doc_table(d, 4, &t, &e), 0);
    kp_table_column(t, 0, "编号", KP_COL_AUTO, 0, KP_ALIGN_LEFT, &e);
    kp_table_column(t, 1, "乡镇", KP_COL_SHARE, 2, KP_ALIGN_LEFT, &e);
    kp_table_column(t, 2, "目标", KP_COL_FIXED, 60, KP_ALIGN_RIGHT, &e);
    kp_table_column(t, 3, "完成率", KP_COL_AUTO, 0, KP_ALIGN_RIGHT, &e);
    kp_table_set_zebra(t, 1);
    for (int r = 0; r < 300; r++) {
        char id[16], town[200], target[16], rate[16];
        snprintf(id, sizeof id, "R%03d", r + 1);
        /* Every seventh row wraps to three lines. */
        snprintf(town, sizeof town, r % 7 == 3 ? "第%d乡镇青春健康教育进校园进社区活动覆盖率及流动"
                                                 "人口服务站点宣传阵地建设情况"
                                               : "第%d乡镇",
                 r + 1);
        snprintf(target, sizeof target, "%d", 80 + r % 20);
        snprintf(rate, sizeof rate, "%.1f%%", 60 + r % 40 + 0.5);
        const char *cells[] = {id, town, target, rate};
        CHECK_INT_EQ(kp_table_row(t, cells, 4, 0, &e), 0);
    }
    CHECK_INT_EQ(kp_layout_run(&l, d, font, &e), 0);
    if (!l) {
        fprintf(stderr, "%s\n", e.msg);
        kp_doc_free(d);
        return;
    }
    CHECK(l->npages >= 8);
    /* Every row is there exactly once, in order. */
    long last_page = 0;
    int lost = 0, disorder = 0;
    for (int r = 0; r < 300; r++) {
        char id[16];
        snprintf(id, sizeof id, "R%03d", r + 1);
        long p = page_of(l, id, 0);
        if (p < 0) {
            lost++;
            continue;
        }
        if (page_of(l, id, (size_t)p + 1) >= 0)
            lost++; /* twice */
        if (p < last_page)
            disorder++;
        last_page = p;
    }
    CHECK_INT_EQ(lost, 0);
    CHECK_INT_EQ(disorder, 0);
    /* The header row starts every page the table is on. */
    for (size_t p = 0; p < l->npages; p++) {
        CHECK_INT_EQ(count_text(l, p, "编号"), 1);
        CHECK_INT_EQ(count_text(l, p, "完成率"), 1);
    }
    /* No row is split: a wrapped row's lines share a page. */
    for (int r = 3; r < 300; r += 7) {
        char first[64];
        snprintf(first, sizeof first, "R%03d", r + 1);
        long p = page_of(l, first, 0);
        int found = 0;
        for (size_t i = l->pages[p].first; i < l->pages[p].first + l->pages[p].count; i++) {
            const char *s = kp_layout_text(l, l->items[i].text);
            if (l->items[i].kind == KP_ITEM_TEXT && strstr(s, "建设情况"))
                found = 1;
        }
        if (!found)
            fprintf(stderr, "row %d is split across pages\n", r + 1);
        CHECK(found);
    }
    /* Page numbers run 1..N, footers say so. */
    char footer[64];
    snprintf(footer, sizeof footer, "第 %zu 页 共 %zu 页", l->npages, l->npages);
    CHECK_INT_EQ(page_of(l, footer, 0), (long)l->npages - 1);
    CHECK_INT_EQ(l->numbered_pages, (int)l->npages);
    check_inside(l, &d->style);
    kp_layout_free(l);
    kp_doc_free(d);
}

/* A row taller than a page is split line by line, and nothing is lost. */
static void test_giant_row(void)
{
    kp_doc *d;
    struct kp_doc_table *t;
    kp_layout *l;
    kp_buf b;
    kp_buf_init(&b, 0);
    for (int i = 0; i < 120; i++)
        kp_buf_printf(&b, "第%d行\n", i + 1);
    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    CHECK_INT_EQ(kp_doc_table(d, 2, &t, &e), 0);
    kp_table_column(t, 0, "项目", KP_COL_AUTO, 0, KP_ALIGN_LEFT, &e);
    kp_table_column(t, 1, "说明", KP_COL_SHARE, 1, KP_ALIGN_LEFT, &e);
    const char *cells[] = {"长条目", b.data};
    CHECK_INT_EQ(kp_table_row(t, cells, 2, 0, &e), 0);
    CHECK_INT_EQ(kp_layout_run(&l, d, font, &e), 0);
    if (l) {
        CHECK(l->npages >= 3);
        int lost = 0;
        for (int i = 0; i < 120; i++) {
            char s[32];
            snprintf(s, sizeof s, "第%d行", i + 1);
            if (page_of(l, s, 0) < 0)
                lost++;
        }
        CHECK_INT_EQ(lost, 0);
        for (size_t p = 0; p < l->npages; p++)
            CHECK_INT_EQ(count_text(l, p, "说明"), 1);
        check_inside(l, &d->style);
        kp_layout_free(l);
    }
    kp_doc_free(d);
    kp_buf_free(&b);
}

/* Headings stay with what follows; a paragraph leaves no line alone. */
static void test_keep_together(void)
{
    kp_doc *d;
    kp_layout *l;
    const char *para = "各级计生协要把青春健康教育作为重点工作，联合教育、卫健等部门，"
                       "在学校、社区和企业广泛开展活动，提高青少年的健康素养和自我保护能力。";
    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    for (int i = 0; i < 40; i++) {
        char h[64];
        snprintf(h, sizeof h, "第%d部分", i + 1);
        kp_doc_heading(d, 2, h, &e);
        kp_doc_paragraph(d, para, 0, &e);
    }
    CHECK_INT_EQ(kp_layout_run(&l, d, font, &e), 0);
    if (!l) {
        kp_doc_free(d);
        return;
    }
    /* The last body line of each page is never a heading, and never the
     * first line of a paragraph whose second line is on the next page. */
    int lonely_heading = 0, orphans = 0;
    for (size_t p = 0; p + 1 < l->npages; p++) {
        const kp_item *last = NULL;
        for (size_t i = l->pages[p].first; i < l->pages[p].first + l->pages[p].count; i++) {
            const kp_item *it = &l->items[i];
            if (it->kind == KP_ITEM_TEXT && it->y > d->style.margin_top &&
                it->y < l->pages[p].height - d->style.margin_bottom &&
                (!last || it->y >= last->y))
                last = it;
        }
        if (!last)
            continue;
        const char *s = kp_layout_text(l, last->text);
        if (strstr(s, "部分"))
            lonely_heading++;
        if (strncmp(s, "各级", strlen("各级")) == 0)
            orphans++;
    }
    CHECK_INT_EQ(lonely_heading, 0);
    CHECK_INT_EQ(orphans, 0);
    /* Numbered 一 … 四十 at level 2 as （一）…（四十）. */
    CHECK_STR_EQ(kp_layout_text(l, l->marks[0].title), "（一）第1部分");
    CHECK_STR_EQ(kp_layout_text(l, l->marks[10].title), "（十一）第11部分");
    CHECK_STR_EQ(kp_layout_text(l, l->marks[39].title), "（四十）第40部分");
    kp_layout_free(l);
    kp_doc_free(d);
}

/* Cover unnumbered, contents numbers match the headings' pages, sections
 * turn pages, an empty report still has a page. */
static void test_pages(void)
{
    kp_doc *d;
    kp_layout *l;
    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    kp_doc_set_info(d, KP_INFO_TITLE, "2023年度考评报告", &e);
    kp_doc_set_info(d, KP_INFO_UNIT, "XX县计划生育协会", &e);
    const char *lines[] = {"XX县计划生育协会"};
    kp_doc_cover(d, "年度考评报告", "2023年", lines, 1, &e);
    kp_doc_toc(d, &e);
    kp_doc_heading(d, 1, "总体情况", &e);
    kp_doc_paragraph(d, "全年工作完成良好。", 0, &e);
    kp_doc_page_break(d, &e);
    kp_doc_page_break(d, &e); /* two breaks, one new page */
    kp_doc_heading(d, 1, "具体指标", &e);
    kp_doc_heading(d, 2, "宣传教育", &e);
    kp_doc_section(d, KP_LANDSCAPE, &e);
    kp_doc_heading(d, 1, "附表", &e);
    CHECK_INT_EQ(kp_layout_run(&l, d, font, &e), 0);
    if (l) {
        CHECK_INT_EQ(l->npages, 5);
        CHECK_INT_EQ(l->pages[0].number, 0);
        CHECK_INT_EQ(l->pages[1].number, 1);
        CHECK_INT_EQ(l->numbered_pages, 4);
        CHECK(l->pages[4].width > l->pages[4].height);
        CHECK(l->pages[3].width < l->pages[3].height);
        CHECK_INT_EQ(page_of(l, "第 1 页 共 4 页", 0), 1);
        CHECK_INT_EQ(page_of(l, "第 4 页 共 4 页", 0), 4);
        CHECK_INT_EQ(page_of(l, "一、总体情况", 0), 1);  /* in the contents */
        CHECK_INT_EQ(page_of(l, "一、总体情况", 2), 2);  /* and as a heading */
        CHECK_INT_EQ(page_of(l, "三、附表", 2), 4);
        CHECK_INT_EQ(l->nmarks, 4);
        CHECK_INT_EQ(l->marks[3].page, 4);
        CHECK_INT_EQ(l->nlinks, 4);
        /* The contents give the page numbers the footers show. */
        CHECK_INT_EQ(count_text(l, 1, "2"), 1);
        CHECK_INT_EQ(count_text(l, 1, "3"), 2);
        CHECK_INT_EQ(count_text(l, 1, "4"), 1);
        /* The cover has neither header nor footer. */
        CHECK_INT_EQ(count_text(l, 0, "XX县计划生育协会"), 1);
        CHECK_INT_EQ(count_text(l, 2, "XX县计划生育协会"), 1);
        kp_layout_free(l);
    }
    kp_doc_free(d);

    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    CHECK_INT_EQ(kp_layout_run(&l, d, font, &e), 0);
    if (l)
        CHECK_INT_EQ(l->npages, 1);
    kp_layout_free(l);
    kp_doc_free(d);
}

/* Column widths: never narrower than a hanzi; too many columns is an error
 * that says what fits, not a table cut at the margin. */
static void test_columns(void)
{
    kp_doc *d;
    struct kp_doc_table *t;
    kp_layout *l;
    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    CHECK_INT_EQ(kp_doc_table(d, 40, &t, &e), 0);
    const char *cells[40];
    for (int i = 0; i < 40; i++)
        cells[i] = "指标";
    kp_table_row(t, cells, 40, 0, &e);
    CHECK_INT_EQ(kp_layout_run(&l, d, font, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "40 columns");
    CHECK_STR_CONTAINS(e.msg, "landscape");
    kp_doc_free(d);

    /* Fixed columns wider than the page are narrowed to fit; long words in
     * them are broken, not clipped. */
    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    CHECK_INT_EQ(kp_doc_table(d, 3, &t, &e), 0);
    for (size_t c = 0; c < 3; c++)
        kp_table_column(t, c, "列", KP_COL_FIXED, 300, KP_ALIGN_LEFT, &e);
    const char *row[] = {"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ", "短", "2023年"};
    kp_table_row(t, row, 3, 0, &e);
    CHECK_INT_EQ(kp_layout_run(&l, d, font, &e), 0);
    if (l) {
        check_inside(l, &d->style);
        kp_layout_free(l);
    }
    kp_doc_free(d);
}

int main(void)
{
    if (kp_font_open(&font, NULL, 0, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    test_long_table();
    test_giant_row();
    test_keep_together();
    test_pages();
    test_columns();
    kp_font_close(font);
    return check_status();
}
