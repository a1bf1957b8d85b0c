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
--   manual    评审打分：没有数据能判断的工作，由评审按 guide（评分标准）在0至满分间打分，
--             用 `kaoping template --manual` 生成评分表，`kaoping score import` 导入；
--             未打分的显示“未评分”，不按0分处理
-- 加分项（bonus）和扣分项（deduction）按领域封顶（bonus_cap、deduction_cap）；
-- 一票否决项（veto）触发时，等次最高为 cap。
-- 某项没有数据时按 no_data 给分（默认0分），报告中显示“无数据”。
-- 工作要点每一句对应哪项指标、为何不考评，见 docs/rules-2023.md。
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
    rule = ratio { target = 100, points = 5 },
  },
  -- 只计“宣讲”，培训、座谈不算宣讲
  indicator "events" {
    title = "全县宣讲活动场次",
    rule = ratio { target = 12, points = 3 },
  },
  indicator "talk_quality" {
    title = "“学习二十大 奋进新征程”宣讲的特色与成效",
    rule = manual {
      points = 2,
      guide = "宣讲围绕党的二十大报告精神实质和核心要义、组织理事会员志愿者参与、形式有特色的"
              .. "得2分；开展了宣讲但内容或组织有欠缺的得1分；未开展或无佐证材料的得0分",
    },
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
  -- 会员之家建在乡、村两级，两级分别计分
  indicator "member_home_coverage" {
    title = "建成会员之家的乡镇（街道）占比",
    rule = ratio { target = 100, points = 2 },
  },
  indicator "village_member_home_coverage" {
    title = "建成会员之家的村（社区）占比",
    rule = ratio { target = 100, points = 2 },
  },
  indicator "member_records" {
    title = "上报会员数的基层协会占比",
    rule = ratio { target = 100, points = 2 },
  },
  indicator "self_governance" {
    title = "计生基层群众自治工作创新",
    rule = manual {
      points = 1,
      guide = "有参与社会治理、服务乡村振兴或共同缔造的计生群众自治做法并有成效、有佐证材料的得1分，"
              .. "有做法无成效的得0.5分，没有的得0分",
    },
  },
  -- “在岗不在编、在编不在岗”：县级在岗与在编每相差1人扣0.5分
  deduction "staffing_gap" {
    title = "县级在岗与在编人数不符",
    rule = per_item { each = 0.5, max = 2 },
  },
  -- 县级计生协未按期换届的，等次最高为合格。按期看换届日期是否不晚于应换届日期
  -- （任期未到期的视为按期）；没有填写应换届日期的，无法判断，按未按期处理
  veto "county_reelected_on_time" {
    title = "县级计生协按期换届",
    no_data = "veto",
    rule = veto_if { below = 1 },
    cap = "合格",
  },
}

-- 三、开展生育支持服务
area "birth_support" {
  title = "开展生育支持服务", short = "生育支持", weight = 15,

  indicator "venue_types" {
    title = "政策宣传“五进”（单位、工厂、学校、社区、家庭）覆盖类型",
    rule = ratio { target = 5, points = 4 },
  },
  indicator "outreach_events" {
    title = "政策宣传活动场次",
    rule = ratio { target = 20, points = 3 },
  },
  indicator "guidance_centers" {
    title = "建成或通过评估的优生优育指导中心",
    rule = threshold { target = 1, points = 2 },
  },
  indicator "eugenics_campaign" {
    title = "“优生优育进万家”活动和婴幼儿照护服务宣传监督",
    rule = manual {
      points = 3,
      guide = "全面开展“优生优育进万家”活动得2分（覆盖部分乡镇得1分）；履行婴幼儿照护服务"
              .. "宣传教育和社会监督职责、有记录的得1分",
    },
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
    rule = ratio { target = 100, points = 2 },
  },
  indicator "comfort_volunteering" {
    title = "“四项制度”中的精神慰藉和志愿服务",
    rule = manual {
      points = 1,
      guide = "对计生特殊家庭开展精神慰藉、组织志愿者结对帮扶均有记录的得1分，只做到一项的得0.5分",
    },
  },
  indicator "nursing_insurance_coverage" {
    title = "特殊家庭住院护理补贴保险覆盖率",
    rule = ratio { target = 100, points = 2 },
  },
  -- 意外伤害保险“覆盖面在去年基础上稳中有升”：覆盖面按参保人数计，增长得满分，持平得1分
  indicator "accident_insured" {
    title = "计生家庭意外伤害保险参保人数比上年稳中有升",
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
    rule = ratio { target = 100, points = 7 },
  },
  -- 力争50%村（社区）配备至少2名家庭健康指导员
  indicator "instructor_coverage" {
    title = "配备2名以上家庭健康指导员的村（社区）占比",
    rule = ratio { target = 50, points = 6 },
  },
  indicator "health_campaigns" {
    title = "参与“好家风健康行”和开展新市民健康行动",
    rule = manual {
      points = 2,
      guide = "组织干部会员参与中国计生协、省计生协“好家风健康行”系列活动的得1分；"
              .. "开展新市民健康行动的得1分",
    },
  },
  -- 家庭健康服务中心（人口福利基金）申报即计，流动人口健康促进项目立项或建成才计；
  -- 每个加1分，最多加2分
  bonus "projects" {
    title = "家庭健康服务中心、流动人口健康促进项目",
    rule = per_item { each = 1, max = 2 },
  },
}

-- 六、拓展生殖健康服务
area "reproductive_health" {
  title = "拓展生殖健康服务", short = "生殖健康", weight = 10,

  indicator "youth_projects" {
    title = "开展的青春健康项目（四项）",
    rule = ratio { target = 4, points = 4 },
  },
  indicator "knowledge_outreach" {
    title = "普及科学避孕和生殖健康知识",
    rule = manual {
      points = 1,
      guide = "依托医疗卫生计生服务体系，面向青少年、育龄人群开展避孕和生殖健康知识普及、有记录的得1分",
    },
  },
  -- 有培训日期的才算经培训
  indicator "trainers" {
    title = "经培训的青春健康教育主持人",
    rule = tiers {
      { at_least = 5, points = 3 },
      { at_least = 3, points = 2 },
      { at_least = 1, points = 1 },
    },
  },
  -- 学段指大学、中学、小学，社区不算学段
  indicator "trainer_school_levels" {
    title = "主持人覆盖的大中小学学段",
    rule = ratio { target = 3, points = 2 },
  },
}

-- 七、培育新型婚育文化
area "marriage_culture" {
  title = "培育新型婚育文化", short = "婚育文化", weight = 10,

  -- 确保每个基层协会组织有一份会刊
  indicator "journal_coverage" {
    title = "有会刊的基层协会占比",
    rule = ratio { target = 100, points = 5 },
  },
  indicator "culture_publicity" {
    title = "新型婚育文化宣传和评选表彰先进",
    rule = manual {
      points = 1,
      guide = "多形式宣传新型婚育文化、营养健康知识并评选表彰先进的得1分，只做到其一的得0.5分",
    },
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
    rule = threshold { target = 1, points = 3 },
  },
  -- 每月向省计生协上报活动信息、工作动态2篇以上
  indicator "report_months" {
    title = "每月报送信息2篇以上的月份",
    rule = ratio { target = 12, points = 4 },
  },
  indicator "brand_building" {
    title = "工作品牌培植和“计生协会风采展示”",
    rule = manual {
      points = 1,
      guide = "培育全省计生协工作品牌项目或积极参与全省“计生协会风采展示”活动、有佐证材料的得1分",
    },
  },
  indicator "volunteer_uniform" {
    title = "志愿服务活动着统一服装的占比",
    rule = ratio { target = 100, points = 2 },
  },
}
