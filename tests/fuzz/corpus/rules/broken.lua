assessment { year = 2023, title = "测试", grades = { {"优秀", 90}, {"合格", 60}, {"不合格", 0} } }
area "helth_promotion" {
  title = "推进健康促进行动", weight = 10,
}
area "health_promotion" {
  title = "推进健康促进行动", wieght = 15,
  indicator "lecture_coverag" { rule = ratio { target = 100, points = 8 } },
  indicator "instructor_coverage" { rule = ratio { points = 9 } },
  bonus "projects" { rule = per_item { each = "1", max = 2 } },
}
area "publicity" {
  title = "宣传", weight = "10",
  indicator "events" { rule = ratio { target = 0, points = 4 } },
  indicator "township_coverage" { rule = threshold { target = 1, points = 4, at_mots = true } },
}
area "organization" {
  title = "组织", weight = 70,
  indicator "township_reelection" { rule = ratio { target = 100, points = 50 } },
  indicator "village_reelection" { rule = ratio { target = 100, points = 30 } },
  veto "county_reelected" { rule = veto_if { below = 1 }, cap = "良好" },
  indicator "staffing_gap" { rule = veto_if { above = 0 } },
  indicator "member_records" { title = 5, rule = "ratio" },
}
