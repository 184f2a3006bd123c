"""The only writer: brings the index in line with the drop folder (`sync`) or rebuilds it.

The CLI (`library index`, `library reindex`) and the watcher all come through here, so they
can never index a file differently.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from whoosh.index import Index
from whoosh.writing import IndexWriter

from library import store
from library.config import Settings
from library.errors import ExtractionError, IndexMissingError, IndexWriteError
from library.indexing.records import (
    document_records,
    extracted_from_stored,
    private_record,
    problem_record,
)
from library.indexing.scan import FileState, file_sha256, matches_any, scan_documents, scan_prefixes
from library.indexing.sidecar import is_private, read_sidecar
from library.indexing.workers import ExtractionPool, Limits
from library.models import ExtractedPdf, Metadata, Problem
from library.schema import KIND_DOC, KIND_PROBLEM, Record, stored_files, stored_pages

logger = logging.getLogger(__name__)


class Progress(Protocol):
    """What the indexer tells a progress display; the library never imports UI code."""

    def start(self, total: int) -> None: ...

    def advance(self, relpath: str, pages: int) -> None: ...


@dataclass
class SyncReport:
    """What one run changed."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: int = 0
    moved: int = 0
    pages: int = 0
    commits: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "moved": self.moved,
            "pages": self.pages,
            "commits": self.commits,
            "seconds": round(self.seconds, 3),
            "problems": [p.to_dict() for p in self.problems],
        }

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.failed)


@dataclass
class _Job:
    """One file that needs (re)writing, and what we know about it before extraction."""

    state: FileState
    sha: str
    meta: Metadata
    sidecar_problem: str | None
    is_new: bool
    reuse: ExtractedPdf | None = None
    reused_from: str | None = None
    moved: bool = False  # reused the text of a file that is gone from its old path
    touched: bool = False


def sync(
    settings: Settings,
    *,
    progress: Progress | None = None,
    only: Iterable[str] | None = None,
    pool: ExtractionPool | None = None,
    force: Iterable[str] = (),
) -> SyncReport:
    """Make the index match the drop folder: add new files, re-index changed ones (by content
    hash, so a touched file is not re-extracted), drop removed ones.

    Args:
        only: relative paths or folders to look at; the rest of the index is left alone
            (the watcher passes what its events named). None looks at everything.
        pool: extraction workers to use; a private pool is made when None.
        force: relative paths to extract again even though unchanged (`library ocr` after
            it made a text layer for them).

    Raises:
        IndexLockedError: another writer kept the index for longer than `lock_timeout`.
        IndexWriteError: the index could not be written (disk full); it is left as it was.
        SchemaMismatchError: the index needs `library reindex`.
    """
    with store.writer_lock(settings.index_dir, settings.lock_timeout), _write_errors():
        store.cleanup(settings.index_dir)  # what a killed rebuild left behind
        gen = store.current_dir(settings.index_dir)
        if gen is None:
            gen, ix = store.create_generation(settings.index_dir)
            store.make_current(settings.index_dir, gen)
        else:
            ix = store.open_current(settings.index_dir)
        try:
            return _apply(ix, settings, progress, only, pool, reuse=True, force=frozenset(force))
        finally:
            ix.close()


def rebuild(
    settings: Settings, *, progress: Progress | None = None, pool: ExtractionPool | None = None
) -> SyncReport:
    """Index every file from scratch into a new generation, then swap it in atomically.

    Readers keep answering from the old index until the new one is complete; a rebuild that
    is killed leaves the old index live (its half-built folder is removed by the next writer).

    Raises:
        IndexLockedError, IndexWriteError: as for `sync`.
    """
    with store.writer_lock(settings.index_dir, settings.lock_timeout), _write_errors():
        store.cleanup(settings.index_dir)
        gen, ix = store.create_generation(settings.index_dir)
        try:
            report = _apply(ix, settings, progress, None, pool, reuse=False)
        finally:
            ix.close()
        store.make_current(settings.index_dir, gen)
        return report


@contextmanager
def _write_errors() -> Iterator[None]:
    # A full disk surfaces as OSError from deep inside Whoosh; callers get a LibraryError
    # saying what happened and that the live index is untouched.
    try:
        yield
    except OSError as exc:
        raise IndexWriteError(
            f"indexing stopped: {exc.strerror or exc}; the index is unchanged since its "
            "last complete write and keeps answering"
        ) from exc


def _apply(
    ix: Index,
    settings: Settings,
    progress: Progress | None,
    only: Iterable[str] | None,
    pool: ExtractionPool | None,
    *,
    reuse: bool,
    force: frozenset[str] = frozenset(),
) -> SyncReport:
    started = time.monotonic()
    report = SyncReport()
    files, known, stored_pages, indexed = _look(ix, settings, only)
    removed = _removals(settings, files, known, report, only=only)
    jobs, ready = _plan(
        files, known, stored_pages, settings, report, reuse=reuse, force=force, indexed=indexed
    )
    if progress:
        progress.start(len(jobs) + len(ready))
    batch = _Batch(ix, settings.batch_size, report)
    try:
        for relpath in removed:
            batch.delete(relpath)
            report.removed += 1
            report.changes.append(f"removed {relpath}")
        for job, records in ready:
            batch.put(job, records, progress)
        for job in jobs:
            if job.reuse is not None:
                batch.put(job, _records_for(job, job.reuse), progress)
        to_extract = [j for j in jobs if j.reuse is None]
        if to_extract:
            _extract_into(batch, to_extract, settings, pool, progress)
        batch.commit()
    except BaseException:
        batch.cancel()
        raise
    report.seconds = time.monotonic() - started
    return report


def _removals(
    settings: Settings,
    files: dict[str, FileState],
    known: dict[str, Record],
    report: SyncReport,
    *,
    only: Iterable[str] | None,
) -> list[str]:
    """The indexed files that are gone from the folder, in path order.

    None when the whole folder is empty but the index is not: an unmounted share shows up
    as an empty folder, and emptying the public library because of it would be worse than
    keeping the last known state a while longer.
    """
    if known and not files and only is None:
        logger.warning(
            "the documents folder %s is empty: keeping the %d files the index knows "
            "(is the share mounted? `library reindex` empties the index on purpose)",
            settings.documents_dir,
            len(known),
        )
        report.changes.append(f"kept {len(known)} files: the documents folder is empty")
        return []
    return sorted(set(known) - set(files))


def _extract_into(
    batch: _Batch,
    jobs: list[_Job],
    settings: Settings,
    pool: ExtractionPool | None,
    progress: Progress | None,
) -> None:
    """Extract `jobs` in worker processes and write each outcome as it arrives.

    A file with an OCR text layer (`library ocr`) is read from that copy; the original is
    never changed. Identical files share one copy, hence the lists.
    """
    by_source: dict[Path, list[_Job]] = {}
    for job in jobs:
        source = store.extraction_source(settings.index_dir, job.state.path, job.sha)
        by_source.setdefault(source, []).append(job)
    active = pool or ExtractionPool(settings.jobs, _limits(settings))
    try:
        for path, outcome in active.extract_many(by_source):
            for job in by_source[path]:
                if isinstance(outcome, ExtractionError):
                    problem = Problem(job.state.relpath, outcome.reason, outcome.detail)
                    records = [problem_record(job.state, job.sha, problem)]
                else:
                    records = _records_for(job, outcome)
                batch.put(job, records, progress)
    finally:
        if pool is None:
            active.close()


def preview(settings: Settings, *, only: Iterable[str] | None = None) -> SyncReport:
    """What `sync` would change, without extracting or writing anything (`index --dry-run`).

    Files whose size or mtime changed are hashed, as `sync` would, so a touched but unchanged
    file is not reported. `changes` holds one "would ..." line per change.
    """
    started = time.monotonic()
    report = SyncReport()
    try:
        ix = store.open_current(settings.index_dir)
    except IndexMissingError:
        ix = None
    try:  # open until planned: a moved or touched file's stored pages are read from it
        files, known, stored_pages, indexed = _look(ix, settings, only)
        for relpath in _removals(settings, files, known, report, only=only):
            report.removed += 1
            report.changes.append(f"would remove {relpath}")
        jobs, ready = _plan(
            files, known, stored_pages, settings, report, reuse=True, indexed=indexed
        )
    finally:
        if ix is not None:
            ix.close()
    planned: list[tuple[_Job, Record | None]] = [(j, None) for j in jobs if not j.touched]
    planned += [(job, records[0]) for job, records in ready if not job.touched]
    for job, head in sorted(planned, key=lambda p: p[0].state.relpath):
        relpath = job.state.relpath
        if job.is_new:
            report.added += 1
        else:
            report.updated += 1
        if head is not None and head["kind"] == KIND_PROBLEM:
            report.failed += 1
            report.problems.append(Problem(relpath, head["reason"], head["detail"]))
            report.changes.append(f"would fail {relpath}: {head['reason']}")
        elif head is not None:
            report.changes.append(f"would record non-public {relpath}")
        elif job.reused_from and job.reused_from != relpath:
            report.moved += int(job.moved)
            report.changes.append(f"would index {relpath} (same content as {job.reused_from})")
        else:
            report.changes.append(f"would {'index' if job.is_new else 're-index'} {relpath}")
    report.seconds = time.monotonic() - started
    return report


def _look(
    ix: Index | None, settings: Settings, only: Iterable[str] | None
) -> tuple[dict[str, FileState], dict[str, Record], _StoredPages, dict[str, Record]]:
    """Files and index records under `only`, every stored page, and every indexed file (a
    file new under `only` may re-use the text of one indexed elsewhere: a move whose two
    halves the watcher saw in different batches is still not re-extracted)."""
    known, stored_pages = _known_files(ix) if ix is not None else ({}, _StoredPages(None))
    indexed = known
    if only is None:
        files = scan_documents(settings.documents_dir)
    else:
        prefixes = list(only)
        files = scan_prefixes(settings.documents_dir, prefixes)
        known = {k: v for k, v in known.items() if matches_any(k, prefixes)}
    return files, known, stored_pages, indexed


def _limits(settings: Settings) -> Limits:
    return Limits(
        timeout=settings.extract_timeout,
        memory_mb=settings.worker_memory_mb,
        max_pages=settings.max_pages,
    )


def _records_for(job: _Job, pdf: ExtractedPdf) -> list[Record]:
    return document_records(job.state, job.sha, job.meta, pdf, job.sidecar_problem)


def _plan(
    files: dict[str, FileState],
    known: dict[str, Record],
    stored_pages: _StoredPages,
    settings: Settings,
    report: SyncReport,
    *,
    reuse: bool,
    force: frozenset[str] = frozenset(),
    indexed: dict[str, Record] | None = None,
) -> tuple[list[_Job], list[tuple[_Job, list[Record]]]]:
    """Sort files into unchanged, needing extraction, or writable at once (with records)."""
    sources = (known if indexed is None else indexed).values()
    by_sha = {r["sha256"]: r for r in sources if r["kind"] == KIND_DOC} if reuse else {}
    jobs: list[_Job] = []
    ready: list[tuple[_Job, list[Record]]] = []
    max_bytes = int(settings.max_file_mb * 1024 * 1024)
    for relpath, state in sorted(files.items()):
        old = known.get(relpath)
        if relpath in force:
            old = {**old, "sha256": "", "size": -1} if old else None
        if old and _same_stat(old, state):
            report.unchanged += 1
            continue
        try:
            sha = file_sha256(state.path)
        except OSError as exc:
            job = _Job(state, "", Metadata(), None, is_new=old is None)
            problem = Problem(relpath, "unreadable", f"the file cannot be read: {exc.strerror}")
            ready.append((job, [problem_record(state, "", problem)]))
            continue
        if reuse and old and old["sha256"] == sha and old["sidecar_sha"] == state.sidecar_sha:
            # Touched, not changed: rewrite the record with the new mtime, extract nothing.
            report.unchanged += 1
            job = _Job(state, sha, Metadata(), None, is_new=False, touched=True)
            if old["kind"] == KIND_DOC:
                job.meta, job.sidecar_problem = _metadata(state.path)
                job.reuse = extracted_from_stored(old, stored_pages.get(relpath, []))
                jobs.append(job)
            else:
                ready.append((job, [{**old, "mtime_ns": state.mtime_ns, "size": state.size}]))
            continue
        meta, sidecar_problem = _metadata(state.path)
        job = _Job(state, sha, meta, sidecar_problem, is_new=old is None)
        if not meta.public or (sidecar_problem and is_private(state.path)):
            ready.append((job, [private_record(state, sha)]))
        elif state.size > max_bytes:
            problem = Problem(
                relpath,
                "too-large",
                f"{state.size / 1048576:.1f} MB is more than the limit of "
                f"{settings.max_file_mb:g} MB",
            )
            ready.append((job, [problem_record(state, sha, problem)]))
        elif sha in by_sha and relpath not in force:
            source = by_sha[sha]
            job.reuse = extracted_from_stored(source, stored_pages.get(source["path"], []))
            job.reused_from = source["path"]
            job.moved = source["path"] not in files
            jobs.append(job)
        else:
            jobs.append(job)
    return jobs, ready


def _same_stat(old: Record, state: FileState) -> bool:
    return (
        old.get("size") == state.size
        and old.get("mtime_ns") == state.mtime_ns
        and old.get("sidecar_sha", "") == state.sidecar_sha
    )


def _metadata(pdf: Path) -> tuple[Metadata, str | None]:
    try:
        return read_sidecar(pdf), None
    except ExtractionError as exc:
        logger.warning("%s", exc.detail)
        return Metadata(), exc.detail


def _known_files(ix: Index) -> tuple[dict[str, Record], _StoredPages]:
    """Every file the index knows (one record each), and a loader for the stored pages of
    any of them (only the few files that are moved or touched need their pages)."""
    with ix.searcher() as searcher:
        known = {fields["path"]: fields for fields in stored_files(searcher)}
    return known, _StoredPages(ix)


class _StoredPages:
    """The stored pages of a document, read when asked for (before any write of this run)."""

    def __init__(self, ix: Index | None) -> None:
        self.ix = ix

    def get(self, relpath: str, default: list[Record]) -> list[Record]:
        if self.ix is None:
            return default
        with self.ix.searcher() as searcher:
            return stored_pages(searcher, relpath) or default


class _Batch:
    """Writes in batches: a burst of files commits a few times, not once per file, and a
    crash loses at most the batch in hand (the next run redoes it)."""

    def __init__(self, ix: Index, size: int, report: SyncReport) -> None:
        self.ix = ix
        self.size = max(1, size)
        self.report = report
        self.writer: IndexWriter | None = None
        self.pending = 0

    def _writer(self) -> IndexWriter:
        if self.writer is None:
            self.writer = self.ix.writer(limitmb=128)
        return self.writer

    def delete(self, relpath: str) -> None:
        self._writer().delete_by_term("path", relpath)
        self._count()

    def put(self, job: _Job, records: list[Record], progress: Progress | None) -> None:
        writer = self._writer()
        writer.delete_by_term("path", job.state.relpath)
        for record in records:
            writer.add_document(**record)
        head = records[0]
        relpath = job.state.relpath
        if job.touched:
            pass
        elif head["kind"] == KIND_PROBLEM:
            self.report.failed += 1
            self.report.problems.append(Problem(relpath, head["reason"], head["detail"]))
            self.report.changes.append(f"failed {relpath}: {head['reason']}")
        else:
            pages = int(head.get("page_count") or 0)
            self.report.pages += pages
            if job.moved:
                self.report.moved += 1
            if job.is_new:
                self.report.added += 1
            else:
                self.report.updated += 1
            what = "indexed" if head["kind"] == KIND_DOC else "recorded non-public"
            self.report.changes.append(f"{what} {relpath} ({pages} pages)")
        if progress:
            progress.advance(relpath, int(head.get("page_count") or 0))
        self._count()

    def _count(self) -> None:
        self.pending += 1
        if self.pending >= self.size:
            self.commit()

    def commit(self) -> None:
        if self.writer is not None:
            self.writer.commit()
            self.report.commits += 1
            self.writer = None
            self.pending = 0

    def cancel(self) -> None:
        writer, self.writer = self.writer, None
        if writer is None:
            return
        try:
            writer.cancel()
        except OSError as exc:
            # A commit that failed on a full disk fails again closing its files, before
            # Whoosh lets go of its write lock: release it, or a long-running watcher could
            # never write again once there is room.
            logger.warning("could not discard the unfinished write cleanly: %s", exc)
            lock = getattr(writer, "writelock", None)
            if lock is not None:
                lock.release()
