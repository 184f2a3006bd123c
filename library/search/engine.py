"""Read-only search: a query string and filters in, a `ResultsPage` of plain dataclasses out.

Ranking is BM25F over title, summary, keywords and body (a title match counts most, and body
length is normalised so long documents do not win by length), with the librarian's synonyms
added at query time. The best `RERANK` documents are then adjusted for what BM25 cannot see:
a year or month named in the query, superseded versions, and recency as a tie-breaker. The
yearly versions of one document are then one result (`series.collapse`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from whoosh import scoring, sorting
from whoosh.query import And, Every, NumericRange, Query, Term
from whoosh.searching import Searcher

from library.classes import get_class
from library.doctypes import check_doc_type
from library.errors import QueryError
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
    page_query,
    positive_terms,
    proximity,
    require_filters,
    strip_leading_wildcards,
)
from library.search.semantic import SemanticDoc
from library.search.series import Scored, collapse, group_count
from library.search.snippets import best_passage

MAX_QUERY_CHARS = 500
MAX_PAGE = 500
SORTS = ("relevance", "newest")
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


@dataclass(frozen=True)
class SearchRequest:
    """What a visitor asked for; `validate` turns nonsense into a `QueryError` (a 400)."""

    query: str = ""
    pub_class: str | None = None
    year: int | None = None
    page: int = 1
    page_size: int = 10
    sort: str = "relevance"
    doc_type: str | None = None  # minutes, policy... (`library.doctypes`)

    def validate(self) -> SearchRequest:
        if len(self.query) > MAX_QUERY_CHARS:
            raise QueryError(f"the search is too long (at most {MAX_QUERY_CHARS} characters)")
        if self.pub_class:
            get_class(self.pub_class)  # raises UnknownClassError, a LibraryError
        if self.doc_type:
            check_doc_type(self.doc_type)  # raises QueryError
        if self.year is not None and not 1000 <= self.year <= 9999:
            raise QueryError("the year must have four digits")
        if not 1 <= self.page <= MAX_PAGE:
            raise QueryError(f"the page must be between 1 and {MAX_PAGE}")
        if not 1 <= self.page_size <= 100:
            raise QueryError("the page size must be between 1 and 100")
        if self.sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}")
        return self


_SCHEMA = build_schema()
_ANALYZER = _SCHEMA["body"].analyzer
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
    sees a syntax error.
    """
    synonyms = synonyms if synonyms is not None else default_synonyms()
    parser = build_parser(_SCHEMA, FIELD_BOOSTS)
    text = strip_leading_wildcards(text)
    try:
        return parser.parse(f"{synonyms.expand(text)} {proximity(text, _ANALYZER)}")
    except Exception:  # whoosh's parser raises assorted errors on odd input
        # Lower case, so that words like NOT, AND and OR are words again, not operators.
        words = " ".join(spelling.WORDS.findall(text)).lower()
        return parser.parse(synonyms.expand(words))


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
    return require_filters(bound(parse(expanded, synonyms), searcher.reader()))


def _filters(request: SearchRequest) -> Query:
    filters: list[Query] = [Term("kind", KIND_DOC)]
    if request.pub_class:
        filters.append(Term("pub_class", request.pub_class))
    if request.year is not None:
        filters.append(NumericRange("year", request.year, request.year))
    if request.doc_type:
        filters.append(Term("doc_type", request.doc_type))
    return And(filters)


def _allowed(view: ranking.View, request: SearchRequest) -> np.ndarray:
    """Mask of the documents a search may return: public `doc` records, not deleted, of the
    requested class, year and type."""
    mask = ranking.equals(view, "kind", KIND_DOC)
    if request.pub_class:
        mask &= ranking.equals(view, "pub_class", request.pub_class)
    if request.year is not None:
        mask &= ranking.equals(view, "year", request.year)
    if request.doc_type:
        mask &= ranking.equals(view, "doc_type", request.doc_type)
    return mask


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
    allowed = _allowed(view, request)
    ranked = None if newest else ranking.rank(searcher, doc_q, allowed, limit, TEXT_FIELDS)
    if ranked is not None:
        return ranked.matched, [(s, searcher.stored_fields(d)) for s, d in ranked.top]
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
    scored = searcher.search(doc_q, limit=limit, filter=_filters(request), sortedby=sortedby)
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
    close: dict[str, SemanticDoc] = {}
    while True:
        matched, ranked = _match(searcher, request, doc_q, window, newest=newest)
        lexical = len(ranked)
        superseded = superseded_paths(searcher, [f for _, f in ranked])
        if not newest:
            ranked = _rerank(ranked, dates, superseded)
        if near is not None and not newest:
            # After the words' own adjustments (a year named, superseded versions).
            found = near(text, _allowed(ranking.view(searcher), request), window)
            ranked, matched, close = fusion.fuse(searcher, ranked, found, matched)
            superseded |= superseded_paths(searcher, [f for _, f in ranked])
        # The older versions of a series fold into one result: fetch more until they fill
        # the page, or every match is in.
        results = collapse(ranked, as_ranked=bool(dates))
        if len(results) >= end or lexical < window:
            break
        window *= 2
    pinned = (
        answers.pinned(
            searcher, pins.for_query(text), request.pub_class, request.year, request.doc_type
        )
        if text
        else []
    )
    question = answers.asked(searcher, text, synonyms or default_synonyms(), corrections)
    results, strong, curated, extra = answers.order(
        searcher, question, results, pinned, matched, reorder=bool(text) and not newest
    )
    chosen = results[end - request.page_size : end]
    pq = page_query(doc_q) if text else None
    hits = fusion.with_passages(searcher, build_hits(searcher, chosen, pq, superseded), close)
    hits = tuple(
        replace(h, match=_match_of(h.path, strong, curated), curated=h.path in curated)
        for h in hits
    )
    view = ranking.view(searcher)
    return ResultsPage(
        query=text,
        answered=bool(strong or curated),
        total=group_count(view, matched) + extra,
        hits=hits,
        page=request.page,
        page_size=request.page_size,
        class_counts={str(k): v for k, v in ranking.counts(view, "pub_class", matched).items()},
        year_counts={int(k): v for k, v in ranking.counts(view, "year", matched).items()},
        type_counts={str(k): v for k, v in ranking.counts(view, "doc_type", matched).items() if k},
    )


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
