"""Which files in the drop folder are documents, and how to tell whether one has changed."""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from library.indexing.formats import format_of, is_unsupported
from library.indexing.sidecar import sidecar_path

logger = logging.getLogger(__name__)

# Names that are never documents: temporary files of browsers, office suites and copy tools,
# and hidden files. A rename from one of these to `x.pdf` is then seen as a new file.
IGNORED_PATTERNS = ("~$*", ".~lock*", "*.part", "*.crdownload", "*.tmp", "*.swp", "*~")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileState:
    """A candidate document as the file system shows it now."""

    relpath: str
    path: Path
    size: int
    mtime_ns: int
    sidecar_sha: str


def is_ignored(name: str) -> bool:
    """True for hidden and temporary names, which staff tools create and rename away."""
    return name.startswith(".") or any(fnmatch.fnmatch(name, p) for p in IGNORED_PATTERNS)


def is_document_name(name: str) -> bool:
    """True for a file the library indexes, or lists as `unsupported-format` (a legacy
    `.doc`, a presentation): every document in the folder is one or the other. Images,
    sidecars and other files are not documents."""
    if is_ignored(name):
        return False
    return format_of(name) is not None or is_unsupported(name)


def relpath_of(path: Path, documents_dir: Path) -> str:
    """The path relative to the drop folder, with forward slashes: the document's key."""
    return path.relative_to(documents_dir).as_posix()


def scan_documents(documents_dir: Path, *, under: Path | None = None) -> dict[str, FileState]:
    """Every document under `documents_dir` (or only under its subfolder `under`), by path
    relative to `documents_dir`.

    Symbolic links are never followed (a link could point anywhere on the server), and hidden
    folders are skipped like hidden files. Names that are not valid UTF-8 (copied from an
    old share) are skipped with a warning: the index cannot store them, and one such file
    must not stop every other file from being indexed.
    """
    found: dict[str, FileState] = {}
    top = under or documents_dir
    if not top.is_dir() or top.is_symlink():
        return found
    for root, dirs, files in os.walk(top, followlinks=False):
        dirs[:] = [d for d in dirs if not is_ignored(d) and _utf8(Path(root) / d)]
        for name in files:
            if not is_document_name(name) or not _utf8(Path(root) / name):
                continue
            path = Path(root) / name
            state = stat_document(path, documents_dir)
            if state is not None:
                found[state.relpath] = state
    return found


def scan_prefixes(documents_dir: Path, prefixes: Iterable[str]) -> dict[str, FileState]:
    """The documents at or under the given relative paths only: what the watcher's events
    named, without walking the whole drop folder on every change."""
    found: dict[str, FileState] = {}
    for prefix in prefixes:
        parts = PurePosixPath(prefix).parts
        if not parts or ".." in parts or parts[0] == "/" or any(is_ignored(p) for p in parts):
            continue
        if _through_link(documents_dir, parts[:-1]):
            continue  # a folder link: never followed, as in a full scan
        target = documents_dir.joinpath(*parts)
        if target.is_dir() and not target.is_symlink():
            found.update(scan_documents(documents_dir, under=target))
        elif is_document_name(target.name) and _utf8(target):
            state = stat_document(target, documents_dir)
            if state is not None:
                found[state.relpath] = state
    return found


def _through_link(documents_dir: Path, folders: tuple[str, ...]) -> bool:
    current = documents_dir
    for name in folders:
        current = current / name
        if current.is_symlink():
            return True
    return False


def _utf8(path: Path) -> bool:
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        logger.warning("skipping %s: its name is not valid UTF-8; rename it", ascii(str(path)))
        return False
    return True


def stat_document(path: Path, documents_dir: Path) -> FileState | None:
    """The state of one document, or None when it is gone, a link, or not a regular file."""
    try:
        st = path.lstat()
    except OSError:
        return None
    if not path.is_file() or path.is_symlink():
        if path.is_symlink():
            logger.warning("not following symbolic link %s", path)
        return None
    return FileState(
        relpath=relpath_of(path, documents_dir),
        path=path,
        size=st.st_size,
        mtime_ns=st.st_mtime_ns,
        sidecar_sha=sidecar_sha(path),
    )


def file_sha256(path: Path) -> str:
    """The content hash that decides whether a document really changed."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sidecar_sha(pdf: Path) -> str:
    """Hash of the sidecar's bytes ("" without one): editing a sidecar re-indexes its PDF."""
    try:
        return hashlib.sha256(sidecar_path(pdf).read_bytes()).hexdigest()
    except OSError:
        return ""


def matches_any(relpath: str, prefixes: Iterable[str]) -> bool:
    """True when `relpath` is one of `prefixes` or lies in a folder named by one of them."""
    return any(relpath == p or relpath.startswith(p.rstrip("/") + "/") for p in prefixes)
