"""`/documents/{id}`: one document, where the visitor's search matched it, and related ones."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from library.search import MAX_QUERY_CHARS
from library.templating import file_path
from library.web.render import open_catalog, query_url, render, site_synonyms

RELATED = 5


def document_page(request: Request) -> Response:
    doc_id = request.path_params["doc_id"]
    query = request.query_params.get("q", "")[:MAX_QUERY_CHARS]
    with open_catalog(request) as catalog:
        doc = catalog.get_document(doc_id)
        if doc is None:
            raise HTTPException(404, "There is no published document at this address.")
        if request.query_params.get("from") == "request":
            # Count the visit once, then drop the marker so a reload or a shared link is not
            # counted again.
            request.state.insight.record_funnel("opened")
            here = str(request.app.url_path_for("document", doc_id=doc_id))
            return RedirectResponse(query_url(here, {"q": query}), status_code=303)
        if query.strip():
            request.state.insight.record_open(query)  # for the staff search-insight report
        synonyms = site_synonyms(request)
        matches = catalog.matching_pages(query, doc.path, synonyms=synonyms)
        related = catalog.related_documents(doc, RELATED)
        other_years = catalog.other_years(doc)
        description = doc.summary or catalog.opening_sentence(doc)
    return render(
        request,
        "document.html",
        {
            "doc": doc,
            "search_query": query,
            "matches": matches,
            "related": related,
            "other_years": other_years,
            "description": description,
            "file_url": file_path(doc.path),
            "back_url": query_url(str(request.app.url_path_for("search")), {"q": query}),
        },
    )
