assessment { year = 2023, title = "测试", grades = { {"优秀", 90}, {"不合格", 0} } }
area "health_promotion" {
  title = "推进健康促进行动", weight = 100,
  indicator "lecture_coverage" { rule = ration { target = 100, points = 8 } },
}
