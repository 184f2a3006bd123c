"""`library check`: does the index still describe the folder, and is the index itself sound?

Read-only: it reports and never repairs (`library index` repairs). Kinds of finding:

    missing     a document in the folder that the index does not know
    orphaned    an index entry whose file is gone
    stale       an entry whose file changed since it was indexed (size, time, sidecar, or,
                with `deep`, content)
    integrity   the index cannot be opened or read, or its records contradict each other
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from library.errors import LibraryError
from library.indexing import FileState, file_sha256, scan_documents
from library.schema import FILE_KINDS, KIND_DOC, KIND_PAGE, doc_id_for
from library.search import ReaderPool

if TYPE_CHECKING:
    from library.config import Settings
    from library.schema import Record

logger = logging.getLogger(__name__)

KINDS = ("missing", "orphaned", "stale", "integrity")


@dataclass(frozen=True)
class Finding:
    kind: str
    path: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "path": self.path, "detail": self.detail}


@dataclass
class CheckReport:
    files: int = 0
    entries: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def counts(self) -> dict[str, int]:
        found = Counter(f.kind for f in self.findings)
        return {kind: found.get(kind, 0) for kind in KINDS}

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": self.files,
            "entries": self.entries,
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }


def check_index(settings: Settings, *, deep: bool = False) -> CheckReport:
    """Compare the index with the documents folder and check the index's own consistency.

    Args:
        deep: also hash every file and compare with the stored hash (slower; finds a file
            rewritten with its old size and time).
    """
    report = CheckReport()
    files = scan_documents(settings.documents_dir)
    report.files = len(files)
    try:
        entries, pages = _read_index(settings, report)
    except LibraryError as exc:
        report.findings.append(Finding("integrity", "", str(exc)))
        return report
    except Exception as exc:  # a damaged index fails in Whoosh's own ways; all mean "unsound"
        report.findings.append(
            Finding("integrity", "", f"the index cannot be read: {type(exc).__name__}: {exc}")
        )
        return report
    report.entries = len(entries)
    for relpath in sorted(set(files) - set(entries)):
        report.findings.append(Finding("missing", relpath, "in the folder but not in the index"))
    for relpath in sorted(set(entries) - set(files)):
        report.findings.append(Finding("orphaned", relpath, "in the index but the file is gone"))
    for relpath in sorted(set(files) & set(entries)):
        why = _staleness(files[relpath], entries[relpath], deep=deep)
        if why:
            report.findings.append(Finding("stale", relpath, why))
    _check_pages(entries, pages, report)
    return report


def _read_index(settings: Settings, report: CheckReport) -> tuple[dict[str, Record], list[Record]]:
    pool = ReaderPool(settings.index_dir)
    entries: dict[str, Record] = {}
    pages: list[Record] = []
    try:
        with pool.catalog() as catalog:
            counted = catalog.doc_count()
            seen = 0
            for fields in catalog.all_records():
                seen += 1
                kind = fields.get("kind")
                path = fields.get("path", "")
                if kind == KIND_PAGE:
                    pages.append(fields)
                elif kind in FILE_KINDS:
                    if path in entries:
                        report.findings.append(
                            Finding("integrity", path, "the index has two entries for this file")
                        )
                    entries[path] = fields
                else:
                    report.findings.append(
                        Finding("integrity", path, f"a record of unknown kind {kind!r}")
                    )
            if seen != counted:
                report.findings.append(
                    Finding("integrity", "", f"{counted} records counted but {seen} readable")
                )
    finally:
        pool.close()
    return entries, pages


def _staleness(state: FileState, entry: Record, *, deep: bool) -> str:
    if entry.get("size") != state.size:
        return f"size changed ({entry.get('size')} → {state.size} bytes)"
    if entry.get("mtime_ns") != state.mtime_ns:
        return "modified since it was indexed"
    if entry.get("sidecar_sha", "") != state.sidecar_sha:
        return "its sidecar changed since it was indexed"
    if deep:
        try:
            sha = file_sha256(state.path)
        except OSError as exc:
            return f"cannot be read: {exc.strerror}"
        if sha != entry.get("sha256"):
            return "its content changed but its size and time did not"
    return ""


def _check_pages(entries: dict[str, Record], pages: list[Record], report: CheckReport) -> None:
    for path, entry in sorted(entries.items()):
        if entry.get("kind") == KIND_DOC and entry.get("doc_id") != doc_id_for(path):
            report.findings.append(Finding("integrity", path, "its id does not match its path"))
    bad: dict[str, str] = {}
    for page in pages:
        path = page.get("path", "")
        owner = entries.get(path)
        if owner is None or owner.get("kind") != KIND_DOC:
            bad[path] = "page records that belong to no indexed document"
            continue
        number = page.get("page")
        if not isinstance(number, int) or not 1 <= number <= int(owner.get("page_count") or 0):
            bad.setdefault(path, f"a page record numbered {number} outside the document")
    for path, why in sorted(bad.items()):
        report.findings.append(Finding("integrity", path, why))
