"""Start-up time and memory of `library serve` workers (issue 15), on a big index and, as the
reference in the same run, on the real corpus's.

For each index and each worker count it starts `library serve --no-watch --workers N` on
loopback and times, from the command's start, when `/healthz` first answers 200 and when
every worker has finished start-up (each worker opens the index and a searcher before it
accepts: "ready" means ready). It then sends every query of the relevance set once (warming
the postings caches as real traffic does) and reads each worker's resident memory (RSS) and
proportional share (PSS, which splits pages shared between processes, such as memory-mapped
files, fairly) from /proc/PID/smaps_rollup.

    .venv/bin/python -m bench.scale /tmp/scale --pages 100000      # the big index, once
    .venv/bin/python -m bench.serve_memory --index /tmp/scale/index \\
        [--reference /tmp/scale/real/index] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from bench.http_throughput import REPO, emit, free_port
from bench.relevance.corpus import build
from bench.relevance.run import load_queries


def memory_of(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process in MB."""
    text = (Path("/proc") / str(pid) / "smaps_rollup").read_text()
    found = {k: int(v) / 1024 for k, v in re.findall(r"^(Rss|Pss):\s+(\d+) kB", text, re.M)}
    return found["Rss"], found["Pss"]


def get(port: int, path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as r:
            r.read()
            return int(r.status)
    except OSError:
        return 0


def run(index: Path, workers: int, log: Path) -> dict[str, float]:
    port = free_port()
    argv = [sys.executable, "-m", "library", "serve", "--no-watch", "--port", str(port)]
    argv += ["--workers", str(workers), "--index", str(index)]
    argv += ["--documents", str(index.parent / "documents")]
    started = time.perf_counter()
    with log.open("w") as out:
        server = subprocess.Popen(argv, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    try:
        first = ready = 0.0
        while not ready:
            if server.poll() is not None or time.perf_counter() - started > 120:
                raise SystemExit(f"library serve did not start: {log.read_text()[-2000:]}")
            if not first and get(port, "/healthz") == 200:
                first = time.perf_counter() - started
            if log.read_text().count("Application startup complete") >= workers:
                ready = time.perf_counter() - started
            time.sleep(0.05)
        for judged in load_queries():
            get(port, "/search?" + urlencode({"q": judged.query}))
        pids = [int(p) for p in re.findall(r"Started server process \[(\d+)\]", log.read_text())]
        memory = [memory_of(pid) for pid in pids]
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {
        "first": first,
        "ready": ready,
        "rss": max(m[0] for m in memory),
        "pss_total": sum(m[1] for m in memory),
        "rss_total": sum(m[0] for m in memory),
    }


def pages_in(index: Path) -> int:
    from library.schema import KIND_PAGE
    from library.search import ReaderPool

    pool = ReaderPool(index)
    try:
        with pool.catalog() as catalog:
            return sum(1 for r in catalog.all_records() if r["kind"] == KIND_PAGE)
    finally:
        pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, required=True, help="the big index (bench.scale)")
    parser.add_argument(
        "--reference",
        type=Path,
        help="the real corpus's index (default: built here; "
        "bench.scale leaves one in DIR/real/index)",
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.reference is None:
            build(Path(tmp))
        reference = args.reference or Path(tmp) / "index"
        emit("| index | pages | workers | /healthz 200 after | all ready after | "
             "RSS per worker | RSS total | PSS total |")  # fmt: skip
        emit("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, index in (("real corpus", reference), ("big", args.index)):
            pages = pages_in(index)
            for workers in args.workers:
                r = run(index, workers, Path(tmp) / f"serve-{name[:3]}-{workers}.log")
                emit(
                    f"| {name} | {pages:,} | {workers} | {r['first']:.1f} s | {r['ready']:.1f} s"
                    f" | {r['rss']:.0f} MB | {r['rss_total']:.0f} MB | {r['pss_total']:.0f} MB |"
                )


if __name__ == "__main__":
    main()
