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

A segment of `CLUSTER_ROWS` rows or more is also split into lists of nearby vectors (k-means,
about the square root of its rows many), its rows stored list by list:

      seg-000007.lists.npy   float32 (lists, 384), each list's unit centroid
      seg-000007.json        ... and "starts": the first row of each list, then the row count

so a query can score the few lists nearest to it instead of every row (an inverted-file
index, as FAISS's IVF-Flat): at 100,000 pages the full scan was a third of a search.
"""

from __future__ import annotations

import json
import math
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
# A segment this big gets lists (the writer's segments are `FLUSH_ROWS`, 4,096, or more, so a
# small library is scanned exactly, as it costs about a millisecond).
CLUSTER_ROWS = 4096
# K-means: trained on at most this many of a segment's rows, for this many rounds (fixed seed,
# so a segment's lists are the same whenever it is written).
_TRAIN_ROWS = 20_000
_ROUNDS = 8
LISTS_SUFFIX = ".lists.npy"


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
    # The lists, when the segment has them: each list's centroid, and its rows
    # `starts[i]:starts[i + 1]`.
    centroids: np.ndarray | None = None
    starts: np.ndarray | None = None


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
    # A plain array over the mapping: a memmap slice costs a Python object of its own, and a
    # query takes dozens of slices of each segment with lists.
    matrix = np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r"))
    centroids = starts = None
    if "starts" in meta:
        centroids = np.load(folder / f"{name}{LISTS_SUFFIX}")
        starts = np.asarray(meta["starts"], dtype=np.int64)
    return Segment(
        name,
        matrix,
        list(meta["shas"]),
        np.asarray(meta["sha"], dtype=np.int32),
        np.asarray(meta["page"], dtype=np.int32),
        np.asarray(meta["passage"], dtype=np.int32),
        centroids,
        starts,
    )


def segment_files(folder: Path, name: str) -> list[Path]:
    """The files of segment `name` that exist (its lists file only when it has lists)."""
    paths = [folder / f"{name}{suffix}" for suffix in (".npy", ".json", LISTS_SUFFIX)]
    return [p for p in paths if p.exists()]


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
    matrix = np.ascontiguousarray(vecs, dtype=np.float32)
    lists = None
    if len(rows) >= CLUSTER_ROWS:
        order, centroids, starts = cluster(matrix)
        matrix = np.ascontiguousarray(matrix[order])
        rows = [rows[i] for i in order.tolist()]
        lists = (centroids, starts)
    shas: dict[str, int] = {}
    sha_index = [shas.setdefault(sha, len(shas)) for sha, _, _ in rows]
    meta: dict[str, Any] = {
        "shas": list(shas),
        "sha": sha_index,
        "page": [p for _, p, _ in rows],
        "passage": [n for _, _, n in rows],
    }
    _save_synced(folder, f"{name}.npy", matrix)
    if lists is not None:
        _save_synced(folder, f"{name}{LISTS_SUFFIX}", lists[0])
        meta["starts"] = lists[1].tolist()
    _write_synced(folder / f"{name}.json", json.dumps(meta).encode("utf-8"))


def cluster(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spherical k-means over unit rows: (row order, list by list; each list's unit centroid;
    each list's first row in that order, then the row count). About sqrt(rows) lists, the
    usual choice for an inverted file: a query then scores sqrt(rows) centroids and a few
    lists of sqrt(rows) rows each."""
    n = len(matrix)
    k = max(1, round(math.sqrt(n)))
    rng = np.random.default_rng(0)
    train = matrix
    if n > _TRAIN_ROWS:
        train = matrix[np.sort(rng.choice(n, _TRAIN_ROWS, replace=False))]
    centroids = np.array(train[np.sort(rng.choice(len(train), k, replace=False))])
    for _ in range(_ROUNDS):
        nearest = np.argmax(train @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, nearest, train)
        norms = np.linalg.norm(sums, axis=1)
        filled = norms > 0  # a list left empty keeps its centroid
        centroids[filled] = sums[filled] / norms[filled, None]
    nearest = np.concatenate(
        [np.argmax(matrix[i : i + 8192] @ centroids.T, axis=1) for i in range(0, n, 8192)]
    )
    order = np.argsort(nearest, kind="stable")
    starts = np.searchsorted(nearest[order], np.arange(k + 1))
    return order, centroids.astype(np.float32), starts.astype(np.int64)


def _save_synced(folder: Path, filename: str, array: np.ndarray) -> None:
    tmp = folder / f".{filename}.tmp"
    with tmp.open("wb") as f:
        np.save(f, array)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(folder / filename)


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
