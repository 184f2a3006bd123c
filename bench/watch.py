"""Watcher speed: how long after a file's last write it is searchable, and burst throughput.

Runs the real `library watch` in a subprocess on a temporary drop folder, drops real corpus
PDFs (each made unique by a trailing PDF comment, so nothing is re-used by content hash):

- latency: one file at a time, `--drops` times; time from the end of the write (file closed)
  to the moment a new searcher finds its `doc` record; median and worst;
- burst: `--burst` files copied in at once; time from the first write to the last file
  searchable, in files and pages per second, with the number of commits it took.

    .venv/bin/python -m bench.watch [--drops 50] [--burst 500] [--stability 1.0] [--poll S]
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from library.config import Settings
from library.indexing import sync
from library.search import ReaderPool

REPO = Path(__file__).resolve().parents[1]
CLASSES = ["decisions", "policies-and-procedures", "what-we-spend", "services"]


class Watch:
    def __init__(self, documents: Path, index: Path, extra: list[str]) -> None:
        argv = [sys.executable, "-m", "library", "watch", "--documents", str(documents)]
        argv += ["--index", str(index), *extra]
        self.proc = subprocess.Popen(argv, cwd=REPO, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read)
        self.reader.start()
        if not self.ready.wait(120):
            raise SystemExit("the watcher did not start:\n" + "\n".join(self.lines))

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line.rstrip())
            if " watching " in line:
                self.ready.set()

    def commits(self) -> int:
        return sum(int(n) for line in self.lines for n in re.findall(r"\((\d+) commits", line))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(60)
        self.reader.join()


def drop(source: Path, target: Path, n: int) -> float:
    """Write `source` to `target` (unique by a trailing comment); returns when the write ended."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes() + f"\n% bench drop {n}\n".encode())
    return time.perf_counter()


def indexed(reader: ReaderPool, relpaths: set[str]) -> tuple[set[str], int]:
    """Which of `relpaths` a fresh searcher finds (indexed or failed), and their pages."""
    found, pages = set(), 0
    with reader.catalog() as catalog:
        for fields in catalog.stored_files():
            if fields["path"] in relpaths:
                found.add(fields["path"])
                pages += int(fields.get("page_count") or 0)
    return found, pages


class FileCount:
    """Files in the index, cheap enough to poll without slowing the watcher: the file records
    (never the pages') are read again only when a commit has changed the record count, which
    every commit here does (the bench only adds files)."""

    def __init__(self, reader: ReaderPool) -> None:
        self.reader = reader
        self.records = -1
        self.files = 0

    def __call__(self) -> int:
        with self.reader.catalog() as catalog:
            records = catalog.doc_count()
            if records != self.records:
                self.records, self.files = records, sum(1 for _ in catalog.stored_files())
        return self.files


def wait_until(
    count: FileCount, relpaths: set[str], total: int, *, every: float, timeout: float = 3600
) -> tuple[float, int]:
    """Poll until the index holds `total` files, then check that `relpaths` are among them."""
    deadline = time.perf_counter() + timeout
    while count() < total:
        if time.perf_counter() > deadline:
            raise SystemExit(f"not indexed after {timeout:g} s")
        time.sleep(every)
    done = time.perf_counter()
    found, pages = indexed(count.reader, relpaths)
    if found != relpaths:
        raise SystemExit(f"missing from the index: {sorted(relpaths - found)[:5]}")
    return done, pages


def index_directly(documents: Path, tmp: Path, relpaths: set[str]) -> float:
    """`library index` of the same burst files into a fresh index, for comparison."""
    only = tmp / "direct" / "documents"
    for relpath in relpaths:
        (only / relpath).parent.mkdir(parents=True, exist_ok=True)
        (only / relpath).hardlink_to(documents / relpath)
    started = time.perf_counter()
    sync(Settings(documents_dir=only, index_dir=tmp / "direct" / "index"))
    return time.perf_counter() - started


def out(line: str) -> None:
    """Figures go to stdout (the watcher's own log goes to its stderr pipe)."""
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "real")
    parser.add_argument("--drops", type=int, default=50)
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--stability", type=float, default=1.0)
    parser.add_argument("--poll", type=float, default=None)
    args = parser.parse_args()
    sources = sorted(args.corpus.glob("*.pdf"))
    if not sources:
        raise SystemExit(f"no PDFs in {args.corpus}")
    extra = ["--stability", str(args.stability)]
    if args.poll:
        extra += ["--poll", str(args.poll)]

    with tempfile.TemporaryDirectory() as tmp:
        documents, index = Path(tmp) / "documents", Path(tmp) / "index"
        documents.mkdir()
        watch = Watch(documents, index, extra)
        reader = ReaderPool(index)
        count = FileCount(reader)
        try:
            latencies = []
            for n in range(args.drops):
                relpath = f"{CLASSES[n % len(CLASSES)]}/drop-{n:03d}.pdf"
                written = drop(sources[n % len(sources)], documents / relpath, n)
                found, _ = wait_until(count, {relpath}, n + 1, every=0.005)
                latencies.append(found - written)

            time.sleep(1.0)  # the last drop's log line follows its commit
            before = watch.commits()
            burst = {f"{CLASSES[n % len(CLASSES)]}/burst-{n:03d}.pdf" for n in range(args.burst)}
            first_write = time.perf_counter()
            for n, relpath in enumerate(sorted(burst)):
                last_write = drop(sources[n % len(sources)], documents / relpath, 1000 + n)
            done, pages = wait_until(count, burst, args.drops + len(burst), every=0.1)
            commits = watch.commits() - before
        finally:
            reader.close()
            watch.stop()
        direct = index_directly(documents, Path(tmp), burst)

    took = done - first_write
    python = os.path.relpath(sys.executable, REPO)
    out(f"command: {shlex.join([python, '-m', 'bench.watch', *sys.argv[1:]])}")
    out(
        f"watcher: --stability {args.stability:g}"
        + (f" --poll {args.poll:g}" if args.poll else " (inotify events)")
    )
    out(
        f"latency, last write to searchable, {len(latencies)} drops of real PDFs one at a time: "
        f"median {statistics.median(latencies):.2f} s, worst {max(latencies):.2f} s"
    )
    out(
        f"burst of {len(burst)} files ({pages} pages) copied in at once "
        f"(copy took {last_write - first_write:.1f} s): all searchable {took:.1f} s after the "
        f"first write ({done - last_write:.1f} s after the last), {len(burst) / took:.1f} "
        f"files/s, {pages / took:.0f} pages/s, in {commits} commits"
    )
    out(
        f"the same {len(burst)} files through `library index` (indexer.sync, fresh index) "
        f"right after: {direct:.1f} s, {pages / direct:.0f} pages/s"
    )


if __name__ == "__main__":
    main()
