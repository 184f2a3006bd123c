"""The index folder: generations, the `current` pointer, the writer lock, and every other
file the library keeps there.

    index/
      current -> gen-000004     symlink, swapped atomically by a rebuild
      gen-000004/               a complete Whoosh index + SCHEMA_VERSION
      gen-000003/               the previous one, kept while readers may still hold it
      writer.lock               flock: one writer at a time, released even on SIGKILL
      ocr/<sha256>.pdf          text layers made by `library ocr` (originals stay untouched)
      insight.sqlite3           anonymous search records (librarian.insight)
      secret_key                signs staff sessions, made on first use (librarian.auth)
      jobs.sqlite3              staff OCR jobs and their progress, shared by every web worker
      uploads/<token>.pdf       image-only uploads held until staff run OCR on them
      logins.sqlite3            recent failed staff logins, shared by all web workers
      pages.sqlite3             results pages as sent, shared by the web workers (a cache)

A rebuild writes a new generation beside the live one and only then moves `current`, so a
reader never sees a half-built index and a killed rebuild leaves the old one untouched.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

from library.errors import IndexLockedError, IndexMissingError, SchemaMismatchError
from library.schema import SCHEMA_VERSION, build_schema

logger = logging.getLogger(__name__)

CURRENT = "current"
LOCK = "writer.lock"
VERSION_FILE = "SCHEMA_VERSION"
OCR_DIR = "ocr"
INSIGHT_FILE = "insight.sqlite3"
SECRET_FILE = "secret_key"
JOBS_FILE = "jobs.sqlite3"
UPLOADS_DIR = "uploads"
LOGINS_FILE = "logins.sqlite3"
PAGES_FILE = "pages.sqlite3"
_GEN_PREFIX = "gen-"
T = TypeVar("T")
# Tries to open the live generation while a writer commits beside it.
_OPEN_ATTEMPTS = 5


def ocr_dir(index_dir: Path) -> Path:
    """Where OCR'd copies of scanned PDFs are kept, by the original's content hash."""
    return index_dir / OCR_DIR


def ocr_copy(index_dir: Path, sha: str) -> Path:
    """Where the text-layer copy of the file with content hash `sha` lives."""
    return ocr_dir(index_dir) / f"{sha}.pdf"


def extraction_source(index_dir: Path, path: Path, sha: str) -> Path:
    """The file to extract text from: the OCR copy when there is one for these bytes."""
    if sha:
        copy = ocr_copy(index_dir, sha)
        if copy.is_file():
            return copy
    return path


def insight_path(index_dir: Path) -> Path:
    """The anonymous search-insight database."""
    return index_dir / INSIGHT_FILE


def secret_key_path(index_dir: Path) -> Path:
    """The generated key that signs staff sessions (when `LIBRARY_SECRET_KEY` is unset)."""
    return index_dir / SECRET_FILE


def jobs_path(index_dir: Path) -> Path:
    """The staff jobs database (OCR progress): a file, so any web worker can show any job."""
    return index_dir / JOBS_FILE


def uploads_dir(index_dir: Path) -> Path:
    """Where an image-only upload waits for staff to run OCR on it (never served)."""
    return index_dir / UPLOADS_DIR


def logins_path(index_dir: Path) -> Path:
    """The failed-login table every web worker counts in (`librarian.auth.LoginLimiter`)."""
    return index_dir / LOGINS_FILE


def pages_path(index_dir: Path) -> Path:
    """The results pages the web workers share (`web.page_cache`): safe to delete."""
    return index_dir / PAGES_FILE


def current_dir(index_dir: Path) -> Path | None:
    """The live generation's folder, or None when there is no index yet."""
    link = index_dir / CURRENT
    try:
        target = link.readlink()
    except OSError:
        return None
    path = index_dir / target
    return path if path.is_dir() else None


def open_current(index_dir: Path) -> Index:
    """Open the live generation for reading.

    Raises:
        IndexMissingError: nothing has been indexed yet.
        SchemaMismatchError: the index was built by another version of the schema.
    """

    def open_live() -> Index:
        gen = current_dir(index_dir)
        if gen is None or not whoosh_index.exists_in(str(gen)):
            raise IndexMissingError(f"no index in {index_dir}: run `library index` first")
        check_version(gen)
        # Not memory-mapped: Whoosh reads a compound segment out of a map through BytesIO,
        # which copies every part it opens into the process (with a 100,000-page index,
        # 460 MB per reader process, plus the mapped pages it touched doing so: 1.4 GB per
        # web worker after warm-up against 0.29 GB read through plain files, at the same
        # search speed: bench/README.md, "Start-up and memory").
        return FileStorage(str(gen), supports_mmap=False).open_index()

    return beside_commits(open_live)


def beside_commits(read: Callable[[], T]) -> T:
    """`read()` (opening the index or a searcher on it), looked again when a commit replaced
    the table of contents, or merged a segment away, between finding the file and opening
    it: the next look finds the newer one."""
    for attempt in range(_OPEN_ATTEMPTS):
        try:
            return read()
        except FileNotFoundError:
            if attempt == _OPEN_ATTEMPTS - 1:
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def last_changed(index_dir: Path) -> dt.datetime | None:
    """When the live index last committed (the newest table of contents in it)."""
    gen = current_dir(index_dir)
    if gen is None:
        return None
    stamps = [p.stat().st_mtime for p in gen.glob("*.toc")]
    return dt.datetime.fromtimestamp(max(stamps), tz=dt.UTC) if stamps else None


def check_version(gen: Path) -> None:
    try:
        found = int((gen / VERSION_FILE).read_text().strip())
    except (OSError, ValueError):
        found = -1
    if found != SCHEMA_VERSION:
        raise SchemaMismatchError(
            f"the index was built with schema version {found}, this version uses "
            f"{SCHEMA_VERSION}: run `library reindex`"
        )


def create_generation(index_dir: Path) -> tuple[Path, Index]:
    """A new, empty generation folder (not yet live)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    numbers = [int(p.name[len(_GEN_PREFIX) :]) for p in _generations(index_dir)]
    gen = index_dir / f"{_GEN_PREFIX}{max(numbers, default=0) + 1:06d}"
    gen.mkdir()
    ix = whoosh_index.create_in(str(gen), build_schema())
    (gen / VERSION_FILE).write_text(f"{SCHEMA_VERSION}\n")
    return gen, ix


def make_current(index_dir: Path, gen: Path) -> None:
    """Point `current` at `gen` in one atomic rename, then drop generations nobody needs."""
    tmp = index_dir / f".{CURRENT}.{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(gen.name)
    tmp.replace(index_dir / CURRENT)
    fsync_dir(index_dir)
    cleanup(index_dir)


def cleanup(index_dir: Path) -> None:
    """Remove generations older than the previous one, and any abandoned by a killed rebuild.

    Only a writer (holding the lock) calls this, so no rebuild is in progress.
    """
    live = current_dir(index_dir)
    gens = _generations(index_dir)
    keep = {live}
    older = [g for g in gens if live is not None and g.name < live.name]
    if older:
        keep.add(older[-1])  # the previous generation: a reader may still be using it
    for gen in gens:
        if gen not in keep:
            shutil.rmtree(gen, ignore_errors=True)


def _generations(index_dir: Path) -> list[Path]:
    if not index_dir.is_dir():
        return []
    return sorted(p for p in index_dir.iterdir() if p.name.startswith(_GEN_PREFIX) and p.is_dir())


def fsync_dir(path: Path) -> None:
    """Make a rename or link in `path` durable: the directory entry itself is synced."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def writer_lock(index_dir: Path, timeout: float) -> Iterator[None]:
    """Hold the index's single-writer lock, waiting up to `timeout` seconds for it.

    Raises:
        IndexLockedError: another process kept the lock for the whole wait.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexLockedError(
                        f"another process is writing the index in {index_dir} "
                        f"(waited {timeout:g} s): is `library watch` or a reindex running?"
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
