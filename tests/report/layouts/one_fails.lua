-- Four small reports, of which the one for 丙 fails (line 16): the others
-- must still be written.
name = "one_fails"

function subjects(run)
  return {
    { code = "a", name = "甲" }, { code = "b", name = "乙" },
    { code = "c", name = "丙" }, { code = "d", name = "丁" },
  }
end

function render(doc, run, subject)
  doc:info{ title = "测试报告" .. subject.name }
  doc:heading(1, subject.name .. "的报告")
  if subject.code == "c" then
    error("丙的数据不完整")
  end
  doc:paragraph("第" .. run.id .. "次考评。")
end
