"""Staff actions that are true when they say so: filing, uploading and editing a document's
details each end with the one writer (`indexing.sync`, limited to the paths the action
touched, under the index's writer lock), so by the time the page answers the document is
searchable, or the staff member is told why not. A running watcher takes the same lock and
finds nothing left to do; without one (`library serve --no-watch`) nothing is left undone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from library.errors import FilingError, IndexLockedError, IndexWriteError
from library.indexing import FAILED, INDEXED, PRIVATE, SyncReport, sync
from library.librarian.details import Details, merged_sidecar, read_sidecar_data, write_sidecar
from library.librarian.filing import file_into_class, place_staged, save_upload
from library.librarian.status import advice_for
from library.schema import KIND_DOC, KIND_PRIVATE, KIND_PROBLEM, doc_id_for
from library.search import ReaderPool

if TYPE_CHECKING:
    from library.config import Settings

SEARCHABLE = "searchable"
KEPT_PRIVATE = "private"
PROBLEM = "problem"
WAITING = "waiting"  # the index was busy: in place, indexed by the next writer
GONE = "gone"
OUTCOMES = (SEARCHABLE, KEPT_PRIVATE, PROBLEM, WAITING, GONE)


@dataclass(frozen=True)
class Outcome:
    """Where one document stands in the index after a staff action."""

    relpath: str
    state: str  # one of OUTCOMES
    reason: str = ""
    detail: str = ""

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.relpath)

    @property
    def advice(self) -> str:
        if self.state == WAITING:
            return "Run `library index`, or wait for the watcher, if the index stays busy."
        return advice_for(self.reason) if self.reason else ""

    @property
    def searchable(self) -> bool:
        return self.state == SEARCHABLE

    def to_dict(self) -> dict[str, str]:
        return {
            "path": self.relpath,
            "state": self.state,
            "reason": self.reason,
            "detail": self.detail,
            "doc_id": self.doc_id,
        }


def index_now(settings: Settings, relpaths: Sequence[str]) -> list[Outcome]:
    """Index `relpaths` now (a `sync` limited to them) and say where each stands."""
    try:
        report = sync(settings, only=relpaths)
    except IndexLockedError as exc:
        return [Outcome(p, WAITING, "index-locked", str(exc)) for p in relpaths]
    except IndexWriteError as exc:
        return [Outcome(p, WAITING, "index-write-failed", str(exc)) for p in relpaths]
    return outcomes_of(settings, relpaths, report)


def outcomes_of(
    settings: Settings, relpaths: Iterable[str], report: SyncReport | None = None
) -> list[Outcome]:
    """Each path's standing: from the run's changes, else (a watcher got there first, or
    nothing changed) from the index itself."""
    changes = {c.path: c for c in report.changes} if report else {}
    details = {p.path: p.detail for p in report.problems} if report else {}
    kinds = {INDEXED: SEARCHABLE, PRIVATE: KEPT_PRIVATE, FAILED: PROBLEM}
    out, unknown = [], []
    for relpath in relpaths:
        change = changes.get(relpath)
        if change is not None and change.kind in kinds:
            kind = kinds[change.kind]
            out.append(Outcome(relpath, kind, change.reason, details.get(relpath, "")))
        else:
            unknown.append(relpath)
    return out + _stored(settings, unknown) if unknown else out


def _stored(settings: Settings, relpaths: list[str]) -> list[Outcome]:
    wanted = set(relpaths)
    found: dict[str, Outcome] = {}
    pool = ReaderPool(settings.index_dir)
    try:
        with pool.catalog() as catalog:
            for record in catalog.stored_files():
                path = record["path"]
                if path not in wanted:
                    continue
                kind = record.get("kind")
                if kind == KIND_DOC:
                    found[path] = Outcome(path, SEARCHABLE)
                elif kind == KIND_PRIVATE:
                    found[path] = Outcome(path, KEPT_PRIVATE)
                elif kind == KIND_PROBLEM:
                    reason, detail = record.get("reason", ""), record.get("detail", "")
                    found[path] = Outcome(path, PROBLEM, reason, detail)
    finally:
        pool.close()
    return [found.get(p, Outcome(p, GONE)) for p in relpaths]


def file_document(settings: Settings, relpath: str, pub_class: str) -> Outcome:
    """File an unclassified document into `pub_class` and index the move.

    Raises:
        FilingError: as `file_into_class`.
    """
    new = file_into_class(settings, relpath, pub_class)
    return _the(index_now(settings, [relpath, new]), new)


def upload_document(
    settings: Settings,
    chunks: Iterable[bytes],
    filename: str,
    pub_class: str,
    details: Details,
) -> Outcome:
    """Publish an upload (refused unless the indexer can read it) and index it.

    Raises:
        UploadRefused, FilingError: as `save_upload`.
    """
    new = save_upload(settings, chunks, filename, pub_class, details)
    return _the(index_now(settings, [new]), new)


def publish_staged(settings: Settings, token: str) -> Outcome:
    """Put an image-only upload held for OCR into its class folder and index it (as
    `no-text`, until its OCR is done).

    Raises:
        FilingError: as `place_staged`.
    """
    new = place_staged(settings, token)
    return _the(index_now(settings, [new]), new)


def edit_details(settings: Settings, relpath: str, details: Details) -> Outcome:
    """Write `details` into the document's sidecar (keeping its other keys) and re-index it.

    Raises:
        FilingError: not a document in the drop folder, or a sidecar that must be fixed by
            hand first.
    """
    pdf = _known_document(settings, relpath)
    write_sidecar(pdf, merged_sidecar(read_sidecar_data(pdf), details))
    return _the(index_now(settings, [relpath]), relpath)


def current_details(settings: Settings, relpath: str) -> Details:
    """What the document's sidecar says now (for the edit form).

    Raises:
        FilingError: not a document the library knows, or its sidecar cannot be read.
    """
    return Details.from_sidecar(read_sidecar_data(_known_document(settings, relpath)))


def _known_document(settings: Settings, relpath: str) -> Path:
    # Only a path the index knows (so one the scanner found inside documents/) is touched.
    pdf = settings.documents_dir / relpath
    if (
        not relpath
        or outcomes_of(settings, [relpath])[0].state == GONE
        or pdf.is_symlink()
        or not pdf.is_file()
    ):
        raise FilingError(f"{relpath or 'that'} is not a document in the library")
    return pdf


def _the(outcomes: list[Outcome], relpath: str) -> Outcome:
    return next(o for o in outcomes if o.relpath == relpath)
