#!/usr/bin/env python3
"""test_web.py — the web workspace as its users and its attackers meet it:
who may do what on every route, CSRF, escaping, uploads that are too big,
cut short or badly named, slow clients, session fixation, password
guessing, the deadline, and the audit log.

usage: test_web.py KAOPING SCRATCH"""
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webkit import (COUNTY_A, COUNTY_B, HOSTILE, PASSWORDS, Client, Server, check,  # noqa: E402
                    finish, lectures, multipart)



def rows(srv, unit_prefix):
    return srv.sql("SELECT count(*) FROM health_lectures WHERE unit LIKE ?", unit_prefix + "%")[0][0]


def clients(srv):
    out = {"anonymous": Client(srv.port)}
    for name in ("admin", "staff", "assessor", "county-a", "county-b"):
        c = Client(srv.port)
        st, h = c.login(name)
        check(st == 303, "%s logs in (got %s)" % (name, st))
        out[name] = c
    return out


def test_cookie_flags(srv):
    c = Client(srv.port)
    st, h = c.login("county-a")
    sc = h.get("Set-Cookie", "")
    check("HttpOnly" in sc and "SameSite=Strict" in sc and "Path=/" in sc,
          "session cookie is HttpOnly and SameSite=Strict: %s" % sc)
    check(len(c.cookie or "") == 64, "the session token is 256 bits in hex")
    stored = srv.sql("SELECT token_hash FROM kp_sessions")
    check(all(t[0] != c.cookie for t in stored), "the token itself is not stored")


# (method, path, {role: expected status}); roles not named expect `other`.
READS = [
    ("GET", "/county", {"anonymous": 303, "county-a": 200, "county-b": 200, "admin": 404,
                        "staff": 404, "assessor": 404}),
    ("GET", "/county?unit=" + COUNTY_A, {"anonymous": 303, "county-b": 403, "other": 200}),
    ("GET", "/county?unit=" + COUNTY_B, {"anonymous": 303, "county-a": 403, "other": 200}),
    ("GET", "/history?unit=" + COUNTY_B, {"anonymous": 303, "county-a": 403, "other": 200}),
    ("GET", "/rows/health_lectures?unit=" + COUNTY_B, {"anonymous": 303, "county-a": 403,
                                                        "other": 200}),
    ("GET", "/rows/no_such_table?unit=" + COUNTY_A, {"anonymous": 303, "county-b": 403,
                                                      "other": 404}),
    ("GET", "/forms/health_lectures.csv", {"anonymous": 303, "other": 200}),
    ("GET", "/city", {"anonymous": 303, "county-a": 403, "county-b": 403, "other": 200}),
    ("GET", "/admin/users", {"anonymous": 303, "admin": 200, "other": 403}),
    ("GET", "/admin/audit", {"anonymous": 303, "admin": 200, "other": 403}),
    ("GET", "/admin/deadline", {"anonymous": 303, "admin": 200, "other": 403}),
    ("GET", "/api/status", {"anonymous": 401, "other": 200}),
    ("GET", "/api/status?unit=" + COUNTY_B, {"anonymous": 401, "county-a": 403, "other": 200}),
    ("GET", "/api/imports?unit=" + COUNTY_B, {"anonymous": 401, "county-a": 403, "admin": 200,
                                               "staff": 200, "assessor": 200, "county-b": 200}),
    ("GET", "/api/imports", {"anonymous": 401, "county-a": 200, "county-b": 200, "other": 404}),
    ("GET", "/static/style.css", {"other": 200}),
    ("GET", "/static/../../etc/passwd", {"other": 404}),
    ("GET", "/static/.hidden.css", {"other": 404}),
    ("GET", "/nowhere", {"other": 404}),
]


def test_read_matrix(srv, cs):
    for method, path, want in READS:
        for role, c in cs.items():
            expected = want.get(role, want.get("other"))
            st, _, _ = c.request(method, path)
            check(st == expected, "%s %s as %s: %s, expected %s" % (method, path, role, st,
                                                                     expected))


def test_write_matrix(srv, cs):
    """Every way a county could write for another county, and roles that may not write."""
    before = (rows(srv, "420101"), rows(srv, "420102"))
    b_rows = lectures("420102001000", 2)
    a = cs["county-a"]
    attempts = [
        ("county-a", "/upload", {"unit": COUNTY_B}, "unit form field"),
        ("county-a", "/upload?unit=" + COUNTY_B, {}, "unit query parameter"),
        ("county-a", "/api/uploads", {"unit": COUNTY_B}, "API unit field"),
        ("county-a", "/api/uploads?unit=" + COUNTY_B, {}, "API unit query"),
        ("assessor", "/upload", {"unit": COUNTY_A}, "assessor upload"),
        ("assessor", "/api/uploads", {"unit": COUNTY_A}, "assessor API upload"),
    ]
    for role, path, fields, what in attempts:
        st, _, _ = cs[role].upload([("files", "health_lectures.csv", b_rows)], fields, path)
        check(st == 403, "%s: %s refused with 403 (got %s)" % (role, what, st))
    # B's rows inside A's own upload: refused row by row, nothing stored.
    st, _, text = a.upload([("files", "health_lectures.csv", b_rows)])
    check(st == 422 and "不属于本县" in text, "county A sending B's rows gets 422 (%s)" % st)
    st, _, text = a.upload([("files", "units.csv", b"code,name,level,parent\n")],
                           path="/api/uploads")
    check(st == 422, "a county may not upload the unit tree (%s)" % st)
    for role in ("county-a", "assessor", "staff"):
        for path in ("/admin/users", "/admin/deadline", "/admin/users/disable"):
            st, _, _ = cs[role].request("POST", path, form={
                "csrf": cs[role].csrf, "name": "county-b", "role": "admin", "password": "x" * 12,
                "due": "2000-01-01"})
            check(st == 403, "%s POST %s refused (%s)" % (role, path, st))
    check((rows(srv, "420101"), rows(srv, "420102")) == before, "nothing changed")
    check(srv.sql("SELECT role, disabled FROM kp_users WHERE name='county-b'") == [("county", 0)],
          "county-b's account is untouched")


def test_csrf(srv, cs):
    a = cs["county-a"]
    good = lectures("420101001000", 2)
    st, _, _ = a.upload([("files", "health_lectures.csv", good)], csrf=False)
    check(st == 403, "upload without CSRF token refused (%s)" % st)
    st, _, _ = a.upload([("files", "health_lectures.csv", good)], {"csrf": "0" * 64}, csrf=False)
    check(st == 403, "upload with a wrong CSRF token refused (%s)" % st)
    st, _, _ = a.upload([("files", "health_lectures.csv", good)], {"csrf": cs["county-b"].csrf},
                        csrf=False)
    check(st == 403, "another session's CSRF token refused (%s)" % st)
    st, _, _ = a.request("POST", "/logout", form={})
    check(st == 403, "logout without CSRF token refused (%s)" % st)
    st, _, _ = a.request("DELETE", "/api/session")
    check(st == 403, "API logout without token refused (%s)" % st)
    st, _, _ = cs["admin"].request("POST", "/admin/users", form={
        "name": "intruder", "role": "admin", "password": "intruder-pass"})
    check(st == 403, "account creation without CSRF refused (%s)" % st)
    check(srv.sql("SELECT count(*) FROM kp_users WHERE name='intruder'") == [(0,)], "no account")
    check(rows(srv, "420101") == 0, "nothing stored by refused requests")


def test_escaping(srv, cs):
    for role, path in (("staff", "/city"), ("admin", "/admin/users"),
                       ("county-b", "/county")):
        st, _, text = cs[role].request("GET", path)
        check(st == 200 and HOSTILE not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text,
              "%s shows the hostile unit name escaped" % path)
    name = '<img src=x onerror=alert(1)>.csv'
    st, _, text = cs["county-a"].upload([("files", name, b"a,b\n1,2\n")])
    check(st == 422 and "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;.csv" in text,
          "a hostile file name is shown escaped (%s)" % st)
    st, h, _ = cs["staff"].request("GET", "/city")
    check("default-src 'self'" in h.get("Content-Security-Policy", ""), "pages carry a CSP")


def test_path_traversal(srv, cs, tmp):
    outside = os.path.join(os.path.dirname(tmp), "health_lectures.csv")
    for name in ("../health_lectures.csv", "../../../../tmp/health_lectures.csv",
                 "..\\..\\health_lectures.csv", "/etc/health_lectures.csv"):
        st, _, text = cs["county-a"].upload([("files", name, lectures("420101001000", 1))])
        check(st == 200, "%r is taken as its base name and imported (%s)" % (name, st))
    check(not os.path.exists(outside), "nothing written outside the upload folder")
    check(not os.path.exists("/tmp/health_lectures.csv") or
          os.path.getmtime("/tmp/health_lectures.csv") < time.time() - 60,
          "nothing written to /tmp by name")
    check(os.listdir(tmp) == [], "upload folders removed after each request: %s" % os.listdir(tmp))


def test_upload_flow(srv, cs):
    a = cs["county-a"]
    st, _, text = a.upload([("files", "health_lectures.csv", lectures("420101001000", 5,
                                                                       bad_row=3))])
    check(st == 422 and 'id="problems"' in text, "a bad row gives 422 and the problems table")
    check("health_lectures.csv" in text and ">4<" in text, "the problem names file and row")
    check(rows(srv, "420101") == 1, "nothing stored from the bad file (still the earlier row)")
    st, _, text = a.upload([("files", "health_lectures.csv", lectures("420101001000", 5)),
                            ("files", "health_instructors.csv",
                             "单位代码,年度,人数\n420101001001,2023,3\n".encode())])
    check(st == 200 and 'id="summary"' in text, "two good files stored (%s)" % st)
    check(rows(srv, "420101") == 5, "five lectures stored (%s)" % rows(srv, "420101"))
    st, _, text = a.request("GET", "/api/status")
    s = json.loads(text)
    t = {x["id"]: x for x in s["tables"]}
    check(t["health_lectures"]["rows"] == 5 and t["health_lectures"]["last_by"] == "county-a",
          "status shows rows and uploader")
    st, _, text = a.request("GET", "/api/imports")
    check(st == 200 and len(json.loads(text)["imports"]) >= 2, "history lists the uploads")
    st, _, text = a.request("GET", "/rows/health_lectures")
    check(st == 200 and "讲座4" in text, "stored rows are shown")
    st, _, text = cs["staff"].upload([("files", "health_lectures.csv",
                                       lectures("420102001000", 3))], {"unit": COUNTY_B})
    check(st == 200, "staff uploads on county B's behalf (%s)" % st)
    st, _, text = cs["staff"].request("GET", "/api/status")
    m = json.loads(text)
    b = [c for c in m["counties"] if c["code"] == COUNTY_B][0]
    cell = [x for x in b["cells"] if x["id"] == "health_lectures"][0]
    check(cell["rows"] == 3 and cell["on_behalf"] and cell["last_by"] == "staff",
          "the matrix shows the upload made on B's behalf")
    st, _, text = cs["staff"].upload([("files", "health_lectures.csv",
                                       lectures("420101001000", 1))], {"unit": COUNTY_B},
                                     path="/api/uploads")
    check(st == 422 and json.loads(text)["problems"][0]["row"] == 2,
          "staff uploading for B may not send A's rows; problems as JSON")


def test_api_session(srv):
    c = Client(srv.port)
    st, text = c.api_login("county-a")
    check(st == 200 and json.loads(text)["user"]["unit"] == COUNTY_A, "API login")
    st, _, _ = c.request("GET", "/api/status")
    check(st == 200, "API status with the session")
    st, _, _ = c.request("DELETE", "/api/session", headers={"X-CSRF-Token": c.csrf})
    check(st == 200, "API logout")
    st, _, _ = c.request("GET", "/api/status")
    check(st == 401, "the session is gone after logout (%s)" % st)


def test_sizes(srv, cs, tmp):
    a = cs["county-a"]
    head = ("POST /upload HTTP/1.1\r\nHost: x\r\nCookie: kp_session=%s\r\nX-CSRF-Token: %s\r\n"
            % (a.cookie, a.csrf))
    ctype, big = multipart({}, [("files", "health_lectures.csv",
                                 lectures("420101001000", 1) + b"#" * 1_100_000)])
    st = raw_status(srv, (head + "Content-Type: %s\r\nContent-Length: %d\r\n\r\n"
                          % (ctype, len(big))).encode())
    check(st == 413, "a declared body over the cap is refused before it is read (%s)" % st)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(big[i:i + 65536]), big[i:i + 65536])
                       for i in range(0, len(big), 65536)) + b"0\r\n\r\n"
    st = raw_status(srv, (head + "Content-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n"
                          % ctype).encode() + chunked)
    check(st == 413, "a chunked body over the cap is refused (%s)" % st)
    # A body that stops short: the connection drops before the end.
    ctype, body = multipart({"csrf": cs["county-a"].csrf},
                            [("files", "health_lectures.csv", lectures("420101001000", 50))])
    s = socket.create_connection(("127.0.0.1", srv.port))
    s.sendall(("POST /upload HTTP/1.1\r\nHost: x\r\nCookie: kp_session=%s\r\n"
               "Content-Type: %s\r\nContent-Length: %d\r\n\r\n"
               % (cs["county-a"].cookie, ctype, len(body))).encode() + body[:len(body) // 2])
    time.sleep(0.3)
    s.close()
    # A body that is complete in length but lacks its closing boundary.
    cut = body[:body.rfind(b"--\r\n") - 60]
    st, _, _ = cs["county-a"].request("POST", "/upload", body=cut,
                                      headers={"Content-Type": ctype})
    check(st == 400, "a multipart body without its end is refused (%s)" % st)
    time.sleep(0.5)
    check(rows(srv, "420101") == 5, "nothing stored from cut uploads")
    check(os.listdir(tmp) == [], "no temporary files left: %s" % os.listdir(tmp))


def raw_status(srv, data):
    """Send raw bytes, return the status of the answer (None if the server hung up)."""
    s = socket.create_connection(("127.0.0.1", srv.port))
    s.settimeout(20)
    try:
        s.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        first = s.recv(64).decode("latin-1")
    except (ConnectionResetError, socket.timeout):
        first = ""
    s.close()
    return int(first.split()[1]) if first.startswith("HTTP/1.1 ") else None


def test_slow_client(srv):
    s = socket.create_connection(("127.0.0.1", srv.port))
    s.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\n")  # never finishes its headers
    s.settimeout(10)
    t0 = time.time()
    try:
        data = s.recv(100)
    except (socket.timeout, ConnectionResetError):
        data = None
    check(data == b"" and time.time() - t0 < 8, "a client that stalls is cut off (%r after %.1fs)"
          % (data, time.time() - t0))
    s.close()


def test_fixation(srv):
    c = Client(srv.port)
    planted = "ab" * 32
    c.cookie = planted
    st, _, _ = c.request("GET", "/api/status")
    check(st == 401, "a made-up session id opens nothing")
    c.login("county-a")
    check(c.cookie and c.cookie != planted, "login issues a new session id")
    old = Client(srv.port)
    old.cookie = planted
    st, _, _ = old.request("GET", "/api/status")
    check(st == 401, "the planted id is still nobody's session")


def test_throttle(srv):
    c = Client(srv.port)
    for _ in range(5):
        st, _ = c.login("county-b", "wrong-password")
        check(st == 401, "wrong password refused (%s)" % st)
    st, _ = c.login("county-b")
    check(st == 429, "after 5 failures even the right password waits (%s)" % st)
    other = Client(srv.port)
    st, _ = other.login("county-a")
    check(st == 303, "another account is not locked out")
    n = srv.sql("SELECT count(*) FROM kp_audit WHERE action='login-failed' AND who='county-b'")
    check(n == [(5,)], "failed logins are in the audit log (%s)" % n)


def test_deadline(srv, cs):
    adm = cs["admin"]
    st, _, _ = adm.request("GET", "/admin/deadline")
    st, _, text = adm.request("POST", "/admin/deadline", form={
        "csrf": adm.csrf, "year": "2023", "due": "2000-01-01"})
    check(st == 200, "admin sets a deadline (%s)" % st)
    st, _, text = cs["county-a"].upload([("files", "health_lectures.csv",
                                          lectures("420101001000", 2))], {"year": "2023"})
    check(st == 403 and "截止" in text, "county upload after the deadline refused (%s)" % st)
    st, _, _ = cs["county-a"].upload([("files", "health_lectures.csv",
                                       lectures("420101001000", 2))], {"year": "2099"})
    check(st == 403, "naming another year does not get round the deadline (%s)" % st)
    st, _, _ = cs["staff"].upload([("files", "health_lectures.csv", lectures("420101001000", 5))],
                                  {"unit": COUNTY_A, "year": "2023"})
    check(st == 200, "city staff may still upload for a county (%s)" % st)
    adm.request("POST", "/admin/deadline", form={"csrf": adm.csrf, "year": "2023",
                                                 "due": "2000-01-01", "reopened": "1"})
    st, _, _ = cs["county-a"].upload([("files", "health_lectures.csv",
                                       lectures("420101001000", 5))], {"year": "2023"})
    check(st == 200, "reopened: county upload accepted (%s)" % st)


def a_lectures(srv):
    return srv.sql("SELECT * FROM health_lectures WHERE unit LIKE '420101%' ORDER BY 1, 2, 3")


def city_cell(cs, county):
    """The cached city matrix's row count of health_lectures for `county`."""
    st, _, text = cs["staff"].request("GET", "/city")
    m = re.search(r'<tr id="county-%s">.*?data-table="health_lectures">(\d+) 行' % county,
                  text, re.S)
    return int(m.group(1)) if st == 200 and m else None


def api_upload(c, body, fields=None):
    st, _, text = c.upload([("files", "health_lectures.csv", body)], fields, path="/api/uploads")
    check(st == 200, "upload through the API (%s: %s)" % (st, text[:200]))
    return json.loads(text)["import_id"]


def undo(c, import_id, api=True, csrf=True):
    form = {"csrf": c.csrf} if csrf else {}
    if api:
        return c.request("POST", "/api/imports/%s/undo" % import_id, form=form)
    return c.request("POST", "/undo/%s" % import_id, form=form)


def test_undo_refused(srv, cs, import_id, stored):
    """Every way to undo a submission one may not undo: nothing changes."""
    a = cs["county-a"]
    for role, api, want in (("county-b", True, 404), ("county-b", False, 404),
                            ("assessor", True, 403), ("assessor", False, 403),
                            ("anonymous", True, 401), ("anonymous", False, 401)):
        st, _, _ = undo(cs[role], import_id, api)
        check(st == want, "%s undoing A's import %s by id (%s): %s, expected %s" % (
            role, import_id, "API" if api else "page", st, want))
    st, _, _ = undo(a, import_id, csrf=False)
    check(st == 403, "undo without CSRF token refused (%s)" % st)
    st, _, _ = a.request("POST", "/api/imports/%s/undo" % import_id, form={"csrf": "0" * 64})
    check(st == 403, "undo with a wrong CSRF token refused (%s)" % st)
    st, _, _ = a.request("POST", "/undo/%s" % import_id, form={"csrf": cs["county-b"].csrf})
    check(st == 403, "undo with another session's CSRF token refused (%s)" % st)
    st, _, _ = undo(a, 999999)
    check(st == 404, "undoing an import that does not exist: 404 (%s)" % st)
    check(a_lectures(srv) == stored, "refused undos changed nothing")


def test_undo(srv, cs):
    a, adm = cs["county-a"], cs["admin"]
    before, cell_before = a_lectures(srv), city_cell(cs, COUNTY_A)
    first = api_upload(a, lectures("420101001000", 7))
    stored = a_lectures(srv)
    check(stored != before and city_cell(cs, COUNTY_A) == 7, "seven lectures stored and shown")
    test_undo_refused(srv, cs, first, stored)
    # The same lectures with other attendance: the later import replaces the same rows.
    second = api_upload(a, lectures("420101001000", 7).replace(b",1", b",2"))
    st, _, text = undo(a, first)
    check(st == 409 and "之后的提交" in json.loads(text)["message"] and str(second) in text,
          "undoing an import a later one changed is refused in Chinese (%s %s)" % (st, text))
    adm.request("POST", "/admin/deadline", form={"csrf": adm.csrf, "year": "2023",
                                                 "due": "2000-01-01", "reopened": "0"})
    st, _, text = undo(a, second, api=False)
    check(st == 403 and "截止" in text, "a county's undo after the deadline refused (%s)" % st)
    check(a_lectures(srv) != stored, "...and the later rows stay")
    st, _, text = undo(cs["staff"], second)
    check(st == 200 and a_lectures(srv) == stored,
          "staff undo on the county's behalf after the deadline, the earlier rows return (%s)" % st)
    adm.request("POST", "/admin/deadline", form={"csrf": adm.csrf, "year": "2023",
                                                 "due": "2000-01-01", "reopened": "1"})
    st, _, text = undo(a, first, api=False)
    check(st == 200 and "已撤销" in text and 'id="undo-%s"' % first not in text,
          "the county undoes its own submission from the history page (%s)" % st)
    check(a_lectures(srv) == before, "the rows are as before the first upload")
    check(city_cell(cs, COUNTY_A) == cell_before,
          "the city matrix shows the undo (%s, expected %s)" % (city_cell(cs, COUNTY_A),
                                                                 cell_before))
    st, _, text = a.request("GET", "/history")
    check(st == 200 and "撤销这次提交" in text, "the history page offers undo")
    audit = srv.sql("SELECT who, detail FROM kp_audit WHERE action = 'undo' ORDER BY id")
    check(any(w == "staff" and "代县撤销" in d and "已撤销" in d for w, d in audit) and
          any(w == "county-a" and "已撤销" in d for w, d in audit),
          "undos are in the audit log, staff's as on the county's behalf: %s" % audit)


def test_accounts_and_audit(srv, cs):
    adm = cs["admin"]
    st, _, text = adm.request("POST", "/admin/users", form={
        "csrf": adm.csrf, "name": "county-a2", "role": "county", "unit": COUNTY_A,
        "password": "another-pass"})
    check(st == 200 and "county-a2" in text, "admin adds an account in the browser (%s)" % st)
    c = Client(srv.port)
    check(c.login("county-a2", "another-pass")[0] == 303, "the new account logs in")
    adm.request("POST", "/admin/users/disable", form={"csrf": adm.csrf, "name": "county-a2"})
    st, _, _ = c.request("GET", "/api/status")
    check(st == 401, "disabling an account ends its sessions (%s)" % st)
    check(c.login("county-a2", "another-pass")[0] == 401, "a disabled account cannot log in")
    p = srv.run("audit", "--db", srv.db, "--limit", "500")
    out = p.stdout.decode()
    for action in ("login", "login-failed", "upload", "user-add", "user-disable", "deadline"):
        check(("  %s  " % action) in out, "kaoping audit lists %s" % action)
    st, _, text = adm.request("GET", "/admin/audit")
    check(st == 200 and "user-disable" in text, "admins read the audit log in the browser")


def test_kill_mid_upload(kaoping, scratch):
    srv = Server(kaoping, scratch).start()
    c = Client(srv.port)
    c.login("county-a")
    before = rows(srv, "420101")
    ctype, body = multipart({"csrf": c.csrf}, [("files", "health_lectures.csv",
                                                lectures("420101001000", 3000))])
    s = socket.create_connection(("127.0.0.1", srv.port))
    s.sendall(("POST /upload HTTP/1.1\r\nHost: x\r\nCookie: kp_session=%s\r\n"
               "Content-Type: %s\r\nContent-Length: %d\r\n\r\n"
               % (c.cookie, ctype, len(body))).encode() + body[: len(body) * 2 // 3])
    time.sleep(0.3)
    srv.stop(9)
    s.close()
    check(rows(srv, "420101") == before, "killed mid-upload: nothing partial stored")
    srv.start()
    c = Client(srv.port)
    check(c.login("county-a")[0] == 303, "the server starts again on the same store")
    srv.stop()


def test_tls(kaoping, scratch):
    """Under TLS the cookie is Secure.  Skipped where openssl is missing."""
    if not shutil.which("openssl"):
        print("openssl missing: TLS not tested")
        return
    cert, key = os.path.join(scratch, "cert.pem"), os.path.join(scratch, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert], check=True,
                   capture_output=True)
    srv = Server(kaoping, scratch, ["--tls-cert", cert, "--tls-key", key])
    srv.proc = subprocess.Popen([kaoping, "serve", "--db", srv.db, "--listen", "127.0.0.1:0",
                                 "--tls-cert", cert, "--tls-key", key],
                                stdout=subprocess.PIPE, env=dict(os.environ,
                                                                 KAOPING_TEST_CHEAP_PWHASH="1"))
    line = srv.proc.stdout.readline().decode()
    check(line.startswith("kaoping serve: listening on https://"), "serves HTTPS: %r" % line)
    port = int(line.rsplit(":", 1)[1].strip("/\n"))
    ctx = ssl.create_default_context(cafile=cert)
    ctx.check_hostname = False
    c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=30)
    c.request("POST", "/login", body=urlencode({"name": "county-a",
                                                 "password": PASSWORDS["county-a"]}),
              headers={"Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse()
    r.read()
    sc = r.getheader("Set-Cookie", "")
    check(r.status == 303 and "; Secure" in sc, "under TLS the cookie is Secure: %s" % sc)
    c.close()
    check(srv.stop() == 0, "the TLS server stops cleanly")


def main():
    kaoping, scratch = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    shutil.rmtree(scratch, ignore_errors=True)
    tmp = os.path.join(scratch, "tmp")
    os.makedirs(tmp)
    srv = Server(kaoping, os.path.join(scratch, "city"), ["--timeout", "2", "--max-upload", "1"],
                 tmpdir=tmp)
    srv.make_city()
    srv.start()
    try:
        test_cookie_flags(srv)
        cs = clients(srv)
        test_read_matrix(srv, cs)
        test_write_matrix(srv, cs)
        test_csrf(srv, cs)
        test_escaping(srv, cs)
        test_path_traversal(srv, cs, tmp)
        test_upload_flow(srv, cs)
        test_api_session(srv)
        test_sizes(srv, cs, tmp)
        test_slow_client(srv)
        test_fixation(srv)
        test_throttle(srv)
        test_deadline(srv, cs)
        test_undo(srv, cs)
        test_accounts_and_audit(srv, cs)
    finally:
        rc = srv.stop()
    check(rc == 0, "the server stops cleanly on SIGTERM (%s)" % rc)
    test_kill_mid_upload(kaoping, srv.scratch)
    test_tls(kaoping, srv.scratch)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
