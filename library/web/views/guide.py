"""`/guide`, the publication scheme's Guide to Information, and `/disclosure-log`.

Both are generated from the index on every request, so they are always current: a PDF
dropped into a class folder is listed as soon as the watcher has indexed it. The guide is
`librarian.build_guide`'s, the same data and templates as `library guide --format html`.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from library.librarian import build_guide
from library.models import Document
from library.templating import file_path
from library.web.render import open_catalog, render


def guide(request: Request) -> Response:
    """The guide `library guide --format html` exports, in the site's chrome."""
    with open_catalog(request) as catalog:
        data = build_guide(catalog, request.state.settings)

    def document_url(doc: Document) -> str:
        return str(request.app.url_path_for("document", doc_id=doc.doc_id))

    def pdf_url(doc: Document) -> str:
        return file_path(doc.path)

    context = {"guide": data, "document_url": document_url, "pdf_url": pdf_url}
    return render(request, "guide.html", context)


def disclosure_log(request: Request) -> Response:
    with open_catalog(request) as catalog:
        entries = catalog.disclosure_log()
    return render(request, "disclosure_log.html", {"entries": entries})
