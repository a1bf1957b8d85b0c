#!/usr/bin/env python3
"""test_browser.py — the web workspace in a real headless Chromium: a county
logs in, downloads its form, uploads a file with errors, reads them, uploads
the fixed files and sees its status turn complete; city staff see the matrix
change.  Screenshots go to SCRATCH/*.png.  Skipped (77) only when Chromium,
chromedriver or selenium is not installed.

usage: test_browser.py KAOPING SCRATCH"""
import csv
import glob
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webkit import PASSWORDS, Server, check, finish  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    webdriver = None

COUNTY = "420101000000"


def browser(profile, downloads):
    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile):
        o.add_argument(flag)
    o.add_experimental_option("prefs", {"download.default_directory": downloads,
                                        "download.prompt_for_download": False})
    d = webdriver.Chrome(service=Service(DRIVER), options=o)
    d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return d


def county_files(demo_data, out):
    """Each demo table's rows of the county, as that county would send them."""
    os.makedirs(out, exist_ok=True)
    paths = []
    prefix = COUNTY[:6]
    for src in sorted(glob.glob(os.path.join(demo_data, "*.csv"))):
        # units.csv is the city's; the assessors' score forms (manual_*.csv)
        # are read by 'kaoping score import', not uploaded by a county.
        if os.path.basename(src) == "units.csv" or os.path.basename(src).startswith("manual_"):
            continue
        # Latin-1 keeps every byte as it is: the demo writes UTF-8 and GB18030 files.
        with open(src, encoding="latin-1", newline="") as f:
            rows = list(csv.reader(f))
        mine = [r for r in rows[1:] if any(x.startswith(prefix) for x in r)]
        if not mine:
            continue
        dst = os.path.join(out, os.path.basename(src))
        with open(dst, "w", encoding="latin-1", newline="") as f:
            csv.writer(f).writerows([rows[0]] + mine)
        paths.append(dst)
    return paths


def login(d, base, name):
    d.get(base + "/login")
    d.find_element(By.NAME, "name").send_keys(name)
    d.find_element(By.NAME, "password").send_keys(PASSWORDS[name])
    d.find_element(By.CSS_SELECTOR, "button.primary").click()


def logout(d):
    d.find_element(By.CSS_SELECTOR, "form.logout button").click()
    WebDriverWait(d, 10).until(EC.presence_of_element_located((By.NAME, "password")))


def shot(d, scratch, name):
    d.save_screenshot(os.path.join(scratch, name + ".png"))


def missing_for(d, base, county):
    d.get(base + "/city")
    row = d.find_element(By.ID, "county-" + county)
    return row.find_elements(By.TAG_NAME, "td")[0].text.strip()


def county_flow(d, base, scratch, downloads, fixed):
    login(d, base, "county-a")
    WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "tables")))
    check("江岸区" in d.find_element(By.TAG_NAME, "h1").text, "the county page names the county")
    check("尚缺" in d.find_element(By.ID, "overall").text, "the county starts with tables owed")
    shot(d, scratch, "1-county-start")
    d.find_element(By.CSS_SELECTOR, 'a[href="/forms/health_lectures.csv"]').click()
    form = os.path.join(downloads, "health_lectures.csv")
    for _ in range(50):
        if os.path.exists(form):
            break
        time.sleep(0.1)
    check(os.path.exists(form) and open(form, "rb").read().startswith(
        "\ufeff单位代码,日期,主题,参加人数".encode()), "the blank form downloads with its header")
    bad = os.path.join(scratch, "bad", "health_lectures.csv")
    os.makedirs(os.path.dirname(bad), exist_ok=True)
    with open(bad, "w", encoding="utf-8") as f:
        f.write("单位代码,日期,主题,参加人数\n420101001000,2023-02-30,讲座,12\n"
                "420101001000,2023-03-01,讲座,五十\n")
    d.find_element(By.ID, "files").send_keys(bad)
    d.find_element(By.CSS_SELECTOR, "#upload-form button").click()
    WebDriverWait(d, 15).until(EC.presence_of_element_located((By.ID, "problems")))
    cells = [td.text for td in d.find_elements(By.CSS_SELECTOR, "#problems tbody td")]
    check("health_lectures.csv" in cells and "2" in cells and "3" in cells,
          "the problems name the file and both rows: %s" % cells)
    check("2023-02-30" in cells and "五十" in cells, "the problems show the wrong values: %s" % cells)
    shot(d, scratch, "2-county-problems")
    d.find_element(By.ID, "back").click()
    WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "files")))
    d.find_element(By.ID, "files").send_keys("\n".join(fixed))
    d.find_element(By.CSS_SELECTOR, "#upload-form button").click()
    WebDriverWait(d, 30).until(EC.presence_of_element_located((By.ID, "summary")))
    n = len(d.find_elements(By.CSS_SELECTOR, "#summary tbody tr"))
    check(n == len(fixed), "the summary lists every file (%d of %d)" % (n, len(fixed)))
    shot(d, scratch, "3-county-summary")
    d.find_element(By.ID, "back").click()
    WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "overall")))
    check(d.find_element(By.ID, "overall").text == "已全部提交",
          "the county's status turns complete: %s" % d.find_element(By.ID, "overall").text)
    shot(d, scratch, "4-county-complete")
    logout(d)


def undo_flow(d, base, scratch, before):
    """Staff take back the county's upload for it: the matrix owes the tables again."""
    d.get(base + "/history?unit=" + COUNTY)
    buttons = d.find_elements(By.CSS_SELECTOR, "button[id^=undo-]")
    check(len(buttons) == 1, "the history offers undo on the one submission (%d)" % len(buttons))
    shot(d, scratch, "6-staff-history")
    buttons[0].click()
    WebDriverWait(d, 15).until(EC.presence_of_element_located((By.ID, "result")))
    result = d.find_element(By.ID, "result").text
    check("已撤销" in result, "the undo is confirmed: %s" % result)
    check(not d.find_elements(By.CSS_SELECTOR, "button[id^=undo-]"), "the submission is gone")
    shot(d, scratch, "7-staff-undone")
    after = missing_for(d, base, COUNTY)
    check(after == before, "the matrix owes the tables again: %s, was %s" % (after, before))


def run(kaoping, scratch):
    demo = os.path.join(scratch, "demo")
    subprocess.run([kaoping, "demo", demo, "--counties", "2", "--quiet"], check=True,
                   capture_output=True)
    srv = Server(kaoping, os.path.join(scratch, "city"))
    os.makedirs(srv.scratch)
    shutil.copy(os.path.join(demo, "data", "units.csv"), os.path.join(srv.scratch, "units.csv"))
    srv.run("init", "--db", srv.db)
    srv.run("import", "--quiet", "--db", srv.db, os.path.join(srv.scratch, "units.csv"))
    for name, role, unit in (("staff", "staff", None), ("county-a", "county", COUNTY)):
        args = ["user", "add", name, "--role", role, "--db", srv.db] + (
            ["--unit", unit] if unit else [])
        srv.run(*args, stdin=(PASSWORDS[name] + "\n").encode())
    fixed = county_files(os.path.join(demo, "data"), os.path.join(scratch, "fixed"))
    srv.start()
    base = "http://127.0.0.1:%d" % srv.port
    downloads = os.path.join(scratch, "downloads")
    os.makedirs(downloads)
    d = browser(os.path.join(scratch, "profile"), downloads)
    try:
        login(d, base, "staff")
        WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "matrix")))
        before = missing_for(d, base, COUNTY)
        shot(d, scratch, "0-staff-matrix-before")
        logout(d)
        county_flow(d, base, scratch, downloads, fixed)
        login(d, base, "staff")
        WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "matrix")))
        after = missing_for(d, base, COUNTY)
        check(before != "0" and after == "0", "the matrix changes: owed %s, then %s"
              % (before, after))
        cell = d.find_element(By.CSS_SELECTOR, "#county-%s td[data-table=health_lectures]" % COUNTY)
        check("county-a" in cell.text and "present" in cell.get_attribute("class"),
              "the cell shows the rows and who sent them: %s" % cell.text)
        shot(d, scratch, "5-staff-matrix-after")
        undo_flow(d, base, scratch, before)
    finally:
        d.quit()
        srv.stop()


def main():
    if not (CHROMIUM and DRIVER and webdriver):
        print("chromium, chromedriver or python3-selenium is not installed; skipped")
        return 77
    kaoping, scratch = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    run(kaoping, scratch)
    return finish("; screenshots in " + scratch)


if __name__ == "__main__":
    sys.exit(main())
