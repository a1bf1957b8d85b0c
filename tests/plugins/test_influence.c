/*
 * test_influence.c — the influence work area on a hand-computed dataset.
 *
 * data/influence/info_reports.csv (Chinese header), 江北区's reports:
 *   2023: January 2, February 1, March 3, June 2, no other month; 3 adopted
 *     (省, 市, 国家).  Only reports sent to the 省计生协 count: March's
 *     城关街道 one went to the 市计生协 and June's second names no recipient.
 *     One in 2022-12 and one in 2024-01 lie outside 2023.
 *   → report_months 2023 = 2 (Jan 2, Mar 2); short: 2023-02 "1篇", 2023-06
 *     "1篇" and April, May, July … December "0篇"; 6 of the 8 reports count.
 *   → 2022 = 0 months, all twelve short (2022-12 "1篇").
 *   南山县: no report → 无数据.
 * data/influence/brand_projects.csv (English header):
 *   江北区: the county's provincial 项目点 建成; 城关街道's provincial 项目点
 *     申报; 长岭镇's is 市级; the county's 省级 品牌项目 is not a 项目点.
 *   → provincial_sites 1, listing 城关街道's (申报).
 *   南山县: its provincial 项目点 申报 → 0.  新区: no row → 无数据.
 * data/influence/volunteer_events.csv (Chinese header):
 *   江北区 2023: 4 events with 20 + 10 + 8 + 15 = 53 volunteers; in uniform:
 *     the county's (是) and 城关街道's (Y); 东湖社区's 否; 长岭镇's empty
 *     → volunteer_uniform 2/4 = 50%.  2022: one, not in uniform → 0%.
 *   南山县: none → 无数据.
 */
#include "harness.h"
#include "plan_check.h"

static void test_report_months(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("report_months", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 2, 0);
    CHECK_STR_EQ(evidence_keys(&r), "2023-02 2023-04 2023-05 2023-06 2023-07 2023-08 2023-09 "
                                    "2023-10 2023-11 2023-12");
    CHECK_STR_EQ(evidence_details(&r), "1篇|0篇|0篇|1篇|0篇|0篇|0篇|0篇|0篇|0篇");
    CHECK_NUM_EQ(figure(&r, "报送2篇以上的月份"), 2, 0);
    CHECK_NUM_EQ(figure(&r, "报送省计生协篇数"), 6, 0);
    CHECK_NUM_EQ(figure(&r, "信息篇数"), 8, 0);
    CHECK_NUM_EQ(figure(&r, "被采用篇数"), 3, 0);
    /* Month by month, for the report's chart: they add up to the total. */
    CHECK_NUM_EQ(figure(&r, "2月"), 1, 0);
    CHECK_NUM_EQ(figure(&r, "4月"), 0, 0);
    double sum = 0;
    for (int m = 1; m <= 12; m++) {
        char name[16];
        snprintf(name, sizeof name, "%d月", m);
        sum += figure(&r, name);
    }
    CHECK_NUM_EQ(sum, 6, 0); /* the province's reports, month by month */
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("report_months", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_INT_EQ(r.nevidence, 12);
    if (r.nevidence == 12) {
        CHECK_STR_EQ(r.evidence[0].key, "2022-01");
        CHECK_STR_EQ(r.evidence[11].key, "2022-12");
        CHECK_STR_EQ(r.evidence[11].detail, "1篇");
    }
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("report_months", NANSHAN, 2023, "本年度没有信息报送记录");
}

static void test_provincial_sites(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("provincial_sites", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_STR_EQ(evidence_names(&r), "城关街道");
    CHECK_STR_EQ(evidence_details(&r), "城关街道家庭健康促进行动项目点（申报）");
    CHECK_NUM_EQ(figure(&r, "建成的省级项目点"), 1, 0);
    CHECK_NUM_EQ(figure(&r, "申报中的省级项目点"), 1, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("provincial_sites", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_STR_EQ(evidence_keys(&r), NANSHAN);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("provincial_sites", XINQU, 2023, "没有品牌与项目点记录");
}

static void test_volunteer_uniform(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("volunteer_uniform", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 50, 1e-9);
    CHECK_STR_EQ(evidence_names(&r), "东湖社区 长岭镇");
    CHECK_STR_EQ(evidence_details(&r), "2023-05-29 会员活动日志愿服务（未着统一服装）|"
                                       "2023-07-11 人口日宣传（未填写是否着装）");
    CHECK_NUM_EQ(figure(&r, "着统一服装的活动"), 2, 0);
    CHECK_NUM_EQ(figure(&r, "志愿服务活动"), 4, 0);
    CHECK_NUM_EQ(figure(&r, "志愿者人次"), 53, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("volunteer_uniform", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_INT_EQ(r.nevidence, 1);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("volunteer_uniform", NANSHAN, 2023, "本年度没有志愿服务记录");
}

static void test_refusals(void)
{
    expect_refused("info_reports.csv", "unit,date,title\n420102001000,2023-03-01,a\n",
                   "info_reports.csv:2: unit: unit \"420102001000\" is a 乡-level unit",
                   "this column takes 县 units");
    expect_refused("info_reports.csv", "单位代码,日期,标题,采用层级\n420102000000,2023-03-01,a,县\n",
                   "info_reports.csv:2: 采用层级: \"县\" is not allowed", "国家, 省, 市");
    expect_refused("brand_projects.csv", "unit,name,level\n420102000000,项目点,国家级\n",
                   "brand_projects.csv:2: level: \"国家级\" is not allowed", "省级, 市级");
    expect_refused("volunteer_events.csv", "unit,date,title,in_uniform\n"
                   "420102000000,2023-03-05,a,穿了\n",
                   "volunteer_events.csv:2: in_uniform: \"穿了\"", "expected 是/否");
}

int main(int argc, char **argv)
{
    harness_start(argc, argv);
    harness_load_dataset();
    check_headers_both_ways();
    test_report_months();
    test_provincial_sites();
    test_volunteer_uniform();
    test_refusals();
    check_query_plans((const int[]){2022, 2023}, 2);
    return harness_finish();
}
