#!/usr/bin/env python3
"""Report benchmark: how long the demo VB 2021 takes to assemble, and to read again.

Starts `folja serve --demo` on a fresh database and measures, over a loopback socket:
  - cold assembly: GET /api/v1/reports/4 (the VB 2021 draft, every section computed by its
    endpoint's body function) right after a write, so the memo cache cannot answer; the same
    for ?format=md and ?format=html (assembly plus rendering);
  - memoised reads: the same GET repeated with nothing written in between;
  - a locked report (VB 2018), served from its stored bytes;
  - a plain GET of one unit, for comparison with the memoised reads.
Latencies are client-side wall times (median and max).  The target: cold assembly of the full
VB 2021 within 100 ms, memoised reads near plain-GET speed.  Not part of `meson test`.

Usage: bench/reports.py BUILD_DIR [ROUNDS]      e.g. bench/reports.py build-release 30
"""
import http.client
import os
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
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": "Bearer " + token}

    def request(self, method, path, body=None):
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
        t = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        data = r.read()
        elapsed = time.perf_counter() - t
        if r.status >= 300:
            raise SystemExit("%s %s -> %d %s" % (method, path, r.status, data[:300]))
        return elapsed, r.getheader("X-Folja-Cache"), len(data)


def row(name, times, size=None):
    ms = sorted(t * 1000 for t in times)
    extra = " %8d B" % size if size else ""
    print("| %-46s | %8.2f ms | %8.2f ms |%s" % (name, statistics.median(ms), ms[-1], extra))


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build-release"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    binary = os.path.join(build, "folja")
    tmp = tempfile.mkdtemp(prefix="folja-bench-reports-")
    db = os.path.join(tmp, "t.db")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--db", db, "--demo", "--quiet",
                             "--listen", "127.0.0.1:%d" % port], stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        token = subprocess.run([binary, "token", "create", "--role", "editor", "--db", db],
                               capture_output=True, text=True, check=True).stdout.strip()
        c = Client(port, token)
        print("| %-46s | %11s | %11s |" % ("demo VB 2021 (report 4)", "median", "max"))
        print("|%s|%s|%s|" % ("-" * 48, "-" * 13, "-" * 13))
        for fmt in ("", "?format=md", "?format=html"):
            cold, size = [], 0
            for i in range(rounds):
                # any write makes every memoised reply stale
                c.request("PUT", "/api/v1/reports/4/sections/maldelning",
                          '{"text": "Runda %d."}' % i)
                t, cache, size = c.request("GET", "/api/v1/reports/4" + fmt)
                assert cache == "miss", cache
                cold.append(t)
            row("cold (after a write) " + (fmt or "json"), cold, size)
        hot = [c.request("GET", "/api/v1/reports/4")[0] for _ in range(rounds * 10)]
        row("memoised read json", hot)
        hot = [c.request("GET", "/api/v1/reports/4?format=html")[0] for _ in range(rounds * 10)]
        row("memoised read html", hot)
        locked = [c.request("GET", "/api/v1/reports/3?format=html")[0]
                  for _ in range(rounds * 10)]
        row("locked VB 2018 html (stored bytes)", locked)
        plain = [c.request("GET", "/api/v1/units/3")[0] for _ in range(rounds * 10)]
        row("plain GET /api/v1/units/3", plain)
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
