"""Search under load while the watcher ingests, and memory over a soak. Loopback only.

Lays the shared corpus out as a drop folder (as bench/relevance does), indexes it, then
starts the two long-running processes separately so each one's memory can be read:
`library serve --no-watch` (the site) and `library watch` (the one writer).

Load mode (default): for each concurrency level (8 and 32), clients send the relevance
set's queries back to back to /search and /api/search for `--seconds`, and at the start of
the level a burst of `--burst` new PDFs is dropped into documents/. Printed per level:
requests, errors, p50/p95/p99/max latency, and how long the watcher took to index the
burst; at the end, whether the index matches the folder exactly.

Soak mode (`--soak SECONDS`): 8 clients search for the whole time while a file is added,
rewritten or deleted every few seconds; the resident memory (RSS) of the server and of the
watcher (with its extraction workers) is printed before, every minute, and after.

    .venv/bin/python -m bench.load [--seconds 60] [--concurrency 8 32] [--burst 200]
    .venv/bin/python -m bench.load --soak 600

Bounded in time (every phase has a deadline) and in count (the burst and the soak's file
churn are fixed), and it only ever talks to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from fpdf import FPDF

from bench.relevance.corpus import build
from bench.relevance.run import load_queries
from library.indexing import file_sha256, scan_documents
from library.search import ReaderPool

REPO = Path(__file__).resolve().parents[1]

WORDS = tuple(
    [
        "council",
        "budget",
        "allotment",
        "parish",
        "meeting",
        "minutes",
        "planning",
        "highways",
        "library",
        "grant",
        "audit",
        "precept",
        "hedge",
        "drainage",
        "licence",
        "tender",
        "contract",
        "register",
        "policy",
        "complaint",
        "cemetery",
    ]
)


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int, *, with_children: bool = False) -> float:
    """Resident memory of a process (and its descendants), in MB, from /proc."""
    pids = [pid]
    if with_children:
        pids += _descendants(pid)
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return out
    for child in map(int, children):
        out += [child, *_descendants(child)]
    return out


def start(argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "library", *argv],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_healthy(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("library serve exited")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("library serve did not start")


def query_paths() -> list[str]:
    paths = []
    for judged in load_queries():
        paths.append("/search?" + urlencode({"q": judged.query}))
        paths.append("/api/search?" + urlencode({"q": judged.query}))
    random.Random(7).shuffle(paths)
    return paths


class Clients:
    """`n` keep-alive clients sending searches back to back until stopped."""

    def __init__(self, port: int, paths: list[str], n: int) -> None:
        self.port, self.paths, self.n = port, paths, n
        self.stop = threading.Event()
        self.latencies: list[list[float]] = [[] for _ in range(n)]
        self.errors: list[str] = []
        self.threads = [
            threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(n)
        ]

    def __enter__(self) -> Clients:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=120)

    def _run(self, i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        n = i * max(1, len(self.paths) // self.n)
        while not self.stop.is_set():
            path = self.paths[n % len(self.paths)]
            n += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    self.errors.append(f"{response.status} {path}")
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"{type(exc).__name__} {path}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.latencies[i].append(time.perf_counter() - started)
        conn.close()

    def figures(self, wall: float) -> str:
        every = sorted(x for per in self.latencies for x in per)
        cuts = statistics.quantiles(every, n=100)
        return (
            f"requests {len(every)} ({len(every) / wall:.0f}/s), errors {len(self.errors)}, "
            f"p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, "
            f"p99 {cuts[98] * 1000:.0f} ms, max {every[-1] * 1000:.0f} ms"
        )


def make_pdfs(folder: Path, prefix: str, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        pdf = FPDF()
        pdf.set_font("Helvetica", size=11)
        pdf.set_title(f"{prefix} {n} {rng.choice(WORDS).title()} report")
        for _ in range(rng.randint(1, 4)):
            pdf.add_page()
            pdf.multi_cell(0, 6, " ".join(rng.choice(WORDS) for _ in range(150)))
        target = folder / f"{prefix}-{n:03}.pdf"
        pdf.output(str(target))
        made.append(target)
    return made


def file_records(index_dir: Path) -> dict[str, str]:
    """Path → content hash of every file the index knows, read from the latest commit."""
    pool = ReaderPool(index_dir)
    try:
        with pool.catalog() as catalog:
            return {f["path"]: f["sha256"] for f in catalog.stored_files()}
    finally:
        pool.close()


def matches_folder(documents: Path, index_dir: Path) -> bool:
    records = file_records(index_dir)
    on_disk = scan_documents(documents)
    return set(records) == set(on_disk) and all(
        records[k] == file_sha256(s.path) for k, s in on_disk.items()
    )


def wait_indexed(index_dir: Path, relpaths: set[str], timeout: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if relpaths <= set(file_records(index_dir)):
                return time.monotonic() - started
        except Exception:  # a commit in flight; look again
            pass
        time.sleep(0.25)
    return None


def load(args: argparse.Namespace, port: int, documents: Path, index: Path, tmp: Path) -> None:
    paths = query_paths()
    for level, concurrency in enumerate(args.concurrency):
        staged = make_pdfs(tmp / f"staged-{level}", f"burst{level}", args.burst, seed=level)
        target = documents / "decisions" / f"burst-{level}"
        target.mkdir(parents=True)
        with Clients(port, paths, concurrency) as clients:
            started = time.perf_counter()
            for pdf in staged:  # each appears whole (rename), as a careful copy tool does
                pdf.rename(target / pdf.name)
            relpaths = {f"decisions/burst-{level}/{p.name}" for p in staged}
            ingest = wait_indexed(index, relpaths, timeout=max(args.seconds, 300))
            remaining = args.seconds - (time.perf_counter() - started)
            if remaining > 0:
                clients.stop.wait(remaining)
        wall = time.perf_counter() - started
        ingest_text = f"{ingest:.1f} s" if ingest is not None else "NOT within the deadline"
        emit(f"{concurrency:>3} clients, {wall:.0f} s: {clients.figures(wall)}")
        emit(f"    burst of {args.burst} PDFs indexed by the watcher in {ingest_text}")
        for error in clients.errors[:5]:
            emit(f"    error: {error}")
    time.sleep(3)
    emit(f"index matches the folder exactly: {matches_folder(documents, index)}")


def soak(
    args: argparse.Namespace,
    port: int,
    documents: Path,
    index: Path,
    server: subprocess.Popen[bytes],
    watcher: subprocess.Popen[bytes],
    tmp: Path,
) -> None:
    rng = random.Random(11)
    spare = make_pdfs(tmp / "spare", "soak", 40, seed=99)
    churn = documents / "services" / "soak"
    churn.mkdir(parents=True)

    def memory() -> str:
        return (
            f"server {rss_mb(server.pid):.0f} MB, watcher {rss_mb(watcher.pid):.0f} MB "
            f"(+workers {rss_mb(watcher.pid, with_children=True) - rss_mb(watcher.pid):.0f} MB)"
        )

    paths = query_paths()
    with Clients(port, paths, 8):  # warm up: the first searches load caches
        time.sleep(20)
    before = (rss_mb(server.pid), rss_mb(watcher.pid))
    emit(f"before: {memory()}")
    changes = 0
    with Clients(port, paths, 8) as clients:
        started = time.perf_counter()
        next_report = 60.0
        while (elapsed := time.perf_counter() - started) < args.soak:
            present = sorted(churn.glob("*.pdf"))
            roll = rng.random()
            if roll < 0.5 or not present:
                source = rng.choice(spare)
                shutil.copyfile(source, churn / f".{source.name}.part")
                (churn / f".{source.name}.part").rename(churn / f"{source.stem}-{changes}.pdf")
            elif roll < 0.75:
                rng.choice(present).unlink()
            else:
                shutil.copyfile(rng.choice(spare), rng.choice(present))
            changes += 1
            if elapsed >= next_report:
                emit(f"  {elapsed:>4.0f} s: {memory()}, {len(clients.errors)} errors")
                next_report += 60
            time.sleep(args.churn_seconds)
        wall = time.perf_counter() - started
    after = (rss_mb(server.pid), rss_mb(watcher.pid))
    emit(f"after {wall:.0f} s and {changes} file changes: {memory()}")
    emit(f"searches: {clients.figures(wall)}")
    emit(f"growth: server {after[0] - before[0]:+.0f} MB, watcher {after[1] - before[1]:+.0f} MB")
    time.sleep(5)
    emit(f"index matches the folder exactly: {matches_folder(documents, index)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--soak", type=float, help="soak for this many seconds instead")
    parser.add_argument("--churn-seconds", type=float, default=3.0)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="library-load-"))
    server = watcher = None
    try:
        settings, _ = build(tmp)
        documents, index = settings.documents_dir, settings.index_dir
        emit(f"corpus indexed: {len(scan_documents(documents))} files")
        env = {**os.environ, "LIBRARY_STABILITY_SECONDS": "1", "LIBRARY_JOBS": "2"}
        port = free_port()
        server = start(["serve", "--no-watch", "--host", "127.0.0.1", "--port", str(port),
                        "--documents", str(documents), "--index", str(index)], env)  # fmt: skip
        watcher = start(["watch", "--documents", str(documents), "--index", str(index)], env)
        wait_healthy(port, server)
        time.sleep(2)  # the watcher's start-up reconcile
        emit(f"memory at start: server {rss_mb(server.pid):.0f} MB, "
             f"watcher {rss_mb(watcher.pid):.0f} MB")  # fmt: skip
        if args.soak:
            soak(args, port, documents, index, server, watcher, tmp)
        else:
            load(args, port, documents, index, tmp)
        for name, proc in (("server", server), ("watcher", watcher)):
            emit(f"{name} still running: {proc.poll() is None}")
    finally:
        for proc in (server, watcher):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
