"""Passage vectors for semantic search, made by the one writer after each text commit.

A run of `sync` or `rebuild` commits the text first (a dropped PDF is searchable at once),
then embeds the passages of every public document whose content hash has no vectors yet and
commits them as one new segment (`library.vectors`). So a moved or re-filed file, or one whose
text was reused, costs nothing here, and a model installed later fills the whole index in on
the next run. Private documents and problems have no `doc` record and so no vectors; the
rows of a file that stopped being public are purged.

Memory stays bounded: vectors go to disk every `FLUSH_ROWS` rows, and one document's passages
are embedded at a time.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh.index import Index

from library import vectors
from library.embedding import load_model
from library.schema import KIND_DOC, stored_pages

logger = logging.getLogger(__name__)

# Rows per segment file while embedding (6 MB of float32 vectors).
FLUSH_ROWS = 4096
# Segments smaller than this are merged together once there are more than `MAX_SMALL`.
SMALL_ROWS = 1024
MAX_SMALL = 8


@dataclass
class VectorRun:
    """What one run did to the vectors (for the report and the log)."""

    state: str = ""  # "semantic search on: …" / "semantic search off: …"
    documents: int = 0  # documents embedded in this run
    passages: int = 0


def carry_over(old_gen: Path | None, new_gen: Path) -> None:
    """Give a new generation the old one's vectors (hard links: segments never change), so
    `reindex` re-embeds only files whose content is new; the swap then covers both."""
    if old_gen is None:
        return
    source, target = vectors.folder_of(old_gen), vectors.folder_of(new_gen)
    manifest = vectors.read_manifest(source)
    if not manifest.segments:
        return
    target.mkdir(parents=True, exist_ok=True)
    for name in manifest.segments:
        for src in vectors.segment_files(source, name):
            dst = target / src.name
            try:
                os.link(src, dst)
            except OSError:
                shutil.copyfile(src, dst)
    vectors.write_manifest(target, manifest)


def fill(
    ix: Index, gen: Path, model_setting: str, *, again: frozenset[str] = frozenset()
) -> VectorRun:
    """Embed what the committed index lacks, purge what it no longer holds (see the module).
    Files at the paths in `again` are embedded anew (their text was extracted again, e.g.
    after `library ocr`, though their bytes are the same)."""
    model, state = load_model(model_setting)
    run = VectorRun(state=state.describe())
    if model is None:
        return run
    folder = vectors.folder_of(gen)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = vectors.read_manifest(folder)
    if manifest.model != model.model_id:
        manifest = vectors.Manifest(model.model_id, [])  # another model's vectors: start over
    vectors.remove_unlisted(folder, manifest)
    with ix.searcher() as searcher:
        docs = {f["sha256"]: f for f in searcher.documents(kind=KIND_DOC) if f.get("sha256")}
        redo = {sha for sha, f in docs.items() if f["path"] in again}
        if redo:  # their old rows go first, as rows of files no longer indexed do
            _purge_and_merge(folder, manifest, set(docs) - redo)
        segments = [vectors.read_segment(folder, name) for name in manifest.segments]
        have = {sha for seg in segments for sha in seg.shas}
        pending = _Pending(folder, manifest)
        for sha in sorted(set(docs) - have):
            fields = docs[sha]
            rows, texts = _passages(fields, stored_pages(searcher, fields["path"]))
            if rows:
                pending.add(rows, model.embed(texts))
                run.documents += 1
                run.passages += len(rows)
    pending.flush()
    _purge_and_merge(folder, manifest, set(docs))
    vectors.write_manifest(folder, manifest)
    vectors.remove_unlisted(folder, manifest)
    return run


def _passages(
    doc: dict[str, object], pages: list[dict[str, object]]
) -> tuple[list[tuple[str, int, int]], list[str]]:
    """Each passage of each page, prefixed with the document's title (the words that say
    what the whole document is about), up to `vectors.MAX_PASSAGES`."""
    title = str(doc.get("title") or "")
    sha = str(doc["sha256"])
    rows: list[tuple[str, int, int]] = []
    texts: list[str] = []
    for page in sorted(pages, key=lambda p: int(str(p["page"]))):
        for n, passage in enumerate(vectors.passages_of(str(page.get("text") or ""))):
            if len(rows) >= vectors.MAX_PASSAGES:
                return rows, texts
            rows.append((sha, int(str(page["page"])), n))
            texts.append(f"{title}. {passage}" if title else passage)
    return rows, texts


class _Pending:
    """Rows embedded but not yet on disk; written as a segment every `FLUSH_ROWS`."""

    def __init__(self, folder: Path, manifest: vectors.Manifest) -> None:
        self.folder = folder
        self.manifest = manifest
        self.rows: list[tuple[str, int, int]] = []
        self.vecs: list[np.ndarray] = []

    def add(self, rows: list[tuple[str, int, int]], vecs: np.ndarray) -> None:
        self.rows.extend(rows)
        self.vecs.append(vecs)
        if len(self.rows) >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        name = vectors.next_segment_name(self.folder, self.manifest.segments)
        vectors.write_segment(self.folder, name, self.rows, np.concatenate(self.vecs))
        self.manifest.segments.append(name)
        self.rows, self.vecs = [], []


def _purge_and_merge(folder: Path, manifest: vectors.Manifest, live: set[str]) -> None:
    """Rewrite segments holding rows of files no longer public (or gone) without them, and
    merge small segments, so neither dead rows nor many tiny files build up."""
    kept: list[str] = []
    small: list[vectors.Segment] = []
    for name in manifest.segments:
        seg = vectors.read_segment(folder, name)
        alive = np.array([seg.shas[i] in live for i in seg.sha_of_row], dtype=bool)
        if alive.all() and len(alive) >= SMALL_ROWS:
            kept.append(name)
        elif alive.any():
            small.append(_only(seg, alive))
    if small and (len(small) > MAX_SMALL or any(s.name.endswith("*") for s in small)):
        small = [_merged(small)]
    for seg in small:
        if seg.name.endswith("*"):  # changed: written anew under a new name
            name = vectors.next_segment_name(folder, [*manifest.segments, *kept])
            rows = [
                (seg.shas[s], int(p), int(n))
                for s, p, n in zip(seg.sha_of_row, seg.page, seg.passage, strict=True)
            ]
            vectors.write_segment(folder, name, rows, seg.matrix)
            kept.append(name)
        else:
            kept.append(seg.name)
    manifest.segments = kept


def _only(seg: vectors.Segment, alive: np.ndarray) -> vectors.Segment:
    if alive.all():
        return seg
    return vectors.Segment(
        seg.name + "*",
        np.asarray(seg.matrix)[alive],
        seg.shas,
        seg.sha_of_row[alive],
        seg.page[alive],
        seg.passage[alive],
    )


def _merged(segments: list[vectors.Segment]) -> vectors.Segment:
    shas: list[str] = []
    index: dict[str, int] = {}
    remapped = []
    for seg in segments:
        table = np.array([index.setdefault(s, len(index)) for s in seg.shas], dtype=np.int32)
        remapped.append(table[seg.sha_of_row] if len(seg.sha_of_row) else seg.sha_of_row)
    shas = list(index)
    return vectors.Segment(
        "merged*",
        np.concatenate([np.asarray(s.matrix) for s in segments]),
        shas,
        np.concatenate(remapped),
        np.concatenate([s.page for s in segments]),
        np.concatenate([s.passage for s in segments]),
    )
