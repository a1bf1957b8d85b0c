/*
 * test_family_support.c — the family_support work area on a hand-computed
 * dataset.
 *
 * data/family_support/special_families.csv (Chinese header), 江北区's four
 * families (南山县 has one with everything 是; 新区 has none):
 *   JB-001  联系人 是  医生 是  优先 是    走访 4   护理保险 是  补充 是
 *   JB-002  联系人 是  医生 否  优先 是    走访 2   护理保险 是  补充 否
 *   JB-003  联系人 否  医生 是  优先 是    走访 1   护理保险 否  补充 否
 *   JB-004  联系人 是  医生 是  优先 (空)  走访 (空) 护理保险 是  补充 是
 *   → liaison 3/4 = 75% (JB-003), doctor 75% (JB-002), priority_care 75%
 *     (JB-004, left empty), visits ≥ 2: 2/4 = 50% (JB-003 once, JB-004
 *     empty), nursing insurance 75% (JB-003), supplementary 2 families.
 *     The register has no year: 2022 gives the same figures.
 * data/family_support/accident_insurance.csv (English header):
 *   江北区 2022: 1200 policies, 1500 insured, 36000.5 yuan; 2023: 1100
 *     policies, 1400 insured, premium empty → 2023 = 1100, 100 fewer than 2022.
 *   南山县 2023: 800, premium 24000; 2022: a row with every figure empty →
 *     2022 无数据, and 2023 has nothing to compare with.
 *   新区: no row → 无数据.
 *   accident_insured (the plan's 覆盖面): 江北区 2023 = 1400 people, 100 fewer
 *     than 1500 in 2022; 南山县 2023 has policies but no people → 无数据.
 * data/family_support/warm_homes.csv: 江北区 2 建成 + 长岭镇's 在建 → 2;
 *   南山县 1 申报 → 0; 新区 none → 无数据.
 */
#include "harness.h"
#include "plan_check.h"

static void test_family_coverage(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("liaison_coverage", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 75, 1e-9);
    CHECK_STR_EQ(evidence_keys(&r), "JB-003");
    CHECK_STR_EQ(evidence_details(&r), "未落实双岗联系人");
    CHECK_NUM_EQ(figure(&r, "落实双岗联系人的家庭"), 3, 0);
    CHECK_NUM_EQ(figure(&r, "特殊家庭总数"), 4, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("liaison_coverage", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 75, 1e-9);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("doctor_coverage", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 75, 1e-9);
    CHECK_STR_EQ(evidence_keys(&r), "JB-002");
    CHECK_STR_EQ(evidence_details(&r), "未签约家庭医生");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("priority_care_coverage", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 75, 1e-9);
    CHECK_STR_EQ(evidence_keys(&r), "JB-004");
    CHECK_STR_EQ(evidence_details(&r), "未填写");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("visit_coverage", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 50, 1e-9);
    CHECK_STR_EQ(evidence_keys(&r), "JB-003 JB-004");
    CHECK_STR_EQ(evidence_details(&r), "走访 1 次|未填写走访次数");
    CHECK_NUM_EQ(figure(&r, "走访2次以上的家庭"), 2, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("nursing_insurance_coverage", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 75, 1e-9);
    CHECK_STR_EQ(evidence_keys(&r), "JB-003");
    CHECK_STR_EQ(evidence_details(&r), "未参加住院护理补贴保险");
    CHECK_NUM_EQ(figure(&r, "参加补充医疗保险的家庭"), 2, 0);
    kp_indicator_result_free(&r);

    static const char *const all[] = {"liaison_coverage", "doctor_coverage",
                                      "priority_care_coverage", "visit_coverage",
                                      "nursing_insurance_coverage"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        CHECK_INT_EQ(evaluate(all[i], NANSHAN, 2023, &r), KP_RESULT_VALUE);
        CHECK_NUM_EQ(r.value, 100, 1e-9);
        CHECK_INT_EQ(r.nevidence, 0);
        kp_indicator_result_free(&r);
        CHECK_NO_DATA(all[i], XINQU, 2023, "没有计生特殊家庭记录");
    }
}

static void test_accident_policies(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("accident_policies", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1100, 0);
    CHECK_NUM_EQ(figure(&r, "份数"), 1100, 0);
    CHECK_NUM_EQ(figure(&r, "参保人数"), 1400, 0);
    CHECK_NUM_EQ(figure(&r, "保费（元）"), -1, 0);
    CHECK_NUM_EQ(figure(&r, "上年份数"), 1200, 0);
    CHECK_STR_EQ(evidence_names(&r), "江北区");
    CHECK_STR_EQ(evidence_details(&r), "比上年减少 100 份");
    kp_indicator_result_free(&r);

    /* The rules evaluate year − 1 the same way. */
    CHECK_INT_EQ(evaluate("accident_policies", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1200, 0);
    CHECK_NUM_EQ(figure(&r, "保费（元）"), 36000.5, 0);
    CHECK_NUM_EQ(figure(&r, "上年份数"), -1, 0);
    CHECK_INT_EQ(r.nevidence, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("accident_policies", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 800, 0);
    CHECK_NUM_EQ(figure(&r, "保费（元）"), 24000, 0);
    CHECK_NUM_EQ(figure(&r, "参保人数"), -1, 0);
    CHECK_NUM_EQ(figure(&r, "上年份数"), -1, 0);
    CHECK_INT_EQ(r.nevidence, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("accident_policies", NANSHAN, 2022, "本年度意外伤害保险份数未填写");
    CHECK_NO_DATA("accident_policies", XINQU, 2023, "本年度没有意外伤害保险记录");
    CHECK_NO_DATA("accident_policies", JIANGBEI, 2024, "本年度没有意外伤害保险记录");
}

static void test_accident_insured(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("accident_insured", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1400, 0);
    CHECK_NUM_EQ(figure(&r, "份数"), 1100, 0);
    CHECK_NUM_EQ(figure(&r, "上年参保人数"), 1500, 0);
    CHECK_NUM_EQ(figure(&r, "上年份数"), -1, 0);
    CHECK_STR_EQ(evidence_details(&r), "参保人数比上年减少 100 人");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("accident_insured", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1500, 0);
    CHECK_INT_EQ(r.nevidence, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("accident_insured", NANSHAN, 2023, "本年度意外伤害保险参保人数未填写");
    CHECK_NO_DATA("accident_insured", XINQU, 2023, "本年度没有意外伤害保险记录");
}

static void test_warm_homes(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("warm_homes", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 2, 0);
    CHECK_NUM_EQ(figure(&r, "建成"), 2, 0);
    CHECK_NUM_EQ(figure(&r, "在建"), 1, 0);
    CHECK_NUM_EQ(figure(&r, "申报"), 0, 0);
    CHECK_STR_EQ(evidence_names(&r), "长岭镇");
    CHECK_STR_EQ(evidence_details(&r), "长岭暖心家园（在建）");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("warm_homes", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_STR_EQ(evidence_details(&r), "南山暖心家园（申报）");
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("warm_homes", XINQU, 2023, "没有暖心家园记录");
}

static void test_refusals(void)
{
    expect_refused("special_families.csv", "family_id,unit,liaison\nX-1,420102001000,是\n",
                   "special_families.csv:2: unit: unit \"420102001000\" is a 乡-level unit",
                   "this column takes 村 units");
    expect_refused("special_families.csv", "family_id,unit,liaison\nX-1,,是\n",
                   "special_families.csv:2: unit: a value is required", "");
    expect_refused("special_families.csv", "家庭编号,单位代码,年度走访次数\nX-1,420102001001,两次\n",
                   "special_families.csv:2: 年度走访次数: \"两次\"", "expected a whole number");
    expect_refused("warm_homes.csv", "unit,name,status\n420102001001,家园,已建\n",
                   "warm_homes.csv:2: status: \"已建\" is not allowed", "申报, 在建, 建成");
    expect_refused("accident_insurance.csv", "unit,year,policies\n420102001000,2023,5\n",
                   "accident_insurance.csv:2: unit: unit \"420102001000\" is a 乡-level unit",
                   "this column takes 县 units");
    expect_refused("accident_insurance.csv", "unit,year,premium\n420102000000,2023,-5\n",
                   "accident_insurance.csv:2: premium: \"-5\"", "expected a number of 0 or more");
}

int main(int argc, char **argv)
{
    harness_start(argc, argv);
    harness_load_dataset();
    check_headers_both_ways();
    test_family_coverage();
    test_accident_policies();
    test_accident_insured();
    test_warm_homes();
    test_refusals();
    check_query_plans((const int[]){2022, 2023}, 2);
    return harness_finish();
}
