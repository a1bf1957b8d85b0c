name = "errors"
local keep
function render(doc, run, subject)
  keep = doc
  doc:paragraph("before")
  doc:table{ columns = { { "a" } }, rows = { { {} } } }
end
