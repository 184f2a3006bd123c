"""Planning a run: which files are unchanged, which can reuse stored text (a touched, moved
or copied file), which are written at once (private, too large, unreadable), and which need
extraction. Shared by `sync`, `rebuild` and the dry run, so they always agree.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh.index import Index

from library.config import Settings
from library.errors import ExtractionError
from library.indexing.records import (
    document_records,
    extracted_from_stored,
    private_record,
    problem_record,
)
from library.indexing.report import KEPT, Change, SyncReport
from library.indexing.scan import FileState, file_sha256, matches_any, scan_documents, scan_prefixes
from library.indexing.sidecar import is_private, read_sidecar
from library.indexing.workers import Limits
from library.models import ExtractedPdf, Metadata, Problem
from library.schema import KIND_DOC, Record, stored_files, stored_pages

logger = logging.getLogger(__name__)


@dataclass
class Job:
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


def removals(
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
        report.changes.append(Change(KEPT, "", pages=len(known)))
        return []
    return sorted(set(known) - set(files))


def look(
    ix: Index | None, settings: Settings, only: Iterable[str] | None
) -> tuple[dict[str, FileState], dict[str, Record], StoredPages, dict[str, Record]]:
    """Files and index records under `only`, every stored page, and every indexed file (a
    file new under `only` may re-use the text of one indexed elsewhere: a move whose two
    halves the watcher saw in different batches is still not re-extracted)."""
    known, stored_pages = _known_files(ix) if ix is not None else ({}, StoredPages(None))
    indexed = known
    if only is None:
        files = scan_documents(settings.documents_dir)
    else:
        prefixes = list(only)
        files = scan_prefixes(settings.documents_dir, prefixes)
        known = {k: v for k, v in known.items() if matches_any(k, prefixes)}
    return files, known, stored_pages, indexed


def limits(settings: Settings) -> Limits:
    return Limits(
        timeout=settings.extract_timeout,
        memory_mb=settings.worker_memory_mb,
        max_pages=settings.max_pages,
        max_rows=settings.max_rows,
        max_cells=settings.max_cells,
        max_line_kb=settings.max_line_kb,
    )


def records_for(job: Job, pdf: ExtractedPdf) -> list[Record]:
    return document_records(job.state, job.sha, job.meta, pdf, job.sidecar_problem)


def plan(
    files: dict[str, FileState],
    known: dict[str, Record],
    stored_pages: StoredPages,
    settings: Settings,
    report: SyncReport,
    *,
    reuse: bool,
    force: frozenset[str] = frozenset(),
    indexed: dict[str, Record] | None = None,
) -> tuple[list[Job], list[tuple[Job, list[Record]]]]:
    """Sort files into unchanged, needing extraction, or writable at once (with records)."""
    sources = (known if indexed is None else indexed).values()
    by_sha = {r["sha256"]: r for r in sources if r["kind"] == KIND_DOC} if reuse else {}
    jobs: list[Job] = []
    ready: list[tuple[Job, list[Record]]] = []
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
            job = Job(state, "", Metadata(), None, is_new=old is None)
            problem = Problem(relpath, "unreadable", f"the file cannot be read: {exc.strerror}")
            ready.append((job, [problem_record(state, "", problem)]))
            continue
        if reuse and old and old["sha256"] == sha and old["sidecar_sha"] == state.sidecar_sha:
            # Touched, not changed: rewrite the record with the new mtime, extract nothing.
            report.unchanged += 1
            job = Job(state, sha, Metadata(), None, is_new=False, touched=True)
            if old["kind"] == KIND_DOC:
                job.meta, job.sidecar_problem = _metadata(state.path)
                job.reuse = extracted_from_stored(old, stored_pages.get(relpath, []))
                jobs.append(job)
            else:
                ready.append((job, [{**old, "mtime_ns": state.mtime_ns, "size": state.size}]))
            continue
        meta, sidecar_problem = _metadata(state.path)
        job = Job(state, sha, meta, sidecar_problem, is_new=old is None)
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


def _known_files(ix: Index) -> tuple[dict[str, Record], StoredPages]:
    """Every file the index knows (one record each), and a loader for the stored pages of
    any of them (only the few files that are moved or touched need their pages)."""
    with ix.searcher() as searcher:
        known = {fields["path"]: fields for fields in stored_files(searcher)}
    return known, StoredPages(ix)


class StoredPages:
    """The stored pages of a document, read when asked for (before any write of this run)."""

    def __init__(self, ix: Index | None) -> None:
        self.ix = ix

    def get(self, relpath: str, default: list[Record]) -> list[Record]:
        if self.ix is None:
            return default
        with self.ix.searcher() as searcher:
            return stored_pages(searcher, relpath) or default
