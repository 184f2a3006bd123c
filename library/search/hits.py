"""Result-list entries: each chosen document as a `Hit`, with its matching pages, a snippet
from the best of them, whether a newer version supersedes it, and its series' other years."""

from __future__ import annotations

import numpy as np
from whoosh.query import And, Or, Query, Term
from whoosh.searching import Searcher

from library.models import Document, Hit, Location, page_location
from library.passages import Snippet
from library.schema import KIND_PAGE, Record
from library.search import ranking
from library.search.parsing import positive_terms
from library.search.series import Scored, in_series, other_years
from library.search.snippets import best_passage


def superseded_paths(searcher: Searcher, docs: list[Record]) -> set[str]:
    """Paths of `docs` that a sidecar says are superseded, or that belong to a series (the same
    title or file name but for the year) with a newer member."""
    out = {d["path"] for d in docs if (d.get("extra") or {}).get("superseded_by")}
    view = ranking.view(searcher)
    for doc in docs:
        key = str(doc.get("series") or "")
        # Most documents are alone in their series; only `doc` records carry one.
        if not in_series(doc) or ranking.series_size(searcher, view, key) < 2:
            continue
        if ranking.newest_year(searcher, view, key) > int(doc["year"]):
            out.add(doc["path"])
    return out


def build_hits(
    searcher: Searcher, chosen: list[Scored], pq: Query | None, old: set[str]
) -> tuple[Hit, ...]:
    """Hits with their matching pages (for the page query `pq`) and a snippet from the best
    page of each; paths in `old` are marked superseded.

    One page search covers every document on the results page: setting up a query's
    matchers costs more than scoring a few hundred pages.
    """
    paths = [f["path"] for _, f in chosen]
    matched: dict[str, list[int]] = {p: [] for p in paths}
    if pq is not None and paths:
        for path, docnum in page_records(searcher, pq, paths):  # best page first
            matched[path].append(docnum)
    terms = {w for f, w in positive_terms(pq) if f == "text"} if pq is not None else set()
    return tuple(
        _hit(searcher, score, fields, matched[fields["path"]], terms, old=fields["path"] in old)
        for score, fields in chosen
    )


def _hit(
    searcher: Searcher,
    score: float,
    fields: Record,
    page_hits: list[int],
    terms: set[str],
    *,
    old: bool,
) -> Hit:
    view = ranking.view(searcher)
    snippet = Snippet.plain(fields.get("summary", ""))
    snippet_page = None
    if page_hits:
        best = searcher.stored_fields(page_hits[0])
        snippet, snippet_page = best_passage(best.get("text", ""), terms), int(best["page"])
    if not snippet.parts:
        first = ranking.path_records_of(searcher, view, fields["path"], KIND_PAGE)
        text = searcher.stored_fields(int(first[0])).get("text", "") if len(first) else ""
        snippet = Snippet.plain(text)
    pages = ranking.values_of(view, "page", page_hits)
    document = Document.from_record(fields)
    numbers = tuple(sorted(int(p) for p in pages))
    located = _locations(searcher, document, numbers, page_hits)
    return Hit.of(
        document,
        score=score,
        pages=numbers,
        snippet=snippet,
        snippet_page=snippet_page,
        superseded=old,
        other_years=other_years(searcher, fields),
        locations=tuple(located[n] for n in numbers),
        snippet_location=located.get(snippet_page) if snippet_page else None,
    )


def _locations(
    searcher: Searcher, document: Document, numbers: tuple[int, ...], page_hits: list[int]
) -> dict[int, Location]:
    # A PDF's units are its pages; other formats store each unit's label with its page record.
    located = {n: page_location(n) for n in numbers}
    if document.file_format == "pdf":
        return located
    for docnum in page_hits:
        stored = searcher.stored_fields(docnum)
        if stored.get("label"):
            located[int(stored["page"])] = Location(stored["label"], stored.get("anchor") or "")
    return located


def page_records(searcher: Searcher, pq: Query, paths: list[str]) -> list[tuple[str, int]]:
    """(path, page record) of every page of `paths` that `pq` matches, best first.

    One search covers every document on the results page: setting up a query's matchers
    costs more than scoring a few hundred pages, and `ranking.rank` only looks at the
    postings of these pages.
    """
    view = ranking.view(searcher)
    path_of: dict[int, str] = {}
    for path in paths:
        path_of.update(dict.fromkeys(ranking.path_records(searcher, view, path).tolist(), path))
    pages = np.asarray(sorted(path_of), dtype=np.int64)
    allowed = np.zeros(view.doc_count, dtype=bool)
    allowed[pages] = True
    allowed &= ranking.equals(view, "kind", KIND_PAGE)
    pages = np.flatnonzero(allowed)
    ranked = ranking.rank(searcher, pq, allowed, max(len(pages), 1), ("text",), within=pages)
    if ranked is not None:
        return [(path_of[d], d) for _, d in ranked.top]
    in_docs = Or([Term("path", p) for p in paths])
    hits = searcher.search(And([pq, in_docs]), limit=None, filter=Term("kind", KIND_PAGE))
    return [(path_of[h.docnum], h.docnum) for h in hits if h.docnum in path_of]
