"""Passage vectors on disk, inside an index generation: written by the writer, memory-mapped
by readers.

    gen-000004/vectors/
      manifest.json          {"model": <weights sha256>, "segments": ["seg-000001", ...]}
      seg-000001.npy         float32 (rows, 384), unit rows
      seg-000001.json        per row: the file's content hash (by index into "shas"), the
                             page and the passage's number on that page

Rows are keyed by the *content hash* of the file they came from, not its path, so a moved,
copied or re-filed document reuses its vectors, as its text is reused. Segments never change
once written (like Whoosh's): a commit adds one, and the manifest, replaced atomically after
the segment's files are on disk, is the commit point. A writer killed mid-write leaves the
last manifest and so the last good set; its orphaned files are removed by the next writer.
Rows of a file no longer indexed as public are never read (readers keep only the rows whose
hash belongs to a public `doc` record) and are purged from disk by the next writer.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from library.store import fsync_dir

FOLDER = "vectors"
MANIFEST = "manifest.json"
# Passages are about this many words: one idea each, well inside the model's 256 wordpieces.
PASSAGE_WORDS = 120
# A very long document embeds its first passages only (its text is still searched in full):
# at about 12 passages a second on one core, this bounds one document to under half a minute.
MAX_PASSAGES = 300
_SEGMENT = re.compile(r"seg-(\d{6})$")


def passages_of(text: str, words: int = PASSAGE_WORDS) -> list[str]:
    """A page's text as passages of about `words` words, in order (the same split whenever it
    is asked, so a row's passage number finds its text again for the snippet)."""
    tokens = text.split()
    return [" ".join(tokens[i : i + words]) for i in range(0, len(tokens), words)]


def folder_of(gen: Path) -> Path:
    return gen / FOLDER


@dataclass
class Segment:
    """One segment's rows: vectors (memory-mapped) and, per row, hash index, page, passage."""

    name: str
    matrix: np.ndarray
    shas: list[str]
    sha_of_row: np.ndarray  # index into `shas`, per row
    page: np.ndarray
    passage: np.ndarray


@dataclass
class Manifest:
    model: str = ""
    segments: list[str] = field(default_factory=list)


def read_manifest(folder: Path) -> Manifest:
    """The committed set (empty when there is none, or it cannot be read)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return Manifest(str(data["model"]), [str(s) for s in data["segments"]])
    except (OSError, ValueError, KeyError, TypeError):
        return Manifest()


def manifest_stamp(folder: Path) -> tuple[int, int] | None:
    """Changes whenever a new manifest is committed (readers reload on a change)."""
    try:
        st = (folder / MANIFEST).stat()
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns)


def read_segment(folder: Path, name: str) -> Segment:
    """A committed segment, its vectors memory-mapped (shared by every reader process)."""
    meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    matrix = np.load(folder / f"{name}.npy", mmap_mode="r")
    return Segment(
        name,
        matrix,
        list(meta["shas"]),
        np.asarray(meta["sha"], dtype=np.int32),
        np.asarray(meta["page"], dtype=np.int32),
        np.asarray(meta["passage"], dtype=np.int32),
    )


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Commit `manifest`: written beside, synced, then renamed over the old one."""
    tmp = folder / f".{MANIFEST}.{os.getpid()}"
    data = {"model": manifest.model, "segments": manifest.segments}
    _write_synced(tmp, json.dumps(data).encode("utf-8"))
    tmp.replace(folder / MANIFEST)
    fsync_dir(folder)


def write_segment(folder: Path, name: str, rows: list[tuple[str, int, int]], vecs: Any) -> None:
    """Write a segment's two files (not yet committed: only a manifest naming it does)."""
    folder.mkdir(parents=True, exist_ok=True)
    shas: dict[str, int] = {}
    sha_index = [shas.setdefault(sha, len(shas)) for sha, _, _ in rows]
    meta = {
        "shas": list(shas),
        "sha": sha_index,
        "page": [p for _, p, _ in rows],
        "passage": [n for _, _, n in rows],
    }
    matrix = np.ascontiguousarray(vecs, dtype=np.float32)
    tmp = folder / f".{name}.npy.tmp"
    with tmp.open("wb") as f:
        np.save(f, matrix)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(folder / f"{name}.npy")
    _write_synced(folder / f"{name}.json", json.dumps(meta).encode("utf-8"))


def next_segment_name(folder: Path, taken: Iterable[str]) -> str:
    """A segment name no file in `folder` and no name in `taken` has."""
    numbers = [int(m.group(1)) for s in taken if (m := _SEGMENT.match(s))]
    if folder.is_dir():
        numbers += [
            int(m.group(1)) for p in folder.iterdir() if (m := _SEGMENT.match(p.name.split(".")[0]))
        ]
    return f"seg-{max(numbers, default=0) + 1:06d}"


def remove_unlisted(folder: Path, manifest: Manifest) -> None:
    """Delete segment files the manifest does not name (a killed writer's, or merged away).
    Only the writer calls this; a reader holding an old segment keeps its open mapping."""
    if not folder.is_dir():
        return
    keep = set(manifest.segments)
    for path in folder.iterdir():
        if path.name != MANIFEST and path.name.split(".")[0] not in keep:
            path.unlink(missing_ok=True)


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
