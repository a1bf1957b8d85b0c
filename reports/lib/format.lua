-- format.lua — how numbers, dates and lists read in every report.
--
-- One place decides "two decimals for points", "无数据 for a missing
-- figure" and "甲、乙等 N 个", so the three layouts cannot drift apart.
-- Everything here is exported as the global table `fmt`.

local fmt = {}

-- x with `decimals` places; "-0.00" never shows.
function fmt.fixed(x, decimals)
  local s = string.format("%." .. (decimals or 2) .. "f", x)
  if s:match("^%-[0.]+$") then s = s:sub(2) end
  return s
end

-- Points: always two decimals.  A missing value is 无数据 unless the caller
-- has a better word for it (未评分 for an item that could not be scored).
function fmt.points(x, missing)
  if x == nil then return missing or "无数据" end
  return fmt.fixed(x, 2)
end

-- A percentage given as 0..100.
function fmt.percent(x, decimals, missing)
  if x == nil then return missing or "无数据" end
  return fmt.fixed(x, decimals or 1) .. "%"
end

-- points / possible as a percentage, or nil when there is nothing to divide.
function fmt.rate(points, possible)
  if points == nil or possible == nil or possible <= 0 then return nil end
  return points / possible * 100
end

-- A figure in its measure: "57.14%", "8场", "是"; 无数据 when missing.
function fmt.figure(x, measure, missing)
  if x == nil then return missing or "无数据" end
  measure = measure or ""
  if measure == "%" then return fmt.fixed(x, 2) .. "%" end
  if measure == "是否" then return x >= 1 and "是" or "否" end
  -- Counts (场, 个, 人) are whole; anything else keeps two decimals.  Either
  -- way the thousands are grouped for the reader: 37,506人.
  if x == math.floor(x) and math.abs(x) < 1e15 then
    return fmt.grouped(string.format("%d", math.floor(x))) .. measure
  end
  return fmt.grouped(fmt.fixed(x, 2)) .. measure
end

-- "37506.5" → "37,506.5": commas between the thousands of the whole part.
function fmt.grouped(s)
  local sign, whole, rest = tostring(s):match("^(%-?)(%d+)(.*)$")
  if not whole then return s end
  whole = whole:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return sign .. whole .. rest
end

-- The difference between a figure and its target, in words:
-- "42.86个百分点", "4场".
function fmt.gap(gap, measure)
  measure = measure or ""
  if measure == "%" then return fmt.fixed(gap, 2) .. "个百分点" end
  if measure == "是否" then return "" end
  return fmt.figure(gap, measure)
end

-- "2026-11-28T17:08:38Z" → "2026年11月28日".
function fmt.date(iso)
  local y, m, d = tostring(iso or ""):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if not y then return tostring(iso or "") end
  return string.format("%d年%d月%d日", tonumber(y), tonumber(m), tonumber(d))
end

-- A stored name as reports show it: names come from county files, and one
-- of thousands of characters must not break a chart label, a table or a
-- heading.  Past `max` characters (default 40) it is cut and ends in "…".
function fmt.name(s, max)
  s = tostring(s or "")
  max = max or 40
  local n = utf8.len(s)
  if not n then return s:sub(1, max) end -- not UTF-8: kept short all the same
  if n <= max then return s end
  return s:sub(1, utf8.offset(s, max + 1) - 1) .. "…"
end

-- Names joined with 、; past `max` of them, the first `max` and "等 N 个".
function fmt.names(list, max, counter)
  local n = #list
  if n == 0 then return "" end
  max = max or n
  local shown = {}
  for i = 1, math.min(n, max) do shown[i] = list[i] end
  local s = table.concat(shown, "、")
  if n > max then s = s .. "等 " .. n .. " " .. (counter or "个") end
  return s
end

-- Signed difference for "高于/低于" tables: "+3.25", "-1.10", "0.00".
function fmt.signed(x, decimals)
  if x == nil then return "—" end
  local s = fmt.fixed(x, decimals or 2)
  if x > 0 and s:match("[1-9]") then s = "+" .. s end
  return s
end

-- A sentence ends with 。 (a stored note may come without).
function fmt.sentence(s)
  s = tostring(s or "")
  -- Compared as whole characters: a pattern class would match single bytes.
  for _, stop in ipairs({ "。", "！", "？" }) do
    if s:sub(-#stop) == stop then return s end
  end
  return s ~= "" and s .. "。" or s
end

-- A rank among n: "第 3 名（共 10 个）", with 并列 when shared.
function fmt.rank(rank, n, tied)
  return string.format("第 %d 名%s（共 %d 个县市区）", rank, tied and "（并列）" or "", n)
end

return { fmt = fmt }
