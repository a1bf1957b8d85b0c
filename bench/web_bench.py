#!/usr/bin/env python3
"""web_bench.py — the web workspace under the load of a reporting deadline,
on loopback only and bounded in time: COUNTIES county sessions upload their
files at once while STAFF sessions keep loading the city matrix.

Prints errors, rows lost or duplicated (stored vs sent), p50/p95 page
latency, p50/p95 upload-to-result, and the server's resident memory (now
and peak).  Accounts use the cheapest password hash (a build-tree binary
only) so that 150 logins do not dominate; logins are not what is measured.

First, as a baseline, SEQ more counties upload one after another and one
staff session loads the matrix SEQ times with nothing else running: what a
request costs when it waits for nobody.

Each staff session reads the matrix for THINK seconds (default 1) before
loading it again, as a person does; THINK 0 makes every session reload
without pause.

usage: bench/web_bench.py build/kaoping [COUNTIES [STAFF [SECONDS [THINK]]]]"""
import os
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "web"))
from webkit import Client, Server  # noqa: E402

PASSWORD = "bench-password"
SEQ = 10
# Rows per county per table; the tables a county sends and how their rows look.
TABLES = {
    "health_lectures": ("单位代码,日期,主题,参加人数", 40,
                        lambda u, i: "%s,2023-%02d-%02d,讲座%d,%d" % (u, 1 + i % 12, 1 + i % 28, i, 20 + i)),
    "publicity_events": ("单位代码,日期,主题,形式,参加人数", 20,
                         lambda u, i: "%s,2023-%02d-%02d,宣讲%d,宣讲,%d" % (u, 1 + i % 12, 1 + i % 28, i, 30 + i)),
    "culture_events": ("单位代码,日期,主题,节点,参加人数", 20,
                       lambda u, i: "%s,2023-%02d-%02d,活动%d,其他,%d" % (u, 1 + i % 12, 1 + i % 28, i, 15 + i)),
    "health_instructors": ("单位代码,年度,人数", 1, lambda u, i: "%s,2023,%d" % (u, 3 + i)),
    "journal_subscriptions": ("单位代码,年度,份数", 1, lambda u, i: "%s,2023,%d" % (u, 10 + i)),
}


def county_code(c):
    return "42%04d000000" % (1000 + c)


def village(c):
    return "42%04d001001" % (1000 + c)


def make_units(path, counties):
    lines = ["code,name,level,parent", "420000000000,压测市,市,"]
    for c in range(counties):
        cc = county_code(c)
        town = "42%04d001000" % (1000 + c)
        lines += ["%s,压测县%03d,县,420000000000" % (cc, c), "%s,城关镇%03d,乡,%s" % (town, c, cc),
                  "%s,城关村%03d,村,%s" % (village(c), c, town)]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def files_of(c):
    out = []
    for table, (header, n, row) in TABLES.items():
        body = "\n".join([header] + [row(village(c), i) for i in range(n)]) + "\n"
        out.append(("files", table + ".csv", body.encode()))
    return out


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def rss_kib(pid):
    vals = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                vals[line.split(":")[0]] = int(line.split()[1])
    return vals.get("VmRSS", 0), vals.get("VmHWM", 0)


def cpu_seconds(pid):
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def setup(kaoping, scratch, counties, staff):
    srv = Server(kaoping, scratch)
    units = os.path.join(scratch, "units.csv")
    make_units(units, counties)
    srv.run("init", "--db", srv.db)
    srv.run("import", "--quiet", "--db", srv.db, units)
    for c in range(counties):
        srv.run("user", "add", "c%03d" % c, "--role", "county", "--unit", county_code(c),
                "--db", srv.db, stdin=(PASSWORD + "\n").encode())
    for s in range(staff):
        srv.run("user", "add", "s%03d" % s, "--role", "staff", "--db", srv.db,
                stdin=(PASSWORD + "\n").encode())
    return srv


def main():
    kaoping = os.path.abspath(sys.argv[1])
    counties = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    staff = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    limit = float(sys.argv[4]) if len(sys.argv) > 4 else 120.0
    think = float(sys.argv[5]) if len(sys.argv) > 5 else 1.0
    scratch = tempfile.mkdtemp(prefix="kaoping-web-bench-")
    try:
        srv = setup(kaoping, scratch, counties + SEQ, staff)
        srv.start()
        baseline(srv, counties)
        run(srv, counties, staff, limit, think)
        srv.stop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def baseline(srv, counties):
    """Counties counties..counties+SEQ-1 upload alone, then the matrix loads alone."""
    ups, pages = [], []
    for c in range(counties, counties + SEQ):
        cl = Client(srv.port)
        cl.login("c%03d" % c, PASSWORD)
        cl.request("GET", "/county")
        t0 = time.time()
        st, _, _ = cl.upload(files_of(c), path="/api/uploads")
        ups.append(time.time() - t0)
        if st != 200:
            print("baseline upload %d: %d" % (c, st))
    cl = Client(srv.port)
    cl.login("s000", PASSWORD)
    for _ in range(SEQ):
        t0 = time.time()
        cl.request("GET", "/city")
        pages.append(time.time() - t0)
    print("alone: upload median %.1f ms, matrix page median %.1f ms (%d each)"
          % (pct(ups, 50) * 1e3, pct(pages, 50) * 1e3, SEQ))


def run(srv, counties, staff, limit, think):
    errors, pages, uploads = [], [], []
    lock = threading.Lock()
    deadline = time.time() + limit
    done = threading.Event()
    ready = threading.Barrier(counties + staff)

    def county(c):
        cl = Client(srv.port)
        try:
            st, _ = cl.login("c%03d" % c, PASSWORD)
            cl.request("GET", "/county")
            ready.wait(timeout=limit)
            t0 = time.time()
            st, _, _ = cl.upload(files_of(c), path="/api/uploads")
            dt = time.time() - t0
            with lock:
                uploads.append(dt)
                if st != 200:
                    errors.append("county %d: upload %d" % (c, st))
        except Exception as e:  # noqa: BLE001 — every failure is an error to count
            with lock:
                errors.append("county %d: %r" % (c, e))

    def city(s):
        cl = Client(srv.port)
        try:
            st, _ = cl.login("s%03d" % s, PASSWORD)
            ready.wait(timeout=limit)
            while not done.is_set() and time.time() < deadline:
                t0 = time.time()
                st, _, _ = cl.request("GET", "/city")
                with lock:
                    pages.append(time.time() - t0)
                    if st != 200:
                        errors.append("staff %d: matrix %d" % (s, st))
                done.wait(think)
        except Exception as e:  # noqa: BLE001
            with lock:
                errors.append("staff %d: %r" % (s, e))

    threads = [threading.Thread(target=county, args=(c,)) for c in range(counties)]
    staff_threads = [threading.Thread(target=city, args=(s,)) for s in range(staff)]
    t0, cpu0 = time.time(), cpu_seconds(srv.proc.pid)
    for t in threads + staff_threads:
        t.start()
    peak = 0
    while any(t.is_alive() for t in threads) and time.time() < deadline:
        peak = max(peak, rss_kib(srv.proc.pid)[0])
        time.sleep(0.05)
    done.set()
    for t in threads + staff_threads:
        t.join(timeout=max(1, deadline - time.time()))
    wall, cpu = time.time() - t0, cpu_seconds(srv.proc.pid) - cpu0
    now, hwm = rss_kib(srv.proc.pid)
    report(srv, counties, staff, think, errors, pages, uploads, wall, now, max(peak, now), hwm)
    print("server CPU: %.2f s for %d uploads and %d pages (%.1f ms a request)"
          % (cpu, len(uploads), len(pages), cpu * 1e3 / max(1, len(uploads) + len(pages))))


def report(srv, counties, staff, think, errors, pages, uploads, wall, rss, peak, hwm):
    sent = stored = 0
    for table, (_, n, _) in TABLES.items():
        sent += n * (counties + SEQ)
        stored += srv.sql("SELECT count(*) FROM %s" % table)[0][0]
    subs = srv.sql("SELECT count(*) FROM kp_submissions")[0][0]
    print("web bench: %d county sessions uploading %d files (%d rows) each, %d staff sessions "
          "loading the matrix (%g s between loads), %.1f s; load average %s"
          % (counties, len(TABLES), sent // (counties + SEQ), staff, think, wall,
             open("/proc/loadavg").read().split()[0]))
    print("errors: %d%s" % (len(errors), (" — " + "; ".join(errors[:5])) if errors else ""))
    print("rows: sent %d, stored %d, lost %d, duplicated %d; submissions recorded %d"
          % (sent, stored, max(0, sent - stored), max(0, stored - sent), subs))
    print("matrix page: %d loads, p50 %.1f ms, p95 %.1f ms, max %.1f ms"
          % (len(pages), pct(pages, 50) * 1e3, pct(pages, 95) * 1e3, max(pages or [0]) * 1e3))
    print("upload to result: %d uploads, p50 %.0f ms, p95 %.0f ms, max %.0f ms"
          % (len(uploads), pct(uploads, 50) * 1e3, pct(uploads, 95) * 1e3,
             max(uploads or [0]) * 1e3))
    print("server RSS: %.1f MB at the end, %.1f MB sampled peak, %.1f MB high-water mark"
          % (rss / 1024, peak / 1024, hwm / 1024))


if __name__ == "__main__":
    main()
