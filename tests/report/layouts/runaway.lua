-- A layout whose loop (lines 7-9) never ends; the time limit stops it.
name = "runaway"

function render(doc, run, subject)
  doc:heading(1, "排名")
  local i = 0
  while i >= 0 do
    i = i + 1
  end
end
