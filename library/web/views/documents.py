"""`/documents/{id}`: one document, where the visitor's search matched it, and related ones."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from library.datasets import licence_of
from library.librarian import CHARGES_ANCHOR
from library.search import MAX_QUERY_CHARS
from library.templating import file_path
from library.web.opens import count_open
from library.web.render import open_catalog, query_url, render, site_synonyms
from library.web.views.datasets import sheet_csv_links

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
        count_open(request)  # for the staff search-insight report
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
            "licence": licence_of(
                doc.licence, request.state.settings.dataset_licence, dataset=doc.is_dataset
            ),
            "sheet_csv": sheet_csv_links(request, doc),
            "text_url": query_url(
                str(request.app.url_path_for("document_text", doc_id=doc_id)), {"q": query}
            ),
            "back_url": query_url(str(request.app.url_path_for("search")), {"q": query}),
            "charges_url": str(request.app.url_path_for("guide")) + "#" + CHARGES_ANCHOR,
        },
    )
