-- Four small reports that all fail with the same mistake of the layout
-- (a misspelt method): the error is printed once, not once per subject.
name = "all_fail"

function subjects(run)
  return {
    { code = "a", name = "甲" }, { code = "b", name = "乙" },
    { code = "c", name = "丙" }, { code = "d", name = "丁" },
  }
end

function render(doc, run, subject)
  doc:info{ title = "测试报告" .. subject.name }
  doc:headng(1, "报告")
end
