"""Discovery: the Atom feed of new documents, the sitemap, robots.txt and the OpenSearch
description, so feed readers, web search engines and browsers find the library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from library.doctypes import doc_type_name
from library.errors import LibraryError
from library.models import Document
from library.search import SearchRequest
from library.templating import class_name
from library.web.render import absolute_url, open_catalog, query_url, render, site_search
from library.web.views.search import parse_request, search_params

FEED_ENTRIES = 50
_CACHE = {"cache-control": "public, max-age=300"}


def _discovery(
    request: Request, template: str, context: Mapping[str, object], media_type: str
) -> Response:
    """A machine-read file: rendered like a page, cached briefly, with its own media type."""
    return render(request, template, context, headers=_CACHE, media_type=media_type)


def atom_feed(request: Request) -> Response:
    """`/feed.atom`: the documents added or changed most recently. With a search's words or
    filters (`/feed.atom?q=budget&class=what-we-spend`, linked from every results page) it
    follows that search: the newest documents that match it, as GOV.UK's finders offer an
    alert per set of filters.

    Raises:
        HTTPException: 400 for a search the results page would refuse too.
    """
    followed = any(request.query_params.getlist(k) for k in ("q", "class", "year", "type"))
    with open_catalog(request) as catalog:
        if followed:
            try:
                sreq = replace(
                    parse_request(request), sort="newest", page=1, page_size=FEED_ENTRIES
                )
                docs: Sequence[Document] = site_search(request, catalog, sreq).hits
            except LibraryError as exc:
                raise HTTPException(400, str(exc)) from exc
        else:
            sreq = None
            docs = catalog.recently_changed(FEED_ENTRIES)
    docs = sorted(docs, key=lambda d: (d.updated, d.title.lower()), reverse=True)
    updated = max((d.updated for d in docs), default=dt.datetime.now(tz=dt.UTC))
    context = {"docs": docs, "updated": updated, **_followed(request, sreq)}
    return _discovery(request, "feed.atom", context, "application/atom+xml")


def _followed(request: Request, sreq: SearchRequest | None) -> dict[str, str]:
    """The feed's own address (its Atom id), the page it follows and its title."""
    feed_path = str(request.app.url_path_for("feed"))
    if sreq is None:
        home = str(request.app.url_path_for("home"))
        return {"self_url": feed_path, "page_url": home, "subject": "newly published documents"}
    params = {k: v for k, v in search_params(sreq).items() if k != "sort"}
    chosen = [
        *map(class_name, sreq.wanted_classes),
        *map(doc_type_name, sreq.wanted_types),
        *map(str, sreq.wanted_years),
    ]
    words = f"“{sreq.query.strip()}”" if sreq.query.strip() else "all documents"
    return {
        "self_url": query_url(feed_path, params),
        "page_url": query_url(str(request.app.url_path_for("search")), params),
        "subject": f"new documents for {words}" + (f" ({', '.join(chosen)})" if chosen else ""),
    }


def sitemap(request: Request) -> Response:
    with open_catalog(request) as catalog:
        docs = catalog.all_documents()
    pages = ["home", "guide", "disclosure_log", "request"]
    context = {"docs": docs, "pages": pages}
    return _discovery(request, "sitemap.xml", context, "application/xml")


def opensearch(request: Request) -> Response:
    return _discovery(request, "opensearch.xml", {}, "application/opensearchdescription+xml")


def robots(request: Request) -> Response:
    sitemap_url = absolute_url(request, str(request.app.url_path_for("sitemap")))
    return PlainTextResponse(f"User-agent: *\nAllow: /\nSitemap: {sitemap_url}\n", headers=_CACHE)
