#!/usr/bin/env python3
"""Statistics load benchmark: import speed and table latency as the facts grow.

Starts `folja serve` on a fresh database, builds a unit tree (1 kommun, 20 avdelningar and as
many enheter as N needs), makes a sick-leave-like statistic (ratio of hours, percent, by
gender, age group and length: 36 breakdowns counting the totals), imports N generated
monthly facts for 2020 and 2021 (numerator and denominator hours, every breakdown of every
enhet and month, in shuffled order) as one CSV body, then measures:
  - import rows/s (the whole POST /api/v1/statistics/{id}:import, parse + validate + store),
  - cold tables: the first GET /api/v1/statistics/{id}/table right after a write (memo
    stale), over the whole tree and over one enhet, by gender with the previous year, by
    month, by age group and gender with shares,
  - hot tables: the same GET repeated (served from the memo),
  - the database's bytes after the import (the file and its write-ahead log),
  - the server's peak RSS (VmHWM).
Latencies are medians of client-side wall time over a loopback socket, each with the CPU time
the server spent on it (from /proc/PID/task/*/schedstat), which a machine busy with other work
disturbs less.  Not part of `meson test`.

Usage: bench/statistics_load.py BUILD_DIR [N ...]   e.g. bench/statistics_load.py build 1000000
"""
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

GENDERS = ["K", "M"]
AGES = ["0-29", "30-49", "50-"]
LENGTHS = ["lt60", "ge60"]
PATTERNS = [(g, a, l) for g in [""] + GENDERS for a in [""] + AGES for l in [""] + LENGTHS]
YEARS = (2020, 2021)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Client:
    def __init__(self, port, token):
        self.port, self.token = port, token
        self.c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def call(self, method, path, body=None, ctype="application/json"):
        headers = {"Authorization": "Bearer " + self.token}
        if body is not None:
            headers["Content-Type"] = ctype
        self.c.request(method, path, body=body, headers=headers)
        r = self.c.getresponse()
        data = r.read()
        return r.status, data, r.getheader("X-Folja-Cache")

    def post(self, path, obj):
        st, body, _ = self.call("POST", path, json.dumps(obj))
        assert st == 201, (st, body[:300])
        return json.loads(body)["id"]


def cpu_ms(pid):
    """CPU time the server has used so far (all its threads), in ms: on a machine shared with
    other work, a steadier measure of what a request costs than wall time."""
    total = 0
    for task in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/schedstat" % (pid, task)) as f:
            total += int(f.read().split()[0])
    return total / 1e6


def median_ms(fn, n):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def build_tree(cl, n):
    """1 kommun, 20 avdelningar, enough enheter for n facts; returns (root, leaf codes)."""
    per_leaf = len(PATTERNS) * 12 * len(YEARS)
    leaves_needed = max(1, -(-n // per_leaf))
    root = cl.post("/api/v1/units", {"code": "K", "name": "Kommun", "kind": "kommun",
                                     "municipality_code": "0999"})
    codes = []
    for a in range(20):
        aid = cl.post("/api/v1/units", {"code": "A%d" % a, "name": "Avd %d" % a,
                                        "kind": "avdelning", "parent_id": root})
        for e in range(-(-leaves_needed // 20)):
            code = "E%d-%d" % (a, e)
            cl.post("/api/v1/units", {"code": code, "name": "Enhet " + code, "kind": "enhet",
                                      "parent_id": aid})
            codes.append(code)
    return root, codes[:leaves_needed]


def fact_rows(codes, rnd):
    """Every breakdown of every enhet and month: the sick hours of a length over all the
    scheduled hours of its group, so a length splits the numerator only."""
    for code in codes:
        for year in YEARS:
            for month in range(1, 13):
                hours = rnd.randrange(8000, 20000)
                for g, a, l in PATTERNS:
                    den = round(hours * (0.5 if g else 1) * (1 / 3 if a else 1), 1)
                    num = round(den * rnd.uniform(0.03, 0.12) * (0.5 if l else 1), 1)
                    yield "%s;%d-%02d;%s;%s;%s;%s;%s;%d" % (
                        code, year, month, g, a, l, str(num).replace(".", ","),
                        str(den).replace(".", ","), 20)


def facts_csv(codes, n):
    """n monthly facts in shuffled order."""
    rnd = random.Random(42)
    rows = []
    for row in fact_rows(codes, rnd):
        rows.append(row)
        if len(rows) == n:
            break
    rnd.shuffle(rows)
    head = "unit_code;period;gender;age_group;length;numerator;denominator;population"
    return ("\r\n".join([head] + rows) + "\r\n").encode(), len(rows)


WRITES = [0]


def table_timings(cl, pid, sid, bump_sid, root, path_query, label):
    path = "/api/v1/statistics/%d/table?%s" % (sid, path_query)
    counter = WRITES
    cpus = []

    def cold():
        counter[0] += 1
        s, body, _ = cl.call("POST", "/api/v1/statistic-facts", json.dumps(
            {"statistic_id": bump_sid, "unit_id": root, "period": "%d" % (1900 + counter[0]),
             "value": counter[0]}))
        assert s == 201, body[:300]
        c0, t0 = cpu_ms(pid), time.perf_counter()
        s, body, cache = cl.call("GET", path)
        assert s == 200 and cache == "miss", (s, cache, body[:300])
        cpus.append(cpu_ms(pid) - c0)
        return (time.perf_counter() - t0) * 1000
    colds = [cold() for _ in range(7)]
    cl.call("GET", path)

    def hot():
        s, _, cache = cl.call("GET", path)
        assert s == 200 and cache == "hit"
    hot_ms = median_ms(hot, 100)
    print("  table %-34s cold (after a write) median %6.2f ms (server CPU %6.2f ms), max %6.2f"
          " ms; hot median %.3f ms" % (label, statistics.median(colds), statistics.median(cpus),
                                      max(colds), hot_ms))


def run(build, n):
    tmp = tempfile.mkdtemp(prefix="folja-bench-")
    db = os.path.join(tmp, "bench.db")
    folja = os.path.join(build, "folja")
    subprocess.run([folja, "migrate", "--db", db], check=True, capture_output=True)
    token = subprocess.run([folja, "token", "create", "--role", "editor", "--db", db],
                           check=True, capture_output=True, text=True).stdout.strip()
    port = free_port()
    srv = subprocess.Popen([folja, "serve", "--db", db, "--listen", "127.0.0.1:%d" % port,
                            "--max-body", str(1 << 31), "--timeout", "600"],
                           stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        cl = Client(port, token)
        root, codes = build_tree(cl, n)
        sid = cl.post("/api/v1/statistics", {
            "code": "sick", "name": "Sjukfrånvaro", "measure_unit": "percent",
            "aggregate": "ratio", "decimals": 2, "dimensions": [
                {"name": "gender", "values": GENDERS}, {"name": "age_group", "values": AGES},
                {"name": "length", "values": LENGTHS}]})
        bump = cl.post("/api/v1/statistics", {"code": "bump", "name": "Skrivningar",
                                              "measure_unit": "count", "aggregate": "sum"})
        csv, rows = facts_csv(codes, n)
        c0, t = cpu_ms(srv.pid), time.perf_counter()
        st, body, _ = cl.call("POST", "/api/v1/statistics/%d:import" % sid, csv, "text/csv")
        dt, cpu = time.perf_counter() - t, (cpu_ms(srv.pid) - c0) / 1000
        assert st == 201, body[:500]
        print("N=%d: import %.2f s, %.0f rows/s (server CPU %.2f s: %.0f rows per CPU second;"
              " %.1f MB CSV, %d enheter)" % (rows, dt, rows / dt, cpu, rows / cpu, len(csv) / 1e6,
                                             len(codes)))
        size = lambda f: os.path.getsize(f) if os.path.exists(f) else 0
        print("  database %.1f MB, its WAL %.1f MB after the import"
              % (size(db) / 1e6, size(db + "-wal") / 1e6))
        s, body, _ = cl.call("GET", "/api/v1/units?q=%s&limit=1000" % codes[0])
        leaf = [u["id"] for u in json.loads(body)["items"] if u["code"] == codes[0]]
        for label, q in (
                ("tree, by gender, previous year", "unit_id=%d&period=2021-T2&by=gender"
                 "&compare=previous_year" % root),
                ("tree, total only", "unit_id=%d&period=2021" % root),
                ("tree, by month", "unit_id=%d&period=2021-T2&by=month" % root),
                ("tree, by age group, gender, shares", "unit_id=%d&period=2021-Q3&by=age_group,"
                 "gender&share_of_total=true&compare=previous_year" % root),
                ("one enhet, by length", "unit_id=%d&period=2021-T2&by=length"
                 % (leaf[0] if leaf else root))):
            table_timings(cl, srv.pid, sid, bump, root, q, label)
        with open("/proc/%d/status" % srv.pid) as f:
            hwm = [l for l in f if l.startswith("VmHWM")]
        print("  server peak RSS %s" % (hwm[0].split(":")[1].strip() if hwm else "?"))
    finally:
        srv.terminate()
        srv.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for n in [int(a) for a in sys.argv[2:]] or [100000]:
        run(sys.argv[1], n)
