#!/usr/bin/env python3
"""Save-to-reload latency of `kensho serve` (a benchmark, not a test).

For each site (the example site, and generated sites of N pages), starts the release
binary's preview server on a copy in /dev/shm, listens to its reload events like a
browser tab, and edits one KPI value in one policy file, again and again. It measures
from the end of the write to:
  - reload: the event that tells the tab showing the edited policy to reload
            (the page, its neighbours and the pages listing it are rendered), and
  - all:    the event after which every page equals a full build (lists and per-year
            pages included).
Prints the median and 95th percentile of each.

Usage: python3 bench/serve_latency.py [--edits 30] [--pages 10000 ...]
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KENSHO = os.path.join(REPO, "target", "release", "kensho")
GEN = os.path.join(REPO, "target", "release", "examples", "gen_corpus")
RAM = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()


def build_tools():
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "kensho", "--example", "gen_corpus"],
        cwd=REPO,
        check=True,
    )


class Events:
    """The server's status events, read from its SSE stream over a raw socket."""

    def __init__(self, addr):
        host, port = addr.split(":")
        self.sock = socket.create_connection((host, int(port)))
        self.sock.sendall(
            f"GET /__kensho/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n".encode()
        )
        self.buf = b""

    def next(self, timeout=120):
        self.sock.settimeout(timeout)
        while True:
            i = self.buf.find(b"\n")
            if i >= 0:
                line, self.buf = self.buf[:i].rstrip(b"\r"), self.buf[i + 1 :]
                if line.startswith(b"data: "):
                    return json.loads(line[6:])
                continue
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("the server closed the event stream")
            self.buf += chunk


def touches(ev, url):
    return ev["changed"] is None or url in ev["changed"]


def start(site):
    proc = subprocess.Popen(
        [KENSHO, "--lang", "en", "--root", site, "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    started = time.perf_counter()
    for line in proc.stdout:
        m = re.match(r"preview: http://([0-9.:]+)/", line)
        if m:
            return proc, m.group(1), time.perf_counter() - started
    raise RuntimeError("kensho serve printed no address")


def first_policy(site):
    for dirpath, _, files in sorted(os.walk(os.path.join(site, "content"))):
        for f in sorted(files):
            if f.startswith("policy-") and f.endswith(".md"):
                path = os.path.join(dirpath, f)
                if re.search(r"^actual = \{ *\w+ = [0-9]", open(path, encoding="utf-8").read(), re.M):
                    return path
    raise RuntimeError("no policy file with a numeric actual value")


def page_url(site, path):
    rel = os.path.relpath(path, os.path.join(site, "content")).replace(os.sep, "/")
    return rel[: -len(".md")] + "/"


def measure(name, site, edits):
    proc, addr, startup = start(site)
    try:
        events = Events(addr)
        events.next()
        policy = first_policy(site)
        url = page_url(site, policy)
        text = open(policy, encoding="utf-8").read()
        pattern = re.compile(r"^(actual = \{ *\w+ = )([0-9][0-9.]*)", re.M)
        # Every edit writes a value the file has not held: a save that changes no byte
        # rebuilds nothing (as it should), and the benchmark would wait forever.
        base = int(float(pattern.search(text).group(2)))
        reload_ms, all_ms = [], []
        for i in range(edits):
            new = pattern.sub(lambda m: f"{m.group(1)}{base + 1 + i}", text, count=1)
            with open(policy, "w", encoding="utf-8") as f:
                f.write(new)
            t0 = time.perf_counter()
            while True:
                ev = events.next()
                if ev["errors"]:
                    raise RuntimeError(f"the edit failed: {ev['errors'][0]}")
                if touches(ev, url):
                    break
            reload_ms.append((time.perf_counter() - t0) * 1000)
            # The site-wide pages follow in a second event (none when all were rendered).
            if ev["changed"] is not None:
                ev = events.next()
            all_ms.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.2)
        return {
            "site": name,
            "startup_s": startup,
            "reload": reload_ms,
            "all": all_ms,
        }
    finally:
        proc.terminate()
        proc.wait()


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--pages", type=int, nargs="*", default=[10000])
    args = ap.parse_args()
    build_tools()
    work = tempfile.mkdtemp(prefix="kensho-latency-", dir=RAM)
    results = []
    try:
        example = os.path.join(work, "example")
        shutil.copytree(os.path.join(REPO, "content"), os.path.join(example, "content"))
        results.append(measure("example (47 pages)", example, args.edits))
        for n in args.pages:
            site = os.path.join(work, f"gen-{n}")
            subprocess.run([GEN, str(n), site], check=True, stdout=subprocess.DEVNULL)
            results.append(measure(f"generated ({n} pages)", site, args.edits))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nkensho serve: save-to-reload latency, {args.edits} edits of one KPI value, {os.cpu_count()} cores")
    print(f"{'site':<24} {'first build':>12} {'reload median':>14} {'reload p95':>11} {'all median':>11} {'all p95':>9}")
    for r in results:
        print(
            f"{r['site']:<24} {r['startup_s']:>10.2f} s {statistics.median(r['reload']):>11.1f} ms"
            f" {p95(r['reload']):>8.1f} ms {statistics.median(r['all']):>8.1f} ms {p95(r['all']):>6.1f} ms"
        )


if __name__ == "__main__":
    sys.exit(main())
