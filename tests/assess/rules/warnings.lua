-- Mistakes that load: an unknown setting, a title that contradicts its
-- target, bonuses with no cap that can lift the area above its weight.
assessment { year = 2023, title = "测试", grades = { {"优秀", 90}, {"合格", 0} } }
area "health_promotion" {
  title = "推进健康促进行动", weight = 100, colour = 1,
  indicator "lecture_coverage" { title = "讲堂不少于12场", rule = ratio { target = 15, points = 100 } },
  bonus "projects" { rule = per_item { each = 1, max = 2 } },
}
