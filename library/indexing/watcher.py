"""The live path: follows the drop folder and keeps the index in step with it.

    watchdog thread ──► _Handler: event → keys (relpaths / folders) ──► queue
    watcher loop    ──► StabilityTracker (settled?) ──► indexer.sync(only=keys) per batch

The handler only enqueues; the loop, the single writer, batches whatever has settled and
hands it to `indexer.sync`, the same code path as `library index`, so the watcher can never
index a file differently. Events are lost while the watcher is down, so it starts with a full
reconcile; when the kernel drops events (inotify queue overflow) it reconciles again.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import replace
from pathlib import Path
from queue import Empty, SimpleQueue

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from library.config import Settings
from library.errors import ConfigError, IndexLockedError, LibraryError
from library.indexing import indexer
from library.indexing.report import FAILED, INDEXED, KEPT, REMOVED, Change, SyncReport
from library.indexing.scan import is_document_name, is_ignored, scan_documents
from library.indexing.sidecar import SUFFIX as SIDECAR_SUFFIX
from library.indexing.stability import StabilityTracker
from library.indexing.workers import ExtractionPool, Limits

logger = logging.getLogger(__name__)

ROOT = ""
"""The key meaning "the whole folder": a full reconcile, as `library index` does."""

# Opens and no-write closes are left out on purpose: the extraction workers reading a PDF
# would otherwise re-trigger its indexing for ever.
EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileMovedEvent,
    FileDeletedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
TICK = 0.1
FALLBACK_POLL = 5.0
LOCK_WAIT = 0.5
MAX_BACKOFF = 60.0


def keys_for_event(event: FileSystemEvent, documents_dir: Path) -> list[str]:
    """The tracker keys an event names: relative paths of PDFs (a sidecar names its PDF),
    folders that were deleted or moved, or ROOT when the folder itself went away.

    Temporary and hidden names give no key, so a download renamed to `x.pdf` at the end is
    seen once, as a new file.
    """
    if isinstance(event, DirCreatedEvent):
        return []  # a new folder's files come with their own events
    paths = [event.src_path, event.dest_path] if event.dest_path else [event.src_path]
    keys: list[str] = []
    for raw in paths:
        key = _key_for(Path(os.fsdecode(raw)), documents_dir, is_dir=event.is_directory)
        if key is not None and key not in keys:
            keys.append(key)
    return keys


def _key_for(path: Path, documents_dir: Path, *, is_dir: bool) -> str | None:
    try:
        rel = path.relative_to(documents_dir)
    except ValueError:
        return None
    if not rel.parts:
        return ROOT
    if any(is_ignored(part) for part in rel.parts):
        return None
    if is_dir:
        return rel.as_posix()
    name = rel.name
    if name.lower().endswith(SIDECAR_SUFFIX):  # a sidecar: the key is its document's
        name = name[: -len(SIDECAR_SUFFIX)]
    return rel.with_name(name).as_posix() if is_document_name(name) else None


def probe(documents_dir: Path, key: str) -> Hashable:
    """What the file system shows for a key now; the tracker waits for this to stop changing."""
    if key == ROOT:
        files = scan_documents(documents_dir)
        return hash(tuple((k, s.size, s.mtime_ns, s.sidecar_sha) for k, s in sorted(files.items())))
    path = documents_dir / key
    try:
        st = path.lstat()
    except OSError:
        return None
    if stat.S_ISDIR(st.st_mode):
        return "folder"
    try:
        side = path.with_name(path.name + SIDECAR_SUFFIX).stat()
        sidecar: tuple[int, int] | None = (side.st_size, side.st_mtime_ns)
    except OSError:
        sidecar = None
    return (st.st_size, st.st_mtime_ns, st.st_ino, sidecar)


class _Handler(FileSystemEventHandler):
    """Turns watchdog events into keys on a queue; does no work in watchdog's thread."""

    def __init__(self, put: Callable[[str], None], documents_dir: Path) -> None:
        self.put = put
        self.documents_dir = documents_dir

    def on_any_event(self, event: FileSystemEvent) -> None:
        for key in keys_for_event(event, self.documents_dir):
            self.put(key)


class _OverflowAlarm(logging.Handler):
    """watchdog 7 reports an inotify queue overflow only as a log warning (inotify_c.py
    `handle_event`) and events are lost; we listen for it and reconcile the whole folder."""

    def __init__(self, put: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self.put = put

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self.put(ROOT)


class _Stopping(Exception):
    """Raised inside a sync when the watcher is asked to stop: the writer in hand is
    cancelled (indexer._apply), committed batches stay, the next start redoes the rest."""


class _Timer:
    """The indexer's Progress hook: where a stop request lands between two files."""

    def __init__(self, stop: threading.Event) -> None:
        self.stop = stop

    def start(self, total: int) -> None:
        pass

    def advance(self, relpath: str, pages: int) -> None:
        if self.stop.is_set():
            raise _Stopping


class Watcher:
    """Keeps the index in step with the drop folder until `stop` is set.

    Parameters:
        settings: `stability_seconds` is the settle time, `poll_seconds` (when set) selects
            watchdog's polling observer (network shares without events).
        stop: set it (from a signal handler or another thread) to stop after, or by
            cancelling, the write in hand.
    """

    def __init__(self, settings: Settings, stop: threading.Event) -> None:
        self.settings = settings
        self.stop = stop
        self.queue: SimpleQueue[str] = SimpleQueue()
        self.tracker = StabilityTracker(
            settings.stability_seconds, lambda key: probe(settings.documents_dir, key)
        )
        # Short lock waits keep the loop responsive to stop and to new events while another
        # writer (a librarian's reindex) holds the index; we simply try again next tick.
        self._sync_settings = replace(settings, lock_timeout=min(settings.lock_timeout, LOCK_WAIT))
        self._locked_out = False
        self._retry_at = 0.0
        self._backoff = 1.0
        self._ready = False

    def run(self) -> None:
        """Reconcile, then follow events until `stop` is set.

        Raises:
            ConfigError: the drop folder does not exist.
        """
        documents = self.settings.documents_dir
        if not documents.is_dir():
            raise ConfigError(f"the documents folder {documents} does not exist")
        alarm = _OverflowAlarm(self.queue.put)
        watchdog_log = logging.getLogger("watchdog.observers.inotify_c")
        limits = Limits(
            timeout=self.settings.extract_timeout,
            memory_mb=self.settings.worker_memory_mb,
            max_pages=self.settings.max_pages,
            max_rows=self.settings.max_rows,
            max_cells=self.settings.max_cells,
            max_line_kb=self.settings.max_line_kb,
        )
        watchdog_log.addHandler(alarm)
        self._observer = self._start_observer()
        try:
            with ExtractionPool(self.settings.jobs, limits) as pool:
                self.tracker.restore([ROOT])  # the start-up reconcile, due at once
                while not self.stop.is_set():
                    self._keep_observing()
                    self._step(pool)
                    self.stop.wait(TICK)
        finally:
            self._observer.stop()
            self._observer.join()
            watchdog_log.removeHandler(alarm)
            logger.info("watcher stopped")

    def _keep_observing(self) -> None:
        """watchdog stops watching a folder that is deleted (or a share that goes away); when
        the folder is back, watch it again and reconcile everything once it is quiet."""
        emitters = self._observer.emitters
        if emitters and all(e.is_alive() for e in emitters):
            return
        if not self.settings.documents_dir.is_dir():
            return
        logger.warning("%s is back; watching it again", self.settings.documents_dir)
        self._observer.stop()
        self._observer.join()
        self._observer = self._start_observer()
        self.tracker.touch(ROOT)

    def _start_observer(self) -> BaseObserver:
        poll = self.settings.poll_seconds
        try:
            observer = self._observe(poll)
        except OSError as exc:  # inotify limits reached, or a file system without events
            poll = poll or FALLBACK_POLL
            logger.warning("file events unavailable (%s); rescanning every %g s", exc, poll)
            observer = self._observe(poll)
        self._mode = f"polling every {poll:g} s" if poll else "file events"
        return observer

    def _observe(self, poll: float | None) -> BaseObserver:
        # Polling is watchdog's PollingObserver (snapshots diffed every `poll` seconds), so its
        # events go through the same handler, stability wait and sync as inotify's.
        observer: BaseObserver = PollingObserver(timeout=poll) if poll else Observer()
        handler = _Handler(self.queue.put, self.settings.documents_dir)
        folder = str(self.settings.documents_dir)
        observer.schedule(handler, folder, recursive=True, event_filter=EVENTS)
        observer.start()
        return observer

    def _step(self, pool: ExtractionPool) -> None:
        while True:
            try:
                self.tracker.touch(self.queue.get_nowait())
            except Empty:
                break
        if time.monotonic() < self._retry_at:
            return
        keys = self.tracker.take()
        if keys and not self._apply(keys, pool):
            self.tracker.restore(keys)

    def _apply(self, keys: list[str], pool: ExtractionPool) -> bool:
        """One batch through the indexer; False when it must be tried again later."""
        if not self.settings.documents_dir.is_dir():
            # An unmounted share looks like an empty folder: never empty the index for it.
            logger.error(
                "the documents folder %s is gone; not touching the index",
                self.settings.documents_dir,
            )
            self._wait_longer()
            return False
        only = None if ROOT in keys else keys
        timer = _Timer(self.stop)
        try:
            report = indexer.sync(self._sync_settings, only=only, pool=pool, progress=timer)
        except IndexLockedError:
            if not self._locked_out:
                logger.info("another process is writing the index; waiting for it to finish")
            self._locked_out = True
            return False
        except LibraryError as exc:  # e.g. the schema changed: wait for `library reindex`
            logger.error("could not update the index: %s; retrying in %g s", exc, self._backoff)
            self._wait_longer()
            return False
        except _Stopping:
            logger.info("stopping: the write in hand was cancelled; it is redone on the next start")
            return True
        except Exception:  # one bad batch (disk full, a bug) must not kill the watcher
            logger.exception("could not update the index; retrying in %g s", self._backoff)
            self._wait_longer()
            return False
        if self._locked_out:
            logger.info("the index is free again; applying what changed meanwhile")
            self._locked_out = False
        self._backoff = 1.0
        self._log(report)
        if not self._ready:
            self._ready = True
            logger.info("watching %s (%s)", self.settings.documents_dir, self._mode)
        return True

    def _wait_longer(self) -> None:
        self._retry_at = time.monotonic() + self._backoff
        self._backoff = min(self._backoff * 2, MAX_BACKOFF)

    def _log(self, report: SyncReport) -> None:
        for change in report.changes:
            logger.info("%s", _log_line(change))
        if report.changes or report.commits:
            logger.info(
                "committed %d changes (%d commits; %d added, %d updated, %d moved, "
                "%d removed, %d failed) in %.1f s",
                len(report.changes),
                report.commits,
                report.added,
                report.updated,
                report.moved,
                report.removed,
                report.failed,
                report.seconds,
            )


def _log_line(change: Change) -> str:
    """One change as the watcher's log says it: "indexed decisions/x.pdf (3 pages, 1.2 s)"."""
    if change.kind == FAILED:
        return f"failed {change.path}: {change.reason}"
    if change.kind == REMOVED:
        return f"removed {change.path}"
    if change.kind == KEPT:
        return f"kept {change.pages} files: the documents folder is empty"
    what = "indexed" if change.kind == INDEXED else "recorded non-public"
    return f"{what} {change.path} ({change.pages} pages, {change.seconds or 0.0:.1f} s)"


def run_watcher(settings: Settings, stop: threading.Event) -> None:
    """Run the watcher until `stop` is set (the entry point for `library watch` and the
    background thread of `library serve`).

    Raises:
        ConfigError: the drop folder does not exist.
    """
    Watcher(settings, stop).run()
