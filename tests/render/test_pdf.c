/* test_pdf.c — the PDF as its reader gets it, checked with poppler and qpdf:
 * the text extracts exactly and in order, the font is an embedded subset,
 * bookmarks and Chinese metadata are there, the file is valid, two renders
 * are byte-identical, and files are written atomically. */
#include <cairo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "pdf/pdf.h"
#include "tools.h"

static kp_font *font;
static kp_subsetter *subsetter;
static kp_err e;
static char dir[512];

static const char *para1 =
    "2023年，全县计生协围绕“优生优育、家庭健康”主题，完成率达到85.5%，较上年提高3.2个百分点；"
    "开展宣传活动1,234场次，覆盖群众约56.7万人（次）。「暖心家园」项目在12个乡镇落地，"
    "《家庭健康指导手册》发放2.3万册。计、翻、鑫、赢、赣、疆等字照常显示。";
static const char *para2 = "Reports mix English words such as reproducible with 中文 text.";

static char *path_in(const char *name)
{
    static char p[4][600];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

/* A 120 × 60 PNG, orange, its right half transparent (shown over white). */
static void make_png(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 120, 60);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.9, 0.5, 0.1);
    cairo_rectangle(cr, 0, 0, 60, 60);
    cairo_fill(cr);
    cairo_destroy(cr);
    CHECK_INT_EQ(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
}

/* A report with every kind of block. */
static kp_doc *every_block(void)
{
    kp_doc *d;
    struct kp_doc_table *t;
    if (kp_doc_new(&d, &e) < 0)
        return NULL;
    kp_doc_set_info(d, KP_INFO_TITLE, "XX县计划生育协会2023年度工作考评报告", &e);
    kp_doc_set_info(d, KP_INFO_SUBJECT, "年度工作考评", &e);
    kp_doc_set_info(d, KP_INFO_KEYWORDS, "计生协，考评，2023", &e);
    kp_doc_set_info(d, KP_INFO_UNIT, "XX县计划生育协会", &e);
    const char *lines[] = {"被考评单位：XX县计划生育协会", "2024年1月"};
    CHECK_INT_EQ(kp_doc_cover(d, "2023年度工作考评报告", "依据市计生协工作要点", lines, 2, &e), 0);
    CHECK_INT_EQ(kp_doc_toc(d, &e), 0);
    CHECK_INT_EQ(kp_doc_heading(d, 1, "总体情况", &e), 0);
    CHECK_INT_EQ(kp_doc_paragraph(d, para1, 0, &e), 0);
    CHECK_INT_EQ(kp_doc_paragraph(d, para2, KP_PARA_BOLD, &e), 0);
    CHECK_INT_EQ(kp_doc_heading(d, 2, "基本信息", &e), 0);
    const char *keys[] = {"考评单位：", "总分："}, *values[] = {"XX市计划生育协会", "92.5分（优秀）"};
    CHECK_INT_EQ(kp_doc_key_values(d, keys, values, 2, &e), 0);
    CHECK_INT_EQ(kp_doc_heading(d, 2, "指标完成情况", &e), 0);
    CHECK_INT_EQ(kp_doc_table(d, 3, &t, &e), 0);
    kp_table_column(t, 0, "指标", KP_COL_SHARE, 1, KP_ALIGN_LEFT, &e);
    kp_table_column(t, 1, "目标", KP_COL_AUTO, 0, KP_ALIGN_RIGHT, &e);
    kp_table_column(t, 2, "完成", KP_COL_AUTO, 0, KP_ALIGN_RIGHT, &e);
    const char *r1[] = {"会员之家覆盖率", "90%", "93.5%"}, *r2[] = {"合计", "—", "92.5分"};
    kp_table_row(t, r1, 3, 0, &e);
    kp_table_row(t, r2, 3, KP_ROW_BOLD, &e);
    char *png = path_in("logo.png");
    make_png(png);
    CHECK_INT_EQ(kp_doc_image(d, png, 0, &e), 0);
    kp_chart *c;
    static const char *areas[] = {"宣传教育", "组织建设", "生育支持", "家庭帮扶"};
    static const double rates[] = {92.5, 88, 76.5, 95};
    CHECK_INT_EQ(kp_chart_new(&c, KP_CHART_BARS, &e), 0);
    kp_chart_set_title(c, "各工作领域得分率", &e);
    kp_chart_set_unit(c, "%", &e);
    kp_chart_add_series(c, "得分率", &e);
    for (size_t i = 0; i < 4; i++) {
        kp_chart_add_category(c, areas[i], &e);
        kp_chart_set_value(c, 0, i, rates[i], &e);
    }
    CHECK_INT_EQ(kp_doc_chart(d, c, 220, &e), 0);
    CHECK_INT_EQ(kp_doc_page_break(d, &e), 0);
    CHECK_INT_EQ(kp_doc_heading(d, 1, "存在问题", &e), 0);
    CHECK_INT_EQ(kp_doc_paragraph(d, "个别协会有牌子无活动。", KP_PARA_NOINDENT, &e), 0);
    CHECK_INT_EQ(kp_doc_section(d, KP_LANDSCAPE, &e), 0);
    CHECK_INT_EQ(kp_doc_heading(d, 1, "附表", &e), 0);
    CHECK_INT_EQ(kp_doc_paragraph(d, "注：数据来源于各乡镇上报材料。", KP_PARA_SMALL, &e), 0);
    return d;
}

static int render(const kp_doc *d, const char *path, const kp_pdf_options *o)
{
    kp_layout *l;
    if (kp_layout_run(&l, d, font, &e) < 0)
        return -1;
    int rc = kp_pdf_write(d, l, font, subsetter, o, path, &e);
    kp_layout_free(l);
    return rc;
}

static int same_file(const char *a, const char *b)
{
    char *out = run_output("cmp -s '%s' '%s'; echo $?", a, b);
    int same = out && !strcmp(out, "0\n");
    free(out);
    return same;
}

static void test_every_block(void)
{
    kp_doc *d = every_block();
    if (!d)
        return;
    char *pdf = path_in("report.pdf");
    setenv("SOURCE_DATE_EPOCH", "1704067200", 1); /* 2024-01-01 00:00:00 UTC */
    if (render(d, pdf, NULL) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        CHECK(!"render failed");
        kp_doc_free(d);
        return;
    }

    /* The text comes out exactly, headings and paragraphs in order. */
    char *text = run_output("pdftotext -layout -enc UTF-8 '%s' - 2>&1", pdf);
    CHECK(text != NULL);
    if (text) {
        char *flat = squeeze(text), *p1 = squeeze(para1), *p2 = squeeze(para2);
        const char *order[] = {"2023年度工作考评报告", "目录", "一、总体情况", p1, p2,
                               "（一）基本信息", "总分：92.5分（优秀）", "（二）指标完成情况",
                               "会员之家覆盖率90%93.5%", "合计—92.5分", "各工作领域得分率",
                               "组织建设", "二、存在问题",
                               "个别协会有牌子无活动。", "三、附表", "注：数据来源于各乡镇上报材料。"};
        const char *at = flat;
        for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
            const char *hit = strstr(at, order[i]);
            if (!hit)
                fprintf(stderr, "missing or out of order: %s\n", order[i]);
            CHECK(hit != NULL);
            if (hit)
                at = hit + strlen(order[i]);
        }
        CHECK_STR_CONTAINS(flat, "第1页共4页"); /* the cover is not counted */
        CHECK_STR_CONTAINS(flat, "第4页共4页");
        CHECK(!strstr(text, "Warning") && !strstr(text, "Error"));
        CHECK(!strstr(text, "\xEF\xBF\xBD")); /* no U+FFFD: every character drawn */
        free(flat);
        free(p1);
        free(p2);
        free(text);
    }

    /* The font is embedded as a subset, with a character map. */
    char *fonts = run_output("pdffonts '%s' 2>&1", pdf);
    CHECK(fonts != NULL);
    if (fonts) {
        CHECK_STR_CONTAINS(fonts, "+WenQuanYiMicroHei");
        CHECK_STR_CONTAINS(fonts, "CID TrueType      Identity-H       yes yes yes");
        CHECK_INT_EQ(count_of(fonts, "yes yes yes"), 1);
        CHECK(!strstr(fonts, "Warning"));
        free(fonts);
    }

    /* Chinese metadata, the date from SOURCE_DATE_EPOCH. */
    char *info = run_output("pdfinfo -isodates '%s' 2>&1", pdf);
    CHECK(info != NULL);
    if (info) {
        CHECK_STR_CONTAINS(info, "Title:           XX县计划生育协会2023年度工作考评报告");
        CHECK_STR_CONTAINS(info, "Author:          计生协");
        CHECK_STR_CONTAINS(info, "Subject:         年度工作考评");
        CHECK_STR_CONTAINS(info, "Keywords:        计生协，考评，2023");
        CHECK_STR_CONTAINS(info, "CreationDate:    2024-01-01T00:00:00Z");
        CHECK_STR_CONTAINS(info, "Pages:           5");
        CHECK_STR_CONTAINS(info, "Encrypted:       no");
        free(info);
    }

    /* A bookmark for every heading, nested, leading to its page. */
    char *outlines = run_output("qpdf --json --json-key=outlines '%s'", pdf);
    CHECK(outlines != NULL);
    if (outlines) {
        CHECK_STR_CONTAINS(outlines, "\"title\": \"一、总体情况\"");
        CHECK_STR_CONTAINS(outlines, "\"title\": \"（一）基本信息\"");
        CHECK_STR_CONTAINS(outlines, "\"title\": \"（二）指标完成情况\"");
        CHECK_STR_CONTAINS(outlines, "\"title\": \"三、附表\"");
        CHECK_INT_EQ(count_of(outlines, "\"title\""), 5);
        CHECK_INT_EQ(count_of(outlines, "\"destpageposfrom1\": 3"), 3);
        CHECK_INT_EQ(count_of(outlines, "\"destpageposfrom1\": 5"), 1);
        free(outlines);
    }

    /* The image is in, once. */
    char *images = run_output("pdfimages -list '%s'", pdf);
    CHECK(images != NULL);
    if (images) {
        CHECK_INT_EQ(count_of(images, " rgb "), 1);
        CHECK_STR_CONTAINS(images, "120    60");
        free(images);
    }

    /* qpdf finds nothing wrong. */
    char *check = run_output("qpdf --check '%s' 2>&1", pdf);
    CHECK(check != NULL);
    if (check) {
        CHECK_STR_CONTAINS(check, "No syntax or stream encoding errors found");
        free(check);
    }

    /* Rendering again gives the same bytes; so does the same timestamp
     * given by the caller; another timestamp differs. */
    char *again = path_in("again.pdf"), *given = path_in("given.pdf"), *later = path_in("later.pdf");
    CHECK_INT_EQ(render(d, again, NULL), 0);
    CHECK(same_file(pdf, again));
    unsetenv("SOURCE_DATE_EPOCH");
    kp_pdf_options o = {.timestamp = 1704067200};
    CHECK_INT_EQ(render(d, given, &o), 0);
    CHECK(same_file(pdf, given));
    o.timestamp = 1704067201;
    CHECK_INT_EQ(render(d, later, &o), 0);
    CHECK(!same_file(pdf, later));
    kp_doc_free(d);
}

/* A 300-row table: every row in the PDF text, the header on every page. */
static void test_long_table(void)
{
    kp_doc *d;
    struct kp_doc_table *t;
    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    CHECK_INT_EQ(kp_doc_table(d, 3, &t, &e), 0);
    kp_table_column(t, 0, "行号", KP_COL_AUTO, 0, KP_ALIGN_LEFT, &e);
    kp_table_column(t, 1, "单位名称", KP_COL_SHARE, 1, KP_ALIGN_LEFT, &e);
    kp_table_column(t, 2, "得分", KP_COL_AUTO, 0, KP_ALIGN_RIGHT, &e);
    kp_table_set_zebra(t, 1);
    for (int r = 0; r < 300; r++) {
        char id[16], name[160], score[16];
        snprintf(id, sizeof id, "第%03d行", r + 1);
        snprintf(name, sizeof name, r % 5 == 0 ? "第%d村计划生育协会（含流动人口服务站、青春健康俱乐部和"
                                                 "家庭健康服务中心）"
                                               : "第%d村计划生育协会",
                 r + 1);
        snprintf(score, sizeof score, "%.1f", 60 + (r * 37 % 400) / 10.0);
        const char *cells[] = {id, name, score};
        kp_table_row(t, cells, 3, 0, &e);
    }
    char *pdf = path_in("table.pdf");
    CHECK_INT_EQ(render(d, pdf, NULL), 0);
    char *text = run_output("pdftotext -enc UTF-8 '%s' -", pdf);
    char *info = run_output("pdfinfo '%s'", pdf);
    CHECK(text && info);
    if (text && info) {
        int pages = 0;
        const char *p = strstr(info, "Pages:");
        if (p)
            pages = atoi(p + 6);
        CHECK(pages >= 8);
        int lost = 0;
        for (int r = 0; r < 300; r++) {
            char id[16];
            snprintf(id, sizeof id, "第%03d行", r + 1);
            if (count_of(text, id) != 1)
                lost++;
        }
        CHECK_INT_EQ(lost, 0);
        CHECK_INT_EQ(count_of(text, "单位名称"), pages);
        CHECK_INT_EQ(count_of(text, "\f"), pages);
        /* Each page (split at form feeds) begins its table with the header. */
        int bad = 0;
        for (char *pg = text, *ff; pg && *pg; pg = ff ? ff + 1 : NULL) {
            ff = strchr(pg, '\f');
            if (ff)
                *ff = 0;
            if (*pg && (!strstr(pg, "行号") || (strstr(pg, "第") && strstr(pg, "第") < strstr(pg, "行号"))))
                bad++;
        }
        CHECK_INT_EQ(bad, 0);
    }
    free(text);
    free(info);
    kp_doc_free(d);
}

/* A failure leaves no file behind, and an older file untouched. */
static void test_atomic(void)
{
    kp_doc *d;
    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    kp_doc_paragraph(d, "内容", 0, &e);
    char *pdf = path_in("atomic.pdf");
    FILE *f = fopen(pdf, "w");
    fputs("old", f);
    fclose(f);
    kp_pdf_options o = {.print_only = 1}; /* print-only without a password: refused */
    CHECK_INT_EQ(render(d, pdf, &o), -1);
    CHECK_STR_CONTAINS(e.msg, "owner password");
    struct stat st;
    CHECK_INT_EQ(stat(pdf, &st), 0);
    CHECK_INT_EQ(st.st_size, 3);
    char *ls = run_output("ls -A '%s'", dir);
    CHECK(ls && !strstr(ls, ".tmp"));
    free(ls);
    /* A folder that does not exist: an error naming the file. */
    CHECK_INT_EQ(render(d, "/nonexistent-kaoping/x.pdf", NULL), -1);
    CHECK_STR_CONTAINS(e.msg, "/nonexistent-kaoping/x.pdf");
    /* An image that disappeared after it was added: the error names it. */
    char *png = path_in("gone.png");
    make_png(png);
    CHECK_INT_EQ(kp_doc_image(d, png, 0, &e), 0);
    remove(png);
    CHECK_INT_EQ(render(d, pdf, NULL), -1);
    CHECK_STR_CONTAINS(e.msg, "gone.png");
    CHECK_INT_EQ(stat(pdf, &st), 0);
    CHECK_INT_EQ(st.st_size, 3);
    make_png(png);
    /* Success replaces the old file. */
    CHECK_INT_EQ(render(d, pdf, NULL), 0);
    CHECK_INT_EQ(stat(pdf, &st), 0);
    CHECK(st.st_size > 1000);
    kp_doc_free(d);
}

/* A password and print-only permissions. */
static void test_protected(void)
{
    kp_doc *d;
    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    kp_doc_paragraph(d, "内部资料，注意保密。", 0, &e);
    char *pdf = path_in("protected.pdf");
    kp_pdf_options o = {.owner_password = "owner-secret", .print_only = 1};
    CHECK_INT_EQ(render(d, pdf, &o), 0);
    char *info = run_output("pdfinfo '%s'", pdf);
    CHECK(info != NULL);
    if (info) {
        CHECK_STR_CONTAINS(info, "Encrypted:       yes (print:yes copy:no change:no addNotes:no");
        free(info);
    }
    char *text = run_output("pdftotext -enc UTF-8 '%s' -", pdf);
    CHECK(text && strstr(text, "内部资料，注意保密。"));
    free(text);
    char *check = run_output("qpdf --check '%s' 2>&1", pdf);
    CHECK(check && strstr(check, "No syntax or stream encoding errors found"));
    free(check);

    /* With a user password, the file does not open without it. */
    o.user_password = "open-me";
    CHECK_INT_EQ(render(d, pdf, &o), 0);
    char *refused = run_output("pdftotext '%s' - 2>&1 || echo refused", pdf);
    CHECK(refused && strstr(refused, "refused"));
    free(refused);
    text = run_output("pdftotext -upw open-me -enc UTF-8 '%s' -", pdf);
    CHECK(text && strstr(text, "内部资料"));
    free(text);
    /* The same password twice is refused before anything is written. */
    o.user_password = "owner-secret";
    CHECK_INT_EQ(render(d, path_in("same.pdf"), &o), -1);
    CHECK_STR_CONTAINS(e.msg, "differ");
    kp_doc_free(d);
}

/* A character the font lacks is drawn as U+FFFD and reported, not dropped. */
static void test_missing_glyph(void)
{
    kp_doc *d;
    kp_layout *l;
    CHECK_INT_EQ(kp_doc_new(&d, &e), 0);
    kp_doc_paragraph(d, "生僻字\xF0\xA0\x80\x80在此", 0, &e); /* U+20000 */
    CHECK_INT_EQ(kp_layout_run(&l, d, font, &e), 0);
    if (l) {
        CHECK_INT_EQ(l->missing.count, 1);
        CHECK(kp_codeset_has(&l->missing, 0x20000));
        char *pdf = path_in("missing.pdf");
        CHECK_INT_EQ(kp_pdf_write(d, l, font, subsetter, NULL, pdf, &e), 0);
        char *text = run_output("pdftotext -enc UTF-8 '%s' -", pdf);
        CHECK(text && strstr(text, "生僻字\xEF\xBF\xBD在此"));
        free(text);
        kp_layout_free(l);
    }
    kp_doc_free(d);
}

int main(void)
{
    if (kp_font_open(&font, NULL, 0, &e) < 0 || kp_subsetter_open(&subsetter, font, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    const char *s = scratch_dir("pdf");
    if (!s) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(dir, sizeof dir, "%s", s);
    test_every_block();
    test_long_table();
    test_atomic();
    test_protected();
    test_missing_glyph();
    kp_subsetter_close(subsetter);
    kp_font_close(font);
    int status = check_status();
    if (status == 0) {
        char *rm = run_output("rm -rf '%s'", dir);
        free(rm);
    } else {
        fprintf(stderr, "files kept in %s\n", dir);
    }
    return status;
}
