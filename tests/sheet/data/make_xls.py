#!/usr/bin/python3
# Writes county.xls, the BIFF8 fixture of tests/sheet (run once, by hand:
# Debian's python3-xlwt; the file is committed so the tests need neither).
# Sheets: 单位 (units), 家庭健康知识大讲堂 with its header in Chinese and in
# another order, real date cells, a unit code stored as a number, and a
# trailing 合计 row.
import datetime
import xlwt

wb = xlwt.Workbook(encoding="utf-8")
units = wb.add_sheet("单位")
rows = [
    ("code", "name", "level", "parent"),
    ("420100000000", "XX市", "市", ""),
    ("420102000000", "江北区", "县", "420100000000"),
    ("420102001000", "城关街道", "乡", "420102000000"),
    ("420102001001", "东湖社区", "村", "420102001000"),
]
for r, row in enumerate(rows):
    for c, v in enumerate(row):
        units.write(r, c, v)

lect = wb.add_sheet("家庭健康知识大讲堂")
date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
for c, v in enumerate(("日期", "主题", "单位代码", "参加人数")):
    lect.write(0, c, v)
lect.write(1, 0, datetime.date(2023, 3, 5), date)
lect.write(1, 1, "健康生活")
lect.write(1, 2, "420102001000")
lect.write(1, 3, 45)
lect.write(2, 0, datetime.date(2023, 5, 29), date)
lect.write(2, 1, "合理膳食")
lect.write(2, 2, 420102001001)
lect.write(2, 3, 30)
lect.write(3, 0, "合计")
lect.write(3, 3, 75)
wb.save("county.xls")
