"""Read-only search: a query string and filters in, a `ResultsPage` of plain dataclasses out.

Ranking is BM25F over title, summary, keywords and body (a title match counts most, and body
length is normalised so long documents do not win by length), with the librarian's synonyms
added at query time. The best `RERANK` documents are then adjusted for what BM25 cannot see:
a year or month named in the query, superseded versions, and recency as a tie-breaker. The
yearly versions of one document are then one result (`series.collapse`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from whoosh import scoring, sorting
from whoosh.query import Every, Query, Term
from whoosh.searching import Searcher

from library.models import Hit
from library.passages import PageMatch
from library.periods import QueryDates, detect_dates
from library.results import ResultsPage
from library.schema import KIND_DOC, KIND_PAGE, Record, build_schema
from library.search import answers, fusion, ranking, spelling
from library.search.curated import Pins
from library.search.hits import build_hits, page_records, superseded_paths
from library.search.parsing import (
    TEXT_FIELDS,
    Synonyms,
    bound,
    build_parser,
    normalized,
    page_query,
    positive_terms,
    proximity,
    reader_free,
    require_filters,
    strip_leading_wildcards,
)
from library.search.request import (
    MAX_QUERY_CHARS,
    SearchRequest,
    allowed_mask,
    facet_counts,
    whoosh_filter,
)
from library.search.semantic import SemanticDoc
from library.search.series import Scored, collapse, group_count
from library.search.snippets import best_passage

RERANK = 60
YEAR_BOOST = 1.5
MONTH_BOOST = 1.3
SUPERSEDED_PENALTY = 0.5
RECENCY_BONUS = 0.03
RELATED_CHARS = 50_000
# Query-time weight of a match in each field (the schema's field_boost acts on term counts).
FIELD_BOOSTS = {"title": 2.0, "name": 1.5, "summary": 1.5, "keywords": 1.5, "body": 1.0}
# Body length matters more than in plain BM25, so a long report does not win by length.
WEIGHTING = scoring.BM25F(B=0.75, K1=1.2, body_B=0.9, title_B=0.5)


_SCHEMA = build_schema()
_ANALYZER = _SCHEMA["body"].analyzer
_Key = tuple[str, Synonyms]
# Parsed queries by (text, synonyms): see `parse`.
_PARSED: dict[_Key, Query] = {}
# The same queries made safe to run (`bound`), for those no index changes (`reader_free`).
_BOUND: dict[_Key, Query] = {}
MAX_PARSED = 4096
# Parsed synonyms by file, with the file's mtime: re-read when the librarian saves it.
_SYNONYMS: dict[Path | None, tuple[int, Synonyms]] = {}


def synonyms_for(path: Path | None) -> Synonyms:
    """The synonyms in `path` (`Settings.synonyms_file`), or the package's own list when None;
    read again whenever the file changes, so an edit applies to the next search."""
    try:
        stamp = path.stat().st_mtime_ns if path is not None else 0
    except OSError:
        stamp = -1
    cached = _SYNONYMS.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, Synonyms.load(path, _ANALYZER))
        _SYNONYMS[path] = cached
    return cached[1]


def default_synonyms() -> Synonyms:
    """The synonyms shipped with the package (`library/synonyms.txt`)."""
    return synonyms_for(None)


def parse(text: str, synonyms: Synonyms | None = None) -> Query:
    """The document query for a visitor's text, synonyms included.

    Text the parser cannot make sense of is searched as plain words instead: a visitor never
    sees a syntax error. Whoosh's parser takes milliseconds for a long question (every word
    in every field, a phrase per pair), and one search parses the same text again for its
    other pages, filters and sorts, so parsed queries are kept (Whoosh's query objects are
    not changed by searching them: `bound` and `normalize` make new ones).
    """
    synonyms = synonyms if synonyms is not None else default_synonyms()
    key = (text, synonyms)
    found = _PARSED.get(key)
    if found is None:
        found = _keep(_PARSED, key, _parse(text, synonyms))
    return found


def _keep(cache: dict[_Key, Query], key: _Key, query: Query) -> Query:
    """`query`, kept in `cache` under `key` (emptied first when it holds `MAX_PARSED`)."""
    if len(cache) >= MAX_PARSED:
        cache.clear()
    cache[key] = query
    return query


def _parse(text: str, synonyms: Synonyms) -> Query:
    parser = build_parser(_SCHEMA, FIELD_BOOSTS)
    text = strip_leading_wildcards(text)
    # Normalised here (`normalized`: Whoosh's own normalize, without its deep copies).
    try:
        expanded = f"{synonyms.expand(text)} {proximity(text, _ANALYZER)}"
        return normalized(parser.parse(expanded, normalize=False))
    except Exception:  # whoosh's parser raises assorted errors on odd input
        # Lower case, so that words like NOT, AND and OR are words again, not operators.
        words = " ".join(spelling.WORDS.findall(text)).lower()
        return normalized(parser.parse(synonyms.expand(words), normalize=False))


def search(
    searcher: Searcher,
    request: SearchRequest,
    *,
    synonyms: Synonyms | None = None,
    curated: Pins | None = None,
    near: fusion.Near | None = None,
) -> ResultsPage:
    """Run a search.

    Args:
        synonyms: the librarian's synonyms (`Synonyms.load(settings.synonyms_file, ...)`);
            the package's own list when None.
        curated: the librarian's pinned answers (`curated.pins_for(settings.curated_path)`).
        near: semantic retrieval (`Semantic.search` bound to the searcher), fused with the
            words' ranking; None searches by words alone.

    Raises:
        QueryError, UnknownClassError: the request is invalid (see `SearchRequest.validate`).
    """
    request.validate()
    with Searcher(searcher.reader(), weighting=WEIGHTING, closereader=False) as weighted:
        return _search(weighted, request, synonyms, curated or Pins(), near)


def _search(
    searcher: Searcher,
    request: SearchRequest,
    synonyms: Synonyms | None,
    pins: Pins,
    near: fusion.Near | None = None,
) -> ResultsPage:
    text = request.query.strip()
    fixes = spelling.corrections(searcher, text) if text else {}
    if not fixes:
        return _run(searcher, request, text, {}, synonyms, pins, near)
    suggestion = spelling.respell(text, fixes)
    probe = _doc_query(searcher, text, {}, synonyms)
    found = _match(searcher, request, probe, 1, newest=False)[0].any()
    if found and spelling.only_when_nothing_found():
        return _run(searcher, request, text, {}, synonyms, pins, near)
    if not found:
        # Nothing but the misspelling matched: show what the correction finds.
        retried = _run(searcher, request, suggestion, {}, synonyms, pins, near)
        if retried.total:
            return replace(
                retried, query=request.query, suggestion=suggestion, corrected_from=request.query
            )
    page = _run(searcher, request, text, fixes, synonyms, pins, near)
    return replace(page, suggestion=suggestion)


def _doc_query(
    searcher: Searcher, text: str, corrections: dict[str, str], synonyms: Synonyms | None
) -> Query:
    if not text:
        return Every()
    # An unknown word matches nothing, so its correction is searched beside it.
    expanded = " ".join(
        f"({w} OR {corrections[w.lower()]})" if w.lower() in corrections else w
        for w in text.split()
    )
    key = (expanded, synonyms if synonyms is not None else default_synonyms())
    found = _BOUND.get(key)
    if found is None:
        parsed = parse(expanded, synonyms)
        found = require_filters(bound(parsed, searcher.reader()))
        if reader_free(parsed):  # else its prefixes expand to this index's words
            _keep(_BOUND, key, found)
    return found


def _match(
    searcher: Searcher, request: SearchRequest, doc_q: Query, limit: int, *, newest: bool
) -> tuple[np.ndarray, list[Scored]]:
    """Every allowed document `doc_q` matches (a mask, for the total and the facets) and the
    best `limit` of them with their stored fields.

    Relevance-ranked searches are scored by `ranking.rank` (Whoosh's scores, computed for
    all matches at once); other sorts and query shapes go through Whoosh with a top-N
    collector, and their matches are counted in a separate unscored pass.
    """
    view = ranking.view(searcher)
    allowed = allowed_mask(view, request)
    ranked = None if newest else ranking.rank(searcher, doc_q, allowed, limit, TEXT_FIELDS)
    if ranked is not None:
        return ranked.matched, [(s, ranking.record(searcher, view, d)) for s, d in ranked.top]
    if isinstance(doc_q, Every):
        matched = allowed
    else:
        matched = np.zeros(view.doc_count, dtype=bool)
        found = np.fromiter(searcher.docs_for_query(doc_q), dtype=np.int64)
        matched[found] = True
        matched &= allowed
    sortedby: list[sorting.Facet] | None = None
    if newest:
        sortedby = [sorting.FieldFacet("published", reverse=True), sorting.ScoreFacet()]
    scored = searcher.search(doc_q, limit=limit, filter=whoosh_filter(request), sortedby=sortedby)
    # Sorted results carry their sort key as the score.
    top = [(h.score if isinstance(h.score, float) else 0.0, h.fields()) for h in scored]
    return matched, top


def _run(
    searcher: Searcher,
    request: SearchRequest,
    text: str,
    corrections: dict[str, str],
    synonyms: Synonyms | None,
    pins: Pins,
    near: fusion.Near | None = None,
) -> ResultsPage:
    doc_q = _doc_query(searcher, text, corrections, synonyms)
    newest = request.sort == "newest" or not text
    end = request.page * request.page_size
    window = end if newest else max(end, RERANK)
    dates = detect_dates(text)
    # What needs only the words comes before meaning, while the helper embeds the query.
    pinned = answers.pinned(searcher, pins.for_query(text), request) if text else []
    question = answers.asked(searcher, text, synonyms or default_synonyms(), corrections)
    close: dict[str, SemanticDoc] = {}
    while True:
        matched, ranked = _match(searcher, request, doc_q, window, newest=newest)
        lexical = len(ranked)
        superseded = superseded_paths(searcher, [f for _, f in ranked])
        if not newest:
            ranked = _rerank(ranked, dates, superseded)
        if near is not None and not newest:
            # After the words' own adjustments (a year named, superseded versions).
            found = near(text, allowed_mask(ranking.view(searcher), request), window)
            ranked, matched, close = fusion.fuse(searcher, ranked, found, matched)
            superseded |= superseded_paths(searcher, [f for _, f in ranked])
        # The older versions of a series fold into one result: fetch more until they fill
        # the page, or every match is in.
        results = collapse(ranked, as_ranked=bool(dates))
        if len(results) >= end or lexical < window:
            break
        window *= 2
    results, strong, curated, extra = answers.order(
        searcher,
        question,
        results,
        pinned,
        matched,
        reorder=bool(text) and not newest,
        closeness={path: doc.score for path, doc in close.items()},
    )
    chosen = results[end - request.page_size : end]
    pq = page_query(doc_q) if text else None
    hits = fusion.with_passages(searcher, build_hits(searcher, chosen, pq, superseded), close)
    hits = tuple(
        replace(h, match=_match_of(h.path, strong, curated), curated=h.path in curated)
        for h in hits
    )
    view = ranking.view(searcher)
    unfiltered = _unfiltered(searcher, request, doc_q, matched, newest=newest)
    facets = facet_counts(view, request, unfiltered)
    return ResultsPage(
        query=text,
        answered=bool(strong or curated),
        total=group_count(view, matched) + extra,
        hits=hits,
        page=request.page,
        page_size=request.page_size,
        class_counts={str(k): v for k, v in facets["pub_class"].items()},
        year_counts={int(k): v for k, v in facets["year"].items()},
        type_counts={str(k): v for k, v in facets["doc_type"].items() if k},
    )


def _unfiltered(
    searcher: Searcher, request: SearchRequest, doc_q: Query, matched: np.ndarray, *, newest: bool
) -> np.ndarray:
    """The documents `doc_q` matches whatever the filters (for the facet counts)."""
    if not request.filtered:
        return matched
    unfiltered = replace(
        request, pub_class=None, year=None, doc_type=None, classes=(), years=(), doc_types=()
    )
    return _match(searcher, unfiltered, doc_q, 1, newest=newest)[0]


def _match_of(path: str, strong: set[str], curated: set[str]) -> str:
    return "strong" if path in strong or path in curated else "weak"


def _rerank(ranked: list[Scored], dates: QueryDates, superseded: set[str]) -> list[Scored]:
    """Adjust BM25's order for the period the query names, superseded versions and recency."""
    years = [int(f["year"]) for _, f in ranked if f.get("year")]
    low, high = (min(years), max(years)) if years else (0, 0)
    adjusted: list[Scored] = []
    for score, fields in ranked:
        year = int(fields.get("year") or 0)
        factor = 1.0
        if dates and year in dates.years:
            factor *= YEAR_BOOST
            if dates.months and _month_matches(fields, dates.months):
                factor *= MONTH_BOOST
        if fields["path"] in superseded:
            factor *= SUPERSEDED_PENALTY
        if year and high > low:
            # Equally relevant documents: the newer first.
            factor *= 1.0 + RECENCY_BONUS * (year - low) / (high - low)
        adjusted.append((score * factor, fields))
    adjusted.sort(key=lambda sf: (sf[0], sf[1].get("published") or ""), reverse=True)
    return adjusted


def _month_matches(fields: Record, months: frozenset[tuple[int, int]]) -> bool:
    published = fields.get("published") or ""
    path = fields["path"]
    for year, month in months:
        stamp = f"{year}-{month:02d}"
        if published.startswith(stamp) or stamp in path:
            return True
    return False


def matching_pages(
    searcher: Searcher,
    text: str,
    path: str,
    *,
    synonyms: Synonyms | None = None,
    limit: int = 20,
) -> list[PageMatch]:
    """The pages of the document at `path` that a search for `text` matches, in page order,
    each with its best passage: the same query (corrections, synonyms, phrases) as the
    results list, so a document page never disagrees with the results that led to it."""
    text = text.strip()[:MAX_QUERY_CHARS]
    if not text:
        return []
    with Searcher(searcher.reader(), weighting=WEIGHTING, closereader=False) as weighted:
        pq = page_query(_doc_query(weighted, text, spelling.corrections(weighted, text), synonyms))
        if pq is None:
            return []
        terms = {w for f, w in positive_terms(pq) if f == "text"}
        pages = [weighted.stored_fields(d) for _, d in page_records(weighted, pq, [path])]
    found = [PageMatch(int(p["page"]), best_passage(p.get("text", ""), terms)) for p in pages]
    return sorted(found, key=lambda m: m.page)[:limit]


def reading_matches(
    searcher: Searcher, text: str, path: str, *, synonyms: Synonyms | None = None
) -> tuple[frozenset[int], frozenset[str]]:
    """The pages of the document at `path` a search for `text` matches, and the words to mark
    on them (index forms): `matching_pages`'s query, for the reading view, which marks each
    word where it occurs instead of choosing a passage."""
    text = text.strip()[:MAX_QUERY_CHARS]
    if not text:
        return frozenset(), frozenset()
    with Searcher(searcher.reader(), weighting=WEIGHTING, closereader=False) as weighted:
        pq = page_query(_doc_query(weighted, text, spelling.corrections(weighted, text), synonyms))
        if pq is None:
            return frozenset(), frozenset()
        records = page_records(weighted, pq, [path])
        pages = frozenset(int(weighted.stored_fields(d)["page"]) for _, d in records)
    return pages, frozenset(w for f, w in positive_terms(pq) if f == "text")


def related(searcher: Searcher, path: str, limit: int = 5) -> tuple[Hit, ...]:
    """Documents like the one at `path` ("related documents"): those sharing its most
    distinctive words, best first. Empty when `path` is not an indexed public document."""
    docnum = searcher.document_number(kind=KIND_DOC, path=path)
    if docnum is None:
        return ()
    fields = searcher.stored_fields(docnum)
    pages = sorted(searcher.documents(kind=KIND_PAGE, path=path), key=lambda p: p["page"])
    # The title twice: its words say most about what the document is.
    text = " ".join([fields.get("title", "")] * 2 + [fields.get("summary", "")])
    text += " " + " ".join(p.get("text", "") for p in pages)[:RELATED_CHARS]
    with Searcher(searcher.reader(), weighting=WEIGHTING, closereader=False) as weighted:
        similar = weighted.more_like(
            docnum, "body", text=text, top=limit, numterms=12, filter=Term("kind", KIND_DOC)
        )
        chosen = [(float(h.score or 0.0), h.fields()) for h in similar]
        old = superseded_paths(weighted, [f for _, f in chosen])
        return build_hits(weighted, chosen, None, old)
