#!/usr/bin/python3
"""libreoffice_fill.py FORM OUT PROFILE — fill a kaoping form in LibreOffice
as a county clerk would, and save it as .xlsx with LibreOffice's own writer.

Every pre-filled row of 组织状况 gets its figures (是/否 from the dropdown's
words, a date typed into a date cell, whole numbers); two lectures are added
to 家庭健康知识大讲堂 with their unit codes typed as text.  Exits 77 when
LibreOffice or its Python bridge is not installed.
"""
import datetime
import os
import subprocess
import sys
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError:
    sys.exit(77)


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def serial(day):
    """A spreadsheet's day number, as a date typed into a date cell is stored."""
    return (day - datetime.date(1899, 12, 30)).days


def connect(profile):
    pipe = "kaoping%d" % os.getpid()
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         "-env:UserInstallation=file://" + os.path.abspath(profile),
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 120
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                sys.exit("LibreOffice did not start")
            time.sleep(0.3)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop


def column(sheet, title):
    for c in range(0, 40):
        if sheet.getCellByPosition(c, 0).getString() == title:
            return c
    sys.exit("no column %s in %s" % (title, sheet.Name))


def fill_status(doc):
    sheet = doc.Sheets.getByName("组织状况")
    cols = {t: column(sheet, t) for t in
            ("单位代码", "是否完成换届", "换届日期", "在岗人数", "在编人数", "会员数", "是否建成会员之家")}
    row = 1
    while sheet.getCellByPosition(cols["单位代码"], row).getString():
        sheet.getCellByPosition(cols["是否完成换届"], row).setString("是")
        sheet.getCellByPosition(cols["换届日期"], row).setValue(serial(datetime.date(2023, 5, 12)))
        sheet.getCellByPosition(cols["在岗人数"], row).setValue(3)
        sheet.getCellByPosition(cols["在编人数"], row).setValue(3)
        sheet.getCellByPosition(cols["会员数"], row).setValue(100 + row)
        sheet.getCellByPosition(cols["是否建成会员之家"], row).setString("否")
        row += 1
    return row - 1


def fill_lectures(doc):
    sheet = doc.Sheets.getByName("家庭健康知识大讲堂")
    cols = [column(sheet, t) for t in ("单位代码", "日期", "主题", "参加人数")]
    lectures = [("420101001000", datetime.date(2023, 4, 28), "合理膳食 健康生活", 120),
                ("420101001001", datetime.date(2023, 9, 1), "科学运动", 80)]
    for i, (unit, day, title, people) in enumerate(lectures, start=1):
        sheet.getCellByPosition(cols[0], i).setString(unit)
        sheet.getCellByPosition(cols[1], i).setValue(serial(day))
        sheet.getCellByPosition(cols[2], i).setString(title)
        sheet.getCellByPosition(cols[3], i).setValue(people)
    return len(lectures)


def main():
    form, out, profile = sys.argv[1:4]
    proc, desktop = connect(profile)
    try:
        doc = desktop.loadComponentFromURL("file://" + os.path.abspath(form), "_blank", 0,
                                           (prop("Hidden", True),))
        rows = fill_status(doc)
        lectures = fill_lectures(doc)
        doc.storeToURL("file://" + os.path.abspath(out),
                       (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))
        doc.close(True)
        print("filled %d 组织状况 rows, %d lectures" % (rows, lectures))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


main()
