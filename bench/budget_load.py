#!/usr/bin/env python3
"""Budget load benchmark: import speed, the server's memory and rollup latency as the ledger grows.

Starts `folja serve` on a fresh database, builds a unit tree (1 kommun, 20 avdelningar,
100 enheter), imports N generated budget lines as one CSV body, then measures:
  - import rows/s (the whole POST /api/v1/budget-lines:import, parse + validate + store),
    with the wall time seen by the client and the CPU time the server spent on it (utime +
    stime from /proc/PID/stat, before and after: on a shared, noisy machine the CPU time is
    the steadier figure);
  - the server's peak RSS (VmHWM) right after the import, beside its RSS before it, so an
    import whose memory grows with its body shows;
  - cold rollup: the first GET /api/v1/budget/rollup right after a write (memo stale),
  - hot rollup: the same GET repeated (served from the memo),
  - the server's plain GET /healthz for comparison.
Latencies are medians of client-side wall time over a loopback socket.  With wrk installed,
hot throughput is also measured with wrk.  Not part of `meson test`.

The server runs with its default flags, so the import is held to the default
--max-import-body (256 MiB).  A binary from before imports were streamed took an import's
body whole under --max-body: give it --max-body BYTES.  --import-only stops after the import.

Usage: bench/budget_load.py [--import-only] [--max-body BYTES] BUILD_DIR|BINARY [N ...]
       e.g. bench/budget_load.py build-release 10000 1000000
"""
import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
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


def cpu_seconds(pid):
    """utime + stime of process @pid, in seconds (fields 14 and 15 of /proc/PID/stat)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status_kib(pid, key):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def make_units(cl):
    st, body, _ = cl.call("POST", "/api/v1/units",
                          json.dumps({"code": "K", "name": "Kommun", "kind": "kommun"}))
    root = json.loads(body)["id"]
    leaves = []
    for a in range(20):
        st, body, _ = cl.call("POST", "/api/v1/units", json.dumps(
            {"code": "A%d" % a, "name": "Avd %d" % a, "kind": "avdelning", "parent_id": root}))
        aid = json.loads(body)["id"]
        for e in range(5):
            st, body, _ = cl.call("POST", "/api/v1/units", json.dumps(
                {"code": "E%d-%d" % (a, e), "name": "Enhet %d-%d" % (a, e), "kind": "enhet",
                 "parent_id": aid}))
            leaves.append(json.loads(body)["id"])
    return root, leaves


def ledger_csv(leaves, n):
    rnd = random.Random(42)
    measures = ["budget", "outcome", "outcome", "forecast"]
    rows = ["unit_id;activity;account;year;month;measure;amount_kr"]
    for _ in range(n):
        rows.append("%d;%d;%d;%d;%d;%s;%d" % (
            rnd.choice(leaves), rnd.randrange(400, 410), rnd.randrange(4000, 4008),
            rnd.choice((2020, 2021)), rnd.randrange(1, 13), rnd.choice(measures),
            -rnd.randrange(0, 1000000)))
    return ("\r\n".join(rows) + "\r\n").encode()


def measure_import(cl, pid, csv, n):
    rss0 = status_kib(pid, "VmHWM")
    cpu0 = cpu_seconds(pid)
    t = time.perf_counter()
    st, body, _ = cl.call("POST", "/api/v1/budget-lines:import", csv, "text/csv")
    dt = time.perf_counter() - t
    cpu = cpu_seconds(pid) - cpu0
    assert st == 201, body[:500]
    hwm = status_kib(pid, "VmHWM")
    print("N=%d: import %.2f s wall, %.0f rows/s; server CPU %.2f s, %.0f rows/CPU-s"
          " (%.1f MB CSV)" % (n, dt, n / dt, cpu, n / cpu if cpu else 0, len(csv) / 1e6))
    print("  server peak RSS before the import %.1f MiB, after it %.1f MiB"
          % (rss0 / 1024, hwm / 1024))


def rollups(cl, root, leaves, token, port):
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


def run(args, folja, n):
    tmp = tempfile.mkdtemp(prefix="folja-bench-")
    db = os.path.join(tmp, "bench.db")
    subprocess.run([folja, "migrate", "--db", db], check=True, capture_output=True)
    token = subprocess.run([folja, "token", "create", "--role", "editor", "--db", db],
                           check=True, capture_output=True, text=True).stdout.strip()
    port = free_port()
    extra = ["--max-body", str(args.max_body)] if args.max_body else []
    srv = subprocess.Popen([folja, "serve", "--db", db, "--listen", "127.0.0.1:%d" % port,
                            "--timeout", "600"] + extra, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        cl = Client(port, token)
        root, leaves = make_units(cl)
        measure_import(cl, srv.pid, ledger_csv(leaves, n), n)
        if not args.import_only:
            rollups(cl, root, leaves, token, port)
            print("  server peak RSS at the end %.1f MiB" % (status_kib(srv.pid, "VmHWM") / 1024))
    finally:
        srv.terminate()
        srv.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--import-only", action="store_true")
    ap.add_argument("--max-body", type=int, default=0,
                    help="for a binary that took imports whole: raise its --max-body")
    ap.add_argument("build", help="a build directory holding folja, or the binary itself")
    ap.add_argument("sizes", nargs="*", type=int, default=[10000])
    args = ap.parse_args()
    folja = args.build if os.path.isfile(args.build) else os.path.join(args.build, "folja")
    for n in args.sizes:
        run(args, folja, n)


if __name__ == "__main__":
    main()
