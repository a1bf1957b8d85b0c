-- The rule fails for one county only: that item is "not scored", the run completes.
assessment { year = 2023, title = "测试", grades = { {"优秀", 90}, {"不合格", 0} } }
area "health_promotion" {
  title = "推进健康促进行动", weight = 100,
  indicator "lecture_coverage" {
    rule = function(x, ctx)
      if ctx.unit == "甲县" then error("no rule for " .. ctx.unit) end
      if ctx.unit == "乙县" then while true do end end
      return 60, "ok"
    end,
    points = 60,
  },
  indicator "instructor_coverage" { rule = function(x) return 99 end, points = 40 },
}
