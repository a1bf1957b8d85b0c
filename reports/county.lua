-- county.lua — 县（市、区）计划生育协会工作目标考评报告, one per county.
--
-- What a county association needs in hand after the assessment: its total,
-- grade and rank; how each work area compares with the city average; every
-- indicator with its figure, target, points and the reason for them; the
-- townships and villages behind each shortfall; and a list of 整改建议
-- drawn from the points it lost.  Items assessors score (评审打分) have a
-- section of their own: the guide, the points, the reason, and the
-- county's 自评 beside them.
--
-- kaoping report --layout reports/county.lua --unit 420101000000
-- kaoping report --layout reports/county.lua --all -o reports-2023

name = "county"

-- One report per county of the run, in code order.
function subjects(run)
  local list = {}
  for _, u in ipairs(kaoping.query(
      "SELECT unit, name FROM run_units WHERE run_id = ? ORDER BY unit", run.id)) do
    list[#list + 1] = { code = u.unit, name = fmt.name(u.name) }
  end
  return list
end

-- Last year beside this year, when the year before has an official run:
-- total, grade and rank then, the change, and each area's change.
local function year_before(run, u, areas, mine)
  local prev = rundata.previous(run, u.unit)
  if not prev then return "" end
  local d = u.total - prev.total
  local text = string.format("上年（%d年度）得分%s分，等次为“%s”，排名第%d；本年总分%s%s分，%s。",
                             run.year - 1, fmt.points(prev.total), prev.grade, prev.rank,
                             d >= 0 and "增加" or "减少", fmt.points(math.abs(d)),
                             rundata.rank_change(prev.rank, u.rank))
  local moved = {}
  for _, a in ipairs(areas) do
    local before = prev.areas[a.area]
    local now = mine[a.area] and mine[a.area].points
    if before and now and math.abs(now - before) > 0.005 then
      moved[#moved + 1] = string.format("%s%s%s分", a.short_title, now > before and "+" or "-",
                                        fmt.points(math.abs(now - before)))
    end
  end
  if #moved > 0 then text = text .. "各项工作较上年：" .. table.concat(moved, "，") .. "。" end
  return text
end

-- 一、考评结果: the headline figures, the radar, the area table and charts.
local function results(doc, run, u, units, areas, scores, stats, grades)
  doc:heading(1, "考评结果")
  local mine = scores[u.unit] or {}
  doc:kv{
    { "考评对象", u.name .. "计划生育协会" },
    { "考评总分", fmt.points(u.total) .. " 分（满分 " .. fmt.fixed(u.possible, 0) .. " 分）" },
    { "考评等次", u.grade .. (u.vetoed_by and "（一票否决）" or "") },
    { "全市排名", fmt.rank(u.rank, #units, u.tied) },
  }

  -- The paragraph a reader sees first: where the county stands and why.
  local above, below = {}, {}
  for _, a in ipairs(areas) do
    local p = mine[a.area] and mine[a.area].points
    local avg = stats[a.area].avg
    if p and avg then
      if p - avg > 0.005 then above[#above + 1] = a.short_title end
      if avg - p > 0.005 then below[#below + 1] = a.short_title end
    end
  end
  local text = string.format("%s%d年度工作目标考评得分%s分，等次为“%s”，在全市%d个县（市、区）中"
                             .. "排名第%d%s。", u.name, run.year, fmt.points(u.total), u.grade,
                             #units, u.rank, u.tied and "（并列）" or "")
  if #above > 0 then text = text .. "高于全市平均的工作有：" .. table.concat(above, "、") .. "。" end
  if #below > 0 then text = text .. "低于全市平均的工作有：" .. table.concat(below, "、") .. "。" end
  if u.vetoed_by and u.grade_before_veto ~= u.grade then
    text = text .. "因“" .. u.vetoed_by .. "”，等次由“" .. u.grade_before_veto .. "”降为“"
           .. u.grade .. "”。"
  elseif u.vetoed_by then
    text = text .. "另有“" .. u.vetoed_by .. "”。"
  end
  for _, a in ipairs(areas) do
    if a.status == "skipped" then
      text = text .. "“" .. a.title .. "”本次未评分（" .. (a.note or "未考评") .. "），不计入总分。"
    end
  end
  text = text .. year_before(run, u, areas, mine)
  if u.no_data > 0 then text = text .. "有" .. u.no_data .. "项指标无数据。" end
  if u.not_scored > 0 then text = text .. "有" .. u.not_scored .. "项指标未能评分。" end
  doc:paragraph(text)

  -- Radar of score rates: the shape shows at a glance where the county is
  -- weaker than the city, whatever the weights of the areas.
  local cats, mine_rate, city_rate = {}, {}, {}
  for i, a in ipairs(areas) do
    cats[i] = a.short_title
    local p = mine[a.area] and mine[a.area].points
    mine_rate[i] = fmt.rate(p, a.weight) or false
    city_rate[i] = stats[a.area].rate or false
  end
  local range = house.rate_range(mine_rate, city_rate)
  doc:chart{
    kind = "radar", name = "radar", title = u.name .. "与全市平均得分率对比",
    categories = cats, unit = "%", range = range, decimals = 0,
    series = { { name = u.name, values = mine_rate }, { name = "全市平均", values = city_rate } },
    height = 240,
  }

  doc:heading(2, "分项得分与全市平均")
  local rows, over = {}, false
  for _, a in ipairs(areas) do
    local p = mine[a.area] and mine[a.area].points
    local avg = stats[a.area].avg
    over = over or (p or 0) > a.weight
    rows[#rows + 1] = {
      a.title, fmt.fixed(a.weight, 0), fmt.points(p, "未评分"),
      fmt.percent(fmt.rate(p, a.weight), 1, "—"), fmt.points(avg, "—"),
      (p and avg) and fmt.signed(p - avg) or "—",
    }
  end
  rows[#rows + 1] = { "合计", fmt.fixed(u.possible, 0), fmt.points(u.total), "",
                      "", "", bold = true }
  doc:table{
    columns = {
      { "工作项目", width = "3*" }, { "分值", align = "right" }, { "得分", align = "right" },
      { "得分率", align = "right" }, { "全市平均", align = "right" },
      { "与平均比", align = "right" },
    },
    rows = rows,
  }
  if over then
    doc:paragraph("注：得分含加分，故个别项目得分高于分值。", { small = true, indent = false })
  end
  doc:chart{
    kind = "bars", name = "areas", title = "各项工作得分率（%）",
    categories = cats, unit = "%", range = range, decimals = 0,
    axes = { "工作项目", "得分率" },
    series = { { name = u.name, values = mine_rate }, { name = "全市平均", values = city_rate } },
    height = 260,
  }

  -- Where the county stands among all counties.
  local names, totals = {}, {}
  for i, v in ipairs(units) do
    names[i] = v.name
    totals[i] = v.total
  end
  doc:chart{
    kind = "bar_ranking", name = "ranking", title = "全市各县（市、区）总分排名",
    categories = names, series = { { name = "总分", values = totals } },
    unit = "分", decimals = 2, references = house.grade_lines(grades),
    axes = { "县（市、区）", "总分" }, height = 300,
  }
end

-- One row of an area's indicator table.
local function item_row(i, it, s)
  local kind = ({ bonus = "（加分）", deduction = "（扣分）", veto = "（否决项）" })[it.kind] or ""
  local m = it.measure
  if not s or s.status == "skipped" then
    return { tostring(i), it.title .. kind, "未评分", fmt.figure(it.target, m, "—"), "—",
             fmt.points(it.possible) }
  end
  local figure = fmt.figure(s.figure, m)
  if s.status == "not_scored" then figure = "未评分" end
  -- A deduction has a cap, not a target; a growth item compares with last year.
  local target = it.kind == "deduction" and "—" or fmt.figure(s.target, m, "—")
  if s.previous then target = "上年 " .. fmt.figure(s.previous, m) end
  local points, possible = fmt.points(s.points, "未评分"), fmt.points(s.possible)
  if it.kind == "deduction" then
    points = s.points and (s.points > 0 and "-" .. fmt.points(s.points) or "0.00") or "未评分"
    possible = "-" .. fmt.points(s.possible)
  elseif it.kind == "veto" then
    points = s.vetoed == 1 and "否决" or "—"
    possible = "—"
  end
  return { tostring(i), it.title .. kind, figure, target, points, possible }
end

-- "开展宣讲的乡镇 4，乡镇总数 7": the figures the score was computed from.
-- Month by month counts ("3月 2") are left to the monthly chart.
local function figures_text(list)
  local parts = {}
  for _, f in ipairs(list or {}) do
    if not f.name:match("^%d+月$") then
      parts[#parts + 1] = f.name .. " " .. fmt.figure(f.value, "")
    end
  end
  return table.concat(parts, "，")
end

-- Who is behind a shortfall: the whole list, split by what the entries say
-- when a long list says one of a few things.
local function shortfall_list(doc, it, ev)
  local counter = advice.counter(it.evidence_title)
  local title = it.evidence_title or "涉及"
  local groups = advice.split_by_detail(ev)
  if not groups then
    doc:paragraph(string.format("%s（%d %s）：%s。", title, #ev, counter, advice.full_list(ev)),
                  { small = true })
    return
  end
  doc:paragraph(string.format("%s共 %d %s，其中：", title, #ev, counter), { small = true })
  for _, g in ipairs(groups) do
    doc:paragraph(string.format("%s（%d %s）：%s。", g.detail ~= "" and g.detail or "未注明",
                                #g.entries, counter, advice.full_list(g.entries, true)),
                  { small = true })
  end
end

-- 二、分项考评情况: every area, every indicator, every shortfall.
local function details(doc, run, u, areas, scores, stats, unit_scores, figures, evidence,
                       monthly)
  doc:heading(1, "分项考评情况")
  local mine = scores[u.unit] or {}
  for _, a in ipairs(areas) do
    local as = mine[a.area] or {}
    doc:heading(2, a.title)
    if a.status == "skipped" then
      doc:paragraph(fmt.sentence(a.note or "本项未评分"))
    else
      -- The table comes straight after the heading, so that the two stay
      -- on one page; the summary follows it.
      local item_scores = unit_scores[a.area] or {}
      local rows = {}
      for i, it in ipairs(a.items) do rows[i] = item_row(i, it, item_scores[it.item]) end
      doc:table{
        columns = {
          { "序号", align = "center" }, { "考评指标", width = "3*" },
          { "完成值", align = "right" }, { "目标", align = "right" },
          { "得分", align = "right" }, { "分值", align = "right" },
        },
        rows = rows,
      }
      local st = stats[a.area]
      local line = string.format("本项分值%s分，得分%s分，全市平均%s分。", fmt.fixed(a.weight, 0),
                                 fmt.points(as.points, "未评分"), fmt.points(st.avg, "—"))
      if (as.bonus or 0) > 0 then line = line .. "其中加分" .. fmt.points(as.bonus) .. "分。" end
      if (as.deduction or 0) > 0 then
        line = line .. "其中扣分" .. fmt.points(as.deduction) .. "分。"
      end
      doc:paragraph(line)
      -- Why each indicator scored what it did, and who is behind a shortfall.
      for i, it in ipairs(a.items) do
        local s = item_scores[it.item]
        if s and s.status ~= "skipped" then
          local text = string.format("%d. %s：%s。", i, it.title, s.explanation ~= "" and
                                     s.explanation or "（无说明）")
          if s.status == "not_scored" and s.reason then
            text = text .. "未评分原因：" .. s.reason .. "。"
          end
          local f = figures[a.area] and figures[a.area][it.item]
          if f and #f > 0 then text = text .. "依据：" .. figures_text(f) .. "。" end
          doc:paragraph(text, { small = true, indent = false })
          local ev = evidence[a.area] and evidence[a.area][it.item]
          -- An assessor's record is shown in its own section, not as a shortfall list.
          if ev and #ev > 0 and it.rule_kind ~= "manual" then
            shortfall_list(doc, it, ev)
          end
        end
      end
      -- The monthly information reports, the one time series in the plan.
      if a.area == "influence" then
        local months = {}
        for m = 1, 12 do months[m] = m .. "月" end
        if monthly then
          doc:chart{
            kind = "bars", name = "monthly_reports", title = run.year .. "年每月报送信息篇数",
            categories = months, series = { { name = "信息篇数", values = monthly } },
            references = { { value = 2, label = "每月2篇" } }, unit = "篇", decimals = 0,
            axes = { "月份", "篇数" }, height = 220,
          }
        else
          doc:paragraph("本次考评没有该县的逐月信息报送数据，无法绘制每月报送图。",
                        { small = true })
        end
      end
    end
  end
end

-- The figure of a manual item by name ("评审得分", "自评得分"), or nil.
local function named(list, name)
  for _, f in ipairs(list or {}) do
    if f.name == name then return f.value end
  end
  return nil
end

-- The assessor's record of a manual item: {评审=, 佐证=, 自评=} entries.
local function record(list)
  local out = {}
  for _, e in ipairs(list or {}) do out[e.key] = e end
  return out
end

-- 三、评审打分项目: the items no data decides, with the assessors' points and
-- reasons, the county's own claim (自评) beside them, and the guide they
-- followed, so that a county sees why and what the standard was.
local function assessed_by_hand(doc, areas, unit_scores, figures, evidence)
  local items = {}
  for _, a in ipairs(areas) do
    for _, it in ipairs(a.items) do
      if it.rule_kind == "manual" then items[#items + 1] = { a = a, it = it } end
    end
  end
  if #items == 0 then return end
  doc:heading(1, "评审打分项目")
  local rows, got, possible, unrated, claimed = {}, 0, 0, 0, false
  for i, m in ipairs(items) do
    local s = unit_scores[m.a.area] and unit_scores[m.a.area][m.it.item] or {}
    local f = figures[m.a.area] and figures[m.a.area][m.it.item]
    local self = named(f, "自评得分")
    local who = record(evidence[m.a.area] and evidence[m.a.area][m.it.item])["评审"]
    claimed = claimed or self ~= nil
    possible = possible + m.it.possible
    if s.points then got = got + s.points else unrated = unrated + 1 end
    rows[i] = { tostring(i), m.it.title, fmt.points(m.it.possible),
                fmt.points(s.points, "未评分"), fmt.points(self, "—"),
                who and who.name ~= "" and who.name or "—" }
  end
  local text = string.format("以下%d项工作没有数据可以判断，由评审按评分标准打分，合计得%s分（满分%s分）。",
                             #items, fmt.points(got), fmt.points(possible))
  if unrated > 0 then
    text = text .. string.format("其中%d项评审尚未打分，显示为“未评分”，暂不计分。", unrated)
  end
  if claimed then text = text .. "“自评”为本县（市、区）自评得分，供对照，不计入总分。" end
  doc:paragraph(text)
  doc:table{
    columns = {
      { "序号", align = "center" }, { "评审打分项目", width = "3*" }, { "满分", align = "right" },
      { "评审得分", align = "right" }, { "自评", align = "right" }, { "评审人", align = "center" },
    },
    rows = rows,
  }
  for i, m in ipairs(items) do
    local rec = record(evidence[m.a.area] and evidence[m.a.area][m.it.item])
    local guide = (m.it.rule_text or ""):match("^评审打分（[^）]*）：(.*)$") or m.it.rule_text or ""
    local text = string.format("%d. %s（%s）。评分标准：%s", i, m.it.title, m.a.short_title,
                               fmt.sentence(guide))
    if rec["评审"] and rec["评审"].detail ~= "" then
      text = text .. "评分理由：" .. fmt.sentence(rec["评审"].detail)
    elseif not rec["评审"] then
      text = text .. "评审尚未打分。"
    end
    if rec["佐证"] then text = text .. "佐证材料：" .. fmt.sentence(rec["佐证"].detail) end
    if rec["自评"] then text = text .. "自评说明：" .. fmt.sentence(rec["自评"].detail) end
    doc:paragraph(text, { small = true, indent = false })
  end
end

-- 四、整改建议: one point per item that lost points, the biggest loss first.
local function suggestions(doc, areas, unit_scores, evidence)
  doc:heading(1, "整改建议")
  local list = advice.suggestions(areas, unit_scores, evidence)
  if #list == 0 then
    doc:paragraph("各项指标均已达到目标，没有失分项目。请保持工作成效，巩固提升。")
    return
  end
  local lost, n, veto, unscored = 0, 0, false, 0
  for _, s in ipairs(list) do
    if s.lost > 0 then n, lost = n + 1, lost + s.lost end
    veto = veto or s.veto
    if s.not_scored then unscored = unscored + 1 end
  end
  local text = string.format("根据考评结果，共有%d项指标失分，合计失%s分", n, fmt.points(lost))
  if veto then text = text .. "，并触发一票否决" end
  if unscored > 0 then text = text .. string.format("；另有%d项指标未能评分", unscored) end
  doc:paragraph(text .. "。按失分多少排列，建议重点做好以下整改：")
  for i, s in ipairs(list) do
    doc:paragraph(string.format("%d. %s", i, s.text))
  end
end

function render(doc, run, subject)
  local units = rundata.units(run)
  local u = units.by_code[subject.code]
  if not u then error("the run has no county " .. subject.code) end
  local areas = rundata.areas(run)
  local scores = rundata.area_scores(run)
  local stats = rundata.area_stats(areas, units, scores)
  local grades = rundata.grades(run)
  local unit_scores = rundata.unit_scores(run, u.unit)
  local figures = rundata.unit_figures(run, u.unit)
  local evidence = rundata.unit_evidence(run, u.unit)
  local monthly = rundata.monthly_reports(run, u.unit)

  local city, header = house.begin(doc, run, {
    title = run.year .. "年度" .. u.name .. "计划生育协会工作目标考评报告",
    cover = u.name .. "计划生育协会",
    subtitle = run.year .. "年度工作目标考评报告",
    unit = u.name,
  })
  results(doc, run, u, units, areas, scores, stats, grades)
  details(doc, run, u, areas, scores, stats, unit_scores, figures, evidence, monthly)
  assessed_by_hand(doc, areas, unit_scores, figures, evidence)
  suggestions(doc, areas, unit_scores, evidence)
  house.notes(doc, run, header, {
    "等次标准：" .. house.grade_rule(grades) .. "；触发一票否决的，等次不高于否决项规定的等次。",
  })
  house.signature(doc, run, city)
end
