"""The only writer: brings the index in line with the drop folder (`sync`) or rebuilds it.

The CLI (`library index`, `library reindex`) and the watcher all come through here, so they
can never index a file differently.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.index import Index
from whoosh.writing import IndexWriter

from library import store
from library.config import Settings
from library.errors import ExtractionError, IndexMissingError, IndexWriteError
from library.indexing import vectorize
from library.indexing.planning import Job, limits, look, plan, records_for, removals
from library.indexing.records import problem_record
from library.indexing.report import (
    FAILED,
    INDEXED,
    PRIVATE,
    REMOVED,
    Change,
    Progress,
    SyncReport,
)
from library.indexing.workers import ExtractionPool
from library.models import Problem
from library.schema import KIND_DOC, KIND_PROBLEM, Record

logger = logging.getLogger(__name__)


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
            again = frozenset(force)
            report = _apply(ix, settings, progress, only, pool, reuse=True, force=again)
            _vectors(ix, gen, settings, again)
            return report
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
        old = store.current_dir(settings.index_dir)
        gen, ix = store.create_generation(settings.index_dir)
        try:
            report = _apply(ix, settings, progress, None, pool, reuse=False)
            vectorize.carry_over(old, gen)
            _vectors(ix, gen, settings)
        finally:
            ix.close()
        store.make_current(settings.index_dir, gen)
        return report


def _vectors(ix: Index, gen: Path, settings: Settings, again: frozenset[str] = frozenset()) -> None:
    # After the text is committed: a failure here leaves the document searchable by its
    # words (the next run tries its vectors again), never a failed run.
    try:
        run = vectorize.fill(ix, gen, settings.embedding_model, again=again)
    except Exception as exc:  # a model or vectors problem must not stop indexing
        logger.warning("semantic vectors not updated: %s", exc)
        return
    if run.documents:
        logger.info(
            "%s; embedded %d passages of %d documents", run.state, run.passages, run.documents
        )


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
    files, known, stored_pages, indexed = look(ix, settings, only)
    removed = removals(settings, files, known, report, only=only)
    jobs, ready = plan(
        files, known, stored_pages, settings, report, reuse=reuse, force=force, indexed=indexed
    )
    if progress:
        progress.start(len(jobs) + len(ready))
    batch = _Batch(ix, settings.batch_size, report)
    try:
        for relpath in removed:
            batch.delete(relpath)
            report.removed += 1
            report.changes.append(Change(REMOVED, relpath, new=False))
        for job, records in ready:
            batch.put(job, records, progress)
        for job in jobs:
            if job.reuse is not None:
                batch.put(job, records_for(job, job.reuse), progress)
        to_extract = [j for j in jobs if j.reuse is None]
        if to_extract:
            _extract_into(batch, to_extract, settings, pool, progress)
        batch.commit()
    except BaseException:
        batch.cancel()
        raise
    report.seconds = time.monotonic() - started
    return report


def _extract_into(
    batch: _Batch,
    jobs: list[Job],
    settings: Settings,
    pool: ExtractionPool | None,
    progress: Progress | None,
) -> None:
    """Extract `jobs` in worker processes and write each outcome as it arrives.

    A file with an OCR text layer (`library ocr`) is read from that copy; the original is
    never changed. Identical files share one copy, hence the lists.
    """
    by_source: dict[Path, list[Job]] = {}
    for job in jobs:
        source = store.extraction_source(settings.index_dir, job.state.path, job.sha)
        by_source.setdefault(source, []).append(job)
    active = pool or ExtractionPool(settings.jobs, limits(settings))
    try:
        for path, outcome in active.extract_many(by_source):
            for job in by_source[path]:
                if isinstance(outcome, ExtractionError):
                    problem = Problem(job.state.relpath, outcome.reason, outcome.detail)
                    records = [problem_record(job.state, job.sha, problem)]
                else:
                    records = records_for(job, outcome)
                batch.put(job, records, progress)
    finally:
        if pool is None:
            active.close()


def preview(settings: Settings, *, only: Iterable[str] | None = None) -> SyncReport:
    """What `sync` would change, without extracting or writing anything (`index --dry-run`).

    Files whose size or mtime changed are hashed, as `sync` would, so a touched but unchanged
    file is not reported. `changes` holds one planned `Change` per file.
    """
    started = time.monotonic()
    report = SyncReport()
    try:
        ix = store.open_current(settings.index_dir)
    except IndexMissingError:
        ix = None
    try:  # open until planned: a moved or touched file's stored pages are read from it
        files, known, stored_pages, indexed = look(ix, settings, only)
        for relpath in removals(settings, files, known, report, only=only):
            report.removed += 1
            report.changes.append(Change(REMOVED, relpath, new=False, planned=True))
        jobs, ready = plan(
            files, known, stored_pages, settings, report, reuse=True, indexed=indexed
        )
    finally:
        if ix is not None:
            ix.close()
    planned: list[tuple[Job, Record | None]] = [(j, None) for j in jobs if not j.touched]
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
            report.changes.append(
                Change(FAILED, relpath, reason=head["reason"], new=job.is_new, planned=True)
            )
        elif head is not None:
            report.changes.append(Change(PRIVATE, relpath, new=job.is_new, planned=True))
        elif job.reused_from and job.reused_from != relpath:
            report.moved += int(job.moved)
            report.changes.append(
                Change(INDEXED, relpath, new=job.is_new, same_as=job.reused_from, planned=True)
            )
        else:
            report.changes.append(Change(INDEXED, relpath, new=job.is_new, planned=True))
    report.seconds = time.monotonic() - started
    return report


class _Batch:
    """Writes in batches: a burst of files commits a few times, not once per file, and a
    crash loses at most the batch in hand (the next run redoes it)."""

    def __init__(self, ix: Index, size: int, report: SyncReport) -> None:
        self.ix = ix
        self.size = max(1, size)
        self.report = report
        self.writer: IndexWriter | None = None
        self.pending = 0
        self.started = time.monotonic()

    def _elapsed(self) -> float:
        return time.monotonic() - self.started

    def _writer(self) -> IndexWriter:
        if self.writer is None:
            self.writer = self.ix.writer(limitmb=128)
        return self.writer

    def delete(self, relpath: str) -> None:
        self._writer().delete_by_term("path", relpath)
        self._count()

    def put(self, job: Job, records: list[Record], progress: Progress | None) -> None:
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
            self.report.changes.append(
                Change(
                    FAILED, relpath, seconds=self._elapsed(), reason=head["reason"], new=job.is_new
                )
            )
        else:
            pages = int(head.get("page_count") or 0)
            self.report.pages += pages
            if job.moved:
                self.report.moved += 1
            if job.is_new:
                self.report.added += 1
            else:
                self.report.updated += 1
            kind = INDEXED if head["kind"] == KIND_DOC else PRIVATE
            self.report.changes.append(
                Change(
                    kind,
                    relpath,
                    pages=pages,
                    seconds=self._elapsed(),
                    new=job.is_new,
                    same_as=job.reused_from or "",
                )
            )
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
