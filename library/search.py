"""Read-only search: a query string and filters in, a `ResultsPage` of plain dataclasses out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from whoosh import qparser, sorting
from whoosh.query import And, Every, NumericRange, Query, Term
from whoosh.searching import Searcher

from library.classes import get_class
from library.errors import QueryError
from library.models import Hit, ResultsPage
from library.schema import DOC_FIELDS, KIND_DOC, KIND_PAGE, build_schema
from library.snippets import Snippet, highlighter

MAX_QUERY_CHARS = 500
MAX_PAGE = 500
SORTS = ("relevance", "newest")
_WORDS = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchRequest:
    """What a visitor asked for; `validate` turns nonsense into a `QueryError` (a 400)."""

    query: str = ""
    pub_class: str | None = None
    year: int | None = None
    page: int = 1
    page_size: int = 10
    sort: str = "relevance"

    def validate(self) -> SearchRequest:
        if len(self.query) > MAX_QUERY_CHARS:
            raise QueryError(f"the search is too long (at most {MAX_QUERY_CHARS} characters)")
        if self.pub_class:
            get_class(self.pub_class)  # raises UnknownClassError, a LibraryError
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


def _doc_parser() -> qparser.QueryParser:
    # Any word may match (OR), but documents matching more of the words score higher: a
    # question of many words must not find nothing because one word is missing.
    parser = qparser.MultifieldParser(list(DOC_FIELDS), _SCHEMA, group=qparser.OrGroup.factory(0.9))
    _harden(parser)
    return parser


def _page_parser() -> qparser.QueryParser:
    parser = qparser.QueryParser("text", _SCHEMA, group=qparser.OrGroup)
    _harden(parser)
    parser.remove_plugin_class(qparser.FieldsPlugin)
    return parser


def _harden(parser: qparser.QueryParser) -> None:
    # Leading wildcards and ranges scan the whole vocabulary: not for a public search box.
    for plugin in (qparser.RangePlugin, qparser.BoostPlugin):
        parser.remove_plugin_class(plugin)


def parse(text: str) -> tuple[Query, Query]:
    """The document query and the page query for a user's text.

    Text the parser cannot make sense of is searched as plain words instead: a visitor never
    sees a syntax error.
    """
    try:
        return _doc_parser().parse(text), _page_parser().parse(text)
    except Exception:  # whoosh's parser raises assorted errors on odd input
        plain = " ".join(_WORDS.findall(text))
        return _doc_parser().parse(plain), _page_parser().parse(plain)


def search(searcher: Searcher, request: SearchRequest) -> ResultsPage:
    """Run a search.

    Raises:
        QueryError, UnknownClassError: the request is invalid (see `SearchRequest.validate`).
    """
    request.validate()
    page = _run(searcher, request, request.query)
    if page.total == 0 and page.suggestion:
        retried = _run(searcher, request, page.suggestion)
        if retried.total:
            return ResultsPage(
                **{
                    **retried.__dict__,
                    "query": request.query,
                    "suggestion": page.suggestion,
                    "corrected_from": request.query,
                }
            )
    return page


def _run(searcher: Searcher, request: SearchRequest, text: str) -> ResultsPage:
    text = text.strip()
    if text:
        doc_q, page_q = parse(text)
    else:
        doc_q, page_q = Every(), None
    filters: list[Query] = [Term("kind", KIND_DOC)]
    if request.pub_class:
        filters.append(Term("pub_class", request.pub_class))
    if request.year is not None:
        filters.append(NumericRange("year", request.year, request.year))
    facets = {
        "class": sorting.FieldFacet("pub_class", maptype=sorting.Count),
        "year": sorting.FieldFacet("year", maptype=sorting.Count),
    }
    sortedby: Any = None
    if request.sort == "newest" or not text:
        sortedby = [sorting.FieldFacet("published", reverse=True), sorting.ScoreFacet()]
    results = searcher.search_page(
        doc_q,
        request.page,
        pagelen=request.page_size,
        filter=And(filters),
        groupedby=facets,
        sortedby=sortedby,
    )
    hits = tuple(_hit(searcher, hit, page_q) for hit in results)
    return ResultsPage(
        query=text,
        total=results.total,
        hits=hits,
        suggestion=suggest(searcher, text) if text else None,
        page=request.page,
        page_size=request.page_size,
        class_counts={str(k): v for k, v in results.results.groups("class").items() if k},
        year_counts={int(k): v for k, v in results.results.groups("year").items() if k is not None},
    )


def _hit(searcher: Searcher, hit: Any, page_q: Query | None) -> Hit:
    fields = hit.fields()
    pages: tuple[int, ...] = ()
    snippet = Snippet.plain(fields.get("summary", ""))
    snippet_page = None
    if page_q is not None:
        page_hits = searcher.search(
            page_q,
            filter=And([Term("kind", KIND_PAGE), Term("path", fields["path"])]),
            limit=None,
            terms=True,
        )
        page_hits.highlighter = highlighter()
        pages = tuple(sorted(int(h["page"]) for h in page_hits))
        if page_hits:
            best = page_hits[0]
            parts = best.highlights("text", top=2)
            if parts:
                snippet, snippet_page = Snippet(parts), int(best["page"])
    if not snippet.parts:
        first = searcher.document(kind=KIND_PAGE, path=fields["path"]) or {}
        snippet = Snippet.plain(first.get("text", ""))
    published = fields.get("published") or ""
    return Hit(
        path=fields["path"],
        title=fields.get("title", ""),
        pub_class=fields.get("pub_class", ""),
        score=float(hit.score) if isinstance(hit.score, int | float) else 0.0,
        pages=pages,
        snippet=snippet,
        snippet_page=snippet_page,
        published=dt.date.fromisoformat(published) if published else None,
        year=fields.get("year"),
        page_count=int(fields.get("page_count") or 0),
        size=int(fields.get("size") or 0),
        summary=fields.get("summary", ""),
        doc_id=fields.get("doc_id", ""),
    )


def suggest(searcher: Searcher, text: str) -> str | None:
    """A respelling of `text` from the index's own words, or None when every word is known.

    Only public documents' words are in the index, so a suggestion can never reveal a
    document the visitor may not see.
    """
    words = _WORDS.findall(text)
    if not words:
        return None
    analyzer = _SCHEMA["body"].analyzer
    corrector = searcher.corrector("body")
    changed = False
    out: list[str] = []
    for word in words:
        stems = [t.text for t in analyzer(word)]
        known = not stems or any(searcher.doc_frequency("body", s) for s in stems)
        if known or len(word) < 4 or word.isdigit():
            out.append(word)
            continue
        found = corrector.suggest(word.lower(), limit=1, maxdist=2)
        if found:
            out.append(found[0])
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None
