-- A layout that hands doc:table a table where a cell's text belongs (line 9).
name = "bad_table"

function render(doc, run, subject)
  doc:heading(1, "排名")
  local rows = kaoping.query("SELECT name, total FROM run_units WHERE run_id = ?", run.id)
  -- Wrong: each row is a table keyed by column name, not a list of cells,
  -- so the cell is the whole row.
  doc:table{ columns = { { "县（市、区）" }, { "总分" } }, rows = { { rows[1], "1" } } }
end
