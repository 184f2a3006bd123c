"""`/search`: results with facets, sorting, pagination, spelling help and a useful empty page."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from library.classes import CLASSES, UNCLASSIFIED
from library.doctypes import DOC_TYPES, doc_type_name
from library.errors import LibraryError
from library.results import ResultsPage
from library.search import MAX_PAGE, SORTS, SearchRequest
from library.templating import class_name
from library.web.render import (
    int_param,
    open_catalog,
    query_url,
    render,
    site_search,
)

MAX_PAGE_LINKS = 10  # matching pages linked under a result before "and N more"
# A query-string value, and what makes a results URL from changes to the current search.
Param = str | int | None
UrlMaker = Callable[..., str]


@dataclass(frozen=True)
class Link:
    """A link in a list of choices (a facet value, a sort order, a page number)."""

    label: str
    url: str
    count: int | None = None
    current: bool = False


def parse_request(request: Request) -> SearchRequest:
    """The search the query string asks for, checked.

    Raises:
        HTTPException: 400 for a non-numeric year or page.
        LibraryError: QueryError / UnknownClassError for values out of range.
    """
    params = request.query_params
    return SearchRequest(
        query=params.get("q", ""),
        pub_class=params.get("class") or None,
        year=int_param(request, "year", None),
        page=int_param(request, "page", 1),
        page_size=request.state.settings.page_size,
        sort=params.get("sort") or "relevance",
        doc_type=params.get("type") or None,
    ).validate()


def run_search(request: Request, search_request: SearchRequest) -> ResultsPage:
    with open_catalog(request) as catalog:
        return site_search(request, catalog, search_request)


def search_page(request: Request) -> Response:
    try:
        search_request = parse_request(request)
        results = run_search(request, search_request)
    except (LibraryError, HTTPException) as exc:
        if isinstance(exc, HTTPException) and exc.status_code != 400:
            raise
        message = exc.detail if isinstance(exc, HTTPException) else str(exc)
        return render(request, "search.html", {"error": message, "results": None}, status=400)
    if search_request.query.strip() and search_request.page == 1:
        request.state.insight.record_search(
            search_request.query, results.total, "search", answered=results.answered
        )
    return render(request, "search.html", search_context(request, search_request, results))


def search_context(
    request: Request, sreq: SearchRequest, results: ResultsPage
) -> dict[str, object]:
    """Everything the results template shows, with every link already built."""
    path = str(request.app.url_path_for("search"))
    params: dict[str, Param] = {
        "q": sreq.query,
        "class": sreq.pub_class,
        "year": sreq.year,
        "type": sreq.doc_type,
        "sort": None if sreq.sort == "relevance" else sreq.sort,
    }

    def url(**changes: Param) -> str:
        return query_url(path, {**params, "page": 1, **changes})

    last_page = min(MAX_PAGE, max(1, math.ceil(results.total / sreq.page_size)))
    return {
        "results": results,
        "search": sreq,
        **_filters(sreq, results, url),
        "pages": _pagination(sreq.page, last_page, url),
        "previous_url": url(page=sreq.page - 1) if sreq.page > 1 else None,
        "next_url": url(page=sreq.page + 1) if sreq.page < last_page else None,
        "first_url": url(),
        "suggestion_url": url(q=results.suggestion, **{"class": None, "year": None, "type": None})
        if results.suggestion
        else None,
        "request_url": query_url(str(request.app.url_path_for("request")), {"q": sreq.query}),
        "doc_query": {"q": sreq.query} if sreq.query.strip() else {},
        "max_page_links": MAX_PAGE_LINKS,
        "first_shown": (sreq.page - 1) * sreq.page_size + 1,
        "last_shown": (sreq.page - 1) * sreq.page_size + len(results.hits),
    }


def _filters(sreq: SearchRequest, results: ResultsPage, url: UrlMaker) -> dict[str, list[Link]]:
    """The facet, active-filter and sort links of a results page."""
    return {
        "class_facets": [
            Link(
                c.name,
                url(**{"class": c.slug}),
                results.class_counts[c.slug],
                c.slug == sreq.pub_class,
            )
            for c in (*CLASSES, UNCLASSIFIED)
            if results.class_counts.get(c.slug)
        ],
        "year_facets": [
            Link(str(year), url(year=year), count, year == sreq.year)
            for year, count in sorted(results.year_counts.items(), reverse=True)
        ],
        "type_facets": [
            Link(t.name, url(type=t.slug), results.type_counts[t.slug], t.slug == sreq.doc_type)
            for t in DOC_TYPES
            if results.type_counts.get(t.slug)
        ],
        "active_filters": [
            *([Link(class_name(sreq.pub_class), url(**{"class": None}))] if sreq.pub_class else []),
            *([Link(str(sreq.year), url(year=None))] if sreq.year else []),
            *([Link(doc_type_name(sreq.doc_type), url(type=None))] if sreq.doc_type else []),
        ],
        "sorts": [
            Link(
                "Most relevant" if s == "relevance" else "Newest",
                url(sort=None if s == "relevance" else s),
                current=s == sreq.sort,
            )
            for s in SORTS
        ],
    }


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
