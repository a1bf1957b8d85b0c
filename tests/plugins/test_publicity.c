/*
 * test_publicity.c — the publicity work area on a hand-computed dataset.
 *
 * data/publicity/publicity_events.csv (Chinese header), by county:
 *   江北区 2023: 东湖社区 宣讲 40人 (counts for 城关街道), the county's own
 *     报告会 with 形式 left empty (so 宣讲) 120人, the county's 培训 60人,
 *     长岭村 座谈 with no participants (a 座谈 is not a 宣讲: 长岭镇 held none).
 *     2022: one 宣讲 at 河口乡.
 *   → township_coverage 2023 = 1 of 3 townships (城关) = 33.3%, missing
 *     长岭镇 and 河口乡; 2022 = 1 of 3 (河口乡).
 *   → events 2023 = 2: only 宣讲 count (培训 1, 座谈 1 are shown, not
 *     counted); the townships with no 宣讲 are 长岭镇 and 河口乡.
 *   → participants 2023 = 40 + 120 + 60 = 220; 长岭村's 座谈 gave no number.
 *   南山县: one event in 2022 only → every indicator 无数据 in 2023.
 *   新区: one 宣讲 at the county, 20人; it has no townships → township_coverage
 *     无数据, events 1, participants 20.
 */
#include "harness.h"
#include "plan_check.h"

static void test_township_coverage(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("township_coverage", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 100.0 / 3, 1e-9);
    CHECK_STR_EQ(evidence_keys(&r), "420102002000 420102003000");
    CHECK_STR_EQ(evidence_names(&r), "长岭镇 河口乡");
    CHECK_STR_EQ(evidence_details(&r), "本年度未开展宣讲|本年度未开展宣讲");
    CHECK_NUM_EQ(figure(&r, "开展宣讲的乡镇"), 1, 0);
    CHECK_NUM_EQ(figure(&r, "乡镇总数"), 3, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("township_coverage", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 100.0 / 3, 1e-9);
    CHECK_STR_EQ(evidence_names(&r), "城关街道 长岭镇");
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("township_coverage", NANSHAN, 2023, "本年度没有宣讲活动记录");
    CHECK_NO_DATA("township_coverage", XINQU, 2023, "县内没有乡镇");
}

static void test_events(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("events", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 2, 0);
    CHECK_NUM_EQ(figure(&r, "宣讲场次"), 2, 0);
    CHECK_NUM_EQ(figure(&r, "培训场次"), 1, 0);
    CHECK_NUM_EQ(figure(&r, "座谈场次"), 1, 0);
    CHECK_NUM_EQ(figure(&r, "其他场次"), 0, 0);
    CHECK_STR_EQ(evidence_keys(&r), "420102002000 420102003000");
    CHECK_STR_EQ(evidence_details(&r), "本年度未开展宣讲|本年度未开展宣讲");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("events", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("events", XINQU, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_INT_EQ(r.nevidence, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("events", NANSHAN, 2023, "本年度没有宣讲活动记录");
    CHECK_NO_DATA("events", JIANGBEI, 2024, "本年度没有宣讲活动记录");
}

static void test_participants(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("participants", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 220, 0);
    CHECK_NUM_EQ(figure(&r, "活动场次"), 4, 0);
    CHECK_NUM_EQ(figure(&r, "填写人数的活动"), 3, 0);
    CHECK_STR_EQ(evidence_keys(&r), "420102002001");
    CHECK_STR_EQ(evidence_details(&r), "2023-08-15 会员座谈会");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("participants", XINQU, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 20, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("participants", NANSHAN, 2023, "本年度没有宣讲活动记录");
}

static void test_refusals(void)
{
    expect_refused("publicity_events.csv",
                   "unit,date,title,kind\n420102001000,2023-05-01,a,宣讲\n"
                   "420102001000,2023-05-02,b,讲座\n",
                   "publicity_events.csv:3: kind: \"讲座\" is not allowed",
                   "宣讲, 培训, 座谈, 其他; e.g. 宣讲 (活动形式；");
    /* Any level is accepted, so the unit can only be unknown. */
    expect_refused("publicity_events.csv",
                   "单位代码,日期,主题\n420102009000,2023-05-01,a\n",
                   "publicity_events.csv:2: 单位代码: unit code \"420102009000\" is not in units.csv",
                   "");
    expect_refused("publicity_events.csv", "unit,date,title\n420102001000,2023-05-01,\n",
                   "publicity_events.csv:2: title: a value is required",
                   "e.g. 学习二十大 奋进新征程 宣讲会");
}

int main(int argc, char **argv)
{
    harness_start(argc, argv);
    harness_load_dataset();
    check_headers_both_ways();
    test_township_coverage();
    test_events();
    test_participants();
    test_refusals();
    check_query_plans((const int[]){2022, 2023}, 2);
    return harness_finish();
}
