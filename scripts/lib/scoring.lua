-- scoring.lua — the ways an indicator can be scored (计分方法).
--
-- A rules file writes, for each indicator, `rule = ratio { target = 100, points = 8 }`
-- and the like.  Each function below checks what it is given (a mistake is
-- reported by `kaoping check` with the line of the rules file) and returns a
-- rule: a table with
--   kind      the method's name, e.g. "ratio"
--   points    the most the rule can give
--   target    the figure aimed at (nil when the method has none)
--   text      how it scores, in words, shown in reports
--   previous  true when it needs last year's figure (ctx.previous)
--   score     function(x, ctx) -> points, sentence
--             x is the indicator's figure for the county; ctx holds
--             title, measure, target, points and, when asked for, previous.
--             A veto rule's score returns true (vetoed) or false instead.
--
-- To add a method, write a function that returns such a table and add it to
-- the list at the end of this file.  A rule can also be a plain function
-- `function(x, ctx) return points, sentence end`; the indicator then says its
-- `points`.

-- ---- formatting --------------------------------------------------------------

-- A number as people write it: no trailing zeros, at most two decimals,
-- thousands grouped ("37,506"), never an exponent.  Matches util/number.c,
-- which writes the same numbers on the C side.
local function num(x)
  if x == math.huge then return "∞" end
  local s = string.format("%.2f", x)
  if s:find("%.") then s = s:gsub("0+$", ""):gsub("%.$", "") end
  if s == "-0" then s = "0" end
  local sign, whole, rest = s:match("^(%-?)(%d+)(.*)$")
  whole = whole:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return sign .. whole .. rest
end

-- A figure with its measure: "85.5%", "12场", "是".
local function fig(x, measure)
  if measure == "是否" then return x >= 1 and "是" or "否" end
  if measure == "%" then return num(x) .. "%" end
  return num(x) .. (measure or "")
end

local function earned(p, points)
  return string.format("得%s分（满分%s分）", num(p), num(points))
end

-- ---- checking what a rules file gives ----------------------------------------

-- Report a mistake; kaoping.problem gives it the line of the rules file
-- that called the method.
local function bad(method, msg)
  kaoping.problem(method .. ": " .. msg)
end

local function number(method, args, key, opts)
  local v = args[key]
  opts = opts or {}
  if v == nil then
    if opts.default ~= nil then return opts.default end
    bad(method, key .. " is missing")
    return nil
  end
  if type(v) ~= "number" then
    bad(method, string.format("%s must be a number, not %s %q", key, type(v), tostring(v)))
    return nil
  end
  if v ~= v or v == math.huge or v == -math.huge then
    bad(method, key .. " must be a finite number")
    return nil
  end
  if opts.positive and v <= 0 then
    bad(method, string.format("%s must be greater than 0, not %s%s", key, num(v), opts.why or ""))
    return nil
  end
  if not opts.positive and v < 0 then
    bad(method, string.format("%s must not be negative, not %s", key, num(v)))
    return nil
  end
  return v
end

local function table_arg(method, args)
  if type(args) ~= "table" then
    bad(method, "expects a table: " .. method .. " { ... }")
    return {}
  end
  return args
end

local function only(method, args, allowed)
  for k in pairs(args) do
    if type(k) ~= "string" or not allowed[k] then
      local names = {}
      for name in pairs(allowed) do names[#names + 1] = name end
      table.sort(names)
      bad(method, string.format("unknown setting '%s' (it takes %s)", tostring(k),
                                table.concat(names, ", ")))
    end
  end
end

-- A rule whose settings were wrong: `kaoping check` has said why, and an
-- assessment refuses to run, so it never scores.
local function broken(kind)
  return { kind = kind, points = 0, text = kind, broken = true,
           score = function() error(kind .. ": the rule has errors; see 'kaoping check'") end }
end

-- ---- the methods ---------------------------------------------------------------

-- 按完成比例计分: points × figure / target, at most points.
local function ratio(args)
  args = table_arg("ratio", args)
  only("ratio", args, { target = true, points = true })
  local target = number("ratio", args, "target", { positive = true,
    why = " (a zero target cannot be divided by; for 'at most' use threshold)" })
  local points = number("ratio", args, "points", { positive = true })
  if not target or not points then return broken("ratio") end
  return {
    kind = "ratio", points = points, target = target,
    text = string.format("按完成比例计分：达到目标%s得%s分，未达到按比例计分", num(target), num(points)),
    score = function(x, ctx)
      local p = math.min(points, points * x / target)
      if p < 0 then p = 0 end
      local rate = x / target * 100
      return p, string.format("%s，目标%s，完成%s%%，%s", fig(x, ctx.measure),
                              fig(target, ctx.measure), num(rate), earned(p, points))
    end,
  }
end

-- 达标计分: all the points when the figure reaches the target (or stays at
-- or below it, with at_most = true), none otherwise.
local function threshold(args)
  args = table_arg("threshold", args)
  only("threshold", args, { target = true, points = true, at_most = true })
  local target = number("threshold", args, "target")
  local points = number("threshold", args, "points", { positive = true })
  local at_most = args.at_most
  if at_most ~= nil and type(at_most) ~= "boolean" then
    bad("threshold", "at_most must be true or false")
    return broken("threshold")
  end
  if not target or not points then return broken("threshold") end
  local word = at_most and "不超过" or "达到"
  return {
    kind = "threshold", points = points, target = target,
    text = string.format("%s%s得%s分，否则不得分", word, num(target), num(points)),
    score = function(x, ctx)
      local ok = (at_most and x <= target) or (not at_most and x >= target)
      local p = ok and points or 0
      return p, string.format("%s，要求%s%s，%s，%s", fig(x, ctx.measure), word,
                              fig(target, ctx.measure), ok and "已达标" or "未达标", earned(p, points))
    end,
  }
end

-- 分档计分: bands tried in order, the first the figure reaches scores.
--   tiers { {at_least = 5, points = 3}, {at_least = 3, points = 2}, {at_least = 1, points = 1} }
-- or, for "fewer is better", {at_most = 0, points = 3}, {at_most = 2, points = 1}.
local function tiers(bands)
  bands = table_arg("tiers", bands)
  if #bands == 0 then
    bad("tiers", "needs at least one band: tiers { {at_least = 5, points = 3}, ... }")
    return broken("tiers")
  end
  local list, best, target, ok = {}, 0, nil, true
  for i, b in ipairs(bands) do
    if type(b) ~= "table" then
      bad("tiers", string.format("band %d must be a table like {at_least = 5, points = 3}", i))
      ok = false
    else
      only("tiers", b, { at_least = true, at_most = true, points = true })
      local p = number("tiers", b, "points")
      local lo = b.at_least ~= nil and number("tiers", b, "at_least") or nil
      local hi = b.at_most ~= nil and number("tiers", b, "at_most") or nil
      if (lo == nil) == (hi == nil) then
        bad("tiers", string.format("band %d needs exactly one of at_least or at_most", i))
        ok = false
      elseif p == nil then
        ok = false
      else
        list[#list + 1] = { lo = lo, hi = hi, points = p }
        if p > best then best, target = p, lo or hi end
      end
    end
  end
  if not ok then return broken("tiers") end
  local words = {}
  for _, b in ipairs(list) do
    words[#words + 1] = string.format("%s%s得%s分", b.lo and "达到" or "不超过",
                                      num(b.lo or b.hi), num(b.points))
  end
  return {
    kind = "tiers", points = best, target = target,
    text = "分档计分：" .. table.concat(words, "，") .. "，否则不得分",
    score = function(x, ctx)
      for _, b in ipairs(list) do
        if (b.lo and x >= b.lo) or (b.hi and x <= b.hi) then
          return b.points, string.format("%s，%s%s一档，%s", fig(x, ctx.measure),
                                         b.lo and "达到" or "不超过", fig(b.lo or b.hi, ctx.measure),
                                         earned(b.points, best))
        end
      end
      return 0, string.format("%s，未达到任何一档，%s", fig(x, ctx.measure), earned(0, best))
    end,
  }
end

-- 按个数计分: each item earns `each` points, up to `max`.
local function per_item(args)
  args = table_arg("per_item", args)
  only("per_item", args, { each = true, max = true })
  local each = number("per_item", args, "each", { positive = true })
  local max = number("per_item", args, "max", { positive = true })
  if not each or not max then return broken("per_item") end
  return {
    kind = "per_item", points = max, target = max / each,
    text = string.format("每个计%s分，最多%s分", num(each), num(max)),
    score = function(x, ctx)
      local p = math.min(max, x * each)
      return p, string.format("%s，每个计%s分，%s", fig(x, ctx.measure), num(each), earned(p, max))
    end,
  }
end

-- 与上年比较: all the points when the figure grew on last year, `steady` when
-- it held level, none when it fell.  With no figure for last year the county
-- gets `no_previous` points (default: steady), and the sentence says so.
local function growth(args)
  args = table_arg("growth", args)
  only("growth", args, { points = true, steady = true, no_previous = true })
  local points = number("growth", args, "points", { positive = true })
  local steady = number("growth", args, "steady", { default = 0 })
  local no_previous = number("growth", args, "no_previous", { default = steady })
  if not points or not steady or not no_previous then return broken("growth") end
  if steady > points or no_previous > points then
    bad("growth", "steady and no_previous cannot be more than points")
    return broken("growth")
  end
  return {
    kind = "growth", points = points, previous = true,
    text = string.format("比上年增长得%s分，持平得%s分，下降不得分", num(points), num(steady)),
    score = function(x, ctx)
      local prev = ctx.previous
      if prev == nil then
        return no_previous, string.format("%s，上年无数据，无法比较，%s", fig(x, ctx.measure),
                                          earned(no_previous, points))
      end
      local p, how
      if x > prev then p, how = points, "比上年增长"
      elseif x == prev then p, how = steady, "与上年持平"
      else p, how = 0, "比上年下降"
      end
      local change = ""
      if prev > 0 then change = string.format("%s%%", num(math.abs(x - prev) / prev * 100)) end
      return p, string.format("%s，上年%s，%s%s，%s", fig(x, ctx.measure), fig(prev, ctx.measure),
                              how, change, earned(p, points))
    end,
  }
end

-- 一票否决: the county's grade is capped when the figure is below (or above)
-- the bound, or when the function given returns true.  Used in `veto` items.
--   veto_if { below = 1 }     veto_if { above = 0 }     veto_if(function(x) return x < 1 end)
local function veto_if(args)
  if type(args) == "function" then
    return { kind = "veto_if", points = 0, veto = true, text = "一票否决（自定义条件）",
             score = function(x, ctx)
               local hit = args(x, ctx) and true or false
               return hit, string.format("%s，%s", fig(x, ctx.measure), hit and "触发一票否决" or "未触发一票否决")
             end }
  end
  args = table_arg("veto_if", args)
  only("veto_if", args, { below = true, above = true })
  if (args.below == nil) == (args.above == nil) then
    bad("veto_if", "needs exactly one of below or above")
    return broken("veto_if")
  end
  local key = args.below ~= nil and "below" or "above"
  local bound = number("veto_if", args, key)
  if bound == nil then return broken("veto_if") end
  local word = key == "below" and "低于" or "高于"
  return {
    kind = "veto_if", points = 0, veto = true, target = bound,
    text = string.format("%s%s即一票否决", word, num(bound)),
    score = function(x, ctx)
      local hit = (key == "below" and x < bound) or (key == "above" and x > bound)
      local verdict = hit and "触发一票否决" or "未触发一票否决"
      if ctx.measure == "是否" then  -- "否，触发一票否决" reads better than comparing 是/否
        return hit, string.format("%s，%s", fig(x, ctx.measure), verdict)
      end
      return hit, string.format("%s，%s%s，%s", fig(x, ctx.measure), word, fig(bound, ctx.measure),
                                verdict)
    end,
  }
end

-- 评审打分: no data can decide the item; assessors give 0..points by the
-- guide (评分标准), imported with `kaoping score import`.  The figure handed
-- to score is the assessor's points; a county with no score is 未评分, which
-- the engine decides before the rule is called.
local function manual(args)
  args = table_arg("manual", args)
  only("manual", args, { points = true, guide = true })
  local points = number("manual", args, "points", { positive = true })
  local guide = args.guide
  -- Still marked manual when broken, so that the loader does not look for
  -- a plugin indicator of that id and report a second, wrong mistake.
  local function broken_manual()
    local b = broken("manual")
    b.manual = true
    return b
  end
  if type(guide) ~= "string" or guide == "" then
    bad("manual", "guide must say how assessors give the points (评分标准)")
    return broken_manual()
  end
  if not points then return broken_manual() end
  return {
    kind = "manual", manual = true, points = points, guide = guide,
    text = string.format("评审打分（满分%s分）：%s", num(points), guide),
    score = function(x)
      local p = math.max(0, math.min(points, x))
      return p, string.format("评审打分，%s", earned(p, points))
    end,
  }
end

return {
  ratio = ratio,
  manual = manual,
  threshold = threshold,
  tiers = tiers,
  per_item = per_item,
  growth = growth,
  veto_if = veto_if,
  -- for rules that write their own sentences
  format_number = num,
  format_figure = fig,
}
