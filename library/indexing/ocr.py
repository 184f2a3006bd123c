"""OCR for scanned PDFs: a text-layer copy kept beside the index, never in place of the original.

    index/ocr/<sha256>.pdf      the original plus Tesseract's invisible text, made by OCRmyPDF

Why a copy in the index folder and not `NAME.ocr.pdf` beside the original: the drop folder is
what the public is served and what staff own, so nothing is ever written there (a second PDF
would also be indexed as a second document). The copy is keyed by the original's content
hash: the indexer reads the copy instead of the original when one exists for exactly these
bytes, a changed file simply has no copy, and a rebuild keeps the OCR text without redoing it.
Only the extracted text reaches the index; the copy itself is never served.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from library import store
from library.errors import ExtractionError, IndexMissingError, OcrUnavailableError
from library.indexing import indexer
from library.indexing.sidecar import is_private
from library.models import Problem
from library.schema import KIND_PROBLEM, stored_files

if TYPE_CHECKING:
    from whoosh.searching import Searcher

    from library.config import Settings
    from library.indexing.report import Progress, SyncReport

logger = logging.getLogger(__name__)
T = TypeVar("T")

NEEDS_OCR = "no-text"
INSTALL_HINT = (
    "OCR is not available: install Tesseract (Debian: `apt-get install tesseract-ocr`) and "
    "OCRmyPDF (`pip install 'publication-library[ocr]'`, or Debian's `ocrmypdf`)"
)


def find_engine() -> list[str]:
    """The OCRmyPDF command to run.

    Raises:
        OcrUnavailableError: Tesseract or OCRmyPDF is missing; the message says how to fix it.
    """
    if shutil.which("tesseract") is None:
        raise OcrUnavailableError(INSTALL_HINT + " (tesseract not found)")
    if importlib.util.find_spec("ocrmypdf") is not None:
        return [sys.executable, "-m", "ocrmypdf"]
    command = shutil.which("ocrmypdf")
    if command is None:
        raise OcrUnavailableError(INSTALL_HINT + " (ocrmypdf not found)")
    return [command]


def is_available() -> bool:
    try:
        find_engine()
    except OcrUnavailableError:
        return False
    return True


def make_text_layer(
    source: Path, dest: Path, *, engine: list[str], language: str, timeout: float, jobs: int = 1
) -> None:
    """Write `source` with an OCR text layer to `dest`, atomically (a temporary name, then a
    rename), so the indexer never reads a half-written copy. `source` is only read.

    Raises:
        ExtractionError: reason `ocr-failed` when OCRmyPDF fails or takes longer than `timeout`.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.stem}.{os.getpid()}.tmp")
    # --skip-text leaves pages that already have text alone; plain PDF output needs no
    # Ghostscript PDF/A pass and changes nothing but the added text.
    argv = [
        *engine,
        "--skip-text",
        "--output-type",
        "pdf",
        "--language",
        language,
        "--jobs",
        str(max(1, jobs)),
        "--quiet",
        str(source),
        str(tmp),
    ]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        tmp.unlink(missing_ok=True)
        raise ExtractionError("ocr-failed", f"OCR took longer than {timeout:g} s") from None
    if done.returncode != 0 or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        lines = (done.stderr or done.stdout or "").strip().splitlines()
        detail = lines[-1] if lines else f"exit code {done.returncode}"
        raise ExtractionError("ocr-failed", f"OCRmyPDF failed: {detail[:200]}")
    tmp.replace(dest)


@dataclass
class OcrReport:
    """What one `library ocr` run did."""

    done: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    still_no_text: list[str] = field(default_factory=list)
    sync: SyncReport | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "done": self.done,
            "cached": self.cached,
            "failed": [p.to_dict() for p in self.failed],
            "skipped": self.skipped,
            "still_no_text": self.still_no_text,
            "indexed": self.sync.to_dict() if self.sync else None,
        }


def _read_index(index_dir: Path, read: Callable[[Searcher], T]) -> T | None:
    """`read(searcher)` on the live index, or None when there is no index yet."""
    try:
        ix = store.open_current(index_dir)
    except IndexMissingError:
        return None
    try:
        with ix.searcher() as searcher:
            return read(searcher)
    finally:
        ix.close()


def candidates(settings: Settings) -> list[str]:
    """Documents the index holds as `no-text` (image only): the ones OCR can help."""

    def no_text(searcher: Searcher) -> list[str]:
        problems = searcher.documents(kind=KIND_PROBLEM)
        return sorted(f["path"] for f in problems if f.get("reason") == NEEDS_OCR)

    return _read_index(settings.index_dir, no_text) or []


def ocr_documents(
    settings: Settings,
    relpaths: Iterable[str] | None = None,
    *,
    progress: Progress | None = None,
) -> OcrReport:
    """Give every image-only document (or the ones named) a text layer, then index them.

    Non-public documents are skipped: their text must never reach the index.

    Raises:
        OcrUnavailableError: the OCR tools are not installed.
        IndexLockedError: the index stayed locked while re-indexing.
    """
    from library.indexing.scan import file_sha256

    engine = find_engine()
    wanted = sorted(set(relpaths)) if relpaths is not None else candidates(settings)
    report = OcrReport()
    if progress:
        progress.start(len(wanted))
    for relpath in wanted:
        path = settings.documents_dir / relpath
        if not path.is_file() or path.is_symlink() or is_private(path):
            report.skipped.append(relpath)
        else:
            dest = store.ocr_copy(settings.index_dir, file_sha256(path))
            if dest.is_file():
                report.cached.append(relpath)
            else:
                try:
                    make_text_layer(
                        path,
                        dest,
                        engine=engine,
                        language=settings.ocr_language,
                        timeout=settings.ocr_timeout,
                        jobs=settings.jobs,
                    )
                    report.done.append(relpath)
                    logger.info("made a text layer for %s", relpath)
                except ExtractionError as exc:
                    report.failed.append(Problem(relpath, exc.reason, exc.detail))
        if progress:
            progress.advance(relpath, 0)
    redo = [*report.done, *report.cached]
    if redo:
        report.sync = indexer.sync(settings, only=redo, force=redo)
        failed = {p.path for p in report.sync.problems if p.reason == NEEDS_OCR}
        report.still_no_text = sorted(failed)
    prune(settings)
    return report


def prune(settings: Settings) -> list[Path]:
    """Remove text-layer copies no indexed file has any more (changed or deleted files)."""
    folder = store.ocr_dir(settings.index_dir)
    if not folder.is_dir():
        return []
    live = _read_index(
        settings.index_dir, lambda searcher: {f.get("sha256") for f in stored_files(searcher)}
    )
    if live is None:
        return []
    removed = []
    for copy in folder.glob("*.pdf"):
        if copy.stem not in live:
            copy.unlink(missing_ok=True)
            removed.append(copy)
    return removed
