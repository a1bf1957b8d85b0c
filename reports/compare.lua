-- compare.lua — 考评规则调整影响说明: what a run changes against the one it
-- would replace, county by county and indicator by indicator, with a chart
-- of the ranks before and after.  The run compared with is the official run
-- of the same year; for the official run itself, the run of that year
-- before it.  (The same comparison in the terminal: kaoping compare A B.)
--
-- kaoping report --layout reports/compare.lua --run 3 -o 规则调整影响说明.pdf

name = "compare"

local q = kaoping.query

-- The run `run` is compared with, or nil.
local function baseline(run)
  local b = q([[SELECT id FROM assessment_runs WHERE year = ? AND official = 1 AND id <> ?]],
              run.year, run.id)[1]
  if b then return b.id end
  b = q([[SELECT max(id) AS id FROM assessment_runs WHERE year = ? AND id < ?]],
        run.year, run.id)[1]
  return b and b.id
end

local function describe(id)
  local r = q([[SELECT id, rules_path, rules_sha256, created_at, label, official
                FROM assessment_runs WHERE id = ?]], id)[1]
  return string.format("第%d次考评记录（%s，%s，细则文件 %s，SHA-256 %s%s）", r.id,
                       r.official == 1 and "正式" or "草稿", fmt.date(r.created_at),
                       r.rules_path:match("[^/]*$"), r.rules_sha256:sub(1, 12),
                       (r.label and r.label ~= "") and ("，“" .. r.label .. "”") or "")
end

-- Counties, the biggest change of total first.
local function counties(base, run)
  return q([[SELECT a.unit, a.name, a.total AS before, b.total AS after, a.grade AS grade_before,
                    b.grade AS grade_after, a.rank AS rank_before, b.rank AS rank_after
             FROM run_units a JOIN run_units b ON b.run_id = ? AND b.unit = a.unit
             WHERE a.run_id = ?
             ORDER BY abs(b.total - a.total) DESC, abs(b.rank - a.rank) DESC, a.unit]],
           run.id, base)
end

local function moved_items(base, run, unit)
  return q([[SELECT coalesce(i.title, s.item) AS title, s.points AS before, t.points AS after,
                    s.explanation AS said_before, t.explanation AS said_after
             FROM run_scores s JOIN run_scores t ON t.run_id = ? AND t.unit = s.unit
                  AND t.area = s.area AND t.item = s.item
             LEFT JOIN run_items i ON i.run_id = t.run_id AND i.area = s.area AND i.item = s.item
             WHERE s.run_id = ? AND s.unit = ? AND s.points IS NOT t.points
             ORDER BY abs(coalesce(t.points, 0) - coalesce(s.points, 0)) DESC, s.area, s.item]],
           run.id, base, unit)
end

local function rank_move(before, after)
  if after < before then return "上升" .. (before - after) .. "位" end
  if after > before then return "下降" .. (after - before) .. "位" end
  return "持平"
end

local function summary(doc, base, run, list)
  doc:heading(1, "比较范围")
  doc:paragraph("本说明将" .. describe(run.id) .. "与" .. describe(base) .. "逐县、逐项比较。")
  local up, down, moved = 0, 0, 0
  for _, c in ipairs(list) do
    if c.rank_after < c.rank_before then up = up + 1 end
    if c.rank_after > c.rank_before then down = down + 1 end
    if math.abs(c.after - c.before) > 0.005 then moved = moved + 1 end
  end
  doc:paragraph(string.format("全市%d个县（市、区）中，%d个总分发生变化，名次上升%d个、下降%d个。",
                              #list, moved, up, down))
end

local function table_of_counties(doc, list)
  doc:heading(1, "各县（市、区）变化")
  local rows = {}
  for i, c in ipairs(list) do
    rows[i] = { c.name, fmt.points(c.before), fmt.points(c.after), fmt.signed(c.after - c.before),
                c.grade_before == c.grade_after and c.grade_after
                  or (c.grade_before .. "→" .. c.grade_after),
                c.rank_before .. "→" .. c.rank_after, rank_move(c.rank_before, c.rank_after) }
  end
  doc:table{
    columns = {
      { "县（市、区）", width = "2*" }, { "调整前", align = "right" }, { "调整后", align = "right" },
      { "变化", align = "right" }, { "等次", align = "center" }, { "名次", align = "center" },
      { "名次变化", align = "center" },
    },
    rows = rows,
  }
  for first = 1, #list, house.CHUNK do
    local last = math.min(#list, first + house.CHUNK - 1)
    local names, before, after = {}, {}, {}
    for i = first, last do
      names[#names + 1] = list[i].name
      before[#before + 1] = list[i].rank_before
      after[#after + 1] = list[i].rank_after
    end
    doc:chart{
      kind = "bars", name = house.chunk_name("ranks", first),
      title = "调整前后名次" .. house.chunk_title(first, last, #list),
      categories = names, unit = "名", decimals = 0, axes = { "县（市、区）", "名次" },
      series = { { name = "调整前", values = before }, { name = "调整后", values = after } },
      height = 240,
    }
  end
end

local function items_of_counties(doc, base, run, list)
  doc:heading(1, "指标得分变化")
  local any = false
  for _, c in ipairs(list) do
    local items = moved_items(base, run, c.unit)
    if #items > 0 then
      any = true
      doc:heading(2, c.name)
      local rows = {}
      for i, it in ipairs(items) do
        rows[i] = { it.title, fmt.points(it.before, "—"), fmt.points(it.after, "—"),
                    it.said_before, it.said_after }
      end
      doc:table{
        columns = {
          { "指标", width = "2*" }, { "调整前", align = "right" }, { "调整后", align = "right" },
          { "调整前说明", width = "3*" }, { "调整后说明", width = "3*" },
        },
        rows = rows,
      }
    end
  end
  if not any then doc:paragraph("各项指标得分均无变化。") end
end

function render(doc, run, subject)
  local city, header = house.begin(doc, run, {
    title = run.year .. "年度考评规则调整影响说明",
    cover = "考评规则调整影响说明",
    subtitle = run.year .. "年度",
  })
  local base = baseline(run)
  if not base then
    doc:heading(1, "比较范围")
    doc:paragraph(run.year .. "年度没有可与第" .. run.id .. "次考评记录比较的其他考评记录。")
  else
    local list = counties(base, run)
    summary(doc, base, run, list)
    table_of_counties(doc, list)
    items_of_counties(doc, base, run, list)
  end
  house.notes(doc, run, header)
  house.signature(doc, run, city)
end
