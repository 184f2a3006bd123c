"""The JSON API: the same searches and listings as the pages, for other systems.

`/api/search` returns the shape of `library search --json` and `/api/documents` that of a
`Document` (both made by `library.models`), each result or document adding `url` (its
document page) and `file_url` (its PDF). Errors are JSON too: `{"error": "..."}`.
"""

from __future__ import annotations

import math

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from library.classes import CLASSES, UNCLASSIFIED
from library.datasets import licence_of
from library.errors import LibraryError
from library.models import Document
from library.search import SearchRequest
from library.shapes import JsonObject
from library.templating import file_path
from library.web.render import (
    absolute_url,
    filter_params,
    int_param,
    open_catalog,
    site_search,
)
from library.web.views.openapi import openapi_document

MAX_LIST_PAGE_SIZE = 500
# Public, read-only data: any web page may use it.
_HEADERS = {"access-control-allow-origin": "*"}


def _json(data: JsonObject, status: int = 200) -> Response:
    return JSONResponse(data, status_code=status, headers=_HEADERS)


def _with_links(request: Request, doc: Document, data: JsonObject | None = None) -> JsonObject:
    """The document's (or hit's) JSON (`data`, when made already) with its page, its file,
    its reading view and its licence (`LINKS` in the OpenAPI): the default licence is the
    site's setting."""
    doc_url = str(request.app.url_path_for("document", doc_id=doc.doc_id))
    text_url = str(request.app.url_path_for("document_text", doc_id=doc.doc_id))
    default = request.state.settings.dataset_licence
    licence = licence_of(doc.licence, default, dataset=doc.is_dataset)
    return {
        **(doc.to_dict() if data is None else data),
        "url": absolute_url(request, doc_url),
        "file_url": absolute_url(request, file_path(doc.path)),
        "text_url": absolute_url(request, text_url),
        "licence": licence.name if licence else None,
        "licence_url": (licence.url or None) if licence else None,
    }


def api_search(request: Request) -> Response:
    params = request.query_params
    try:
        search_request = SearchRequest(
            query=params.get("q", ""),
            page=int_param(request, "page", 1),
            page_size=int_param(request, "page_size", request.state.settings.page_size),
            sort=params.get("sort") or "relevance",
            **filter_params(request),
        )
        with open_catalog(request) as catalog:
            results = site_search(request, catalog, search_request)
    except LibraryError as exc:
        raise HTTPException(400, str(exc)) from exc
    if search_request.query.strip() and search_request.page == 1:
        request.state.insight.record_search(
            search_request.query, results.total, "api", answered=results.answered
        )
    page = results.to_dict()
    made = page["results"]
    assert isinstance(made, list)
    page["results"] = [_with_links(request, h, d) for h, d in zip(results.hits, made, strict=True)]
    return _json(page)


def api_documents(request: Request) -> Response:
    pub_class = request.query_params.get("class") or None
    page = int_param(request, "page", 1)
    page_size = int_param(request, "page_size", 100)
    if pub_class is not None and pub_class not in {c.slug for c in (*CLASSES, UNCLASSIFIED)}:
        raise HTTPException(400, f"unknown class {pub_class!r}")
    if not 1 <= page_size <= MAX_LIST_PAGE_SIZE or not 1 <= page <= 1_000_000:
        raise HTTPException(400, f"page must be 1 or more and page_size 1 to {MAX_LIST_PAGE_SIZE}")
    with open_catalog(request) as catalog:
        docs = catalog.documents_in_class(pub_class) if pub_class else catalog.all_documents()
    chunk = docs[(page - 1) * page_size : page * page_size]
    return _json(
        {
            "total": len(docs),
            "page": page,
            "page_size": page_size,
            "pages": max(1, math.ceil(len(docs) / page_size)),
            "documents": [_with_links(request, d) for d in chunk],
        }
    )


def api_document(request: Request) -> Response:
    with open_catalog(request) as catalog:
        doc = catalog.get_document(request.path_params["doc_id"])
    if doc is None:
        raise HTTPException(404, "no published document with this id")
    return _json(_with_links(request, doc))


def api_datasets(request: Request) -> Response:
    """The datasets (CSV files and spreadsheets), newest first, each with its licence."""
    with open_catalog(request) as catalog:
        docs = catalog.datasets()
    return _json({"total": len(docs), "datasets": [_with_links(request, d) for d in docs]})


def api_classes(request: Request) -> Response:
    with open_catalog(request) as catalog:
        counts = catalog.class_counts()
    search_path = str(request.app.url_path_for("search"))
    return _json(
        {
            "classes": [
                {
                    "slug": c.slug,
                    "name": c.name,
                    "description": c.description,
                    "documents": counts.get(c.slug, 0),
                    "url": absolute_url(request, f"{search_path}?class={c.slug}"),
                }
                for c in (*CLASSES, UNCLASSIFIED)
                if c is not UNCLASSIFIED or counts.get(c.slug)
            ]
        }
    )


def api_openapi(request: Request) -> Response:
    return _json(openapi_document(absolute_url(request, "/")))
