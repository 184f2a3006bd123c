"""Hybrid ranking: the BM25F ranking and the semantic one fused into one list.

Two ways were measured on the relevance bench's tuning half (bench/README.md, "Semantic
retrieval"): reciprocal-rank fusion (each list adds 1 / (RRF_K + rank)) and a linear mix of
BM25F scaled by its best score with the passage's cosine. `METHOD` is the one kept. Lexical
precision is kept by what comes after: `answers.order` still puts strong lexical matches
(those holding the question's words on one page, titles included) first, so an exact title
or phrase still wins where it matches; meaning reorders and fills in the rest. The best
passage cosine of each document (`fuse`'s third result) is evidence for that decision too:
the document meaning singles out needs fewer of the question's words (`answers.singled_out`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
from whoosh.searching import Searcher

from library import vectors
from library.models import Hit
from library.passages import Snippet
from library.schema import KIND_PAGE, Record
from library.search import ranking
from library.search.semantic import SemanticDoc
from library.search.series import Scored

# Finds the documents nearest in meaning: (query text, allowed mask, limit) -> best first.
Near = Callable[[str, np.ndarray, int], list[SemanticDoc]]

METHOD = "mix"
RRF_K = 60
# How much of the linear mix is the cosine (the rest is BM25F / its best score).
MIX_WEIGHT = 0.35
# A document found by meaning alone joins the results only this close to the query.
MIN_COSINE = 0.2
# Weight of the semantic list in reciprocal-rank fusion (the lexical list weighs 1).
SEMANTIC_WEIGHT = 1.5


def fuse(
    searcher: Searcher,
    lexical: list[Scored],
    near: list[SemanticDoc],
    matched: np.ndarray,
    *,
    method: str | None = None,
) -> tuple[list[Scored], np.ndarray, dict[str, SemanticDoc]]:
    """The fused ranking, the matched mask with the semantic-only documents added, and the
    semantic match of each path (for its snippet)."""
    by_path: dict[str, SemanticDoc] = {}
    fields_of: dict[str, Record] = {}
    view = ranking.view(searcher)
    for doc in near:
        fields = ranking.record(searcher, view, doc.docnum)  # `doc` records, kept per version
        by_path[fields["path"]] = doc
        fields_of[fields["path"]] = fields
    lexical_paths = {f["path"] for _, f in lexical}
    joined = [p for p, d in by_path.items() if p not in lexical_paths and d.score >= MIN_COSINE]
    matched = matched.copy()
    for path in joined:
        matched[by_path[path].docnum] = True
    candidates = [*lexical, *((0.0, fields_of[p]) for p in joined)]
    method = method or METHOD
    fused = _mix(candidates, by_path) if method == "mix" else _rrf(candidates, by_path)
    fused.sort(key=lambda sf: sf[0], reverse=True)
    return fused, matched, by_path


def _rrf(candidates: list[Scored], by_path: dict[str, SemanticDoc]) -> list[Scored]:
    sem_rank = {path: rank for rank, path in enumerate(by_path)}  # best first
    lex_rank = {f["path"]: r for r, (s, f) in enumerate(candidates) if s > 0}
    out: list[Scored] = []
    for _, fields in candidates:
        path = fields["path"]
        score = 0.0
        if path in lex_rank:
            score += 1.0 / (RRF_K + lex_rank[path] + 1)
        if path in sem_rank:
            score += SEMANTIC_WEIGHT / (RRF_K + sem_rank[path] + 1)
        out.append((score, fields))
    return out


def _mix(candidates: list[Scored], by_path: dict[str, SemanticDoc]) -> list[Scored]:
    top = max((s for s, _ in candidates), default=0.0) or 1.0
    floor = min((d.score for d in by_path.values()), default=0.0)
    out: list[Scored] = []
    for score, fields in candidates:
        doc = by_path.get(fields["path"])
        cosine = max(doc.score if doc else floor, 0.0)
        out.append(((1 - MIX_WEIGHT) * score / top + MIX_WEIGHT * cosine, fields))
    return out


def with_passages(
    searcher: Searcher, hits: tuple[Hit, ...], near: dict[str, SemanticDoc]
) -> tuple[Hit, ...]:
    """Hits that no page matched by its words show the passage that matched by meaning,
    with its page number."""
    out = []
    view = ranking.view(searcher)
    for hit in hits:
        doc = near.get(hit.path)
        if hit.pages or doc is None:
            out.append(hit)
            continue
        text = ""
        pages = ranking.path_records_of(searcher, view, hit.path, KIND_PAGE).tolist()
        for docnum, number in zip(pages, ranking.values_of(view, "page", pages), strict=True):
            if number is not None and int(number) == doc.page:
                parts = vectors.passages_of(searcher.stored_fields(docnum).get("text", ""))
                text = parts[doc.passage] if doc.passage < len(parts) else ""
                break
        if text:
            hit = replace(
                hit, pages=(doc.page,), snippet=Snippet.plain(text), snippet_page=doc.page
            )
        out.append(hit)
    return tuple(out)
