"""Vectors in lists: what scoring a query's nearest lists only (`library.vectors`, an
inverted file) costs in recall and saves in time, against the full scan, per bench question.

For every segment the lists are made as the writer makes them (`vectors.cluster`), also for
segments too small to get them on disk, so the recall can be read on the model's own vectors
of the real corpus, not only on the made-up ones of the 100,000-page index.

    .venv/bin/python -m bench.vector_lists --index /tmp/scale100k/real/index
    .venv/bin/python -m bench.vector_lists --index /tmp/scale100k/index
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.relevance.run import QUERIES, UNANSWERABLE, load_queries, load_rows
from library import store, vectors
from library.search import ReaderPool, semantic, semantic_search


def _listed(seg: vectors.Segment) -> vectors.Segment:
    """`seg` as the writer would store it with lists (whatever its size)."""
    if seg.centroids is not None:
        return seg
    order, centroids, starts = vectors.cluster(np.asarray(seg.matrix))
    return replace(
        seg,
        matrix=np.ascontiguousarray(np.asarray(seg.matrix)[order]),
        sha_of_row=seg.sha_of_row[order],
        page=seg.page[order],
        passage=seg.passage[order],
        centroids=centroids,
        starts=starts,
    )


def _exact(seg: vectors.Segment) -> vectors.Segment:
    return replace(seg, centroids=None, starts=None)


def _reordered(loaded: semantic._Loaded, segments: list[vectors.Segment]) -> semantic._Loaded:
    """`loaded` with its segments' rows in `segments`' order (row → document kept)."""
    doc_of: dict[tuple[str, int, int], int] = {}
    start = 0
    for seg in loaded.segments:
        for i, (s, p, n) in enumerate(zip(seg.sha_of_row, seg.page, seg.passage, strict=True)):
            doc_of[(seg.shas[s], int(p), int(n))] = int(loaded.row_doc[start + i])
        start += len(seg.sha_of_row)
    row_doc = [
        doc_of[(seg.shas[s], int(p), int(n))]
        for seg in segments
        for s, p, n in zip(seg.sha_of_row, seg.page, seg.passage, strict=True)
    ]
    return semantic._Loaded(
        segments,
        np.asarray(row_doc, dtype=np.int64),
        np.concatenate([s.page for s in segments]),
        np.concatenate([s.passage for s in segments]),
    )


def _scan(loaded: semantic._Loaded, query: np.ndarray) -> tuple[semantic.QueryScores, float]:
    t = time.perf_counter()
    out = semantic.score_rows(loaded, query)
    return semantic.QueryScores("", loaded, query, out), (time.perf_counter() - t) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    args = parser.parse_args()
    out = sys.stdout
    questions = [q.query for q in load_queries(QUERIES)] + [
        r.query for r in load_rows(UNANSWERABLE)
    ]
    search = semantic_search("")
    pool = ReaderPool(args.index, search)
    gen = store.current_dir(args.index)
    with pool.catalog() as catalog:
        searcher = catalog._searcher
        loaded = search._loaded(searcher, gen)
        assert loaded is not None and search.model.model is not None, "no vectors or no model"
        model = search.model.model
        listed = [_listed(s) for s in loaded.segments]
        with_lists = _reordered(loaded, listed)
        exact = _reordered(loaded, [_exact(s) for s in listed])
        allowed = np.ones(searcher.reader().doc_count_all(), dtype=bool)
        rows = len(loaded.row_doc)
        lists = sum(len(s.centroids) for s in listed if s.centroids is not None)
        out.write(f"{rows} passages in {len(listed)} segments, {lists} lists\n")
        recall: dict[int, list[float]] = {10: [], 60: []}
        top1 = 0
        times: dict[str, list[float]] = {"full scan": [], "lists": []}
        with model.one_thread():
            for q in questions:
                vec = model.embed([q])[0]
                full, t_full = _scan(exact, vec)
                near, t_near = _scan(with_lists, vec)
                times["full scan"].append(t_full)
                times["lists"].append(t_near)
                for k in recall:
                    want = {d.docnum for d in semantic.nearest(full, allowed, k)}
                    got = {d.docnum for d in semantic.nearest(near, allowed, k)}
                    recall[k].append(len(want & got) / max(len(want), 1))
                top1 += semantic.nearest(full, allowed, 1) == semantic.nearest(near, allowed, 1)
    pool.close()
    n = len(questions)
    out.write(f"questions {n}; same nearest document {top1}/{n}\n")
    for k, values in recall.items():
        out.write(
            f"recall of the full scan's {k} nearest documents: {statistics.mean(values):.3f}\n"
        )
    for label, values in times.items():
        values.sort()
        out.write(f"{label:10s} p50 {values[n // 2]:.1f} ms  p95 {values[int(n * 0.95)]:.1f} ms\n")


if __name__ == "__main__":
    main()
