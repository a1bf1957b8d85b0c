/*
 * test_marriage_culture.c — the marriage_culture work area on a
 * hand-computed dataset.
 *
 * data/marriage_culture/journal_subscriptions.csv (Chinese header), 江北区's
 * six grassroots associations in 2023:
 *   城关街道 2 copies, 东湖社区 1, 西湖村 0, 长岭镇 a row with no number,
 *   长岭村 a row for 2022 only, 河口乡 nothing
 *   → journal_coverage 2023 = 2/6 = 33.3%, 3 copies; 2022 = 1/6 (长岭村).
 *   南山县: 南山镇 in 2022 only → 2023 无数据, 2022 = 1/2 = 50%.
 *   新区: no township or village → 无数据.
 * data/marriage_culture/culture_events.csv (English header):
 *   江北区 2023: two events on 529会员活动日; 东湖社区's event on 7-11 is
 *     marked 其他, so 711世界人口日 had none → key_date_events 1, missing
 *     711世界人口日.  2022: one 711 event → 1, missing 529.
 *   新区 2023: a 711 event, and one on 5-28 with no 节点 → 1, missing 529.
 *   南山县: no event → 无数据.
 */
#include "harness.h"
#include "plan_check.h"

static void test_journal_coverage(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("journal_coverage", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 100.0 / 3, 1e-9);
    CHECK_STR_EQ(evidence_names(&r), "西湖村 长岭镇 长岭村 河口乡");
    CHECK_STR_EQ(evidence_details(&r), "会刊 0 份|未填写份数|未订阅会刊|未订阅会刊");
    CHECK_NUM_EQ(figure(&r, "有会刊的基层协会"), 2, 0);
    CHECK_NUM_EQ(figure(&r, "基层协会总数"), 6, 0);
    CHECK_NUM_EQ(figure(&r, "会刊份数"), 3, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("journal_coverage", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 100.0 / 6, 1e-9);
    CHECK_INT_EQ(r.nevidence, 5);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("journal_coverage", NANSHAN, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 50, 1e-9);
    CHECK_STR_EQ(evidence_keys(&r), "420103001001");
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("journal_coverage", NANSHAN, 2023, "本年度没有会刊订阅记录");
    CHECK_NO_DATA("journal_coverage", XINQU, 2023, "县内没有乡镇或村级单位");
}

static void test_key_date_events(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("key_date_events", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_STR_EQ(evidence_keys(&r), "711世界人口日");
    CHECK_STR_EQ(evidence_details(&r), "本年度未开展主题活动");
    CHECK_NUM_EQ(figure(&r, "529会员活动日活动"), 2, 0);
    CHECK_NUM_EQ(figure(&r, "711世界人口日活动"), 0, 0);
    CHECK_NUM_EQ(figure(&r, "主题活动场次"), 3, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("key_date_events", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_STR_EQ(evidence_keys(&r), "529会员活动日");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("key_date_events", XINQU, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_STR_EQ(evidence_keys(&r), "529会员活动日");
    CHECK_NUM_EQ(figure(&r, "主题活动场次"), 2, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("key_date_events", NANSHAN, 2023, "本年度没有主题活动记录");
}

static void test_refusals(void)
{
    expect_refused("culture_events.csv", "unit,date,title,occasion\n"
                   "420102000000,2023-05-04,青年节活动,五四青年节\n",
                   "culture_events.csv:2: occasion: \"五四青年节\" is not allowed",
                   "529会员活动日, 711世界人口日, 其他");
    expect_refused("journal_subscriptions.csv", "单位代码,年度,份数\n420102000000,2023,3\n",
                   "journal_subscriptions.csv:2: 单位代码: unit \"420102000000\" is a 县-level unit",
                   "this column takes 乡/村 units");
    expect_refused("journal_subscriptions.csv", "unit,year,copies\n420102001000,2023,两份\n",
                   "journal_subscriptions.csv:2: copies: \"两份\"", "expected a whole number");
    expect_refused("journal_subscriptions.csv", "unit,year,copies\n420102001000,23,1\n",
                   "journal_subscriptions.csv:2: year: \"23\"", "expected a year");
}

int main(int argc, char **argv)
{
    harness_start(argc, argv);
    harness_load_dataset();
    check_headers_both_ways();
    test_journal_coverage();
    test_key_date_events();
    test_refusals();
    check_query_plans((const int[]){2022, 2023}, 2);
    return harness_finish();
}
