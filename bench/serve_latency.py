#!/usr/bin/env python3
"""Save-to-reload latency of `kensho serve` (a benchmark, not a test).

For each site (the example site, and generated sites of N pages), starts the release
binary's preview server on a copy in /dev/shm, listens to its reload events like a
browser tab, and edits one KPI value in one policy file, again and again. It measures
  - ready:  from the start of `kensho serve` until it answers the home page;
  - reload: from the end of the write to the event that tells the tab showing the
            edited policy to reload;
  - all:    from the end of the write until every page shows the new value when asked
            for: after that event, the edited page, the home page, the list of KPIs and
            every per-year page are fetched one after another (the server renders a page
            when it is asked for, so these, the slowest pages, are what a request after
            the save waits for), each checked to be the new build's;
  - RSS:    the server's resident memory after the first build, and after every save
            (its peak, VmHWM, and the last), to see that it stays flat.
Prints the median and 95th percentile of reload and all.

Usage: python3 bench/serve_latency.py [--edits 15] [--pages 10000 ...] [--no-build]
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
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
KENSHO = os.path.join(TARGET, "release", "kensho")
GEN = os.path.join(TARGET, "release", "examples", "gen_corpus")
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


def get(addr, path):
    """GET a path; returns (status, body)."""
    host, port = addr.split(":")
    with socket.create_connection((host, int(port))) as s:
        s.sendall(f"GET /{path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = s.recv(1 << 20)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1])
    if b"transfer-encoding: chunked" in head.lower():
        body = unchunk(body)
    return status, body


def unchunk(body):
    out, i = b"", 0
    while True:
        j = body.index(b"\r\n", i)
        n = int(body[i:j], 16)
        if n == 0:
            return out
        out += body[j + 2 : j + 2 + n]
        i = j + 2 + n + 2


def generation_of(body):
    m = re.search(rb"live\.js\?generation=(\d+)", body)
    return int(m.group(1)) if m else None


def memory(proc):
    """(VmRSS, VmHWM) of the process, in MB."""
    fields = {}
    for line in open(f"/proc/{proc.pid}/status"):
        k, _, v = line.partition(":")
        fields[k] = v.strip()
    mb = lambda k: int(fields[k].split()[0]) / 1024
    return mb("VmRSS"), mb("VmHWM")


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
            status, _ = get(m.group(1), "")
            if status != 200:
                raise RuntimeError(f"the home page answered {status}")
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


def slow_pages(site):
    """The pages that show every policy's figures: the home page, the list of KPIs and
    the per-year pages (their URLs as the generated and example sites write them)."""
    pages = ["", "kpis/", "grades/"]
    pages += [f"years/{y}/" for y in range(1990, 2040)]
    return pages


def measure(name, site, edits):
    proc, addr, startup = start(site)
    try:
        events = Events(addr)
        events.next()
        policy = first_policy(site)
        url = page_url(site, policy)
        slow = [p for p in slow_pages(site) if get(addr, p)[0] == 200]
        text = open(policy, encoding="utf-8").read()
        pattern = re.compile(r"^(actual = \{ *\w+ = )([0-9][0-9.]*)", re.M)
        # Every edit writes a value the file has not held: a save that changes no byte
        # rebuilds nothing (as it should), and the benchmark would wait forever.
        base = int(float(pattern.search(text).group(2)))
        reload_ms, all_ms, rss = [], [], [memory(proc)]
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
            generation = ev["generation"]
            for page in [url] + slow:
                status, body = get(addr, page)
                if status != 200 or (generation_of(body) or 0) < generation:
                    raise RuntimeError(f"{page}: {status}, not the build of the save")
            all_ms.append((time.perf_counter() - t0) * 1000)
            rss.append(memory(proc))
            time.sleep(0.2)
        return {
            "site": name,
            "startup_s": startup,
            "reload": reload_ms,
            "all": all_ms,
            "rss": rss,
            "slow": len(slow),
        }
    finally:
        proc.terminate()
        proc.wait()


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=15)
    ap.add_argument("--no-build", action="store_true", help="use the binaries already built")
    ap.add_argument("--pages", type=int, nargs="*", default=[10000])
    args = ap.parse_args()
    if not args.no_build:
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
    print(f"{'site':<24} {'ready':>8} {'reload median':>14} {'reload p95':>11} {'all median':>11} {'all p95':>9}"
          f" {'RSS ready':>10} {'RSS last':>9} {'peak':>8}")
    for r in results:
        print(
            f"{r['site']:<24} {r['startup_s']:>6.2f} s {statistics.median(r['reload']):>11.1f} ms"
            f" {p95(r['reload']):>8.1f} ms {statistics.median(r['all']):>8.1f} ms {p95(r['all']):>6.1f} ms"
            f" {r['rss'][0][0]:>7.0f} MB {r['rss'][-1][0]:>6.0f} MB {r['rss'][-1][1]:>5.0f} MB"
        )
    print("(all: the edited page and then, one after another, the home page, the list of KPIs and "
          "every per-year page, each from the save's build)")


if __name__ == "__main__":
    sys.exit(main())
