-- house.lua — what every report of the association has in common: the page
-- style, the document properties, the cover, and the closing notes.
--
-- The page follows the usual layout of Chinese official documents (A4,
-- 28 mm binding margin, 小四 body text, 三号/四号 headings numbered 一、and
-- （一）), so that a report can be printed, signed and filed as it is.
-- Exported as the global table `house`.

local house = {}

local MM = 72 / 25.4

-- Set up the document and draw its cover and contents.
--   t.title     the report's title, also in the page header and the PDF
--   t.cover     the cover's main title (default t.title)
--   t.subtitle  the cover's second line
--   t.unit      left of the page header (default: the association)
--   t.keywords  PDF keywords
--   t.toc       false to leave out the table of contents
-- Returns the city ({name=, association=}) and the run's header row.
function house.begin(doc, run, t)
  local city = rundata.city()
  local header = rundata.header(run)
  doc:info{
    title = t.title,
    subject = header.title,
    author = city.association,
    unit = t.unit or city.association,
    keywords = t.keywords or ("计划生育协会,目标考评," .. run.year),
  }
  doc:style{
    margins = { 30 * MM, 26 * MM, 28 * MM, 28 * MM },
    body_size = 12,
    table_size = 10.5,
    heading_sizes = { 16, 14, 12, 12 },
    number_headings = true,
    toc_depth = 2,
  }
  local lines = {
    "考评单位：" .. city.association,
    "考评年度：" .. run.year .. "年度",
    "报告日期：" .. fmt.date(run.created),
  }
  -- A run not yet published must not pass for the result: say so on the cover.
  if run.official == false then
    lines[#lines + 1] = "草稿（试算）：本报告依据的考评记录尚未发布为正式结果"
  end
  doc:cover{
    title = t.cover or t.title,
    subtitle = t.subtitle and run.official == false and (t.subtitle .. "（草稿）") or t.subtitle,
    lines = lines,
  }
  if t.toc ~= false then doc:toc() end
  return city, header
end

-- The closing section every report ends with: where the figures come from,
-- so that a reader can trace any number back to the stored run.
function house.notes(doc, run, header, extra)
  doc:heading(1, "说明")
  local lines = {
    string.format("本报告依据第 %d 次考评记录（%s）生成，考评细则文件为 %s（SHA-256 %s）。",
                  run.id, fmt.date(header.created_at), header.rules_path:match("[^/]*$"),
                  header.rules_sha256:sub(1, 12)),
    "得分保留两位小数；“无数据”表示该项没有上报数据，按考评细则计分，不等同于实际完成为零；"
      .. "“未评分”表示该项未能计算，不计入总分。",
    "名次按总分从高到低排列，总分相同者名次并列，并列者按单位代码排列。",
  }
  for _, l in ipairs(extra or {}) do lines[#lines + 1] = l end
  for _, l in ipairs(lines) do doc:paragraph(l, { small = true }) end
end

-- The sender and date at the foot of the report, as on a signed document.
function house.signature(doc, run, city)
  doc:paragraph(city.association, { align = "right" })
  doc:paragraph(fmt.date(run.created), { align = "right" })
end

-- "优秀 ≥ 90 分，良好 ≥ 80 分，…" from the run's own grades.
function house.grade_rule(grades)
  local parts = {}
  for i, g in ipairs(grades) do
    if i < #grades then
      parts[#parts + 1] = string.format("%s（%s分及以上）", g.name, fmt.fixed(g.min_score, 0))
    else
      parts[#parts + 1] = string.format("%s（%s分以下）", g.name,
                                        fmt.fixed(grades[i - 1] and grades[i - 1].min_score or 0, 0))
    end
  end
  return table.concat(parts, "、")
end

-- Charts over the counties hold at most this many; a province's hundred
-- counties take several charts, each still legible.
house.CHUNK = 25

-- "ranking", "ranking_26", ...: the chart names `kaoping chart --name` takes.
function house.chunk_name(base, first)
  return first == 1 and base or (base .. "_" .. first)
end

-- "（第26—50名）" when the counties do not fit in one chart.
function house.chunk_title(first, last, n)
  if n <= house.CHUNK then return "" end
  return string.format("（第%d—%d名）", first, last)
end

-- The value range of a chart of score rates: from 0 past 100 (a bonus can
-- lift a rate over 100), with room above the highest bar for its label.
function house.rate_range(...)
  local top = 100
  for _, list in ipairs({ ... }) do
    for _, v in ipairs(list) do
      if v and v > top then top = v end
    end
  end
  return { 0, math.ceil(top / 10) * 10 + 10 }
end

-- Reference lines at the grade thresholds, for charts of totals.
function house.grade_lines(grades)
  local refs = {}
  for _, g in ipairs(grades) do
    if g.min_score > 0 and #refs < 8 then
      refs[#refs + 1] = { value = g.min_score, label = g.name }
    end
  end
  return refs
end

return { house = house }
