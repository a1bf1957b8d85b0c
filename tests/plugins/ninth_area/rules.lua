-- A rules file for an area that is not shipped: it names the plugin's id,
-- beside two shipped areas (which have no data here, and score 0).
assessment {
  year = 2023,
  title = "2023年度会员骨干培训考评",
  grades = { { "优秀", 90 }, { "良好", 80 }, { "合格", 60 }, { "不合格", 0 } },
}

area "member_training" {
  title = "会员骨干培训", short = "骨干培训", weight = 50,
  indicator "sessions" {
    title = "会员骨干培训场次",
    rule = ratio { target = 2, points = 20 },
  },
  indicator "trainees" {
    title = "培训会员骨干人数",
    rule = ratio { target = 50, points = 30 },
  },
}

area "publicity" {
  title = "宣传贯彻党的二十大精神", short = "宣传贯彻", weight = 25,
  indicator "events" { title = "全县宣讲活动场次", rule = ratio { target = 12, points = 25 } },
}

area "health_promotion" {
  title = "推进健康促进行动", short = "健康促进", weight = 25,
  indicator "lecture_coverage" {
    title = "开展家庭健康知识大讲堂的基层协会占比",
    rule = ratio { target = 100, points = 25 },
  },
}
