name = "pages"
function render(doc, run, subject)
  for i = 1, 300 do doc:paragraph(i); doc:page_break() end
end
