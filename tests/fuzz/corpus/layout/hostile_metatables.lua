-- Metatables on everything the doc methods and subjects() hand to C, and
-- garbage that makes the collector run between C's reads.
name = "hostile"
local n = 0
local function churn() local t = {} for i = 1, 3000 do t[i] = ("x"):rep(40) .. i end end
local fresh = { __index = function(t, k) n = n + 1; churn(); return ("标题"):rep(20) .. n end,
                __len = function() return 1e9 end,
                __pairs = function(t) return next, {}, nil end }
function subjects(run)
  return { setmetatable({ code = "c1", name = "甲" }, fresh) }
end
function render(doc, run, subject)
  local rows = { { "甲", 1 }, { "乙", 2 } }
  doc:cover(setmetatable({ title = 12345, lines = setmetatable({ 1, 2, 3 }, fresh) }, fresh))
  doc:info(setmetatable({ title = 7 }, fresh))
  doc:table{ columns = { setmetatable({ "名称" }, { __index = function() rows[1] = 0x41414141 end }),
                         { "数值" } }, rows = rows }
  doc:kv(setmetatable({ { 1, 2 } }, fresh))
  doc:chart(setmetatable({ kind = "bars", name = 99, title = 3, categories = setmetatable({ 1, 2 }, fresh),
    series = { setmetatable({ name = 4, values = setmetatable({ 1, 2 }, fresh) }, fresh) } }, fresh))
  pcall(doc.chart, doc, { kind = "heatmap", name = "fuzz", title = "热力", categories = { "甲", "乙" },
                          series = { { name = "值", values = { 0, 1.7e308 } } } })
  doc:chart{ kind = "heatmap", name = "fuzz", title = "热力", categories = { "甲", "乙" },
             series = { { name = "值", values = { 0, 1e15 } } } }
end
