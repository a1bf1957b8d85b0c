/*
 * render_bench.c — time to lay out and write one county report as PDF.
 *
 * The document is shaped like a county assessment report: a cover, the
 * contents, the eight work areas of the 2023 work plan (their text from the
 * plan itself, about 500 distinct hanzi), each with a key–value summary and
 * a table of indicators, two charts, and a closing table of every indicator.  Reported:
 * time per document split into building, layout, finding the characters,
 * subsetting the font and writing (compression included); PDF size; peak
 * memory.
 *
 * usage: render_bench [RUNS [OUT.pdf]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "chart/chart.h"
#include "render/layout.h"
#include "pdf/pdf.h"

/* From the city's 2023 work plan (the document kaoping assesses against). */
static const char *intro =
    "2023年，全市计生协工作坚持以习近平新时代中国特色社会主义思想为指导，全面宣传贯彻党的二十大精神和习近平总书记关于计生"
    "协工作的重要指示精神，按照省、市党代会精神和省计生协工作要求，围绕党委政府优化生育政策决策部署，聚焦促进人口发展、生育支"
    "持、家庭建设，做好生育支持服务、计生特殊家庭帮扶、生殖健康咨询服务、家庭健康促进等工作，团结带领广大计生家庭和育龄群众为"
    "XX建设长江大保护典范城市作出协会贡献。";

static const struct { const char *title, *text; } areas[] = {
    {"宣传贯彻党的二十大精神",
     "把学习好、宣传好、贯彻好党的二十大精神作为当前和今后一个时期计生协的首要政治任务，把加强党的领导贯穿计生协工作的各方面和"
     "全过程，引导会员群众深入学习领会党的二十大精神，增强与党同心、跟党奋斗的坚定意志。组织动员各地基层计生协组织学好用好计生"
     "协会员群众学习贯彻党的二十大精神手册，以“学习二十大奋进新征程”为主题，组织广大计生协理事、会员、志愿者，深入基层计生协"
     "广泛开展富有特色的宣讲活动，向广大会员群众宣讲党的二十报告精神实质和核心要义，团结引领会员群众坚定不移听党话感党恩跟党走"
     "。"},
    {"规范基层组织建设",
     "继续推动市、县级计生协依据改革方案、“三定”方案按期换届，配齐配强领导班子，切实解决好“在岗不在编、在编不在岗”等干部队"
     "伍建设“顽疾：深入学习宣传中国计生协基层组织工作规范，乡(镇)、村(社区)计生协组织全面完成换届工作，确保乡(镇)、村("
     "社区)计生协有机构管事、有人员做事。优化会员队伍结构，摸清会员底数，立足“六项重点任务”，加强乡、村两级计生协阵地建设，"
     "打造集多种服务功能于一体的新时代“会员之家二推进计生基层群众自治工作创新，畅通参与社会治理、服务乡村振兴、建功共同缔造的"
     "渠道。支持县级计生协参加省计生协“新时代计生协会综合发展先行区”试点。"},
    {"开展生育支持服务",
     "以XX市优化生育政策促进人口长期均衡发展实施方案、市卫健委市教育局市财政局关于规范开展一次性生育补贴、育儿补贴金和保教费"
     "发放工作的通知为主要内容，通过印制海报、设置展板、更新宣传栏、印发宣传单等形式，开展政策宣传进单位、进工厂、进学校、进社"
     "区、进家庭活动，让积极生育支持政策家喻户晓、深入人心。全面开展“优生优育进万家”活动，鼓励支持优生优育指导中心、“向日葵"
     "亲子小屋”项目建设。指导已建“优生优育指导中心”做好省计生协评估评选准备。积极履行婴幼儿照护服务宣传教育和社会监督职责。"},
    {"落实计生家庭帮扶",
     "继续以天使儿女为载体，深入开展“暖心行动”，落实精神慰藉、走访慰问、志愿服务、保险保障等“四项制度”，协助推进双岗联系人"
     "制度、家庭医生签约服务、优先便利医疗服务“三个全覆盖”。以计生特殊家庭需求为导向，通过共建、自建等多种形式，加大“暖心家"
     "园”等帮扶阵地建设力度，指导做好“暖心家园”项目申报及实施。发挥各级计生协志愿者队伍作用，积极参与计生家庭帮扶行动，帮助"
     "解决好计生家庭实际困难。继续实施好计生特殊家庭住院护理补贴保险、补充医疗保险，协助落实好部分老龄失独人员居家养老服务补贴"
     "发放工作。加强计生家庭意外伤害保险公益性宣传，通过募集资金和利用财政资金向生产一线、高危行业以及计生困难群众赠送计生家庭"
     "意外伤害保险，力争覆盖面在去年基础上稳中有升。"},
    {"推进健康促进行动",
     "积极融入健康XX建设，以健康家庭建设为抓手，积极开展“健康知识进万家”活动，各基层协会每年组织举办一至二期家庭健康知识大"
     "讲堂，广泛普及健康知识，营造家庭健康氛围，提升家庭健康素养。加强对儿童、青少年、育龄人群及中老年的健康指导和服务，引导家"
     "庭树立健康理念、养成健康行为习惯。推广使用家庭健康指导员培训教材，加强家庭健康指导员队伍建设，力争50%村(社区)配备至"
     "少2名家庭健康指导员。支持有条件的县市区申报人口福利基金“家庭健康服务中心”项目。组织计生协干部、广大会员参与中国计生协"
     "、省计生协组织的“好家风健康行”家庭健康系列活动。持续开展新市民健康行动，争取并实施流动人口健康促进服务项目。"},
    {"拓展生殖健康服务",
     "依托医疗卫生计生服务体系，普及科学避孕和生殖健康知识，帮助解决青少年、育龄人群及其他特定人群生殖健康突出问题。商请共青团"
     "、妇联、教育等部门，建立涵盖大中小学的青春健康教育主持人师资队伍，组织人员参加青春健康教育主持人师资培训。积极动员辖区各"
     "高校实施青春健康高校项目，打造青春健康教育基地。推动各县市区开展“青春健康成长之道”“青春健康沟通之道家庭培训”“青春健"
     "康俱乐部”“关爱儿童远离侵害”项目。"},
    {"培育新型婚育文化",
     "发挥协会网络优势，加强群众婚恋观家庭观引导，提倡尊重生育的社会价值，构建适龄婚育、文明婚育、优生优育、性别平等、责任共担"
     "的新时代婚育文化，营造生育友好的社会氛围。指导各级计生协和会员群众学好用好会刊人生，鼓励动员会员订阅会刊，并通过赠阅等方"
     "式确保每个基层协会组织有一份会刊。结合学习宣传贯彻党的二十大精神和“529”会员活动日”“711世界人口日”等重要节点，"
     "组织开展“学习二十大奋进新征程”主题宣传活动，多形式宣传新型婚育文化、营养健康知识、评选表彰先进、展现协会风米。"},
    {"扩大协会组织影响",
     "加强品牌培植，继续培育全省计生协工作品牌项目，积极参与全省“计生协会风采展示”活动。加强项目建设，各县市区至少成功申报并"
     "建成1个省级家庭健康促进行动项目点。加强信息报送，各县市区每月向省计生协上报活动信息、工作动态2篇以上。加强志愿服务，在"
     "计生协组织的各项活动以及参加文明典范城市、国家卫生城市等创建志愿服务时，计生协工作人员和会员应着计生协志愿者服装，展示计"
     "生协志愿服务队旗;基层计生协志愿者红马甲不足的，由各县市区计生协自行订制。加强工作督导，将计生协活动开展、信息报送、项目"
     "建设、会刊学用、计生保险等情况纳入对卫生健康工作目标考评内容。"},
};

static const char *indicators[] = {
    "会员之家覆盖率", "计生特殊家庭走访慰问率", "家庭健康指导员配备率", "青春健康教育覆盖学校数",
    "暖心家园项目建成数", "计生家庭意外伤害保险覆盖人数", "会刊《人生》订阅份数",
    "活动信息上报篇数", "志愿服务活动场次", "优生优育指导中心建设数",
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int build(kp_doc **out, kp_err *e)
{
    kp_doc *d;
    struct kp_doc_table *t;
    char a[64], b[64], c[64], s[64], g[16];
    if (kp_doc_new(&d, e) < 0)
        return -1;
    kp_doc_set_info(d, KP_INFO_TITLE, "XX县计划生育协会2023年度工作考评报告", e);
    kp_doc_set_info(d, KP_INFO_UNIT, "XX县计划生育协会", e);
    kp_doc_set_info(d, KP_INFO_SUBJECT, "2023年度工作考评", e);
    kp_doc_set_info(d, KP_INFO_KEYWORDS, "计生协，考评，2023", e);
    const char *cover[] = {"被考评单位：XX县计划生育协会", "考评单位：XX市计划生育协会",
                           "二〇二四年一月"};
    kp_doc_cover(d, "XX县计划生育协会\n2023年度工作考评报告", "依据《XX市计划生育协会2023年工作要点》",
                 cover, 3, e);
    kp_doc_toc(d, e);
    kp_doc_heading(d, 1, "总体情况", e);
    kp_doc_paragraph(d, intro, 0, e);
    const char *keys[] = {"总分：", "等次：", "全市排名："};
    const char *values[] = {"92.5分", "优秀", "第3名（共12个县市区）"};
    kp_doc_key_values(d, keys, values, 3, e);
    /* Two charts, as a county report has: the areas' scores against the
     * city average, and the areas ranked. */
    kp_chart *chart;
    if (kp_chart_new(&chart, KP_CHART_RADAR, e) < 0)
        goto fail;
    kp_chart_set_title(chart, "各工作领域得分率与全市平均", e);
    kp_chart_set_unit(chart, "%", e);
    kp_chart_set_range(chart, 0, 100, e);
    kp_chart_add_series(chart, "本县", e);
    kp_chart_add_series(chart, "全市平均", e);
    for (size_t i = 0; i < sizeof areas / sizeof *areas; i++) {
        kp_chart_add_category(chart, areas[i].title, e);
        kp_chart_set_value(chart, 0, i, 70.0 + (double)(i * 37 % 30), e);
        kp_chart_set_value(chart, 1, i, 80.0, e);
    }
    if (kp_doc_chart(d, chart, 300, e) < 0)
        goto fail;
    if (kp_chart_new(&chart, KP_CHART_BAR_RANKING, e) < 0)
        goto fail;
    kp_chart_set_title(chart, "各工作领域得分", e);
    kp_chart_set_unit(chart, "分", e);
    kp_chart_add_series(chart, "得分", e);
    kp_chart_add_reference(chart, 8, "目标", e);
    for (size_t i = 0; i < sizeof areas / sizeof *areas; i++) {
        kp_chart_add_category(chart, areas[i].title, e);
        kp_chart_set_value(chart, 0, i, 6.0 + (double)(i * 13 % 8) / 2, e);
    }
    if (kp_doc_chart(d, chart, 0, e) < 0)
        goto fail;
    kp_doc_heading(d, 1, "分项考评", e);
    for (size_t i = 0; i < sizeof areas / sizeof *areas; i++) {
        kp_doc_heading(d, 2, areas[i].title, e);
        kp_doc_paragraph(d, areas[i].text, 0, e);
        if (kp_doc_table(d, 5, &t, e) < 0)
            goto fail;
        kp_table_column(t, 0, "指标", KP_COL_SHARE, 1, KP_ALIGN_LEFT, e);
        kp_table_column(t, 1, "目标值", KP_COL_AUTO, 0, KP_ALIGN_RIGHT, e);
        kp_table_column(t, 2, "完成值", KP_COL_AUTO, 0, KP_ALIGN_RIGHT, e);
        kp_table_column(t, 3, "得分", KP_COL_AUTO, 0, KP_ALIGN_RIGHT, e);
        kp_table_column(t, 4, "说明", KP_COL_SHARE, 1, KP_ALIGN_LEFT, e);
        kp_table_set_zebra(t, 1);
        for (size_t r = 0; r < 4; r++) {
            size_t k = (i * 3 + r) % (sizeof indicators / sizeof *indicators);
            snprintf(a, sizeof a, "%zu%%", 80 + k);
            snprintf(b, sizeof b, "%.1f%%", 70.0 + (double)((i * 7 + r * 13) % 30));
            snprintf(s, sizeof s, "%.1f", 6.0 + (double)((i + r) % 5) / 2);
            snprintf(c, sizeof c, r == 1 ? "较上年提高%zu个百分点，完成年度目标" : "达标", r + 2);
            const char *cells[] = {indicators[k], a, b, s, c};
            if (kp_table_row(t, cells, 5, 0, e) < 0)
                goto fail;
        }
    }
    kp_doc_heading(d, 1, "附表：指标明细", e);
    if (kp_doc_table(d, 6, &t, e) < 0)
        goto fail;
    kp_table_column(t, 0, "序号", KP_COL_AUTO, 0, KP_ALIGN_CENTER, e);
    kp_table_column(t, 1, "工作领域", KP_COL_AUTO, 0, KP_ALIGN_LEFT, e);
    kp_table_column(t, 2, "指标", KP_COL_SHARE, 1, KP_ALIGN_LEFT, e);
    kp_table_column(t, 3, "权重", KP_COL_AUTO, 0, KP_ALIGN_RIGHT, e);
    kp_table_column(t, 4, "得分", KP_COL_AUTO, 0, KP_ALIGN_RIGHT, e);
    kp_table_column(t, 5, "等次", KP_COL_AUTO, 0, KP_ALIGN_CENTER, e);
    kp_table_set_zebra(t, 1);
    for (size_t r = 0; r < 80; r++) {
        size_t k = r % (sizeof indicators / sizeof *indicators);
        snprintf(a, sizeof a, "%zu", r + 1);
        snprintf(b, sizeof b, "%zu", 5 + r % 10);
        snprintf(s, sizeof s, "%.1f", 3.0 + (double)(r % 7));
        snprintf(g, sizeof g, "%s", r % 9 == 0 ? "良好" : "优秀");
        const char *cells[] = {a, areas[r % 8].title, indicators[k], b, s, g};
        if (kp_table_row(t, cells, 6, r == 79 ? KP_ROW_BOLD : 0, e) < 0)
            goto fail;
    }
    *out = d;
    return 0;
fail:
    kp_doc_free(d);
    return -1;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 50;
    const char *out_path = argc > 2 ? argv[2] : NULL;
    if (runs < 1)
        runs = 1;
    kp_err e;
    kp_font *font;
    kp_subsetter *ss;
    double t0 = now_ms();
    if (kp_font_open(&font, NULL, 0, &e) < 0 || kp_subsetter_open(&ss, font, &e) < 0) {
        fprintf(stderr, "render_bench: %s\n", e.msg);
        return 1;
    }
    double open_ms = now_ms() - t0;
    double sum[6] = {0}, best[6];
    for (int i = 0; i < 6; i++)
        best[i] = 1e30;
    size_t bytes = 0, pages = 0, chars = 0, font_bytes = 0;
    for (int run = 0; run < runs; run++) {
        kp_doc *d;
        kp_layout *l;
        kp_buf pdf;
        kp_pdf_stats st;
        kp_pdf_options o = {.timestamp = 1704067200, .stats = &st};
        kp_buf_init(&pdf, 0);
        double a = now_ms();
        if (build(&d, &e) < 0) {
            fprintf(stderr, "render_bench: %s\n", e.msg);
            return 1;
        }
        double b = now_ms();
        if (kp_layout_run(&l, d, font, &e) < 0) {
            fprintf(stderr, "render_bench: %s\n", e.msg);
            return 1;
        }
        double c = now_ms();
        if (kp_pdf_render(d, l, font, ss, &o, &pdf, &e) < 0) {
            fprintf(stderr, "render_bench: %s\n", e.msg);
            return 1;
        }
        double end = now_ms();
        double t[6] = {b - a, c - b, st.collect_ms, st.subset_ms, st.write_ms, end - a};
        for (int i = 0; i < 6; i++) {
            sum[i] += t[i];
            if (t[i] < best[i])
                best[i] = t[i];
        }
        bytes = pdf.len;
        pages = l->npages;
        chars = st.chars;
        font_bytes = st.font_bytes;
        if (run == runs - 1 && out_path && kp_pdf_write(d, l, font, ss, &o, out_path, &e) < 0) {
            fprintf(stderr, "render_bench: %s\n", e.msg);
            return 1;
        }
        kp_buf_free(&pdf);
        kp_layout_free(l);
        kp_doc_free(d);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    static const char *names[] = {"build document", "layout", "find characters", "subset font",
                                  "write PDF", "total"};
    printf("county report: %zu pages, %zu distinct characters, PDF %zu bytes (%.1f KiB), "
           "font subset %zu bytes before compression\n",
           pages, chars, bytes, bytes / 1024.0, font_bytes);
    printf("font and subsetter opened once: %.2f ms\n", open_ms);
    printf("%d runs, per document:      mean      best\n", runs);
    for (int i = 0; i < 6; i++)
        printf("  %-18s %8.2f ms %8.2f ms\n", names[i], sum[i] / runs, best[i]);
    printf("peak memory (max RSS): %ld KiB\n", ru.ru_maxrss);
    kp_subsetter_close(ss);
    kp_font_close(font);
    return 0;
}
