"""Discovery: the Atom feed of new documents, the sitemap, robots.txt and the OpenSearch
description, so feed readers, web search engines and browsers find the library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from library.web.render import absolute_url, open_catalog, render

FEED_ENTRIES = 50
_CACHE = {"cache-control": "public, max-age=300"}


def _discovery(
    request: Request, template: str, context: Mapping[str, object], media_type: str
) -> Response:
    """A machine-read file: rendered like a page, cached briefly, with its own media type."""
    return render(request, template, context, headers=_CACHE, media_type=media_type)


def atom_feed(request: Request) -> Response:
    with open_catalog(request) as catalog:
        docs = catalog.recently_changed(FEED_ENTRIES)
    updated = max((d.updated for d in docs), default=dt.datetime.now(tz=dt.UTC))
    context = {"docs": docs, "updated": updated}
    return _discovery(request, "feed.atom", context, "application/atom+xml")


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
