"""Counting an open of a search result, wherever it happens: the document's page, its PDF
(a result's "Page N" link), or any page that shows a document's text. Each carries the
visitor's search as `q`; a search whose results are opened by any of these is not listed by
the staff report as one "nobody opened"."""

from __future__ import annotations

from starlette.requests import Request

from library.search import MAX_QUERY_CHARS


def count_open(request: Request) -> None:
    """Count one open of a result of the search in the `q` parameter (nothing without one).

    A HEAD request (a link checker, a prefetch) is not an open.
    """
    if request.method != "GET":
        return
    query = request.query_params.get("q", "")[:MAX_QUERY_CHARS]
    if query.strip():
        request.state.insight.record_open(query)
