-- area.lua — 专项考评报告: one work area across all counties.
--
-- For the city staff who lead one area of the work plan (宣传, 组织建设, …):
-- what the area assesses, how the counties rank in it, how each indicator
-- went county by county, and where the points were lost.
--
-- kaoping report --layout reports/area.lua --unit publicity
-- kaoping report --layout reports/area.lua --all -o 专项报告

name = "area"

-- One report per work area of the run, in the rules' order.
function subjects(run)
  local list = {}
  for _, a in ipairs(kaoping.query(
      "SELECT area, title FROM run_areas WHERE run_id = ? ORDER BY seq", run.id)) do
    list[#list + 1] = { code = a.area, name = a.title }
  end
  return list
end

local KIND = { indicator = "指标", bonus = "加分项", deduction = "扣分项", veto = "否决项" }

-- The counties ranked by their subtotal in this area: equal points share a
-- rank (1, 2, 2, 4) and are listed by code; unassessed counties come last.
local function area_ranking(units, scores, area)
  local list = {}
  for _, u in ipairs(units) do
    local s = scores[u.unit] and scores[u.unit][area]
    list[#list + 1] = { unit = u, points = s and s.points, area_score = s or {} }
  end
  table.sort(list, function(x, y)
    local px, py = x.points or -math.huge, y.points or -math.huge
    if px ~= py then return px > py end
    return x.unit.unit < y.unit.unit
  end)
  for i, r in ipairs(list) do
    local prev = list[i - 1]
    r.rank = (prev and prev.points == r.points) and prev.rank or i
  end
  return list
end

-- 一、考评内容: what the area assesses and how it is scored.
local function contents(doc, a, nareas)
  doc:heading(1, "考评内容")
  local text = string.format("“%s”是年度目标考评的%d项工作之一，分值%s分", a.title, nareas,
                             fmt.fixed(a.weight, 0))
  if a.bonus_cap > 0 then text = text .. "，加分最多" .. fmt.points(a.bonus_cap) .. "分" end
  if a.deduction_cap > 0 then text = text .. "，扣分最多" .. fmt.points(a.deduction_cap) .. "分" end
  doc:paragraph(text .. string.format("，共设%d项考评内容：", #a.items))
  local rows = {}
  for i, it in ipairs(a.items) do
    local possible = fmt.points(it.possible)
    if it.kind == "veto" then possible = "等次≤" .. (it.veto_cap or "") end
    -- A deduction has a cap, not a target.
    local target = it.kind == "deduction" and "—" or fmt.figure(it.target, it.measure, "—")
    rows[i] = { tostring(i), it.title, KIND[it.kind] or it.kind, target, possible, it.rule_text }
  end
  doc:table{
    columns = {
      { "序号", align = "center" }, { "考评内容", width = "3*" }, { "类型", align = "center" },
      { "目标", align = "right" }, { "分值", align = "right" }, { "计分方法", width = "3*" },
    },
    rows = rows,
  }
end

-- 二、各县（市、区）得分: the area's own ranking and its chart.
local function ranking(doc, run, a, ranked)
  doc:heading(1, "各县（市、区）得分")
  local sum, n, full = 0, 0, {}
  for _, r in ipairs(ranked) do
    if r.points then
      sum, n = sum + r.points, n + 1
      if r.points >= a.weight - 0.005 then full[#full + 1] = r.unit.name end
    end
  end
  if n > 0 then
    doc:paragraph(string.format("全市平均%s分（得分率%s）。%s", fmt.points(sum / n),
                                fmt.percent(sum / n / a.weight * 100),
                                #full > 0 and string.format("得满分的有%s。", fmt.names(full, 10))
                                or "没有县（市、区）得满分。"))
  end
  local rows = {}
  for _, r in ipairs(ranked) do
    local s = r.area_score
    rows[#rows + 1] = {
      r.points and tostring(r.rank) or "—", r.unit.name, fmt.points(s.base, "—"),
      fmt.points(s.bonus, "—"), (s.deduction and s.deduction > 0) and ("-" .. fmt.points(s.deduction))
      or fmt.points(s.deduction, "—"),
      fmt.points(r.points, "未评分"), fmt.percent(fmt.rate(r.points, a.weight), 1, "—"),
      tostring(r.unit.rank),
    }
  end
  doc:table{
    columns = {
      { "名次", align = "center" }, { "县（市、区）", width = "2*" },
      { "基本分", align = "right" }, { "加分", align = "right" }, { "扣分", align = "right" },
      { "得分", align = "right" }, { "得分率", align = "right" },
      { "总分名次", align = "center" },
    },
    rows = rows,
  }
  for first = 1, #ranked, house.CHUNK do
    local last = math.min(#ranked, first + house.CHUNK - 1)
    local names, values = {}, {}
    for i = first, last do
      names[#names + 1] = ranked[i].unit.name
      values[#values + 1] = ranked[i].points or false
    end
    doc:chart{
      kind = "bar_ranking", name = house.chunk_name("ranking", first),
      title = a.short_title .. "得分排名" .. house.chunk_title(first, last, #ranked),
      categories = names, series = { { name = "得分", values = values } },
      unit = "分", decimals = 2, references = { { value = a.weight, label = "满分" } },
      axes = { "县（市、区）", "得分" }, height = 60 + 24 * #names,
    }
  end
end

-- One indicator across the counties: table and chart.
local function indicator(doc, run, a, it, units, item_scores, counts)
  doc:heading(2, it.title)
  local m = it.measure
  local manual = it.rule_kind == "manual"
  -- An assessor's record counts no units: no evidence column for it.
  local evidence_title = not manual and it.evidence_title or nil
  local rows, met, no_data, not_scored = {}, 0, 0, 0
  local order = {}
  for _, u in ipairs(units) do order[#order + 1] = u end
  -- Best first, so the table reads like a ranking of the indicator.
  table.sort(order, function(x, y)
    local sx, sy = item_scores[x.unit] or {}, item_scores[y.unit] or {}
    local px, py = sx.points or -math.huge, sy.points or -math.huge
    if px ~= py then return px > py end
    local fx, fy = sx.figure or -math.huge, sy.figure or -math.huge
    if fx ~= fy then return fx > fy end
    return x.unit < y.unit
  end)
  local names, figures, previous, any_previous = {}, {}, {}, false
  for _, u in ipairs(order) do
    local s = item_scores[u.unit]
    local row
    if not s or s.status == "skipped" then
      row = { u.name, "未评分", "—", "—" }
    else
      if s.status == "no_data" then no_data = no_data + 1 end
      if s.status == "not_scored" then not_scored = not_scored + 1 end
      if s.points and s.points >= s.possible - 0.005 and s.status == "scored" then met = met + 1 end
      local points = fmt.points(s.points, "未评分")
      if it.kind == "deduction" and s.points and s.points > 0 then points = "-" .. points end
      if it.kind == "veto" then points = s.vetoed == 1 and "否决" or "通过" end
      local target = it.kind == "deduction" and "—" or fmt.figure(s.target, m, "—")
      if s.previous then
        target = "上年 " .. fmt.figure(s.previous, m)
        any_previous = true
      end
      row = { u.name, s.status == "not_scored" and "未评分" or fmt.figure(s.figure, m), target,
              points }
    end
    if evidence_title then
      local n = counts[u.unit] or 0
      row[#row + 1] = n > 0 and tostring(n) or ""
    end
    rows[#rows + 1] = row
    names[#names + 1] = u.name
    figures[#figures + 1] = s and s.figure or false
    previous[#previous + 1] = s and s.previous or false
  end
  local parts = {}
  if it.kind == "veto" then
    parts[1] = string.format("否决条件：%s，触发的等次最高为%s", it.rule_text, it.veto_cap or "合格")
  elseif it.kind == "deduction" then
    parts[1] = string.format("计分方法：%s", it.rule_text)
  elseif manual then
    parts[1] = string.format("分值%s分，由评审按评分标准打分", fmt.points(it.possible))
  else
    parts[1] = string.format("目标%s，分值%s分", fmt.figure(it.target, m, "比上年稳中有升"),
                             fmt.points(it.possible))
  end
  if it.kind == "indicator" then parts[#parts + 1] = string.format("%d个县（市、区）得满分", met) end
  if no_data > 0 then parts[#parts + 1] = string.format("%d个无数据", no_data) end
  if not_scored > 0 then
    parts[#parts + 1] = string.format(manual and "%d个评审尚未打分（未评分）" or "%d个未能评分",
                                      not_scored)
  end
  doc:paragraph(table.concat(parts, "；") .. "。")
  -- What the figure is and how it scores, so that the reader need not look
  -- up the rules: the guide of an assessed item, the method of the others.
  if manual then
    local guide = (it.rule_text or ""):match("^评审打分（[^）]*）：(.*)$") or it.rule_text or ""
    doc:paragraph("评分标准：" .. fmt.sentence(guide), { small = true, indent = false })
  elseif it.kind ~= "veto" and it.kind ~= "deduction" and it.rule_text then
    doc:paragraph("计分方法：" .. fmt.sentence(it.rule_text), { small = true, indent = false })
  end
  local columns = {
    { "县（市、区）", width = "2*" }, { "完成值", align = "right", width = "1*" },
    { "目标", align = "right", width = "1*" }, { "得分", align = "right", width = "1*" },
  }
  if evidence_title then
    columns[#columns + 1] = { evidence_title .. "（" .. advice.counter(evidence_title) .. "）",
                              align = "right", width = "2*" }
  end
  doc:table{ columns = columns, rows = rows }

  -- A yes/no item needs no chart; a chart of many counties is split.
  if m ~= "是否" then
    for first = 1, #names, house.CHUNK do
      local last = math.min(#names, first + house.CHUNK - 1)
      local cats, cur, prev = {}, {}, {}
      for i = first, last do
        cats[#cats + 1], cur[#cur + 1], prev[#prev + 1] = names[i], figures[i], previous[i]
      end
      local series = { { name = any_previous and "本年" or it.title, values = cur } }
      if any_previous then series[2] = { name = "上年", values = prev } end
      doc:chart{
        kind = "bars", name = house.chunk_name("item_" .. it.item, first),
        title = it.title .. house.chunk_title(first, last, #names),
        categories = cats, series = series, unit = m ~= "" and m or nil,
        references = (it.target and it.kind ~= "deduction") and
                     { { value = it.target, label = "目标" } } or nil,
        axes = { "县（市、区）", m ~= "" and m or "数值" }, height = 220,
      }
    end
  end
end

-- 四、存在的主要问题: for each indicator that lost points, how much and where.
local function problems(doc, a, units, all_scores, all_counts)
  doc:heading(1, "存在的主要问题")
  local said = 0
  for _, it in ipairs(a.items) do
    local lost, who, places = 0, {}, {}
    local item_scores = all_scores[it.item] or {}
    for _, u in ipairs(units) do
      local s = item_scores[u.unit]
      local l = 0
      if s and it.kind == "indicator" and s.points then l = s.possible - s.points end
      if s and it.kind == "deduction" and s.points then l = s.points end
      if s and it.kind == "veto" and s.vetoed == 1 then l = 0.001 end
      if l > 0.0005 then
        lost = lost + l
        who[#who + 1] = u.name
        local n = all_counts[it.item] and all_counts[it.item][u.unit] or 0
        if n > 0 then places[#places + 1] = string.format("%s%d%s", u.name, n,
                                                          advice.counter(it.evidence_title)) end
      end
    end
    if #who > 0 then
      said = said + 1
      local text
      if it.kind == "veto" then
        text = string.format("“%s”：%s触发一票否决。", it.title, fmt.names(who, 10))
      else
        text = string.format("“%s”：全市共%s%s分，涉及%s。", it.title,
                             it.kind == "deduction" and "扣" or "失", fmt.points(lost),
                             fmt.names(who, 5))
      end
      if #places > 0 and it.evidence_title and it.kind ~= "veto" and it.rule_kind ~= "manual" then
        text = text .. it.evidence_title .. "：" .. fmt.names(places, 10) .. "。"
      end
      doc:paragraph(string.format("%d. %s", said, text))
    end
  end
  if said == 0 then doc:paragraph("各县（市、区）在本项工作中均未失分。") end
end

function render(doc, run, subject)
  local areas = rundata.areas(run)
  local a = areas.by_id[subject.code]
  if not a then error("the run has no work area " .. subject.code) end
  local units = rundata.units(run)
  local scores = rundata.area_scores(run)
  local item_scores = rundata.area_item_scores(run, a.area)
  local counts = rundata.area_evidence_counts(run, a.area)

  local city, header = house.begin(doc, run, {
    title = run.year .. "年度" .. a.title .. "专项考评报告",
    cover = a.title,
    subtitle = run.year .. "年度县（市、区）专项考评报告",
    unit = a.short_title,
  })
  contents(doc, a, #areas)
  if a.status == "skipped" then
    doc:heading(1, "考评情况")
    doc:paragraph(fmt.sentence(a.note or "本项未评分"))
  else
    ranking(doc, run, a, area_ranking(units, scores, a.area))
    doc:heading(1, "分指标完成情况")
    for _, it in ipairs(a.items) do
      indicator(doc, run, a, it, units, item_scores[it.item] or {}, counts[it.item] or {})
    end
    problems(doc, a, units, item_scores, counts)
  end
  house.notes(doc, run, header)
  house.signature(doc, run, city)
end
