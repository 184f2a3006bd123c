"""Extraction in worker processes with a time and memory limit per file.

pypdf is pure Python: a hostile PDF can loop, recurse or allocate without bound. Each file is
therefore extracted in a separate process that is killed when it overruns, so one bad file
costs one worker restart and never hangs or crashes the indexer or the watcher.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, cast

from library.errors import ExtractionError
from library.indexing.formats import Limits
from library.models import ExtractedPdf

logger = logging.getLogger(__name__)

Outcome = ExtractedPdf | ExtractionError
__all__ = ["ExtractionPool", "Limits", "Outcome"]


def _worker_main(conn: Connection, limits: Limits) -> None:
    import resource

    from library.indexing.formats import extract_document

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # recoverable damage is not news
    memory_mb = limits.memory_mb
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):  # the parent is gone (killed): nothing left to do
            return
        if path is None:
            return
        try:
            result: Any = extract_document(Path(path), limits)
        except ExtractionError as exc:
            result = ("error", exc.reason, exc.detail)
        except MemoryError:
            result = ("error", "too-large", f"needs more than {memory_mb} MB of memory to read")
        except RecursionError:
            result = ("error", "corrupt", "the file's structure is nested too deeply")
        except Exception as exc:  # anything else a parser throws is a broken file, not our crash
            result = ("error", "corrupt", f"the file cannot be read: {type(exc).__name__}: {exc}")
        try:
            conn.send(result)
        except MemoryError:
            conn.send(("error", "too-large", "its text is too large to index"))


class _Worker:
    def __init__(self, ctx: Any, limits: Limits) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, limits), daemon=True)
        self.process.start()
        child.close()
        self.task: Path | None = None
        self.started = 0.0

    def give(self, path: Path) -> None:
        self.task, self.started = path, time.monotonic()
        self.conn.send(str(path))

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class ExtractionPool:
    """A pool of `jobs` extraction processes; use as a context manager.

    `extract_many` yields results as they finish (not in input order), so a progress bar
    moves with real work.
    """

    def __init__(self, jobs: int, limits: Limits) -> None:
        self.jobs = max(1, jobs)
        self.limits = limits
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(
            ["library.indexing.formats", "library.indexing.extract", "pypdfium2", "pypdf"]
        )
        self._workers: list[_Worker] = []

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()
        self._workers.clear()

    def extract_many(self, paths: Iterable[Path]) -> Iterator[tuple[Path, Outcome]]:
        """Extract every path, yielding `(path, ExtractedPdf | ExtractionError)`."""
        pending = deque(paths)
        while len(self._workers) < min(self.jobs, len(pending)):
            self._workers.append(_Worker(self._ctx, self.limits))
        busy: dict[Connection, _Worker] = {}
        idle = list(self._workers)
        while pending or busy:
            while pending and idle:
                worker = idle.pop()
                worker.give(pending.popleft())
                busy[worker.conn] = worker
            deadline = min(w.started for w in busy.values()) + self.limits.timeout
            ready = wait(list(busy), timeout=max(0.0, deadline - time.monotonic()))
            for conn in ready:  # `wait` hands back what it was given: our Connections
                worker = busy.pop(cast(Connection, conn))
                yield self._collect(worker, idle)
            now = time.monotonic()
            for conn, worker in list(busy.items()):
                if now - worker.started >= self.limits.timeout:
                    del busy[conn]
                    path = worker.task
                    self._replace(worker, idle)
                    assert path is not None
                    yield (
                        path,
                        ExtractionError(
                            "timeout", f"extraction took longer than {self.limits.timeout:g} s"
                        ),
                    )

    def _collect(self, worker: _Worker, idle: list[_Worker]) -> tuple[Path, Outcome]:
        path = worker.task
        assert path is not None
        try:
            result = worker.conn.recv()
        except (EOFError, OSError):
            code = worker.process.exitcode
            self._replace(worker, idle)
            return path, ExtractionError(
                "corrupt", f"the extractor crashed on this file (exit code {code})"
            )
        worker.task = None
        idle.append(worker)
        if isinstance(result, tuple):
            return path, ExtractionError(result[1], result[2])
        return path, result

    def _replace(self, worker: _Worker, idle: list[_Worker]) -> None:
        worker.stop(kill=True)
        self._workers.remove(worker)
        fresh = _Worker(self._ctx, self.limits)
        self._workers.append(fresh)
        idle.append(fresh)
