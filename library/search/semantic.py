"""Semantic retrieval: the query's embedding against the passage vectors of the generation.

The vectors (`library.vectors`) are memory-mapped, so every reader process shares one copy in
the page cache. A small segment is scored whole (a millisecond at the real corpus's size); a
big one has lists of nearby vectors, and only the lists nearest the query are scored, which
at 100,000 pages cut the scan from 75 to 31 ms (bench/README, "Vectors in lists", states the
recall this costs). A row counts only if its content hash
belongs to a live, public `doc` record of the searcher's commit, so a file that was removed or
made private is never found this way, even before the writer purges its rows.

Whatever is missing (no model, another model's vectors, no vectors yet) the answer is "no
semantic hits" and a state saying why: search then runs on its words alone.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.searching import Searcher

from library import vectors
from library.embedding import ModelHandle, ModelState
from library.embedding_helper import Asked, EmbeddingHelper, worth_it
from library.schema import KIND_DOC
from library.search import ranking

# Passages looked at per query (before grouping them by document).
TOP_PASSAGES = 200
# A segment with lists (`vectors.CLUSTER_ROWS`) is scored in its nearest lists only: this
# share of them, and at least `MIN_PROBE` (see bench/README, "Vectors in lists").
PROBE_SHARE = 0.25
MIN_PROBE = 4
_KEEP = 2


@dataclass(frozen=True)
class SemanticDoc:
    """A document the query is close to in meaning, by its best passage."""

    docnum: int
    score: float  # cosine similarity of the best passage
    page: int
    passage: int


@dataclass
class _Loaded:
    segments: list[vectors.Segment]
    # Per row of all segments in turn: docnum (-1 when not a live public doc), page, passage.
    row_doc: np.ndarray
    page: np.ndarray
    passage: np.ndarray


@dataclass(frozen=True)
class QueryScores:
    """A query's cosine with every passage vector of one generation (`Semantic.score`): one
    search asks for the nearest documents more than once (a wider window when versions of a
    series fold together), and the product over every vector is its costliest part."""

    text: str
    loaded: _Loaded
    query: np.ndarray  # the query's vector
    scores: np.ndarray  # per row of `loaded`: -inf where a segment's lists were not scored


def nearest(scored: QueryScores, allowed: np.ndarray, limit: int) -> list[SemanticDoc]:
    """The `limit` documents of `allowed` with the best passages in `scored`, best first.

    When the lists scored hold fewer than `TOP_PASSAGES` allowed rows (a search narrowed by
    its filters to documents far from the query), the allowed rows left out are scored too,
    so a filter never hides a document that the full scan would find."""
    loaded = scored.loaded
    docs = loaded.row_doc
    usable = docs >= 0
    usable[usable] = allowed[docs[usable]]
    count = int(usable.sum())
    if not count:
        return []
    scores = np.where(usable, scored.scores, -np.inf)
    k = min(TOP_PASSAGES, count)
    unscored = np.isneginf(scores) & usable
    if count - int(unscored.sum()) < k:
        rows = np.flatnonzero(unscored)
        scores[rows] = _rows_scores(loaded, scored.query, rows)
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top])]
    best: dict[int, SemanticDoc] = {}
    for row in top:
        if scores[row] == -np.inf:
            break  # rows no list scored: the rest are too
        docnum = int(docs[row])
        if docnum not in best:
            best[docnum] = SemanticDoc(
                docnum, float(scores[row]), int(loaded.page[row]), int(loaded.passage[row])
            )
            if len(best) >= limit:
                break
    return list(best.values())


class Semantic:
    """The model and the vectors one process searches with (shared by its threads).

    Parameters:
        model: the embedding model (loaded on the first semantic search).
        helper: embed queries in a helper process while the words are ranked
            (`library.embedding_helper`), when there is a second core for it: for a server,
            whose searches each start from a fresh query; a one-off command would wait
            longer for the helper to start than it saves.
    """

    def __init__(self, model: ModelHandle, *, helper: bool = False) -> None:
        self.model = model
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[Any, ...], _Loaded] = OrderedDict()
        self._want_helper = helper and worth_it()
        self._helper: EmbeddingHelper | None = None

    def state(self, gen: Path | None) -> ModelState:
        """Whether searches of generation `gen` use meaning as well as words, and why not."""
        state = self.model.state
        if not state.on or gen is None:
            return state
        manifest = vectors.read_manifest(vectors.folder_of(gen))
        if not manifest.segments:
            return ModelState(
                on=False, reason="no passage vectors yet (`library index` makes them)"
            )
        if manifest.model != state.model_id:
            return ModelState(
                on=False, reason="the vectors were made by another model: run `library reindex`"
            )
        return state

    def documents_with_vectors(self, searcher: Searcher, gen: Path | None) -> int:
        """How many public documents of this commit have vectors (for `library status`)."""
        loaded = self._loaded(searcher, gen) if self.state(gen).on else None
        if loaded is None:
            return 0
        return int(np.count_nonzero(np.unique(loaded.row_doc) >= 0))

    def search(
        self, searcher: Searcher, gen: Path | None, text: str, allowed: np.ndarray, limit: int
    ) -> list[SemanticDoc]:
        """The `limit` allowed documents nearest to `text` in meaning, best first."""
        scored = self.score(searcher, gen, text)
        return nearest(scored, allowed, limit) if scored is not None else []

    def ask(self, text: str) -> Asked | None:
        """Start embedding `text` in the helper, if there is one free, so that `score` finds
        its vector made while the words were ranked; the caller `finish`es what it asked."""
        helper = self._started_helper() if text.strip() else None
        return helper.ask(text) if helper is not None else None

    def _started_helper(self) -> EmbeddingHelper | None:
        if not self._want_helper or not self.model.state.on:
            return None
        with self._lock:
            if self._helper is None and self._want_helper:
                self._helper = EmbeddingHelper(self.model.setting, self.model.state.model_id)
            return self._helper

    @property
    def helper(self) -> EmbeddingHelper | None:
        """The query embedding helper, once started (None before, and without one)."""
        return self._helper

    def close(self) -> None:
        """Stop the helper process, if one was started."""
        with self._lock:
            helper, self._helper, self._want_helper = self._helper, None, False
        if helper is not None:
            helper.close()

    def score(
        self, searcher: Searcher, gen: Path | None, text: str, asked: Asked | None = None
    ) -> QueryScores | None:
        """The cosine of `text` with every passage vector of the generation (the query
        embedded, here or by the helper as `asked`, then one product over every vector): None
        when there is no meaning to use."""
        if not text.strip() or not self.state(gen).on:
            return None
        loaded = self._loaded(searcher, gen)
        model = self.model.model
        if loaded is None or model is None:
            return None
        query = asked.vector() if asked is not None and asked.text == text else None
        if query is None:
            query = model.embed([text])[0]
        with model.one_thread():  # more BLAS threads spin-wait on shared cores
            scores = score_rows(loaded, query)
        return QueryScores(text, loaded, query, scores)

    def prepare(self, searcher: Searcher, gen: Path | None) -> None:
        """Load the model and this generation's vectors now rather than at the first query."""
        if self.model.model is not None:
            self._loaded(searcher, gen)
            self._started_helper()  # it loads the model meanwhile

    def _loaded(self, searcher: Searcher, gen: Path | None) -> _Loaded | None:
        if gen is None:
            return None
        folder = vectors.folder_of(gen)
        view = ranking.view(searcher)
        key = (str(gen), vectors.manifest_stamp(folder), view.key)
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
        try:
            found = _load(searcher, view, folder)
        except (OSError, ValueError, KeyError):  # a writer merged a segment away meanwhile
            return None
        with self._lock:
            self._cache[key] = found
            while len(self._cache) > _KEEP:
                self._cache.popitem(last=False)
        return found


def score_rows(loaded: _Loaded, query: np.ndarray) -> np.ndarray:
    """Each row's cosine with `query`, segment by segment (see `_score_segment`)."""
    scores = np.empty(len(loaded.row_doc), dtype=np.float32)
    start = 0
    for seg in loaded.segments:
        end = start + len(seg.sha_of_row)
        _score_segment(seg, query, scores[start:end])
        start = end
    return scores


def _score_segment(seg: vectors.Segment, query: np.ndarray, out: np.ndarray) -> None:
    """`out` = each row's cosine with `query`; in a segment with lists, only the rows of the
    lists nearest the query (the others -inf)."""
    if seg.centroids is None or seg.starts is None:
        np.matmul(seg.matrix, query, out=out)
        return
    out.fill(-np.inf)
    closeness = seg.centroids @ query
    probe = min(len(closeness), max(MIN_PROBE, math.ceil(len(closeness) * PROBE_SHARE)))
    chosen = np.sort(np.argpartition(-closeness, probe - 1)[:probe])
    firsts, ends = seg.starts[chosen], seg.starts[chosen + 1]
    # Lists next to each other on disk are scored in one product.
    joined = np.flatnonzero(ends[:-1] != firsts[1:]) + 1
    for a, b in zip(
        firsts[np.concatenate(([0], joined))].tolist(),
        ends[np.concatenate((joined - 1, [len(ends) - 1]))].tolist(),
        strict=True,
    ):
        if b > a:
            np.matmul(seg.matrix[a:b], query, out=out[a:b])


def _rows_scores(loaded: _Loaded, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The cosine of `query` with the vectors of `rows` (ascending, over all segments): the
    rows gathered when they are few, each segment scanned whole when they are not."""
    out = np.empty(len(rows), dtype=np.float32)
    start = 0
    for seg in loaded.segments:
        end = start + len(seg.sha_of_row)
        lo, hi = (int(i) for i in np.searchsorted(rows, [start, end]))
        if hi - lo > (end - start) // 4:
            out[lo:hi] = (seg.matrix @ query)[rows[lo:hi] - start]
        elif hi > lo:
            out[lo:hi] = np.asarray(seg.matrix[rows[lo:hi] - start]) @ query
        start = end
    return out


def _load(searcher: Searcher, view: ranking.View, folder: Path) -> _Loaded:
    reader = searcher.reader()
    public = ranking.equals(view, "kind", KIND_DOC)
    doc_of: dict[str, int] = {}
    for btext in reader.lexicon("sha256"):
        for docnum in reader.postings("sha256", btext).all_ids():
            if public[docnum]:
                doc_of.setdefault(btext.decode("utf-8"), int(docnum))
    manifest = vectors.read_manifest(folder)
    segments = [vectors.read_segment(folder, name) for name in manifest.segments]
    row_doc = []
    for seg in segments:
        table = np.array([doc_of.get(s, -1) for s in seg.shas], dtype=np.int64)
        row_doc.append(table[seg.sha_of_row] if len(seg.sha_of_row) else seg.sha_of_row)
    return _Loaded(
        segments,
        np.concatenate(row_doc).astype(np.int64) if row_doc else np.zeros(0, dtype=np.int64),
        np.concatenate([s.page for s in segments]) if segments else np.zeros(0, np.int32),
        np.concatenate([s.passage for s in segments]) if segments else np.zeros(0, np.int32),
    )


def semantic_search(model_setting: str, *, helper: bool = False) -> Semantic:
    """Semantic retrieval with the model `Settings.embedding_model` names (loaded when
    first needed; `off`, or a missing model, makes every search lexical); `helper`: see
    `Semantic`."""
    return Semantic(ModelHandle(model_setting), helper=helper)
