/*
 * test_layouts.c — the shipped layouts (reports/city.lua, county.lua,
 * area.lua) rendered from the fixture run, read back as a user would: the
 * text in order with the right figures, 无数据 and 未评分 where they belong,
 * the font embedded as a subset, a PDF that qpdf finds clean, and the same
 * bytes every time, in one process or in parallel workers.
 *
 * usage: test_layouts KAOPING FIXTURE_DB SKIPPED_DB SOURCE_ROOT
 * (SKIPPED_DB: the same run with one work area not assessed)
 */
#include "report_tools.h"

static const char *kaoping, *db, *skipped_db, *src, *dir;

/* Render `layout` for `unit` (NULL: the layout's only report) to `out`. */
static int render(const char *layout, const char *unit, const char *out)
{
    return run("'%s' report --layout '%s/reports/%s.lua' --db '%s' %s%s -o '%s/%s'", kaoping, src,
               layout, db, unit ? "--unit " : "", unit ? unit : "", dir, out);
}

static int same_bytes_in(const char *a, const char *b)
{
    char pa[1200], pb[1200];
    snprintf(pa, sizeof pa, "%s/%s", dir, a);
    snprintf(pb, sizeof pb, "%s/%s", dir, b);
    return same_bytes(pa, pb);
}

static int count_entries_in(const char *sub)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    return count_entries(path);
}

/* Every font embedded, as a subset, with a Unicode map. */
static void check_fonts(const char *pdf)
{
    CHECK_INT_EQ(run("pdffonts '%s/%s'", dir, pdf), 0);
    int fonts = 0;
    char *line = strstr(run_out, "\n---");
    while (line && (line = strchr(line + 1, '\n')) && line[1]) {
        fonts++;
        char name[128] = "", rest[512] = "";
        sscanf(line + 1, "%127s %511[^\n]", name, rest);
        CHECK(strlen(name) > 7 && name[6] == '+'); /* ABCDEF+Name: a subset */
        CHECK_STR_CONTAINS(rest, "yes yes yes");
    }
    CHECK_INT_EQ(fonts, 1);
}

static void check_clean(const char *pdf)
{
    CHECK_INT_EQ(run("qpdf --check '%s/%s'", dir, pdf), 0);
    CHECK_STR_CONTAINS(run_out, "No syntax or stream encoding errors");
}

/* The PDF's text, squeezed, with no character the font lacked (U+FFFD). */
static char *text_of(const char *pdf)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, pdf);
    char *t = pdf_text(path);
    CHECK(t != NULL);
    CHECK(t && !strstr(t, "\xEF\xBF\xBD"));
    return t;
}

static void test_city(void)
{
    CHECK_INT_EQ(render("city", NULL, "city.pdf"), 0);
    char *t = text_of("city.pdf");
    CHECK_IN_ORDER(t,
        /* the cover, with the association and the run's date */
        "全市计划生育协会工作目标考评总报告", "2023年度", "考评单位：XX市计划生育协会",
        "报告日期：2024年1月15日",
        "一、考评概况", "全市平均得分79.00分", "得分最高的是东江区、西岭区（102.00分）",
        "最低的是永宁县（41.01分）", "优秀4个（东江区、西岭区、南塘区、北湖区）",
        "安平市触发一票否决", "考评等次分布",
        /* the ranking: a tie for first, area subtotals, totals, grades */
        "二、综合排名", "名次县（市、区）宣传贯彻组织建设生育支持家庭帮扶健康促进生殖健康婚育文化协会影响",
        "1东江区10.0015.0015.0015.0017.0010.0010.0010.00102.00优秀",
        "1西岭区10.00", "3南塘区9.67", "4安平市9.6713.3314.5014.0015.6710.009.0010.0096.17合格*",
        "10永宁县3.675.174.004.0011.005.505.002.6741.01不合格", "名次相同者为并列",
        "全市各县（市、区）总分排名",
        "三、各项工作得分情况", "各县（市、区）分项得分率", "各项工作全市平均",
        "宣传贯彻党的二十大精神108.0080.0%10.003.67",
        "四、各项工作强弱分析", "（一）宣传贯彻党的二十大精神", "全市平均8.00分（得分率80.0%）",
        "（八）扩大协会组织影响",
        "五、一票否决、无数据和未评分情况", "安平市组织建设县级计生协按期换届否，触发一票否决",
        /* wrapped cells: the -layout text has a row's lines around its name */
        "无数据（本年度没有青春健康项目记", "青峰县生殖健康", "未评分：规则出错",
        "云阳县生育支持", "六、说明", "第1次考评记录", "XX市计划生育协会2024年1月15日");
    free(t);
    check_fonts("city.pdf");
    check_clean("city.pdf");
}

static void test_county(void)
{
    /* 安平市: a good total capped by a veto. */
    CHECK_INT_EQ(render("county", "429909000000", "anping.pdf"), 0);
    char *t = text_of("anping.pdf");
    CHECK_IN_ORDER(t,
        "安平市计划生育协会", "2023年度工作目标考评报告", "考评单位：XX市计划生育协会",
        "目录", "一、考评结果", "考评总分96.17分（满分100分）", "考评等次合格（一票否决）",
        "全市排名第4名（共10个县市区）", "等次由“优秀”降为“合格”",
        "安平市与全市平均得分率对比", "（一）分项得分与全市平均",
        "规范基层组织建设1513.3388.9%11.33+2.00", "合计10096.17", "各项工作得分率",
        "全市各县（市、区）总分排名",
        "二、分项考评情况", "（一）宣传贯彻党的二十大精神",
        "1开展宣讲活动的乡镇（街道）占比100.00%100.00%6.006.00",
        "2全县宣讲活动场次（不少于12场）11场12场3.674.00", "本项分值10分，得分9.67分，全市平均8.00分。",
        "（二）规范基层组织建设", "县级计生协按期换届（否决项）否是否决",
        "（八）扩大协会组织影响", "每月报送信息2篇以上的月份", "2023年每月报送信息篇数",
        "三、整改建议", "1.【组织建设】县级计生协按期换届：否，触发一票否决，等次最高为合格。",
        "四、说明", "等次标准：优秀（90分及以上）");
    free(t);
    check_fonts("anping.pdf");
    check_clean("anping.pdf");

    /* 青峰县: no data in a whole area shows 无数据, never a figure of 0. */
    CHECK_INT_EQ(render("county", "429907000000", "qingfeng.pdf"), 0);
    t = text_of("qingfeng.pdf");
    CHECK_IN_ORDER(t, "有2项指标无数据", "（六）拓展生殖健康服务",
                   "1开展的青春健康项目（四项）无数据4项0.005.00",
                   "2经培训的青春健康教育主持人无数据5名0.005.00",
                   "无数据（本年度没有青春健康项目记录）", "三、整改建议",
                   "【生殖健康】开展的青春健康项目（四项）：无数据（本年度没有青春健康项目记录），失5.00分。");
    CHECK(!strstr(t, "青春健康项目（四项）0项"));
    free(t);

    /* 云阳县: an item that could not be scored says so, and why. */
    CHECK_INT_EQ(render("county", "429908000000", "yunyang.pdf"), 0);
    t = text_of("yunyang.pdf");
    CHECK_IN_ORDER(t, "有1项指标未能评分", "2政策宣传活动场次（不少于20场）未评分20场未评分5.00",
                   "未评分原因：规则出错：scripts/rules/2023.lua:88",
                   "共有18项指标失分，合计失42.51分；另有1项指标未能评分。",
                   "【生育支持】政策宣传活动场次（不少于20场）：未能评分（规则出错");
    free(t);

    /* 永宁县: 整改建议 name the gap and the places, the first few then 等 N. */
    CHECK_INT_EQ(render("county", "429910000000", "yongning.pdf"), 0);
    t = text_of("yongning.pdf");
    CHECK_IN_ORDER(t, "三、整改建议", "共有20项指标失分，合计失58.99分",
                   "【宣传贯彻】开展宣讲活动的乡镇（街道）占比：完成33.33%，目标100.00%，"
                   "差66.67个百分点，失4.00分。未开展宣讲的乡镇：新集镇、桥头街道。",
                   "【家庭帮扶】特殊家庭双岗联系人覆盖率：完成40.00%，目标100.00%，差60.00个百分点，"
                   "失3.00分。未落实双岗联系人的家庭：429910-00009、429910-00010、429910-00011、"
                   "429910-00012、429910-00013等12户。");
    /* The full lists, villages under their townships. */
    CHECK_STR_CONTAINS(t, "未完成换届的村（社区）（3个）：城关镇：和平社区（未上报）；"
                          "新集镇：团结村（本年度未开展）；桥头街道：幸福村（未上报）。");
    free(t);
}

static void test_area(void)
{
    CHECK_INT_EQ(render("area", "organization", "organization.pdf"), 0);
    char *t = text_of("organization.pdf");
    CHECK_IN_ORDER(t, "规范基层组织建设", "2023年度县（市、区）专项考评报告",
                   "一、考评内容", "分值15分，扣分最多2.00分，共设5项考评内容",
                   "4县级在岗与在编人数不符扣分项—2.00每个计0.5分，最多2分",
                   "5县级计生协按期换届否决项是等次≤合格低于1即一票否决",
                   "二、各县（市、区）得分", "1东江区15.000.000.0015.00100.0%1",
                   "组织建设得分排名", "三、分指标完成情况", "（一）乡镇（街道）计生协完成换届占比",
                   "（五）县级计生协按期换届", "安平市否是否决", "四、存在的主要问题",
                   "“县级计生协按期换届”：安平市触发一票否决。", "五、说明");
    free(t);
    check_fonts("organization.pdf");
    check_clean("organization.pdf");
    /* A subject the layout does not have is refused, naming it. */
    CHECK_INT_EQ(render("area", "nonesuch", "nonesuch.pdf"), 1);
    CHECK_STR_CONTAINS(run_out, "has no subject nonesuch");
}

/* A work area that was not assessed (its plugin was not loaded) shows as
 * 未评分 with the reason, out of the totals, in every layout. */
static void test_skipped_area(void)
{
    const char *saved = db;
    db = skipped_db;
    CHECK_INT_EQ(render("city", NULL, "skipped-city.pdf"), 0);
    char *t = text_of("skipped-city.pdf");
    CHECK_IN_ORDER(t, "满分90分", "婚育文化", "1东江区10.0015.0015.0015.0017.0010.00未评分10.0092.00优秀",
                   "培育新型婚育文化10未评分—", "（七）培育新型婚育文化", "插件未加载，本项未评分");
    free(t);
    CHECK_INT_EQ(render("county", "429901000000", "skipped-county.pdf"), 0);
    t = text_of("skipped-county.pdf");
    CHECK_IN_ORDER(t, "考评总分92.00分（满分90分）", "培育新型婚育文化10未评分—", "合计9092.00",
                   "（七）培育新型婚育文化", "插件未加载，本项未评分", "（八）扩大协会组织影响");
    free(t);
    CHECK_INT_EQ(render("area", "marriage_culture", "skipped-area.pdf"), 0);
    t = text_of("skipped-area.pdf");
    CHECK_IN_ORDER(t, "培育新型婚育文化", "一、考评内容", "二、考评情况", "插件未加载，本项未评分",
                   "三、说明");
    free(t);
    db = saved;
}

/* Rendering again gives the same bytes, and so do parallel workers. */
static void test_same_bytes(void)
{
    CHECK_INT_EQ(render("city", NULL, "city-again.pdf"), 0);
    CHECK(same_bytes_in("city.pdf", "city-again.pdf"));
    CHECK_INT_EQ(render("county", "429909000000", "anping-again.pdf"), 0);
    CHECK(same_bytes_in("anping.pdf", "anping-again.pdf"));
    CHECK_INT_EQ(run("'%s' report --layout '%s/reports/county.lua' --db '%s' --all -j 2 -o '%s/all'",
                     kaoping, src, db, dir), 0);
    CHECK(same_bytes_in("anping.pdf", "all/county-429909000000-安平市.pdf"));
    CHECK_INT_EQ(count_entries_in("all"), 10);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_layouts KAOPING FIXTURE_DB SKIPPED_DB SOURCE_ROOT\n");
        return 2;
    }
    kaoping = argv[1], db = argv[2], skipped_db = argv[3], src = argv[4];
    if (!(dir = scratch("layouts"))) {
        perror("scratch folder");
        return 1;
    }
    test_city();
    test_county();
    test_area();
    test_skipped_area();
    test_same_bytes();
    int status = check_status();
    if (status == 0)
        run("rm -rf '%s'", dir);
    else
        fprintf(stderr, "the files are in %s\n", dir);
    return status;
}
