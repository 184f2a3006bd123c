"""The two file moves staff make from the browser: filing a document into a class folder,
and adding an uploaded PDF. They only put files into `documents/`; `librarian.publishing`
then indexes them through the one writer (`indexing.sync`), watcher or none.

An upload is read the way the indexer would read it (`indexing.examine`) before it is
accepted: a file that could not be indexed is refused with its reason (`UploadRefused`), and
an image-only one is held in `index/uploads/` until staff run OCR on it.

Neither ever overwrites a file: filing refuses when the class folder already has that name,
and an upload takes the next free name (`report-2.pdf`). An upload is written under a hidden
name (which the watcher ignores) and linked into place only when complete, with its sidecar
already beside it, so the watcher never sees half a file.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from library import store
from library.classes import UNCLASSIFIED, class_for_path, get_class, is_class_slug
from library.errors import FilingError
from library.indexing import examine, is_document_name, sidecar_path
from library.librarian.details import Details, toml_text
from library.models import Problem

if TYPE_CHECKING:
    from library.config import Settings

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_MAX_NAME = 100
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_STAGED_HOURS = 24
NEEDS_OCR = "no-text"


class UploadRefused(FilingError):
    """An upload the indexer could not read; nothing was published. `problem` says why;
    `staged` is the token of an image-only upload kept for OCR ("" otherwise)."""

    def __init__(self, problem: Problem, staged: str = "") -> None:
        super().__init__(problem.detail, field="file")
        self.problem = problem
        self.staged = staged


def safe_filename(name: str) -> str:
    """A client's file name made safe for the drop folder: no folders, no hidden or odd
    characters, lower case, ending in `.pdf` (`../../Budget 2025 (final).PDF` →
    `budget-2025-final.pdf`)."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii").lower()
    stem = base[:-4] if base.endswith(".pdf") else base
    stem = _UNSAFE.sub("-", stem).strip(".-_")
    stem = re.sub(r"-{2,}", "-", stem)[: _MAX_NAME - 4].rstrip(".-_")
    return f"{stem or 'document'}.pdf"


def file_into_class(settings: Settings, relpath: str, pub_class: str) -> str:
    """Move an unclassified document (and its sidecar) into `pub_class`'s folder with
    `os.rename`; returns the new relative path.

    Raises:
        FilingError: not an unclassified PDF in the drop folder, an unknown class, or a file
            of that name already in the class folder.
    """
    if not is_class_slug(pub_class):
        raise FilingError(f"{pub_class!r} is not a class of the publication scheme")
    source = _document(settings, relpath)
    if class_for_path(relpath) != UNCLASSIFIED.slug:
        raise FilingError(f"{relpath} is already in a class folder")
    folder = settings.documents_dir / pub_class
    target = folder / source.name
    side_from, side_to = sidecar_path(source), sidecar_path(target)
    if target.exists() or target.is_symlink() or side_to.exists():
        raise FilingError(
            f"{get_class(pub_class).name} already has a file named {source.name}: "
            "rename one of them first"
        )
    folder.mkdir(exist_ok=True)
    # The sidecar goes first, so the PDF arrives in its new place already described.
    moved_sidecar = side_from.is_file()
    if moved_sidecar:
        side_from.rename(side_to)
    try:
        source.rename(target)  # os.rename: atomic, within documents/
    except OSError:
        if moved_sidecar:
            side_to.rename(side_from)
        raise
    new = target.relative_to(settings.documents_dir).as_posix()
    logger.info("filed %s as %s", relpath, new)
    return new


def _document(settings: Settings, relpath: str) -> Path:
    parts = PurePosixPath(relpath).parts
    if not parts or any(p in ("", ".", "..") for p in parts) or relpath.startswith("/"):
        raise FilingError("not a document path")
    path = settings.documents_dir / relpath
    if not is_document_name(path.name) or path.is_symlink() or not path.is_file():
        raise FilingError(f"{relpath} is not a document in the drop folder")
    return path


def check_upload(head: bytes, size: int, max_mb: float) -> None:
    """Refuse what is not a PDF or too large, before anything is written.

    Raises:
        FilingError: the first bytes are not `%PDF-`, the file is empty, or over `max_mb`.
    """
    if size <= 0:
        raise FilingError(
            "the file is empty (0 bytes): choose the PDF again, or export it again if it is "
            "empty on your computer too",
            field="file",
        )
    if size > max_mb * 1024 * 1024:
        raise FilingError(
            f"the file is {size / 1048576:.1f} MB; the limit is {max_mb:g} MB: split it or "
            "make it smaller",
            field="file",
        )
    if not head.startswith(PDF_MAGIC):
        raise FilingError("only PDF files can be published (this file is not a PDF)", field="file")


def save_upload(
    settings: Settings,
    chunks: Iterable[bytes],
    filename: str,
    pub_class: str,
    details: Details | None = None,
) -> str:
    """Write an uploaded PDF (already checked with `check_upload`) into `pub_class`'s folder
    under a safe, unused name, with a sidecar of its `details`, once the indexer can read
    it; returns the new relative path.

    Raises:
        UploadRefused: the indexer could not read it (encrypted, corrupt, image-only...).
        FilingError: an unknown class, or the file grew past the limit while being written.
    """
    if not is_class_slug(pub_class):
        raise FilingError(f"{pub_class!r} is not a class of the publication scheme", field="class")
    details = details or Details()
    folder = settings.documents_dir / pub_class
    folder.mkdir(parents=True, exist_ok=True)
    limit = settings.upload_max_mb * 1024 * 1024
    name = safe_filename(filename)
    # Hidden (the watcher ignores it) but with the file's own extension, which is how the
    # indexer knows what format to read it as.
    tmp = folder / f".upload-{secrets.token_hex(8)}{PurePosixPath(name).suffix}"
    try:
        written = 0
        with tmp.open("xb") as fh:
            for chunk in chunks:
                written += len(chunk)
                if written > limit:
                    raise FilingError(
                        f"the file is larger than {settings.upload_max_mb:g} MB", field="file"
                    )
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        problem = examine(settings, tmp, relpath=f"{pub_class}/{name}")
        if problem is not None:
            staged = _stage(settings, tmp, name, pub_class, details) if _ocr_helps(problem) else ""
            raise UploadRefused(problem, staged)
        target = _place(tmp, folder, name, toml_text(details.as_sidecar()))
    finally:
        tmp.unlink(missing_ok=True)
    new = target.relative_to(settings.documents_dir).as_posix()
    logger.info("uploaded %s (%d bytes)", new, written)
    return new


def _ocr_helps(problem: Problem) -> bool:
    return problem.reason == NEEDS_OCR


def _stage(settings: Settings, tmp: Path, name: str, pub_class: str, details: Details) -> str:
    """Keep an image-only upload (and what staff said about it) under index/uploads/ until
    they run OCR on it; returns its token. Older ones, never OCR'd, are dropped."""
    folder = store.uploads_dir(settings.index_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        try:
            if old.stat().st_mtime < time.time() - _STAGED_HOURS * 3600:
                old.unlink()
        except FileNotFoundError:  # another worker cleared it first
            pass
    token = secrets.token_hex(16)
    shutil.copyfile(tmp, folder / f"{token}.pdf")
    about = {"name": name, "class": pub_class, "sidecar": toml_text(details.as_sidecar())}
    (folder / f"{token}.json").write_text(json.dumps(about), encoding="utf-8")
    return token


def place_staged(settings: Settings, token: str) -> str:
    """Put a staged upload into its class folder (under a free name, with its sidecar) and
    forget it; returns the new relative path.

    Raises:
        FilingError: no staged upload has that token (already placed, or expired).
    """
    folder = store.uploads_dir(settings.index_dir)
    staged, about_path = folder / f"{token}.pdf", folder / f"{token}.json"
    if not _TOKEN.match(token) or not staged.is_file() or not about_path.is_file():
        raise FilingError("that upload is no longer waiting for OCR: upload it again")
    about = json.loads(about_path.read_text(encoding="utf-8"))
    target_folder = settings.documents_dir / about["class"]
    target_folder.mkdir(parents=True, exist_ok=True)
    tmp = target_folder / f".upload-{secrets.token_hex(8)}.part"
    try:
        shutil.copyfile(staged, tmp)  # index/ and documents/ may be different file systems
        target = _place(tmp, target_folder, about["name"], about["sidecar"])
    finally:
        tmp.unlink(missing_ok=True)
    staged.unlink(missing_ok=True)
    about_path.unlink(missing_ok=True)
    return target.relative_to(settings.documents_dir).as_posix()


def _place(tmp: Path, folder: Path, name: str, sidecar: str) -> Path:
    stem = name[:-4]
    for n in range(1, 1000):
        target = folder / (name if n == 1 else f"{stem}-{n}.pdf")
        side = sidecar_path(target)
        if target.exists() or target.is_symlink() or side.exists():
            continue
        if sidecar:
            side_tmp = folder / f".{side.name}.{secrets.token_hex(4)}.part"
            side_tmp.write_text(sidecar, encoding="utf-8")
            side_tmp.replace(side)
        try:
            target.hardlink_to(tmp)  # fails instead of overwriting a file that appeared meanwhile
        except FileExistsError:
            if sidecar:
                side.unlink(missing_ok=True)
            continue
        except OSError:
            # A file system without hard links (some network shares): the name was free a
            # moment ago, which is the best such a share can promise.
            tmp.replace(target)
        return target
    raise FilingError(f"too many files named like {name} in this class")
