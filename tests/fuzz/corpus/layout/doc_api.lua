name = "api"
function subjects(run)
  local rows = kaoping.query("SELECT unit, name FROM run_units WHERE run_id = ? ORDER BY unit", run.id)
  local list = {}
  for i, r in ipairs(rows) do list[i] = { code = r.unit, name = r.name } end
  return list
end
function render(doc, run, subject)
  doc:info{ title = "测试", subject = subject.name, author = "kaoping" }
  doc:style{ margins = { 60, 50, 60, 50 }, body_size = 10.5, number_headings = true, toc_depth = 2 }
  doc:cover{ title = subject.name, subtitle = run.year .. "年度", lines = { "第一行", "第二行" } }
  doc:toc()
  doc:section("portrait")
  doc:heading(1, "概况")
  doc:paragraph("一段文字，" .. string.rep("很长的句子", 40), { align = "right" })
  doc:kv{ { "单位", subject.name }, { "年度", tostring(run.year) } }
  doc:table{ columns = { { "名称", width = "auto" }, { "值", width = 60, align = "right" } },
             rows = { { "甲", "1" }, { "乙", 2.5, bold = true } }, zebra = true }
  doc:section("landscape")
  doc:chart{ kind = "bars", name = "b", title = "得分", categories = { "甲", "乙", "丙" },
             series = { { name = "得分", values = { 1, false, 3 } } }, unit = "分",
             axes = { "区县", "得分" }, range = { 0, 100 },
             references = { { value = 60, label = "合格" } }, decimals = 1, height = 200 }
  doc:page_break()
  doc:heading(2, "图")
  doc:chart{ kind = "radar", name = "r", categories = { "一", "二", "三", "四" },
             series = { { name = "本县", values = { 1, 2, 3, 4 } }, { name = "全市", values = { 2, 2, 2, 2 } } } }
end
