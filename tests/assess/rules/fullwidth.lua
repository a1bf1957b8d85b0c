-- A full-width comma typed with a Chinese input method (the one in the title is fine).
assessment { year = 2023, title = "测试，全角", grades = { {"优秀", 90}, {"合格", 0} } }
area "health_promotion" {
  title = "推进健康促进行动"， weight = 100,
  indicator "lecture_coverage" { rule = ratio { target = 100, points = 100 } },
}
