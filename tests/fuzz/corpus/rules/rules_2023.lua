-- 2023年度县（市、区）计划生育协会工作目标考评细则
--
-- 依据《XX市计划生育协会2023年工作要点》。八项工作各有权重，合计100分；
-- 每项指标写明目标和分值，计分方法见 scripts/lib/scoring.lua：
--   ratio     按完成比例计分（达到目标得满分）
--   threshold 达标得分，不达标不得分
--   tiers     分档计分
--   per_item  按个数计分，有上限
--   growth    与上年比较
--   veto_if   一票否决的条件
-- 加分项（bonus）和扣分项（deduction）按领域封顶（bonus_cap、deduction_cap）；
-- 一票否决项（veto）触发时，等次最高为 cap。
-- 某项没有数据时按 no_data 给分（默认0分），报告中显示“无数据”。
-- 改完后运行 `kaoping check scripts/rules/2023.lua` 检查。

assessment {
  year = 2023,
  title = "2023年度县市区计划生育协会工作目标考评",
  grades = {
    { "优秀", 90 },
    { "良好", 80 },
    { "合格", 60 },
    { "不合格", 0 },
  },
}

-- 一、宣传贯彻党的二十大精神
area "publicity" {
  title = "宣传贯彻党的二十大精神", short = "宣传贯彻", weight = 10,

  indicator "township_coverage" {
    title = "开展宣讲活动的乡镇（街道）占比",
    rule = ratio { target = 100, points = 6 },
  },
  indicator "events" {
    title = "全县宣讲活动场次（不少于12场）",
    rule = ratio { target = 12, points = 4 },
  },
}

-- 二、规范基层组织建设
area "organization" {
  title = "规范基层组织建设", short = "组织建设", weight = 15, deduction_cap = 2,

  indicator "township_reelection" {
    title = "乡镇（街道）计生协完成换届占比",
    rule = ratio { target = 100, points = 4 },
  },
  indicator "village_reelection" {
    title = "村（社区）计生协完成换届占比",
    rule = ratio { target = 100, points = 4 },
  },
  indicator "member_home_coverage" {
    title = "建成会员之家的乡镇（街道）占比",
    rule = ratio { target = 100, points = 4 },
  },
  indicator "member_records" {
    title = "上报会员数的基层协会占比",
    rule = ratio { target = 100, points = 3 },
  },
  -- “在岗不在编、在编不在岗”：县级在岗与在编每相差1人扣0.5分
  deduction "staffing_gap" {
    title = "县级在岗与在编人数不符",
    rule = per_item { each = 0.5, max = 2 },
  },
  -- 县级计生协未按期换届的，等次最高为合格
  veto "county_reelected" {
    title = "县级计生协按期换届",
    rule = veto_if { below = 1 },
    cap = "合格",
  },
}

-- 三、开展生育支持服务
area "birth_support" {
  title = "开展生育支持服务", short = "生育支持", weight = 15,

  indicator "venue_types" {
    title = "政策宣传“五进”（单位、工厂、学校、社区、家庭）覆盖类型",
    rule = ratio { target = 5, points = 5 },
  },
  indicator "outreach_events" {
    title = "政策宣传活动场次（不少于20场）",
    rule = ratio { target = 20, points = 4 },
  },
  indicator "guidance_centers" {
    title = "建成或通过评估的优生优育指导中心",
    rule = threshold { target = 1, points = 3 },
  },
  indicator "sunflower_huts" {
    title = "建成的向日葵亲子小屋",
    rule = threshold { target = 1, points = 3 },
  },
}

-- 四、落实计生家庭帮扶
area "family_support" {
  title = "落实计生家庭帮扶", short = "家庭帮扶", weight = 15,

  indicator "liaison_coverage" {
    title = "特殊家庭双岗联系人覆盖率",
    rule = ratio { target = 100, points = 2 },
  },
  indicator "doctor_coverage" {
    title = "特殊家庭家庭医生签约覆盖率",
    rule = ratio { target = 100, points = 2 },
  },
  indicator "priority_care_coverage" {
    title = "特殊家庭优先便利医疗覆盖率",
    rule = ratio { target = 100, points = 2 },
  },
  indicator "visit_coverage" {
    title = "年内走访慰问2次以上的特殊家庭占比",
    rule = ratio { target = 100, points = 3 },
  },
  indicator "nursing_insurance_coverage" {
    title = "特殊家庭住院护理补贴保险覆盖率",
    rule = ratio { target = 100, points = 2 },
  },
  -- 意外伤害保险“在去年基础上稳中有升”：增长得满分，持平得1分
  indicator "accident_policies" {
    title = "计生家庭意外伤害保险份数比上年稳中有升",
    rule = growth { points = 2, steady = 1 },
  },
  indicator "warm_homes" {
    title = "建成暖心家园",
    rule = threshold { target = 1, points = 2 },
  },
}

-- 五、推进健康促进行动
area "health_promotion" {
  title = "推进健康促进行动", short = "健康促进", weight = 15, bonus_cap = 2,

  -- 每个基层协会每年举办一至二期家庭健康知识大讲堂
  indicator "lecture_coverage" {
    title = "举办家庭健康知识大讲堂的基层协会占比",
    rule = ratio { target = 100, points = 8 },
  },
  -- 力争50%村（社区）配备至少2名家庭健康指导员
  indicator "instructor_coverage" {
    title = "配备2名以上家庭健康指导员的村（社区）占比（目标50%）",
    rule = ratio { target = 50, points = 7 },
  },
  -- 申报、建成健康项目每个加1分，最多加2分
  bonus "projects" {
    title = "申报和建成的健康项目",
    rule = per_item { each = 1, max = 2 },
  },
}

-- 六、拓展生殖健康服务
area "reproductive_health" {
  title = "拓展生殖健康服务", short = "生殖健康", weight = 10,

  indicator "youth_projects" {
    title = "开展的青春健康项目（四项）",
    rule = ratio { target = 4, points = 5 },
  },
  indicator "trainers" {
    title = "经培训的青春健康教育主持人",
    rule = tiers {
      { at_least = 5, points = 3 },
      { at_least = 3, points = 2 },
      { at_least = 1, points = 1 },
    },
  },
  indicator "trainer_school_levels" {
    title = "主持人覆盖的学段（不少于2个）",
    rule = threshold { target = 2, points = 2 },
  },
}

-- 七、培育新型婚育文化
area "marriage_culture" {
  title = "培育新型婚育文化", short = "婚育文化", weight = 10,

  -- 确保每个基层协会组织有一份会刊
  indicator "journal_coverage" {
    title = "有会刊的基层协会占比",
    rule = ratio { target = 100, points = 6 },
  },
  -- 5·29会员活动日、7·11世界人口日
  indicator "key_date_events" {
    title = "在重要节点开展主题活动",
    rule = ratio { target = 2, points = 4 },
  },
}

-- 八、扩大协会组织影响
area "influence" {
  title = "扩大协会组织影响", short = "协会影响", weight = 10,

  indicator "provincial_sites" {
    title = "建成省级家庭健康促进行动项目点",
    rule = threshold { target = 1, points = 4 },
  },
  -- 每月向省计生协上报活动信息、工作动态2篇以上
  indicator "report_months" {
    title = "每月报送信息2篇以上的月份",
    rule = ratio { target = 12, points = 4 },
  },
  indicator "volunteer_uniform" {
    title = "志愿服务活动着统一服装的占比",
    rule = ratio { target = 100, points = 2 },
  },
}
