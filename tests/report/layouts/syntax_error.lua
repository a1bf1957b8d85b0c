-- A layout with a syntax error: the call on line 7 is never closed, which
-- Lua notices at line 8.
name = "syntax_error"

function render(doc, run, subject)
  doc:heading(1, "标题")
  doc:paragraph("正文"
end
