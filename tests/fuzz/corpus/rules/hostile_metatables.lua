-- Metatables on the tables the rules verbs keep, patterns with long sets,
-- and allocation pressure around a rule.
local set = "[" .. string.rep("b", 20000) .. "]"
pcall(string.find, string.rep("a", 20000), set)
pcall(rawset, string, "format", function() return "evil" end)
local mt = { __index = function(t, k) while true do end end, __len = function() return 1e9 end,
             __pairs = function() return next, {}, nil end }
assessment(setmetatable({ year = 2023, title = "测试", grades = setmetatable({ { "优秀", 90 }, { "不合格", 0 } }, mt) }, mt))
area "health_promotion" (setmetatable({
  title = "推进健康促进行动", weight = 100,
  indicator "lecture_coverage" (setmetatable({ rule = setmetatable({ score = function(x)
      local t = {} for i = 1, 2000 do t[i] = ("y"):rep(30) .. i end
      local ok = pcall(function()
        local guard <close> = setmetatable({}, { __close = function() error("other") end })
        local big = {} for i = 1, 1e9 do big[i] = {} end
      end)
      return 1
    end }, mt), points = 8 }, mt)),
}, mt))
