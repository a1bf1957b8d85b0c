-- Each scoring method at its edges.  Runs in the sandbox with scripts/lib
-- loaded; kaoping.problem is the test's own and records into `problems`.
local function near(a, b) return math.abs(a - b) < 1e-9 end
local ctx = { measure = "%" }

-- ratio: linear, capped, never negative; a zero target is refused at load
local r = ratio { target = 50, points = 7 }
assert(r.points == 7 and r.target == 50 and r.kind == "ratio")
assert(r.score(0, ctx) == 0)
assert(near(r.score(25, ctx), 3.5))
assert(r.score(50, ctx) == 7)
assert(r.score(100, ctx) == 7, "over-achievement is capped at the points")
assert(r.score(-5, ctx) == 0)
local p, s = r.score(25, ctx)
assert(s == "25%，目标50%，完成50%，得3.5分（满分7分）", s)
local z = ratio { target = 0, points = 4 }
assert(z.broken and problems[#problems]:find("ratio: target must be greater than 0", 1, true))
assert(ratio { points = 4 }.broken and problems[#problems] == "ratio: target is missing")
assert(ratio { target = 1, points = -1 }.broken)

-- threshold: all or nothing, at or above (or at or below with at_most)
local t = threshold { target = 1, points = 3 }
assert(t.score(1, ctx) == 3 and t.score(0.99, ctx) == 0 and t.score(5, ctx) == 3)
local m = threshold { target = 0, points = 2, at_most = true }
assert(m.score(0, ctx) == 2 and m.score(1, ctx) == 0)
assert(threshold { target = 1, points = 3, at_most = "yes" }.broken)

-- tiers: the first band reached
local ti = tiers { { at_least = 5, points = 3 }, { at_least = 3, points = 2 }, { at_least = 1, points = 1 } }
assert(ti.points == 3 and ti.target == 5)
assert(ti.score(5, ctx) == 3 and ti.score(4.99, ctx) == 2 and ti.score(3, ctx) == 2)
assert(ti.score(1, ctx) == 1 and ti.score(0.5, ctx) == 0)
local low = tiers { { at_most = 0, points = 2 }, { at_most = 2, points = 1 } }
assert(low.score(0, ctx) == 2 and low.score(2, ctx) == 1 and low.score(3, ctx) == 0)
assert(tiers {}.broken)
assert(tiers { { at_least = 1, at_most = 2, points = 1 } }.broken)

-- per_item: each, capped
local pi = per_item { each = 0.5, max = 2 }
assert(pi.points == 2 and pi.target == 4)
assert(pi.score(0, ctx) == 0 and pi.score(3, ctx) == 1.5 and pi.score(4, ctx) == 2 and pi.score(100, ctx) == 2)

-- growth: against last year, including negative growth and no last year
local g = growth { points = 2, steady = 1 }
assert(g.previous == true)
assert(g.score(11, { previous = 10 }) == 2)
assert(g.score(10, { previous = 10 }) == 1)
p, s = g.score(8, { previous = 10, measure = "份" })
assert(p == 0 and s:find("比上年下降20%", 1, true), s)
assert(g.score(3, { previous = 0 }) == 2, "from nothing to something is growth")
p, s = g.score(3, {})
assert(p == 1 and s:find("上年无数据", 1, true), "no previous year: steady by default")
assert(growth { points = 2, steady = 1, no_previous = 0 }.score(3, {}) == 0)
assert(growth { points = 2, steady = 3 }.broken)

-- veto_if: a condition, not points
local v = veto_if { below = 1 }
assert(v.veto and v.points == 0)
assert(v.score(0, { measure = "是否" }) == true and v.score(1, { measure = "是否" }) == false)
p, s = v.score(0, { measure = "是否" })
assert(s == "否，触发一票否决", s)
assert(veto_if { above = 0 }.score(1, ctx) == true)
assert(veto_if(function(x) return x > 3 end).score(4, ctx) == true)
assert(veto_if { below = 1, above = 2 }.broken)

-- manual: the assessors' points, as given, within 0..points; a guide is required
local mn = manual { points = 2, guide = "有特色得2分，一般得1分" }
assert(mn.manual and mn.kind == "manual" and mn.points == 2 and mn.guide:find("有特色", 1, true))
assert(mn.text == "评审打分（满分2分）：有特色得2分，一般得1分", mn.text)
p, s = mn.score(1.5, { measure = "分" })
assert(p == 1.5 and s == "评审打分，得1.5分（满分2分）", s)
assert(mn.score(3, ctx) == 2, "never more than the points")
assert(manual { points = 2 }.broken and problems[#problems]:find("manual: guide must say", 1, true))
assert(manual { points = 0, guide = "x" }.broken)
assert(manual { points = 1, guide = "x", target = 1 }.broken or
       problems[#problems]:find("unknown setting 'target'", 1, true))

-- formatting: no trailing zeros, thousands grouped, never an exponent
assert(format_number(5.333333) == "5.33" and format_number(7) == "7" and format_number(0.5) == "0.5")
assert(format_number(37506) == "37,506" and format_number(-1234.5) == "-1,234.5")
assert(format_number(999) == "999" and format_number(100) == "100")
assert(format_figure(1, "是否") == "是" and format_figure(12, "场") == "12场")
assert(format_figure(4596, "人") == "4,596人")
return "ok"
