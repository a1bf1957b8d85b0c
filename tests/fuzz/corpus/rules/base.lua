-- Correct rules for one area, the others declared (their plugins are absent in tests).
assessment { year = 2023, title = "测试", grades = { {"优秀", 90}, {"良好", 80}, {"合格", 60}, {"不合格", 0} } }
area "health_promotion" {
  title = "推进健康促进行动", weight = 15, bonus_cap = 2,
  indicator "lecture_coverage" { title = "讲堂", rule = ratio { target = 100, points = 8 } },
  indicator "instructor_coverage" { title = "指导员", rule = function(x) return x >= 50 and 7 or 0 end, points = 7 },
  bonus "projects" { rule = per_item { each = 1, max = 2 } },
}
area "publicity" { title = "宣传", weight = 85, indicator "events" { rule = ratio { target = 12, points = 85 } } }
