"""`/documents/{id}/text`: a document's reading view, its text as a page of the site.

A PDF is hard to read on a phone or with a screen reader (GOV.UK asks for HTML first), so
every document can be read here, unit by unit, with the words of the search that led here
marked and each unit one click from the same page of the original.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from library.search import MAX_QUERY_CHARS
from library.templating import file_path
from library.web.opens import count_open
from library.web.render import open_catalog, query_url, render, site_synonyms


def document_text(request: Request) -> Response:
    doc_id = request.path_params["doc_id"]
    query = request.query_params.get("q", "")[:MAX_QUERY_CHARS]
    with open_catalog(request) as catalog:
        doc = catalog.get_document(doc_id)  # None for private and failed files too
        if doc is None:
            raise HTTPException(404, "There is no published document at this address.")
        count_open(request)  # reached from a result: an open, as the document page counts it
        reading = catalog.reading(doc, query, synonyms=site_synonyms(request))
    here = str(request.app.url_path_for("document", doc_id=doc_id))
    return render(
        request,
        "document_text.html",
        {
            "doc": doc,
            "reading": reading,
            "search_query": query.strip(),
            "file_url": file_path(doc.path),
            "document_url": query_url(here, {"q": query.strip()}),
        },
    )
