-- rundata.lua — reading a stored assessment run for the layouts.
--
-- A run keeps everything a report shows (core/store/migrations.c, step 2):
-- the rules as they were (areas, items, grades) and per county the total,
-- grade, rank, area subtotals, each item's score with its figures and
-- evidence.  The layouts ask for these through the functions below instead
-- of writing SQL, so that a layout reads like the report it makes.
-- Exported as the global table `rundata`.

local q = kaoping.query
local rundata = {}

-- The run's own row: title, year, rules, when it was made.
function rundata.header(run)
  return q([[SELECT id, year, title, rules_path, rules_sha256, created_at, units,
                    possible, not_scored, skipped_areas
             FROM assessment_runs WHERE id = ?]], run.id)[1]
end

-- The city at the top of the unit tree, and the association that assesses.
function rundata.city()
  local c = q("SELECT code, name FROM units WHERE level = 1 ORDER BY code LIMIT 1")[1]
  local name = c and fmt.name(c.name) or "本市"
  return { code = c and c.code or "", name = name, association = name .. "计划生育协会" }
end

-- Grades, best first: { {name=, min_score=}, ... }.
function rundata.grades(run)
  return q("SELECT name, min_score FROM run_grades WHERE run_id = ? ORDER BY seq", run.id)
end

-- The work areas in the rules' order, each with its items:
-- area.items = { {item=, kind=, title=, measure=, target=, possible=, ...} }.
-- Also indexed by id: areas.by_id.publicity.
function rundata.areas(run)
  local areas = q([[SELECT area, seq, title, short_title, weight, bonus_cap, deduction_cap,
                           status, note
                    FROM run_areas WHERE run_id = ? ORDER BY seq]], run.id)
  local by_id = {}
  for _, a in ipairs(areas) do
    a.items = {}
    by_id[a.area] = a
  end
  local items = q([[SELECT area, item, seq, kind, title, measure, evidence_title, rule_kind,
                           rule_text, target, possible, no_data_points, veto_cap
                    FROM run_items WHERE run_id = ? ORDER BY area, seq]], run.id)
  for _, it in ipairs(items) do
    local a = by_id[it.area]
    if a then a.items[#a.items + 1] = it end
  end
  areas.by_id = by_id
  return areas
end

-- The unit in the official run of the year before, or nil when that year
-- has none: { run_id =, total =, grade =, rank =, areas = { [area] = points } }.
function rundata.previous(run, unit)
  local p = q([[SELECT u.run_id, u.total, u.grade, u.rank FROM assessment_runs r
                JOIN run_units u ON u.run_id = r.id AND u.unit = ?
                WHERE r.year = ? AND r.official = 1]], unit, run.year - 1)[1]
  if not p then return nil end
  p.areas = {}
  for _, a in ipairs(q("SELECT area, points FROM run_area_scores WHERE run_id = ? AND unit = ?",
                       p.run_id, unit)) do
    p.areas[a.area] = a.points
  end
  return p
end

-- The city average total in every year with an official run, this run
-- standing for its own year: { {year =, avg =}, ... } by year.
function rundata.trend(run)
  return q([[SELECT r.year AS year, avg(u.total) AS avg
             FROM assessment_runs r JOIN run_units u ON u.run_id = r.id
             WHERE (r.official = 1 AND r.year <> ?) OR r.id = ?
             GROUP BY r.year ORDER BY r.year]], run.year, run.id)
end

-- 较上年上升3位 / 较上年下降2位 / 名次与上年持平
function rundata.rank_change(before, after)
  if after < before then return string.format("较上年上升%d位", before - after) end
  if after > before then return string.format("较上年下降%d位", after - before) end
  return "名次与上年持平"
end

-- The counties, best first (equal totals share a rank and are listed by
-- code).  u.tied is true when another county has the same rank.
function rundata.units(run)
  local units = q([[SELECT unit, name, total, possible, score, grade, grade_before_veto,
                           vetoed_by, rank, not_scored, no_data
                    FROM run_units WHERE run_id = ? ORDER BY rank, unit]], run.id)
  local at = {}
  for _, u in ipairs(units) do at[u.rank] = (at[u.rank] or 0) + 1 end
  local by_code = {}
  for _, u in ipairs(units) do
    u.name = fmt.name(u.name)
    u.tied = at[u.rank] > 1
    by_code[u.unit] = u
  end
  units.by_code = by_code
  return units
end

-- Area subtotals: scores[unit][area] = {points=, base=, bonus=, deduction=};
-- points is nil for an area that was not assessed.
function rundata.area_scores(run)
  local out = {}
  for _, r in ipairs(q([[SELECT unit, area, points, base, bonus, deduction
                         FROM run_area_scores WHERE run_id = ?]], run.id)) do
    out[r.unit] = out[r.unit] or {}
    out[r.unit][r.area] = r
  end
  return out
end

-- Item scores of one county: scores[area][item] = {status=, figure=, target=,
-- points=, possible=, explanation=, ...}.
function rundata.unit_scores(run, unit)
  local out = {}
  for _, r in ipairs(q([[SELECT area, item, status, figure, previous, target, points,
                                possible, vetoed, explanation, reason
                         FROM run_scores WHERE run_id = ? AND unit = ?]], run.id, unit)) do
    out[r.area] = out[r.area] or {}
    out[r.area][r.item] = r
  end
  return out
end

-- Only the item scores a reader must not overlook — vetoes, no data, not
-- scored — of every county, in the shape of unit_scores: flagged[unit][area][item].
function rundata.flagged_scores(run)
  local out = {}
  for _, r in ipairs(q([[SELECT unit, area, item, status, figure, previous, target, points,
                                possible, vetoed, explanation, reason
                         FROM run_scores WHERE run_id = ?
                         AND (status IN ('no_data', 'not_scored') OR vetoed = 1)]], run.id)) do
    out[r.unit] = out[r.unit] or {}
    out[r.unit][r.area] = out[r.unit][r.area] or {}
    out[r.unit][r.area][r.item] = r
  end
  return out
end

-- Item scores of one area across the counties: scores[item][unit] = {...}.
function rundata.area_item_scores(run, area)
  local out = {}
  for _, r in ipairs(q([[SELECT unit, item, status, figure, previous, target, points,
                                possible, vetoed, explanation, reason
                         FROM run_scores WHERE run_id = ? AND area = ?]], run.id, area)) do
    out[r.item] = out[r.item] or {}
    out[r.item][r.unit] = r
  end
  return out
end

-- The figures behind one county's scores: figures[area][item] = {{name=, value=}, ...}.
function rundata.unit_figures(run, unit)
  local out = {}
  for _, r in ipairs(q([[SELECT area, item, name, value FROM run_figures
                         WHERE run_id = ? AND unit = ? ORDER BY area, item, seq]],
                       run.id, unit)) do
    r.name, r.parent = fmt.name(r.name), r.parent and fmt.name(r.parent)
    out[r.area] = out[r.area] or {}
    local list = out[r.area][r.item] or {}
    list[#list + 1] = r
    out[r.area][r.item] = list
  end
  return out
end

-- The evidence behind one county's shortfalls: evidence[area][item] = list of
-- {key=, name=, detail=, level=, parent=}.  When the key is a unit code,
-- level is its level (3 township, 4 village) and parent the name of the
-- unit above it, so that villages can be listed under their township.
function rundata.unit_evidence(run, unit)
  local out = {}
  for _, r in ipairs(q([[SELECT e.area, e.item, e.key, e.name, e.detail,
                                u.level AS level, p.name AS parent
                         FROM run_evidence e
                         LEFT JOIN units u ON u.code = e.key
                         LEFT JOIN units p ON p.code = u.parent
                         WHERE e.run_id = ? AND e.unit = ?
                         ORDER BY e.area, e.item, e.seq]], run.id, unit)) do
    out[r.area] = out[r.area] or {}
    local list = out[r.area][r.item] or {}
    list[#list + 1] = r
    out[r.area][r.item] = list
  end
  return out
end

-- How many evidence entries each county has per item of one area:
-- counts[item][unit] = n.
function rundata.area_evidence_counts(run, area)
  local out = {}
  for _, r in ipairs(q([[SELECT item, unit, count(*) AS n FROM run_evidence
                         WHERE run_id = ? AND area = ? GROUP BY item, unit]], run.id, area)) do
    out[r.item] = out[r.item] or {}
    out[r.item][r.unit] = r.n
  end
  return out
end

-- Per area, across the counties: average, best and worst subtotal, and the
-- counties that reached them.  stats[area] = {avg=, max=, min=, best={names},
-- worst={names}, rate=} (rate: the average as a share of the weight, 0..100);
-- avg is nil when no county was assessed in the area.
function rundata.area_stats(areas, units, scores)
  local stats = {}
  for _, a in ipairs(areas) do
    local sum, n, max, min = 0, 0, nil, nil
    for _, u in ipairs(units) do
      local p = scores[u.unit] and scores[u.unit][a.area] and scores[u.unit][a.area].points
      if p then
        sum, n = sum + p, n + 1
        if not max or p > max then max = p end
        if not min or p < min then min = p end
      end
    end
    local s = { best = {}, worst = {} }
    if n > 0 then
      s.avg, s.max, s.min = sum / n, max, min
      s.rate = a.weight > 0 and s.avg / a.weight * 100 or nil
      for _, u in ipairs(units) do
        local p = scores[u.unit] and scores[u.unit][a.area] and scores[u.unit][a.area].points
        -- Points are stored with two decimals, so equal means equal.
        if p == max then s.best[#s.best + 1] = u.name end
        if p == min then s.worst[#s.worst + 1] = u.name end
      end
    end
    stats[a.area] = s
  end
  return stats
end

-- Information reports per month of the run's year, as the influence
-- plugin counted them when the run was assessed (figures "1月" .. "12月" of
-- influence.report_months): counts[1..12], or nil when the run has none
-- (the county reported nothing, or the area was not assessed).
function rundata.monthly_reports(run, unit)
  local rows = q([[SELECT name, value FROM run_figures
                   WHERE run_id = ? AND unit = ? AND area = 'influence'
                     AND item = 'report_months' AND name LIKE '%月']], run.id, unit)
  local counts, found = {}, 0
  for m = 1, 12 do counts[m] = 0 end
  for _, r in ipairs(rows) do
    local m = tonumber(r.name:match("^(%d+)月$"))
    if m and m >= 1 and m <= 12 then
      counts[m] = r.value
      found = found + 1
    end
  end
  if found == 0 then return nil end
  return counts
end

return { rundata = rundata }
