assessment { year = 2023, title = "测试", grades = { {"优秀", 90} } }
area "health_promotion" {
  title = "推进健康促进行动" weight = 15,
}
