"""`/guide`, the publication scheme's Guide to Information, and `/disclosure-log`.

Both are generated from the index on every request, so they are always current: a PDF
dropped into a class folder is listed as soon as the watcher has indexed it.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from library.classes import CLASSES, UNCLASSIFIED
from library.search import catalog
from library.web.render import open_searcher, render


def guide(request: Request) -> Response:
    with open_searcher(request) as searcher:
        sections = [(c, catalog.documents_in_class(searcher, c.slug)) for c in CLASSES]
        unfiled = catalog.documents_in_class(searcher, UNCLASSIFIED.slug)
    return render(
        request,
        "guide.html",
        {
            "sections": sections,
            "unfiled": unfiled,
            "total": sum(len(docs) for _, docs in sections) + len(unfiled),
        },
    )


def disclosure_log(request: Request) -> Response:
    with open_searcher(request) as searcher:
        entries = catalog.disclosure_log(searcher)
    return render(request, "disclosure_log.html", {"entries": entries})
