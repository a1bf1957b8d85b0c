name = "charts"
function render(doc, run, subject)
  local cats, vals = {}, {}
  for i = 1, 40 do cats[i] = "第" .. i; vals[i] = (i * 37) % 100 end
  for _, kind in ipairs({ "bar_ranking", "bars", "stacked", "line", "pie", "donut", "heatmap", "gauge", "progress" }) do
    doc:heading(2, kind)
    doc:chart{ kind = kind, name = kind, title = kind, categories = { table.unpack(cats, 1, 8) },
               series = { { name = "甲", values = { table.unpack(vals, 1, 8) } },
                          { name = "乙", values = { table.unpack(vals, 9, 16) } } } }
  end
end
