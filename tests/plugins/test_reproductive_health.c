/*
 * test_reproductive_health.c — the reproductive_health work area on a
 * hand-computed dataset.
 *
 * data/reproductive_health/youth_projects.csv (Chinese header):
 *   江北区 2023: 成长之道 3 sessions 150 people (the county); 俱乐部 with
 *     sessions left empty, 40 people (城关街道: a row present, so it ran);
 *     关爱儿童 with 0 sessions (did not run); the 高校项目 (not one of the
 *     four).  2022: 沟通之道 once.
 *   → youth_projects 2023 = 2 of 4, missing 沟通之道 (本年度未开展) and 关爱儿童
 *     (场次为0); sessions 3 + 0 = 3, participants 150 + 40 = 190; 2022 = 1.
 *   南山县 2023: only the 高校项目 → 0 of 4.  新区: no row → 无数据.
 * data/reproductive_health/youth_trainers.csv (English header):
 *   江北区: 张 大学 trained 2022-10; 李 and 王 中学 2023-04; 赵 小学 with no
 *     date; 刘 社区 trained 2024-01.
 *   → trainers 2023 = 3 (张 李 王; 赵 listed for the missing date), 2022 = 1,
 *     2024 = 4; school levels (大中小学 only, 社区 is none) 2023 = 2 (大学 中学;
 *     missing 小学), 2024 = 2 as well: 刘 of 社区 adds no level.
 *   南山县: 陈, no school level, trained 2023-05 → trainers 1, levels 0.
 *   新区: none → 无数据.
 */
#include "harness.h"
#include "plan_check.h"

static void test_youth_projects(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("youth_projects", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 2, 0);
    CHECK_STR_EQ(evidence_keys(&r), "青春健康沟通之道家庭培训 关爱儿童远离侵害");
    CHECK_STR_EQ(evidence_details(&r), "本年度未开展|场次为0");
    CHECK_NUM_EQ(figure(&r, "开展的项目"), 2, 0);
    CHECK_NUM_EQ(figure(&r, "项目总数"), 4, 0);
    CHECK_NUM_EQ(figure(&r, "场次"), 3, 0);
    CHECK_NUM_EQ(figure(&r, "参加人数"), 190, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("youth_projects", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_INT_EQ(r.nevidence, 3);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("youth_projects", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_STR_EQ(evidence_keys(&r), "青春健康成长之道 青春健康沟通之道家庭培训 青春健康俱乐部 "
                                    "关爱儿童远离侵害");
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("youth_projects", XINQU, 2023, "本年度没有青春健康项目记录");
    CHECK_NO_DATA("youth_projects", NANSHAN, 2022, "本年度没有青春健康项目记录");
}

static void test_trainers(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("trainers", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 3, 0);
    CHECK_NUM_EQ(figure(&r, "已培训的主持人"), 3, 0);
    CHECK_NUM_EQ(figure(&r, "未填培训日期"), 1, 0);
    CHECK_STR_EQ(evidence_names(&r), "长岭镇");
    CHECK_STR_EQ(evidence_details(&r), "赵老师（未填培训日期）");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("trainers", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    kp_indicator_result_free(&r);
    CHECK_INT_EQ(evaluate("trainers", JIANGBEI, 2024, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 4, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("trainers", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_INT_EQ(r.nevidence, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("trainers", XINQU, 2023, "没有青春健康教育主持人记录");
}

static void test_school_levels(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("trainer_school_levels", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 2, 0);
    CHECK_STR_EQ(evidence_keys(&r), "小学");
    CHECK_STR_EQ(evidence_details(&r), "没有已培训的主持人");
    CHECK_NUM_EQ(figure(&r, "覆盖的学段"), 2, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("trainer_school_levels", JIANGBEI, 2024, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 2, 0);
    CHECK_STR_EQ(evidence_keys(&r), "小学");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("trainer_school_levels", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_INT_EQ(r.nevidence, 3);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("trainer_school_levels", XINQU, 2023, "没有青春健康教育主持人记录");
}

static void test_refusals(void)
{
    expect_refused("youth_trainers.csv", "unit,name,school_level\n420102001000,孙老师,幼儿园\n",
                   "youth_trainers.csv:2: school_level: \"幼儿园\" is not allowed",
                   "大学, 中学, 小学, 社区");
    expect_refused("youth_projects.csv", "单位代码,项目,年度\n420102000000,青春健康夏令营,2023\n",
                   "youth_projects.csv:2: 项目: \"青春健康夏令营\" is not allowed",
                   "青春健康成长之道");
    expect_refused("youth_projects.csv",
                   "unit,project,year,sessions\n420102000000,青春健康俱乐部,2023,-1\n",
                   "youth_projects.csv:2: sessions: \"-1\"", "expected a whole number of 0 or more");
    /* Any level is accepted, so the unit can only be unknown. */
    expect_refused("youth_trainers.csv", "unit,name\n420199000000,孙老师\n",
                   "youth_trainers.csv:2: unit: unit code \"420199000000\" is not in units.csv", "");
}

int main(int argc, char **argv)
{
    harness_start(argc, argv);
    harness_load_dataset();
    check_headers_both_ways();
    test_youth_projects();
    test_trainers();
    test_school_levels();
    test_refusals();
    check_query_plans((const int[]){2022, 2023}, 2);
    return harness_finish();
}
