/*
 * test_organization.c — the organization work area on a hand-computed dataset.
 *
 * data/organization/org_status.csv (English header):
 *   江北区 2023: the county re-elected, 在岗 5 在编 7, 1200 members.
 *     城关街道 re-elected, 300 members, 会员之家 是.
 *     长岭镇 not re-elected, no member count, 会员之家 否.
 *     东湖社区 re-elected, 80 members; 西湖村 not re-elected, no member count.
 *     长岭村 and 河口乡 sent no row.
 *   → county_reelected 1; township_reelection 1/3 (长岭镇 未完成换届, 河口乡
 *     未上报); village_reelection 1/3 (西湖村 未完成, 长岭村 未上报);
 *     member_home_coverage 1/3 (长岭镇 未建成, 河口乡 未上报); staffing_gap
 *     |5 − 7| = 2; member_records: 3 of the county's 7 units gave a count
 *     (江北区, 城关街道, 东湖社区) = 42.9%, 1200 + 300 + 80 = 1580 members.
 *   江北区 2022: only the county's row — not re-elected, 在岗 6 在编 6 →
 *     county_reelected 0, staffing_gap 0, township_reelection 0/3 (all 未上报).
 *   南山县 2023: the county's row only, 在编 left empty → staffing_gap 无数据,
 *     township_reelection 0/1; 2022: no row at all → 无数据 everywhere.
 *   新区 2023: the county's row; no townships or villages → those shares 无数据,
 *     member_records 1/1.
 * 会员之家 in villages: 东湖社区 是, 西湖村 empty, 长岭村 no row → 1/3.
 * 按期换届 by the dates (due_on 应换届日期):
 *   江北区 2023 due 2023-06-30, re-elected 2023-04-01 → on time (1);
 *   江北区 2022 due 2022-12-31, not re-elected → 0, "应于2022-12-31前换届，未换届";
 *   南山县 2023 due 2023-01-31, re-elected 2023-03-03 → late (0) although
 *     the flag says 是; 新区 2023 due 2025-05-01, not yet due → 1.
 */
#include "harness.h"
#include "plan_check.h"

static void test_village_member_home(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("village_member_home_coverage", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 100.0 / 3, 1e-9);
    CHECK_STR_EQ(evidence_keys(&r), "420102001002 420102002001");
    CHECK_STR_EQ(evidence_details(&r), "未填写是否建成会员之家|未上报组织状况");
    CHECK_NUM_EQ(figure(&r, "建成会员之家的村"), 1, 0);
    CHECK_NUM_EQ(figure(&r, "村总数"), 3, 0);
    kp_indicator_result_free(&r);
    CHECK_NO_DATA("village_member_home_coverage", XINQU, 2023, "县内没有村");
}

static void test_reelected_on_time(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("county_reelected_on_time", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_INT_EQ(r.nevidence, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("county_reelected_on_time", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_STR_EQ(evidence_details(&r), "应于2022-12-31前换届，未换届");
    kp_indicator_result_free(&r);

    /* The flag says 是, but the date is after the due date. */
    CHECK_INT_EQ(evaluate("county_reelected_on_time", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_STR_EQ(evidence_names(&r), "南山县");
    CHECK_STR_EQ(evidence_details(&r), "2023-03-03换届，晚于应换届日期2023-01-31");
    kp_indicator_result_free(&r);

    /* A term not yet due is on schedule. */
    CHECK_INT_EQ(evaluate("county_reelected_on_time", XINQU, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("county_reelected_on_time", NANSHAN, 2022, "本年度没有县级组织状况记录");
}

static void test_county_reelected(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("county_reelected", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_INT_EQ(r.nevidence, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("county_reelected", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_STR_EQ(evidence_names(&r), "江北区");
    CHECK_STR_EQ(evidence_details(&r), "县级计生协未完成换届");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("county_reelected", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("county_reelected", NANSHAN, 2022, "本年度没有县级组织状况记录");
}

static void test_reelection_shares(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("township_reelection", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 100.0 / 3, 1e-9);
    CHECK_STR_EQ(evidence_keys(&r), "420102002000 420102003000");
    CHECK_STR_EQ(evidence_details(&r), "未完成换届|未上报组织状况");
    CHECK_NUM_EQ(figure(&r, "完成换届的乡镇"), 1, 0);
    CHECK_NUM_EQ(figure(&r, "乡镇总数"), 3, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("township_reelection", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_STR_EQ(evidence_names(&r), "城关街道 长岭镇 河口乡");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("township_reelection", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_STR_EQ(evidence_names(&r), "南山镇");
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("township_reelection", NANSHAN, 2022, "本年度没有组织状况记录");
    CHECK_NO_DATA("township_reelection", XINQU, 2023, "县内没有乡镇");

    CHECK_INT_EQ(evaluate("village_reelection", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 100.0 / 3, 1e-9);
    CHECK_STR_EQ(evidence_names(&r), "西湖村 长岭村");
    CHECK_STR_EQ(evidence_details(&r), "未完成换届|未上报组织状况");
    CHECK_NUM_EQ(figure(&r, "村总数"), 3, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("village_reelection", XINQU, 2023, "县内没有村");
    CHECK_NO_DATA("village_reelection", NANSHAN, 2022, "本年度没有组织状况记录");
}

static void test_member_home_coverage(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("member_home_coverage", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 100.0 / 3, 1e-9);
    CHECK_STR_EQ(evidence_names(&r), "长岭镇 河口乡");
    CHECK_STR_EQ(evidence_details(&r), "未建成会员之家|未上报组织状况");
    CHECK_NUM_EQ(figure(&r, "建成会员之家的乡镇"), 1, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("member_home_coverage", XINQU, 2023, "县内没有乡镇");
    CHECK_NO_DATA("member_home_coverage", JIANGBEI, 2021, "本年度没有组织状况记录");
}

static void test_staffing_gap(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("staffing_gap", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 2, 0);
    CHECK_NUM_EQ(figure(&r, "在岗人数"), 5, 0);
    CHECK_NUM_EQ(figure(&r, "在编人数"), 7, 0);
    CHECK_STR_EQ(evidence_keys(&r), JIANGBEI);
    CHECK_STR_EQ(evidence_details(&r), "在岗 5 人，在编 7 人");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("staffing_gap", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_INT_EQ(r.nevidence, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("staffing_gap", NANSHAN, 2023, "县级在岗人数或在编人数未填写");
    CHECK_NO_DATA("staffing_gap", NANSHAN, 2022, "本年度没有县级组织状况记录");
}

static void test_member_records(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("member_records", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 300.0 / 7, 1e-9);
    CHECK_NUM_EQ(figure(&r, "上报会员数的单位"), 3, 0);
    CHECK_NUM_EQ(figure(&r, "单位总数"), 7, 0);
    CHECK_NUM_EQ(figure(&r, "会员总数"), 1580, 0);
    CHECK_STR_EQ(evidence_keys(&r), "420102001002 420102002000 420102002001 420102003000");
    CHECK_STR_EQ(evidence_details(&r), "未填写会员数|未填写会员数|未上报组织状况|未上报组织状况");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("member_records", XINQU, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 100, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("member_records", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 100.0 / 3, 1e-9);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("member_records", NANSHAN, 2022, "本年度没有组织状况记录");
}

static void test_refusals(void)
{
    expect_refused("org_status.csv", "unit,year,reelected\n420100000000,2023,是\n",
                   "org_status.csv:2: unit: unit \"420100000000\" is a 市-level unit",
                   "this column takes 县/乡/村 units");
    expect_refused("org_status.csv", "单位代码,年度,是否完成换届\n420102001000,2023,不知道\n",
                   "org_status.csv:2: 是否完成换届: \"不知道\"", "expected 是/否");
    expect_refused("org_status.csv", "unit,year,reelected,members\n420102001000,2023,,12\n",
                   "org_status.csv:2: reelected: a value is required", "");
    expect_refused("org_status.csv", "unit,year,members\n420102001000,2023,12\n",
                   "org_status.csv:1: the header lacks required column reelected", "");
}

int main(int argc, char **argv)
{
    harness_start(argc, argv);
    harness_load_dataset();
    check_headers_both_ways();
    test_county_reelected();
    test_village_member_home();
    test_reelected_on_time();
    test_reelection_shares();
    test_member_home_coverage();
    test_staffing_gap();
    test_member_records();
    test_refusals();
    check_query_plans((const int[]){2022, 2023}, 2);
    return harness_finish();
}
