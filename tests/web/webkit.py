"""webkit.py — what the web tests and the web benchmark share: a scratch
database with a small city, accounts, a running `kaoping serve`, and an HTTP
client that keeps a session cookie.  Standard library only."""
import http.client
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import uuid

# Two counties; the second one's name is hostile on purpose: every page that
# shows it must show it as text.
HOSTILE = "<script>alert(1)</script>"
UNITS = """code,name,level,parent
420100000000,XX市,市,
420101000000,江岸区,县,420100000000
420101001000,城关街道,乡,420101000000
420101001001,东湖社区,村,420101001000
420102000000,{hostile},县,420100000000
420102001000,南山镇,乡,420102000000
420102001001,南山村,村,420102001000
""".format(hostile=HOSTILE)
COUNTY_A, COUNTY_B = "420101000000", "420102000000"
COUNTS = {"checks": 0, "failures": 0}


def check(ok, what):
    """Count a check; print it when it fails.  The test keeps going."""
    COUNTS["checks"] += 1
    if not ok:
        COUNTS["failures"] += 1
        print("FAIL:", what, file=sys.stderr)
    return ok


def finish(note=""):
    """The exit status: 1 when a check failed or none ran."""
    print("%d checks, %d failed%s" % (COUNTS["checks"], COUNTS["failures"], note))
    return 1 if COUNTS["failures"] or COUNTS["checks"] == 0 else 0


PASSWORDS = {"admin": "admin-pass-1", "staff": "staff-pass-1", "assessor": "assessor-pass-1",
             "county-a": "county-a-pass", "county-b": "county-b-pass"}


def lectures(unit, n, year=2023, bad_row=None):
    """A health_lectures.csv body: n good rows for `unit` (a township or village)."""
    lines = ["单位代码,日期,主题,参加人数"]
    for i in range(n):
        lines.append("%s,%d-%02d-%02d,讲座%d,%d" % (unit, year, 1 + i % 12, 1 + i % 28, i, 10 + i))
    if bad_row is not None:
        lines.insert(bad_row, "%s,%d-13-45,坏日期,abc" % (unit, year))
    return ("\n".join(lines) + "\n").encode()


class Server:
    def __init__(self, kaoping, scratch, extra_args=(), tmpdir=None):
        self.kaoping, self.scratch = kaoping, scratch
        self.db = os.path.join(scratch, "kaoping.db")
        self.extra, self.tmpdir, self.proc = list(extra_args), tmpdir, None

    def run(self, *args, stdin=None, check=True):
        env = dict(os.environ, KAOPING_TEST_CHEAP_PWHASH="1")
        p = subprocess.run([self.kaoping, *args], input=stdin, capture_output=True, env=env)
        if check and p.returncode != 0:
            raise RuntimeError("kaoping %s: %s" % (" ".join(args), p.stderr.decode()))
        return p

    def make_city(self):
        os.makedirs(self.scratch, exist_ok=True)
        units = os.path.join(self.scratch, "units.csv")
        with open(units, "w", encoding="utf-8") as f:
            f.write(UNITS)
        self.run("init", "--db", self.db)
        self.run("import", "--quiet", "--db", self.db, units)
        for name, role, unit in (("admin", "admin", None), ("staff", "staff", None),
                                 ("assessor", "assessor", None), ("county-a", "county", COUNTY_A),
                                 ("county-b", "county", COUNTY_B)):
            args = ["user", "add", name, "--role", role, "--db", self.db]
            if unit:
                args += ["--unit", unit]
            self.run(*args, stdin=(PASSWORDS[name] + "\n").encode())

    def start(self):
        env = dict(os.environ, KAOPING_TEST_CHEAP_PWHASH="1")
        if self.tmpdir:
            env["TMPDIR"] = self.tmpdir
        self.proc = subprocess.Popen([self.kaoping, "serve", "--db", self.db, "--listen",
                                      "127.0.0.1:0", "--year", "2023", *self.extra],
                                     stdout=subprocess.PIPE, stderr=sys.stderr, env=env)
        line = self.proc.stdout.readline().decode()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            raise RuntimeError("kaoping serve did not start: %r" % line)
        self.port = int(m.group(1))
        return self

    def stop(self, sig=signal.SIGTERM):
        if self.proc:
            self.proc.send_signal(sig)
            rc = self.proc.wait(timeout=20)
            self.proc = None
            return rc
        return None

    def sql(self, query, *args):
        con = sqlite3.connect(self.db, timeout=10)
        try:
            return con.execute(query, args).fetchall()
        finally:
            con.close()


def multipart(fields, files):
    """fields: {name: value}; files: [(field, filename, bytes)] -> (content type, body)."""
    boundary = "----kaoping" + uuid.uuid4().hex
    out = []
    for k, v in fields.items():
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                    % (boundary, k, v)).encode())
    for field, name, data in files:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                    "Content-Type: text/csv\r\n\r\n" % (boundary, field, name)).encode())
        out.append(data + b"\r\n")
    out.append(("--%s--\r\n" % boundary).encode())
    return "multipart/form-data; boundary=" + boundary, b"".join(out)


class Client:
    """One browser: a cookie jar of one cookie, and the last CSRF token seen."""

    def __init__(self, port):
        self.port, self.cookie, self.csrf = port, None, None

    def request(self, method, path, body=None, headers=None, form=None):
        h = dict(headers or {})
        if form is not None:
            from urllib.parse import urlencode
            body = urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookie:
            h["Cookie"] = "kp_session=" + self.cookie
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            data = r.read()
        finally:
            c.close()
        sc = r.getheader("Set-Cookie")
        if sc:
            m = re.match(r"kp_session=([^;]*)", sc)
            self.cookie = m.group(1) or None if m else self.cookie
        text = data.decode("utf-8", "replace")
        m = re.search(r'name="csrf" value="([0-9a-f]{64})"', text)
        if m:
            self.csrf = m.group(1)
        return r.status, dict(r.getheaders()), text

    def login(self, name, password=None):
        st, h, _ = self.request("POST", "/login", form={
            "name": name, "password": password if password is not None else PASSWORDS[name]})
        if st == 303:
            self.request("GET", h.get("Location", "/"))
        return st, h

    def api_login(self, name, password=None):
        st, h, text = self.request("POST", "/api/session", body=json.dumps(
            {"name": name, "password": password or PASSWORDS[name]}).encode(),
            headers={"Content-Type": "application/json"})
        if st == 200:
            self.csrf = json.loads(text)["csrf"]
        return st, text

    def upload(self, files, fields=None, path="/upload", csrf=True):
        f = dict(fields or {})
        if csrf and self.csrf:
            f["csrf"] = self.csrf
        ctype, body = multipart(f, files)
        return self.request("POST", path, body=body, headers={"Content-Type": ctype})
