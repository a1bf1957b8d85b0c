-- Numbers charts cannot scale, and charts that cannot be drawn.
name = "huge"
function render(doc, run, subject)
  local kinds = { "bars", "stacked", "line", "heatmap", "bar_ranking", "gauge", "progress", "pie" }
  local values = { 1.7e308, -1.7e308, 1/0, -1/0, 0/0, 1e15, -1e15, 1e15 - 0.125, 2^53, 2^63 }
  for _, k in ipairs(kinds) do
    for _, v in ipairs(values) do
      pcall(doc.chart, doc, { kind = k, name = "fuzz", title = k, categories = { "甲", "乙", "丙" },
        range = { 0, v }, references = { { value = v, label = "线" } }, decimals = 2^32 + 3,
        series = { { name = "值", values = { 0, v, 1 } } } })
    end
  end
  pcall(doc.chart, doc, { kind = "radar", title = "r", categories = { "a", "b" },
    series = { { name = "s", values = { 1, 2 } } } })
  pcall(doc.chart, doc, { kind = "pie", title = "p", categories = { "a", "b" },
    series = { { name = "s", values = { 3, -1 } } } })
  pcall(doc.image, doc, "lib")
  pcall(doc.image, doc, "../../../../dev/zero")
  pcall(doc.paragraph, doc, "a\0b")
  pcall(doc.style, doc, { toc_depth = 2^32 + 1 })
  doc:chart{ kind = "line", name = "fuzz", title = "窄", categories = { "甲", "乙" },
             series = { { name = "值", values = { 1e15, 1e15 - 0.125 } } } }
end
