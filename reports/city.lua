-- city.lua — 全市县（市、区）计划生育协会工作目标考评总报告.
--
-- The report the city association signs and sends: how the counties did as
-- a whole, the ranking with every area's subtotal and the grade, where the
-- city is strong or weak area by area, and which counties were vetoed or
-- lacked data.
--
-- kaoping report --layout reports/city.lua -o 全市考评总报告.pdf

name = "city"

-- "江岸区、青山区" for a list of counties; a province's long lists are
-- cut to their first ten, "等 N 个".
local function joined(list) return fmt.names(list, 10) end

local CHUNK, chunk_name, chunk_title = house.CHUNK, house.chunk_name, house.chunk_title

-- 一、考评概况: the paragraph a leader reads first, and the grade chart.
local function overview(doc, run, header, city, units, areas, grades)
  doc:heading(1, "考评概况")
  local nitems, sum, best, worst = 0, 0, {}, {}
  for _, a in ipairs(areas) do nitems = nitems + #a.items end
  for _, u in ipairs(units) do sum = sum + u.total end
  local avg = #units > 0 and sum / #units or nil
  local top, bottom = units[1], units[#units]
  for _, u in ipairs(units) do
    if top and u.total == top.total then best[#best + 1] = u.name end
    if bottom and u.total == bottom.total then worst[#worst + 1] = u.name end
  end
  doc:paragraph(string.format("根据《%s》，%s对全市%d个县（市、区）计划生育协会%d年度工作进行了"
                              .. "目标考评。考评涵盖%d个方面、%d项指标，满分%s分。",
                              header.title, city.association, #units, run.year, #areas, nitems,
                              fmt.fixed(header.possible, 0)))
  if avg then
    doc:paragraph(string.format("全市平均得分%s分。得分最高的是%s（%s分），最低的是%s（%s分）。",
                                fmt.points(avg), joined(best), fmt.points(top.total),
                                joined(worst), fmt.points(bottom.total)))
  end

  -- Grade counts, in the run's own grade order.
  local by_grade, parts, cats, counts = {}, {}, {}, {}
  for _, u in ipairs(units) do
    by_grade[u.grade] = by_grade[u.grade] or {}
    table.insert(by_grade[u.grade], u.name)
  end
  for i, g in ipairs(grades) do
    local list = by_grade[g.name] or {}
    cats[i], counts[i] = g.name, #list
    if #list > 0 then
      parts[#parts + 1] = string.format("%s%d个（%s）", g.name, #list, joined(list))
    else
      parts[#parts + 1] = g.name .. "0个"
    end
  end
  doc:paragraph("考评等次：" .. table.concat(parts, "，") .. "。")

  -- Counties vetoed for the same reason are named together.
  local vetoed, reasons, missing = {}, {}, {}
  for _, u in ipairs(units) do
    if u.vetoed_by then
      -- "县级计生协按期换届：否，触发一票否决" → "县级计生协按期换届：否"
      local why = u.vetoed_by
      for _, tail in ipairs({ "，触发一票否决", "触发一票否决" }) do
        if why:sub(-#tail) == tail and #why > #tail then why = why:sub(1, -#tail - 1) end
      end
      if not vetoed[why] then
        vetoed[why] = {}
        reasons[#reasons + 1] = why
      end
      table.insert(vetoed[why], u.name)
    end
    if u.no_data > 0 or u.not_scored > 0 then missing[#missing + 1] = u.name end
  end
  for _, why in ipairs(reasons) do
    doc:paragraph(string.format("%s触发一票否决（%s），等次受限。", joined(vetoed[why]), why))
  end
  if #missing > 0 then
    doc:paragraph(string.format("%s有指标无数据或未能评分，详见第五部分。", joined(missing)))
  end

  doc:kv{
    { "考评对象", #units .. "个县（市、区）" },
    { "考评指标", #areas .. "个方面、" .. nitems .. "项指标" },
    { "全市平均", avg and (fmt.points(avg) .. "分") or "无数据" },
    { "等次标准", house.grade_rule(grades) },
  }
  doc:chart{
    kind = "donut", name = "grades", title = "考评等次分布（个）",
    categories = cats, series = { { name = "县（市、区）", values = counts } },
    decimals = 0, height = 220,
  }
  -- Over the years, once there is more than one with an official run.
  local years, values = {}, {}
  for _, t in ipairs(rundata.trend(run)) do
    years[#years + 1] = t.year .. "年"
    values[#values + 1] = t.avg
  end
  if #years > 1 then
    doc:chart{
      kind = "line", name = "trend", title = "历年全市平均总分",
      categories = years, series = { { name = "全市平均", values = values } },
      unit = "分", decimals = 2, axes = { "年度", "总分" }, height = 220,
    }
  end
end

-- 二、综合排名: one row per county, every area's subtotal; wide, so landscape.
local function ranking(doc, run, units, areas, scores, grades)
  doc:section("landscape")
  doc:heading(1, "综合排名")
  local columns = { { "名次", align = "center" }, { "县（市、区）" } }
  for _, a in ipairs(areas) do
    columns[#columns + 1] = { a.short_title, align = "right" }
  end
  columns[#columns + 1] = { "总分", align = "right" }
  columns[#columns + 1] = { "等次", align = "center" }
  local rows, any_veto, any_tie = {}, false, false
  for _, u in ipairs(units) do
    local row = { tostring(u.rank), u.name }
    for _, a in ipairs(areas) do
      local s = scores[u.unit] and scores[u.unit][a.area]
      row[#row + 1] = fmt.points(s and s.points, "未评分")
    end
    row[#row + 1] = fmt.points(u.total)
    row[#row + 1] = u.grade .. (u.vetoed_by and "*" or "")
    rows[#rows + 1] = row
    any_veto = any_veto or u.vetoed_by ~= nil
    any_tie = any_tie or u.tied
  end
  local weights = { "", "分值" }
  local total = 0
  for _, a in ipairs(areas) do
    weights[#weights + 1] = fmt.fixed(a.weight, 0)
    if a.status ~= "skipped" then total = total + a.weight end
  end
  weights[#weights + 1] = fmt.fixed(total, 0)
  weights[#weights + 1] = ""
  weights.bold = true
  table.insert(rows, 1, weights)
  doc:table{ columns = columns, rows = rows }
  local notes = {}
  if any_tie then notes[#notes + 1] = "名次相同者为并列，按单位代码排列" end
  if any_veto then notes[#notes + 1] = "*触发一票否决，等次受限" end
  notes[#notes + 1] = "分项得分含加分和扣分"
  doc:paragraph("注：" .. table.concat(notes, "；") .. "。", { small = true, indent = false })

  doc:section("portrait")
  -- A bar needs room for its name: past CHUNK counties the ranking goes on
  -- in further charts rather than shrinking out of legibility.
  for first = 1, #units, CHUNK do
    local last = math.min(#units, first + CHUNK - 1)
    local names, totals = {}, {}
    for i = first, last do
      names[#names + 1], totals[#totals + 1] = units[i].name, units[i].total
    end
    doc:chart{
      kind = "bar_ranking", name = chunk_name("ranking", first),
      title = "全市各县（市、区）总分排名" .. chunk_title(first, last, #units),
      categories = names, series = { { name = "总分", values = totals } },
      unit = "分", decimals = 2, references = house.grade_lines(grades),
      axes = { "县（市、区）", "总分" }, height = 60 + 24 * #names,
    }
  end
end

-- 三、各项工作得分情况: the heatmap of score rates and the area averages.
local function by_area(doc, units, areas, scores, stats)
  doc:heading(1, "各项工作得分情况")
  doc:paragraph("各项工作分值不同，下图以得分率（得分占分值的百分比）比较各县（市、区）在各项工作上"
                .. "的完成情况，颜色越深得分率越高。")
  for first = 1, #units, CHUNK do
    local last = math.min(#units, first + CHUNK - 1)
    local names, series = {}, {}
    for i = first, last do names[#names + 1] = units[i].name end
    for _, a in ipairs(areas) do
      local values = {}
      for i = first, last do
        local s = scores[units[i].unit] and scores[units[i].unit][a.area]
        values[#values + 1] = fmt.rate(s and s.points, a.weight) or false
      end
      series[#series + 1] = { name = a.short_title, values = values }
    end
    doc:chart{
      kind = "heatmap", name = chunk_name("heatmap", first),
      title = "各县（市、区）分项得分率（%）" .. chunk_title(first, last, #units),
      categories = names, series = series, unit = "%", range = { 0, 100 }, decimals = 0,
      height = 80 + 20 * #names,
    }
  end

  doc:heading(2, "各项工作全市平均")
  local rows, cats, rates = {}, {}, {}
  for i, a in ipairs(areas) do
    local st = stats[a.area]
    rows[i] = {
      a.title, fmt.fixed(a.weight, 0), fmt.points(st.avg, "未评分"),
      fmt.percent(st.rate, 1, "—"), fmt.points(st.max, "—"), fmt.points(st.min, "—"),
    }
    cats[i], rates[i] = a.short_title, st.rate or false
  end
  doc:table{
    columns = {
      { "工作项目", width = "3*" }, { "分值", align = "right" }, { "平均得分", align = "right" },
      { "得分率", align = "right" }, { "最高分", align = "right" }, { "最低分", align = "right" },
    },
    rows = rows,
  }
  doc:chart{
    kind = "bars", name = "area_average", title = "各项工作全市平均得分率（%）",
    categories = cats, series = { { name = "平均得分率", values = rates } },
    unit = "%", range = house.rate_range(rates), decimals = 1, axes = { "工作项目", "得分率" },
    height = 240,
  }
end

-- 四、各项工作强弱分析: per area, who did best and worst, and which
-- indicator cost the city the most points.
local function strengths(doc, run, units, areas, stats)
  doc:heading(1, "各项工作强弱分析")
  local ranked = {}
  for _, a in ipairs(areas) do
    if stats[a.area].rate then ranked[#ranked + 1] = a end
  end
  table.sort(ranked, function(x, y)
    if stats[x.area].rate ~= stats[y.area].rate then return stats[x.area].rate > stats[y.area].rate end
    return x.seq < y.seq
  end)
  if #ranked >= 2 then
    doc:paragraph(string.format("从全市平均得分率看，完成较好的是%s（%s），相对薄弱的是%s（%s）。",
                                ranked[1].short_title, fmt.percent(stats[ranked[1].area].rate),
                                ranked[#ranked].short_title,
                                fmt.percent(stats[ranked[#ranked].area].rate)))
  end
  for _, a in ipairs(areas) do
    doc:heading(2, a.title)
    local st = stats[a.area]
    if a.status == "skipped" or not st.avg then
      doc:paragraph(fmt.sentence(a.note or "本项未评分"))
    else
      local text = string.format("本项分值%s分，全市平均%s分（得分率%s）。", fmt.fixed(a.weight, 0),
                                 fmt.points(st.avg), fmt.percent(st.rate))
      if st.max == st.min then
        text = text .. string.format("各县（市、区）得分相同，均为%s分。", fmt.points(st.max))
      else
        text = text .. string.format("得分最高的是%s（%s分），最低的是%s（%s分）。",
                                     fmt.names(st.best, 5), fmt.points(st.max),
                                     fmt.names(st.worst, 5), fmt.points(st.min))
      end
      -- The indicator where the counties together lost the most points.
      local item_scores = rundata.area_item_scores(run, a.area)
      local worst_item, worst_lost, worst_units = nil, 0, {}
      for _, it in ipairs(a.items) do
        if it.kind == "indicator" then
          local lost, who = 0, {}
          for _, u in ipairs(units) do
            local s = item_scores[it.item] and item_scores[it.item][u.unit]
            if s and s.points and s.possible - s.points > 0.005 then
              lost = lost + s.possible - s.points
              who[#who + 1] = u.name
            end
          end
          if lost > worst_lost + 0.005 then worst_item, worst_lost, worst_units = it, lost, who end
        end
      end
      if worst_item then
        text = text .. string.format("失分最多的指标是“%s”，全市共失%s分，涉及%s。", worst_item.title,
                                     fmt.points(worst_lost),
                                     fmt.names(worst_units, 5) .. (#worst_units <= 5 and
                                       ("共" .. #worst_units .. "个县（市、区）") or ""))
      else
        text = text .. "各县（市、区）均未失分。"
      end
      doc:paragraph(text)
    end
  end
end

-- 五、一票否决、无数据和未评分: every item a reader must not overlook.
local function exceptions(doc, run, units, areas)
  doc:heading(1, "一票否决、无数据和未评分情况")
  local rows = {}
  local flagged = rundata.flagged_scores(run)
  for _, u in ipairs(units) do
    local scores = flagged[u.unit] or {}
    for _, a in ipairs(areas) do
      for _, it in ipairs(a.items) do
        local s = scores[a.area] and scores[a.area][it.item]
        if s then
          local what
          if s.vetoed == 1 then
            what = s.explanation:find("一票否决", 1, true) and s.explanation
                   or ("一票否决：" .. s.explanation)
          elseif s.status == "no_data" then
            what = s.explanation
          elseif s.status == "not_scored" then
            what = "未评分：" .. (s.reason or "原因不明")
          end
          if what then rows[#rows + 1] = { u.name, a.short_title, it.title, what } end
        end
      end
    end
  end
  if #rows == 0 then
    doc:paragraph("本次考评没有触发一票否决、无数据或未评分的指标。")
    return
  end
  doc:paragraph(string.format("以下%d项指标触发一票否决、无数据或未能评分，请相关县（市、区）核实。",
                              #rows))
  doc:table{
    columns = { { "县（市、区）" }, { "工作项目" }, { "考评指标", width = "2*" },
                { "情况", width = "3*" } },
    rows = rows,
  }
end

function render(doc, run, subject)
  local units = rundata.units(run)
  local areas = rundata.areas(run)
  local scores = rundata.area_scores(run)
  local stats = rundata.area_stats(areas, units, scores)
  local grades = rundata.grades(run)
  local city, header = house.begin(doc, run, {
    title = run.year .. "年度全市计划生育协会工作目标考评总报告",
    cover = "全市计划生育协会工作目标考评总报告",
    subtitle = run.year .. "年度",
  })
  overview(doc, run, header, city, units, areas, grades)
  ranking(doc, run, units, areas, scores, grades)
  by_area(doc, units, areas, scores, stats)
  strengths(doc, run, units, areas, stats)
  exceptions(doc, run, units, areas)
  house.notes(doc, run, header)
  house.signature(doc, run, city)
end
