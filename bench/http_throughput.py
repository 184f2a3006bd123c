"""HTTP throughput of the public search: requests per second and p50/p95 latency of `/search`
at 1, 8 and 32 concurrent clients, against a real `library serve --no-watch` on loopback.

The shared corpus (`../shared/corpus/real`) is laid out and indexed in a temporary folder
(as bench/relevance does). The query mix is the relevance set's 87 queries as the public
typed them, most as plain searches, some with a class filter, sorted by newest, or asking
for page 2, in a fixed shuffled order. Each client keeps one keep-alive connection and
sends requests back to back; every response is checked to be a 200 results page.

    .venv/bin/python -m bench.http_throughput [--seconds 10] [--concurrency 1 8 32] [--keep DIR]

The load generator runs on the same machine as the server, so on a small machine the
figures are a floor: the clients take CPU the server could have used.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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


def start_server(documents: Path, index: Path, port: int) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "library", "serve", "--no-watch", "--host", "127.0.0.1"]
    argv += ["--port", str(port), "--documents", str(documents), "--index", str(index)]
    process = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("library serve did not start") from None
            time.sleep(0.1)


def client(
    port: int, paths: list[str], offset: int, until: float, out: list[float], errors: list[str]
) -> None:
    """One visitor's browser: a keep-alive connection, requests back to back until `until`."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    n = offset
    try:
        while time.perf_counter() < until:
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200 or b'class="results-count"' not in body:
                errors.append(f"{response.status} {path}")
            out.append(elapsed)
    finally:
        conn.close()


def run_level(port: int, paths: list[str], concurrency: int, seconds: float) -> dict[str, float]:
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors: list[str] = []
    until = time.perf_counter() + seconds
    step = max(1, len(paths) // concurrency)
    threads = [
        threading.Thread(target=client, args=(port, paths, i * step, until, latencies[i], errors))
        for i in range(concurrency)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    every = sorted(x for per_client in latencies for x in per_client)
    cuts = statistics.quantiles(every, n=100)
    return {
        "requests": len(every),
        "rps": len(every) / wall,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "errors": len(errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="per concurrency level")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--keep", type=Path, help="build the corpus index here and reuse it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        if not (root / "index").is_dir():
            emit("indexing the shared corpus ...")
            build(root)
        paths = query_mix()
        port = free_port()
        server = start_server(root / "documents", root / "index", port)
        try:
            run_level(port, paths, 4, min(3.0, args.seconds))  # warm caches and the thread pool
            emit(
                f"{len(paths)} requests in the mix; {args.seconds:g} s per level; "
                f"{os.cpu_count()} CPUs"
            )
            emit("| clients | requests | req/s | p50 ms | p95 ms | errors |")
            emit("|---:|---:|---:|---:|---:|---:|")
            for concurrency in args.concurrency:
                r = run_level(port, paths, concurrency, args.seconds)
                emit(
                    f"| {concurrency} | {r['requests']:.0f} | {r['rps']:.1f} | {r['p50']:.1f} "
                    f"| {r['p95']:.1f} | {r['errors']:.0f} |"
                )
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
