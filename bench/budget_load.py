#!/usr/bin/env python3
"""Budget load benchmark: import speed and rollup latency as the ledger grows.

Starts `folja serve` on a fresh database, builds a unit tree (1 kommun, 20 avdelningar,
100 enheter), imports N generated budget lines as one CSV body, then measures:
  - import rows/s (the whole POST /api/v1/budget-lines:import, parse + validate + store),
  - cold rollup: the first GET /api/v1/budget/rollup right after a write (memo stale),
  - hot rollup: the same GET repeated (served from the memo),
  - the server's plain GET /healthz for comparison, and its peak RSS (VmHWM).
Latencies are medians of client-side wall time over a loopback socket.  With wrk installed,
hot throughput is also measured with wrk.  Not part of `meson test`.

Usage: bench/budget_load.py BUILD_DIR [N ...]      e.g. bench/budget_load.py build 10000 1000000
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


def median_ms(fn, n):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


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
        st, body, _ = cl.call("POST", "/api/v1/units",
                              json.dumps({"code": "K", "name": "Kommun", "kind": "kommun"}))
        root = json.loads(body)["id"]
        leaves = []
        for a in range(20):
            st, body, _ = cl.call("POST", "/api/v1/units", json.dumps(
                {"code": "A%d" % a, "name": "Avd %d" % a, "kind": "avdelning",
                 "parent_id": root}))
            aid = json.loads(body)["id"]
            for e in range(5):
                st, body, _ = cl.call("POST", "/api/v1/units", json.dumps(
                    {"code": "E%d-%d" % (a, e), "name": "Enhet %d-%d" % (a, e),
                     "kind": "enhet", "parent_id": aid}))
                leaves.append(json.loads(body)["id"])

        rnd = random.Random(42)
        measures = ["budget", "outcome", "outcome", "forecast"]
        rows = ["unit_id;activity;account;year;month;measure;amount_kr"]
        for _ in range(n):
            rows.append("%d;%d;%d;%d;%d;%s;%d" % (
                rnd.choice(leaves), rnd.randrange(400, 410), rnd.randrange(4000, 4008),
                rnd.choice((2020, 2021)), rnd.randrange(1, 13), rnd.choice(measures),
                -rnd.randrange(0, 1000000)))
        csv = ("\r\n".join(rows) + "\r\n").encode()

        t = time.perf_counter()
        st, body, _ = cl.call("POST", "/api/v1/budget-lines:import", csv, "text/csv")
        dt = time.perf_counter() - t
        assert st == 201, body[:500]
        print("N=%d: import %.2f s, %.0f rows/s (%.1f MB CSV)" % (n, dt, n / dt, len(csv) / 1e6))

        for label, q in (("unit tree", "unit_id=%d&period=2021-T2&scale=tkr" % root),
                         ("by activity", "unit_id=%d&period=2021-T2&group_by=activity" % root)):
            path = "/api/v1/budget/rollup?" + q
            line = json.dumps({"unit_id": leaves[0], "year": 2021, "month": 1,
                               "measure": "outcome", "amount_kr": -1})

            def cold():
                s, _, _ = cl.call("POST", "/api/v1/budget-lines", line)
                assert s == 201
                t0 = time.perf_counter()
                s, _, cache = cl.call("GET", path)
                assert s == 200 and cache == "miss", (s, cache)
                return (time.perf_counter() - t0) * 1000
            colds = [cold() for _ in range(7)]
            cl.call("GET", path)

            def hot():
                s, _, cache = cl.call("GET", path)
                assert s == 200 and cache == "hit"
            hot_ms = median_ms(hot, 200)
            print("  rollup %-11s cold (after a write) median %.2f ms, max %.2f ms;"
                  " hot median %.3f ms" % (label, statistics.median(colds), max(colds), hot_ms))
        health_ms = median_ms(lambda: cl.call("GET", "/healthz"), 200)
        print("  plain GET /healthz median %.3f ms" % health_ms)
        if shutil.which("wrk"):
            for label, path in (("rollup hot", "/api/v1/budget/rollup?unit_id=%d&period=2021-T2"
                                 "&scale=tkr" % root), ("healthz", "/healthz")):
                out = subprocess.run(["wrk", "-t2", "-c8", "-d3s", "-H",
                                      "Authorization: Bearer " + token,
                                      "http://127.0.0.1:%d%s" % (port, path)],
                                     capture_output=True, text=True).stdout
                rps = [l for l in out.splitlines() if "Requests/sec" in l]
                print("  wrk %-10s %s" % (label, rps[0].split(":")[1].strip() + " req/s"
                                          if rps else "(no result)"))
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
    for n in [int(a) for a in sys.argv[2:]] or [10000]:
        run(sys.argv[1], n)
