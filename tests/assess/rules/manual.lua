-- Assessor-scored items: an id of the rules file's own, no plugin indicator behind it.
assessment { year = 2023, title = "测试", grades = { {"优秀", 90}, {"不合格", 0} } }
area "health_promotion" {
  title = "推进健康促进行动", weight = 15,
  indicator "lecture_coverage" { title = "讲堂", rule = ratio { target = 100, points = 13 } },
  indicator "campaigns" { title = "好家风健康行", rule = manual { points = 2, guide = "参与得2分" } },
  indicator "no_guide" { title = "缺评分标准", rule = manual { points = 1 } },
  veto "by_hand" { title = "评审否决", rule = manual { points = 1, guide = "x" }, cap = "不合格" },
}
area "publicity" { title = "宣传", weight = 85, indicator "events" { rule = ratio { target = 12, points = 85 } } }
