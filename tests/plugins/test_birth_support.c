/*
 * test_birth_support.c — the birth_support work area on a hand-computed dataset.
 *
 * data/birth_support/policy_outreach.csv (Chinese header):
 *   江北区 2023: 单位 twice (the county), 社区 (城关街道), 家庭 (东湖社区);
 *     quantities 100 + 2 + 5 + 200 = 307, audiences 500 + 200 + 300 = 1000
 *     (东湖社区 gave none).  2022: 学校 at 长岭镇.
 *   → venue_types 2023 = 3 of 5, missing 工厂 and 学校; 2022 = 1.
 *   → outreach_events 2023 = 4; townships with none: 长岭镇 (only 2022), 河口乡.
 *   南山县: one outreach in 2022 only → 无数据 in 2023.
 * data/birth_support/service_sites.csv (English header):
 *   江北区: the county's 指导中心 已评估 (2021); 城关街道's 指导中心 建设中;
 *     东湖社区's 小屋 已建成 2023-05-20; 长岭镇's 小屋 已建成 2024-03-01 (not
 *     yet standing in 2023); 长岭村's site with no 类型 (listed under both).
 *   → guidance_centers 2023 = 1 (已评估 1, 建设中 1); sunflower_huts 2023 = 1,
 *     2022 = 0 (东湖社区's opened in 2023).
 *   南山县: one 小屋 建设中 → sunflower_huts 0, guidance_centers 0.
 *   新区: no site → 无数据.
 */
#include "harness.h"
#include "plan_check.h"

static void test_venue_types(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("venue_types", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 3, 0);
    CHECK_STR_EQ(evidence_keys(&r), "工厂 学校");
    CHECK_STR_EQ(evidence_details(&r), "本年度未开展政策宣传|本年度未开展政策宣传");
    CHECK_NUM_EQ(figure(&r, "已覆盖的场所类型"), 3, 0);
    CHECK_NUM_EQ(figure(&r, "场所类型总数"), 5, 0);
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("venue_types", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_STR_EQ(evidence_keys(&r), "单位 工厂 社区 家庭");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("venue_types", NANSHAN, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("venue_types", NANSHAN, 2023, "本年度没有政策宣传记录");
}

static void test_outreach_events(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("outreach_events", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 4, 0);
    CHECK_NUM_EQ(figure(&r, "政策宣传场次"), 4, 0);
    CHECK_NUM_EQ(figure(&r, "宣传品数量"), 307, 0);
    CHECK_NUM_EQ(figure(&r, "受众人数"), 1000, 0);
    CHECK_STR_EQ(evidence_names(&r), "长岭镇 河口乡");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("outreach_events", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_STR_EQ(evidence_names(&r), "城关街道 河口乡");
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("outreach_events", NANSHAN, 2023, "本年度没有政策宣传记录");
    CHECK_NO_DATA("outreach_events", XINQU, 2023, "本年度没有政策宣传记录");
}

static void test_sites(void)
{
    kp_indicator_result r;
    CHECK_INT_EQ(evaluate("guidance_centers", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_NUM_EQ(figure(&r, "已建成"), 0, 0);
    CHECK_NUM_EQ(figure(&r, "已评估"), 1, 0);
    CHECK_NUM_EQ(figure(&r, "建设中"), 1, 0);
    CHECK_STR_EQ(evidence_keys(&r), "420102001000 420102002001");
    CHECK_STR_EQ(evidence_details(&r),
                 "城关街道优生优育指导中心（建设中）|长岭村亲子活动室（类型未填）");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("sunflower_huts", JIANGBEI, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 1, 0);
    CHECK_NUM_EQ(figure(&r, "已建成"), 1, 0);
    CHECK_STR_EQ(evidence_details(&r),
                 "长岭镇向日葵亲子小屋（2024-03-01建成）|长岭村亲子活动室（类型未填）");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("sunflower_huts", JIANGBEI, 2022, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_STR_EQ(evidence_names(&r), "东湖社区 长岭镇 长岭村");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("sunflower_huts", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_NUM_EQ(figure(&r, "建设中"), 1, 0);
    CHECK_STR_EQ(evidence_details(&r), "南山镇向日葵亲子小屋（建设中）");
    kp_indicator_result_free(&r);

    CHECK_INT_EQ(evaluate("guidance_centers", NANSHAN, 2023, &r), KP_RESULT_VALUE);
    CHECK_NUM_EQ(r.value, 0, 0);
    CHECK_INT_EQ(r.nevidence, 0);
    kp_indicator_result_free(&r);

    CHECK_NO_DATA("guidance_centers", XINQU, 2023, "没有服务阵地记录");
    CHECK_NO_DATA("sunflower_huts", XINQU, 2023, "没有服务阵地记录");
}

static void test_refusals(void)
{
    expect_refused("policy_outreach.csv", "单位代码,日期,场所\n420102001000,2023-03-01,医院\n",
                   "policy_outreach.csv:2: 场所: \"医院\" is not allowed",
                   "单位, 工厂, 学校, 社区, 家庭");
    expect_refused("policy_outreach.csv", "unit,date,venue,form\n"
                   "420102001000,2023-03-01,学校,横幅\n",
                   "policy_outreach.csv:2: form: \"横幅\" is not allowed", "海报");
    expect_refused("service_sites.csv", "unit,kind,name,status\n"
                   "420102001000,向日葵亲子小屋,小屋,已完成\n",
                   "service_sites.csv:2: status: \"已完成\" is not allowed",
                   "建设中, 已建成, 已评估");
    /* Any level is accepted, so the unit can only be unknown. */
    expect_refused("service_sites.csv", "unit,name\n420109000000,小屋\n",
                   "service_sites.csv:2: unit: unit code \"420109000000\" is not in units.csv", "");
    expect_refused("service_sites.csv", "unit,name,opened_on\n420102001000,小屋,2023-02-30\n",
                   "service_sites.csv:2: opened_on: \"2023-02-30\"", "expected");
}

int main(int argc, char **argv)
{
    harness_start(argc, argv);
    harness_load_dataset();
    check_headers_both_ways();
    test_venue_types();
    test_outreach_events();
    test_sites();
    test_refusals();
    check_query_plans((const int[]){2022, 2023}, 2);
    return harness_finish();
}
