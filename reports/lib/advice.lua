-- advice.lua — turning lost points into words: the lists of townships and
-- villages behind a shortfall, and the 整改建议 (improvement points) that
-- close a county's report.
--
-- Every suggestion comes from one item that lost points and names the
-- indicator, the gap to its target, the points lost and the places the
-- evidence lists, so that the county knows what to do and where.
-- Exported as the global table `advice`.

local advice = {}

-- How many places a suggestion names before "等 N 个".
advice.NAMES_SHOWN = 5

-- An evidence entry as a reader knows it: a unit by its name, a month as
-- "3月", anything else (a family number, a venue type) by its key.
function advice.entry_name(e)
  if e.name and e.name ~= "" then return e.name end
  local m = tostring(e.key):match("^%d%d%d%d%-(%d%d)$")
  if m then return tonumber(m) .. "月" end
  return tostring(e.key)
end

-- An entry with its detail: "1月（1篇）", "临江市（在岗 8 人，在编 9 人）";
-- a detail that already names the place ("琴台社区向日葵亲子小屋（建设中）")
-- stands alone.  With `plain`, only the name, unless the detail names it.
function advice.label(e, plain)
  local n, d = advice.entry_name(e), e.detail or ""
  if d == "" or d == n then return n end
  if d:find(n, 1, true) then return d end
  if plain then return n end
  -- A detail with brackets of its own reads better after a space.
  if d:find("（", 1, true) then return n .. " " .. d end
  return n .. "（" .. d .. "）"
end

-- The word that counts the entries: households, events, months, places.
function advice.counter(evidence_title)
  evidence_title = evidence_title or ""
  if evidence_title:find("家庭$") then return "户" end
  if evidence_title:find("活动$") then return "次" end
  if evidence_title:find("月份$") then return "个月" end
  return "个"
end

-- Whether every entry says the same (then the title says it all).
local function same_detail(entries)
  for i = 2, #entries do
    if entries[i].detail ~= entries[1].detail then return false end
  end
  return true
end

-- A long list whose entries say one of a few things ("指导员 0 名",
-- "未上报") reads best split by what they say: returns the groups in the
-- order they first occur, {detail=, entries=}, or nil when the list is
-- better left whole (short, all alike, every entry different, or months,
-- which read best in calendar order).
function advice.split_by_detail(entries)
  if #entries < 10 or same_detail(entries) then return nil end
  if tostring(entries[1].key):match("^%d%d%d%d%-%d%d$") then return nil end
  local groups, at = {}, {}
  for _, e in ipairs(entries) do
    local d = e.detail or ""
    if not at[d] then
      if #groups == 4 then return nil end
      at[d] = { detail = d, entries = {} }
      groups[#groups + 1] = at[d]
    end
    table.insert(at[d].entries, e)
  end
  return groups
end

-- The full list behind a shortfall, villages grouped under their township:
-- "柳堰镇：琴台社区、王湖村；黄林镇：紫阳社区".  Details are added in
-- brackets when they differ between entries ("1月（1篇）") or there is only one;
-- `names_only` leaves them out (the caller has said them already).
function advice.full_list(entries, names_only)
  -- Details that all say the same add nothing; a single entry's detail
  -- ("在岗 8 人，在编 9 人") is the point.
  local plain = names_only or (#entries > 1 and same_detail(entries))
  local function label(e) return advice.label(e, plain) end
  local groups, order, loose = {}, {}, {}
  for _, e in ipairs(entries) do
    if e.level == 4 and e.parent then
      if not groups[e.parent] then
        groups[e.parent] = {}
        order[#order + 1] = e.parent
      end
      local g = groups[e.parent]
      g[#g + 1] = label(e)
    else
      loose[#loose + 1] = label(e)
    end
  end
  local parts = {}
  if #loose > 0 then parts[#parts + 1] = table.concat(loose, "、") end
  for _, township in ipairs(order) do
    parts[#parts + 1] = township .. "：" .. table.concat(groups[township], "、")
  end
  return table.concat(parts, "；")
end

-- What to do about a shortfall, by what its evidence lists: townships and
-- villages are pressed to finish, households and items are followed up one
-- by one, months are kept up.
function advice.action(entries)
  if #entries == 0 then return "请制定措施，力争达到目标。" end
  local places = 0
  for _, e in ipairs(entries) do
    if e.level == 3 or e.level == 4 then places = places + 1 end
  end
  if places == #entries then return "请督促上述单位限期完成。" end
  local m = tostring(entries[1].key):match("^%d%d%d%d%-%d%d$")
  if m then return "请确保每月按要求报送。" end
  return "请逐项落实、限期完成。"
end

-- The points an item cost the county, and why; nil when it cost nothing.
-- Bonus items cost nothing: not earning a bonus is not a shortfall.
local function loss(item, s)
  if not s or s.status == "skipped" or item.kind == "bonus" then return nil end
  if item.kind == "veto" then
    if s.vetoed == 1 then return { veto = true, lost = 0 } end
    return nil
  end
  -- Not scored is not lost: the item is out of the total, and comes last.
  if s.status == "not_scored" then return { not_scored = true, lost = 0 } end
  if item.kind == "deduction" then
    if (s.points or 0) > 0.005 then return { deducted = true, lost = s.points } end
    return nil
  end
  local lost = (s.possible or 0) - (s.points or 0)
  if lost > 0.005 then return { no_data = s.status == "no_data", lost = lost } end
  return nil
end

-- "无数据（没有品牌与项目点记录）" → "没有品牌与项目点记录".
local function no_data_reason(s)
  return (s.explanation or ""):match("无数据（(.-)）") or s.reason or "没有上报数据"
end

-- What the figure is against the target: "完成57.14%，目标100%，差42.86个百分点".
local function against_target(item, s)
  local m = item.measure or ""
  if s.previous and s.figure then
    local d = s.figure - s.previous
    local how = d < 0 and ("比上年减少" .. fmt.figure(-d, m))
             or d == 0 and "与上年持平" or ("比上年增加" .. fmt.figure(d, m))
    return string.format("本年%s，上年%s，%s", fmt.figure(s.figure, m),
                         fmt.figure(s.previous, m), how)
  end
  if s.figure and s.target then
    local text = string.format("完成%s，目标%s", fmt.figure(s.figure, m), fmt.figure(s.target, m))
    local gap = s.target - s.figure
    if gap > 0 and m ~= "是否" then text = text .. "，差" .. fmt.gap(gap, m) end
    return text
  end
  if s.figure then return "完成" .. fmt.figure(s.figure, m) end
  return s.explanation or ""
end

-- The 整改建议 of one county, most points lost first (a veto before all).
-- Returns a list of {area=, item=, lost=, veto=, not_scored=, text=}.
function advice.suggestions(areas, scores, evidence)
  local out = {}
  for ai, a in ipairs(areas) do
    for ii, it in ipairs(a.items) do
      local s = scores[a.area] and scores[a.area][it.item]
      local l = loss(it, s)
      if l then
        local manual = it.rule_kind == "manual"
        -- An assessor's record is not a list of units that fell short.
        local ev = not manual and evidence[a.area] and evidence[a.area][it.item] or {}
        local head = "【" .. a.short_title .. "】" .. it.title .. "："
        local body, action
        if l.veto then
          body = string.format("%s，等次最高为%s。", s.explanation ~= "" and s.explanation
                               or "触发一票否决", it.veto_cap or "合格")
          action = "须立即整改，消除否决情形。"
        elseif l.not_scored and manual then
          body = "评审尚未打分（未评分）。"
          action = "请按评分标准备齐佐证材料，待评审打分。"
        elseif l.not_scored then
          body = string.format("未能评分（%s）。", s.reason or "原因不明")
          action = "请核对数据后重新考评。"
        elseif manual then
          body = string.format("评审得%s分，失%s分。", fmt.points(s.points), fmt.points(l.lost))
          action = "请对照评分标准补齐工作和佐证材料。"
        elseif l.no_data then
          body = string.format("无数据（%s），失%s分。", no_data_reason(s), fmt.points(l.lost))
          action = "请核实该项工作开展情况，按时、完整报送数据。"
        elseif l.deducted then
          body = string.format("%s，扣%s分。", fmt.figure(s.figure, it.measure),
                               fmt.points(l.lost))
          action = "请限期纠正。"
        else
          body = string.format("%s，失%s分。", against_target(it, s), fmt.points(l.lost))
          action = s.previous and "请采取措施，确保比上年稳中有升。" or advice.action(ev)
        end
        local where = ""
        if #ev > 0 then
          -- Names only in a list; the one entry of a short list with its detail.
          local names = {}
          for i, e in ipairs(ev) do names[i] = advice.label(e, #ev > 1) end
          where = string.format("%s：%s。", it.evidence_title or "涉及",
                                fmt.names(names, advice.NAMES_SHOWN,
                                          advice.counter(it.evidence_title)))
        end
        out[#out + 1] = {
          area = a, item = it, lost = l.lost, veto = l.veto, not_scored = l.not_scored,
          order = ai * 1000 + ii,
          text = head .. body .. where .. action,
        }
      end
    end
  end
  table.sort(out, function(x, y)
    if (x.veto or false) ~= (y.veto or false) then return x.veto or false end
    if math.abs(x.lost - y.lost) > 0.005 then return x.lost > y.lost end
    return x.order < y.order
  end)
  return out
end

return { advice = advice }
