"""`/search`: results with facets, sorting, pagination, spelling help and a useful empty page."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from library.classes import CLASSES, UNCLASSIFIED
from library.doctypes import DOC_TYPES, doc_type_name
from library.errors import LibraryError
from library.results import ResultsPage
from library.search import MAX_PAGE, SORTS, SearchRequest
from library.templating import class_name
from library.web.caching import PAGE_TAG
from library.web.page_cache import Page, PageCache
from library.web.render import (
    filter_params,
    int_param,
    open_catalog,
    query_url,
    render,
    site_search,
)

MAX_PAGE_LINKS = 10  # matching pages linked under a result before "and N more"
# A query-string value (a tuple repeats the parameter), and what makes a results URL from
# changes to the current search.
Param = str | int | tuple[str | int, ...] | None
UrlMaker = Callable[..., str]


@dataclass(frozen=True)
class Link:
    """A link in a list of choices (a sort order, a page number, a chosen filter to remove)."""

    label: str
    url: str
    count: int | None = None
    current: bool = False


@dataclass(frozen=True)
class Option:
    """One checkbox of a filter: its value, what it is called, and how many documents."""

    value: str
    label: str
    count: int
    checked: bool


@dataclass(frozen=True)
class Facet:
    """One filter of the results page (`param` is its query-string name), as checkboxes."""

    param: str
    legend: str
    options: tuple[Option, ...]


def parse_request(request: Request) -> SearchRequest:
    """The search the query string asks for, checked; `class`, `year` and `type` may repeat.

    Raises:
        HTTPException: 400 for a non-numeric year or page.
        LibraryError: QueryError / UnknownClassError for values out of range.
    """
    params = request.query_params
    return SearchRequest(
        query=params.get("q", ""),
        page=int_param(request, "page", 1),
        page_size=request.state.settings.page_size,
        sort=params.get("sort") or "relevance",
        **filter_params(request),
    ).validate()


def run_search(request: Request, search_request: SearchRequest) -> ResultsPage:
    with open_catalog(request) as catalog:
        return site_search(request, catalog, search_request)


def _class_counts(request: Request) -> dict[str, int]:
    with open_catalog(request) as catalog:
        return catalog.class_counts()


def search_page(request: Request) -> Response:
    pages: PageCache | None = request.state.pages  # None when the caches are off
    tag: str | None = getattr(request.state, PAGE_TAG, None)
    try:
        search_request = parse_request(request)
        if pages is not None and tag is not None and (page := pages.get(tag)) is not None:
            _record(request, search_request, page.total, answered=page.answered)
            return HTMLResponse(page.body)
        results = run_search(request, search_request)
    except (LibraryError, HTTPException) as exc:
        if isinstance(exc, HTTPException) and exc.status_code != 400:
            raise
        message = exc.detail if isinstance(exc, HTTPException) else str(exc)
        return render(request, "search.html", {"error": message, "results": None}, status=400)
    _record(request, search_request, results.total, answered=results.answered)
    context = search_context(request, search_request, results)
    if not results.total:  # the empty page offers the classes to browse, empty ones unlinked
        context["class_counts"] = _class_counts(request)
    response = render(request, "search.html", context)
    if pages is not None and tag is not None:
        pages.put(tag, Page(bytes(response.body), results.total, results.answered))
    return response


def _record(request: Request, sreq: SearchRequest, total: int, *, answered: bool) -> None:
    """The anonymous insight record of a search (its first page only), hit or miss."""
    if sreq.query.strip() and sreq.page == 1:
        request.state.insight.record_search(sreq.query, total, "search", answered=answered)


def search_params(sreq: SearchRequest) -> dict[str, Param]:
    """The query string of a search (its words, filters and order), for links to it."""
    return {
        "q": sreq.query,
        "class": sreq.wanted_classes,
        "year": sreq.wanted_years,
        "type": sreq.wanted_types,
        "sort": None if sreq.sort == "relevance" else sreq.sort,
    }


def search_context(
    request: Request, sreq: SearchRequest, results: ResultsPage
) -> dict[str, object]:
    """Everything the results template shows, with every link already built."""
    path = str(request.app.url_path_for("search"))
    params = search_params(sreq)

    def url(**changes: Param) -> str:
        return query_url(path, {**params, "page": 1, **changes})

    last_page = min(MAX_PAGE, max(1, math.ceil(results.total / sreq.page_size)))
    feed = {k: v for k, v in params.items() if k != "sort"}
    return {
        "results": results,
        "search": sreq,
        "facets": _facets(sreq, results),
        "active_filters": _active_filters(sreq, url),
        "sorts": _sorts(sreq, url),
        "pages": _pagination(sreq.page, last_page, url),
        "previous_url": url(page=sreq.page - 1) if sreq.page > 1 else None,
        "next_url": url(page=sreq.page + 1) if sreq.page < last_page else None,
        "first_url": url(),
        "clear_filters_url": url(**{"class": None, "year": None, "type": None}),
        "suggestion_url": url(q=results.suggestion, **{"class": None, "year": None, "type": None})
        if results.suggestion
        else None,
        "request_url": query_url(str(request.app.url_path_for("request")), {"q": sreq.query}),
        "feed_url": query_url(str(request.app.url_path_for("feed")), feed),
        "doc_query": {"q": sreq.query} if sreq.query.strip() else {},
        "max_page_links": MAX_PAGE_LINKS,
        "first_shown": (sreq.page - 1) * sreq.page_size + 1,
        "last_shown": (sreq.page - 1) * sreq.page_size + len(results.hits),
    }


def _facets(sreq: SearchRequest, results: ResultsPage) -> tuple[Facet, ...]:
    """The class, type and year checkboxes: every value with documents, and every chosen
    one even when it has none (so it can be unticked)."""
    classes = [
        Option(c.slug, c.name, results.class_counts.get(c.slug, 0), c.slug in sreq.wanted_classes)
        for c in (*CLASSES, UNCLASSIFIED)
    ]
    types = [
        Option(t.slug, t.name, results.type_counts.get(t.slug, 0), t.slug in sreq.wanted_types)
        for t in DOC_TYPES
    ]
    all_years = sorted({*results.year_counts, *sreq.wanted_years}, reverse=True)
    years = [
        Option(str(y), str(y), results.year_counts.get(y, 0), y in sreq.wanted_years)
        for y in all_years
    ]
    facets = (
        Facet("class", "Class of information", tuple(o for o in classes if o.count or o.checked)),
        Facet("type", "Type of document", tuple(o for o in types if o.count or o.checked)),
        Facet("year", "Year", tuple(o for o in years if o.count or o.checked)),
    )
    return tuple(f for f in facets if f.options)


def _active_filters(sreq: SearchRequest, url: UrlMaker) -> list[Link]:
    """A link per chosen filter value, to the same search without it."""
    chosen: list[tuple[str, tuple[str | int, ...], Callable[[Any], str]]] = [
        ("class", sreq.wanted_classes, class_name),
        ("type", sreq.wanted_types, doc_type_name),
        ("year", sreq.wanted_years, str),
    ]
    return [
        Link(label(value), url(**{param: tuple(v for v in values if v != value)}))
        for param, values, label in chosen
        for value in values
    ]


def _sorts(sreq: SearchRequest, url: UrlMaker) -> list[Link]:
    return [
        Link(
            "Most relevant" if s == "relevance" else "Newest",
            url(sort=None if s == "relevance" else s),
            current=s == sreq.sort,
        )
        for s in SORTS
    ]


def _pagination(current: int, last: int, url: UrlMaker) -> list[Link | None]:
    """Page links: the first, the last, and two either side of the current; None is a gap."""
    wanted = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    links: list[Link | None] = []
    previous = 0
    for number in wanted:
        if number - previous > 1:
            links.append(None)
        links.append(Link(str(number), url(page=number), current=number == current))
        previous = number
    return links if last > 1 else []
