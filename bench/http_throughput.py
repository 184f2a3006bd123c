"""HTTP throughput of the public search (issue 15): requests per second, p50/p95/p99 latency
and errors of `/search` at 1, 8, 32 and 64 concurrent clients, against a real `library serve
--no-watch --workers 1` and then `--workers 2` on loopback, in the same run; then a burst of
200 clients for 10 s against `--workers 2`.

Each worker count runs twice: with the caches off (`LIBRARY_ANSWER_CACHE=0`: every request
is a full search, what the server's CPU can do, as for a crawler of distinct URLs) and on
(the default: a page any worker has sent is sent again from the workers' shared page cache,
and a search a worker has made is answered from its answer cache, as when a news story sends
many people with the same few questions; `library.web.page_cache`,
`library.search.answer_cache`). The mix repeats, so once a level has gone round it the
caches answer; the table's "repeats" column is the share of requests the server had already
been sent since it started (an upper bound of the caches' hits).

The shared corpus (`../shared/corpus/real`) is laid out and indexed in a temporary folder
(as bench/relevance does). The query mix is the relevance set's 87 queries as the public
typed them, most as plain searches, some with a class filter, sorted by newest, or asking
for page 2, in a fixed shuffled order. Each client keeps one keep-alive connection and
sends requests back to back; every 200 is checked to be a results page, anything else is an
error (the burst counts 503s apart: refused quickly with `Retry-After`, as designed).

    .venv/bin/python -m bench.http_throughput [--seconds 10] [--clients 1 8 32 64]
        [--workers 1 2] [--cache off on] [--burst-clients 200] [--burst-seconds 10] [--keep DIR]

The load generator runs on the same machine as the server, so on a small machine the
figures are a floor: the clients take CPU the server could have used. The targets of issue
15 are checked and printed as ratios within this run. The server's CPU seconds per level
(its workers' user + system time, from /proc) give results per CPU second: what the server
does with the share of the machine it gets, which a busy machine does not distort.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from contextlib import closing
from pathlib import Path
from urllib.parse import urlencode

from bench.relevance.corpus import build, class_for
from bench.relevance.run import load_queries

REPO = Path(__file__).resolve().parents[1]


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def query_mix(seed: int = 4) -> list[str]:
    """Request paths: every query plain, plus filtered, newest-first and page-2 variants."""
    rng = random.Random(seed)
    paths: list[str] = []
    for judged in load_queries():
        text = judged.query
        paths.append("/search?" + urlencode({"q": text}))
        roll = rng.random()
        if roll < 0.3:
            # The class a visitor would pick: that of the first document that answers it.
            first = next(iter(judged.grades), "")
            paths.append("/search?" + urlencode({"q": text, "class": class_for(first)}))
        elif roll < 0.5:
            paths.append("/search?" + urlencode({"q": text, "sort": "newest"}))
        elif roll < 0.6:
            paths.append("/search?" + urlencode({"q": text, "page": 2}))
    rng.shuffle(paths)
    return paths


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    documents: Path,
    index: Path,
    port: int,
    workers: int,
    *,
    cache: bool = True,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """`library serve --no-watch` on loopback, returned once every worker answers; `env`
    adds settings (`LIBRARY_...`) to this process's environment."""
    argv = [sys.executable, "-m", "library", "serve", "--no-watch", "--host", "127.0.0.1"]
    argv += ["--port", str(port), "--documents", str(documents), "--index", str(index)]
    argv += ["--workers", str(workers)]
    environ = {**os.environ, **(env or {})}
    if not cache:
        environ["LIBRARY_ANSWER_CACHE"] = "0"
    process = subprocess.Popen(
        argv, cwd=REPO, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    ready = 0
    while ready < 3 * workers:  # a few answers in a row: every worker is up, most likely
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                ready += r.status == 200
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("library serve did not start") from None
            time.sleep(0.1)
    return process


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=60)


class Tally:
    """What the clients of one run saw, shared between their threads."""

    def __init__(self, seen: set[str] | None = None) -> None:
        self.lock = threading.Lock()
        self.seen = seen if seen is not None else set()  # paths this server was sent before
        self.repeats = 0
        self.latencies: list[float] = []
        self.statuses: Counter[str] = Counter()
        self.errors: list[str] = []
        self.recorded = 0  # 200s the insight should hold (page-1 searches)

    def add(self, path: str, status: int, body: bytes, retry_after: str | None, s: float) -> None:
        with self.lock:
            self.repeats += path in self.seen
            self.seen.add(path)
            self.latencies.append(s)
            if status == 200 and b'class="results-count"' in body:
                self.statuses["200"] += 1
                self.recorded += "page=2" not in path
            elif status == 503 and retry_after and retry_after.isdigit():
                self.statuses["503+Retry-After"] += 1
            else:
                self.statuses[str(status)] += 1
                self.errors.append(f"{status} {path}")


def client(port: int, paths: list[str], offset: int, until: float, tally: Tally) -> None:
    """One visitor's browser: a keep-alive connection, requests back to back until `until`."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    n = offset
    try:
        while time.perf_counter() < until:
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
            except OSError as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                tally.add(path, 0, repr(exc).encode(), None, time.perf_counter() - started)
                continue
            elapsed = time.perf_counter() - started
            tally.add(path, response.status, body, response.getheader("retry-after"), elapsed)
    finally:
        conn.close()


def run_level(
    port: int, paths: list[str], concurrency: int, seconds: float, seen: set[str] | None = None
) -> Tally:
    tally = Tally(seen)
    until = time.perf_counter() + seconds
    step = max(1, len(paths) // concurrency)
    threads = [
        threading.Thread(target=client, args=(port, paths, i * step, until, tally))
        for i in range(concurrency)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    tally.wall = time.perf_counter() - started  # type: ignore[attr-defined]
    return tally


def figures(tally: Tally) -> dict[str, float]:
    every = sorted(tally.latencies)
    cuts = statistics.quantiles(every, n=100) if len(every) > 1 else [every[0] if every else 0] * 99
    wall: float = tally.wall  # type: ignore[attr-defined]
    return {
        "requests": len(every),
        "rps": tally.statuses["200"] / wall,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "errors": len(tally.errors),
        "repeats": tally.repeats / len(every) if every else 0.0,
    }


def server_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by the processes `pid` started and theirs (the
    workers and their query embedding helpers), from /proc: what the server spent, whatever
    share of the machine it was given."""
    ticks = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    used: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields: state, ppid, ..., utime (12), stime (13)
        parent[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = int(fields[11]) + int(fields[12])

    def below(p: int) -> bool:
        while p in parent and parent[p] != pid:
            p = parent[p]
        return parent.get(p) == pid

    return sum(t for p, t in used.items() if below(p)) / ticks


def measure(root: Path, paths: list[str], workers: int, levels: list[int], seconds: float,
            *, cache: bool) -> dict[int, dict[str, float]]:  # fmt: skip
    port = free_port()
    server = start_server(root / "documents", root / "index", port, workers, cache=cache)
    results: dict[int, dict[str, float]] = {}
    seen: set[str] = set()
    try:
        run_level(port, paths, 4, min(3.0, seconds), seen)  # warm caches and every worker
        for clients in levels:
            cpu = server_cpu_seconds(server.pid)
            tally = run_level(port, paths, clients, seconds, seen)
            cpu = server_cpu_seconds(server.pid) - cpu
            r = results[clients] = figures(tally)
            r["per_cpu"] = tally.statuses["200"] / cpu if cpu else 0.0
            emit(
                f"| {'on' if cache else 'off'} | {workers} | {clients} | {r['requests']:.0f} | "
                f"{r['repeats']:.0%} | {r['rps']:.1f} | "
                f"{r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['errors']:.0f} | "
                f"{cpu:.1f} | {r['per_cpu']:.1f} |"
            )
    finally:
        stop_server(server)
    return results


def searches_recorded(index: Path) -> int:
    with closing(sqlite3.connect(index / "insight.sqlite3")) as db:
        return int(db.execute("SELECT COUNT(*) FROM searches").fetchone()[0])


def watch_health(port: int, done: threading.Event, seen: list[tuple[int, float]]) -> None:
    """/healthz on a new connection every 0.2 s: its status and how long it took."""
    while not done.wait(0.2):
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as r:
                status = r.status
        except OSError:
            status = 0
        seen.append((status, time.perf_counter() - started))


def burst(root: Path, paths: list[str], clients: int, seconds: float) -> bool:
    """`clients` at once against two workers with the answer cache off (every request a
    search, the worst case): only 200s and quick 503s with Retry-After, /healthz answering
    throughout, and every answered search in the insight."""
    port = free_port()
    server = start_server(root / "documents", root / "index", port, 2, cache=False)
    health: list[tuple[int, float]] = []
    done = threading.Event()
    checker = threading.Thread(target=watch_health, args=(port, done, health))
    try:
        before = searches_recorded(root / "index")
        checker.start()
        tally = run_level(port, paths, clients, seconds)
        done.set()
        checker.join()
    finally:
        stop_server(server)  # the workers close the insight database on the way out
    recorded = searches_recorded(root / "index") - before
    r = figures(tally)
    healthy = bool(health) and all(status == 200 for status, _ in health)
    emit(
        f"\nburst: {clients} clients for {seconds:g} s against --workers 2: "
        f"{dict(sorted(tally.statuses.items()))}; results {r['rps']:.1f} req/s, "
        f"p50 {r['p50']:.0f} ms, p99 {r['p99']:.0f} ms"
    )
    emit(
        f"/healthz: {len(health)} checks, all 200: {healthy}, slowest "
        f"{max((s for _, s in health), default=0) * 1000:.0f} ms; insight: {recorded} searches "
        f"recorded of {tally.recorded} answered"
    )
    return not tally.errors and healthy and recorded == tally.recorded


def verdict(name: str, detail: str, *, met: bool) -> bool:
    emit(f"- {name}: {'met' if met else 'NOT met'} ({detail})")
    return met


def targets(one: dict[int, dict[str, float]], two: dict[int, dict[str, float]], label: str) -> None:
    """Issue 15's targets at 32 clients, as ratios within this run."""
    if 1 not in one or 32 not in one or 32 not in two:
        return
    emit(f"\ntargets at 32 clients, answer cache {label}:")
    ratio = one[32]["rps"] / one[1]["rps"]
    verdict("1 worker: throughput at 32 clients >= at 1", f"{ratio:.2f}x", met=ratio >= 1)
    work = one[32]["per_cpu"] / one[1]["per_cpu"] if one[1]["per_cpu"] else 0.0
    emit(f"  (results per server CPU second, 32 clients against 1: {work:.2f}x)")
    scale = two[32]["rps"] / one[32]["rps"]
    verdict("2 workers: throughput >= 1.6x 1 worker", f"{scale:.2f}x", met=scale >= 1.6)
    p95 = two[32]["p95"]
    verdict("2 workers: p95 < 300 ms", f"{p95:.0f} ms", met=p95 < 300)
    errors = sum(r["errors"] for r in (*one.values(), *two.values()))
    verdict("no errors at any level", f"{errors} errors", met=errors == 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="per concurrency level")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32, 64])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cache", nargs="+", choices=["off", "on"], default=["off", "on"])
    parser.add_argument("--burst-clients", type=int, default=200, help="0: no burst")
    parser.add_argument("--burst-seconds", type=float, default=10.0)
    parser.add_argument("--keep", type=Path, help="build the corpus index here and reuse it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        if not (root / "index").is_dir():
            emit("indexing the shared corpus ...")
            build(root)
        paths = query_mix()
        emit(
            f"{len(paths)} requests in the mix; {args.seconds:g} s per level; "
            f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}"
        )
        emit(
            "\n| answer cache | workers | clients | requests | repeats | req/s | p50 ms | p95 ms "
            "| p99 ms | errors | server CPU s | results per CPU s |"
        )
        emit("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        runs = {
            (c, w): measure(root, paths, w, args.clients, args.seconds, cache=c == "on")
            for c in args.cache
            for w in args.workers
        }
        for c in args.cache:
            if (c, 1) in runs and (c, 2) in runs:
                targets(runs[c, 1], runs[c, 2], c)
        if args.burst_clients:
            held = burst(root, paths, args.burst_clients, args.burst_seconds)
            verdict("burst held (no 5xx but 503+Retry-After, /healthz, insight)", "above", met=held)


if __name__ == "__main__":
    main()
