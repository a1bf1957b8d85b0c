-- A layout that keeps the document of its first report and writes to it
-- while rendering the second (line 16).
name = "doc_after_render"

function subjects(run)
  return { { code = "a", name = "甲" }, { code = "b", name = "乙" } }
end

local kept

function render(doc, run, subject)
  doc:heading(1, subject.name)
  if not kept then
    kept = doc
  else
    kept:paragraph("写到上一份报告里")
  end
end
