"""`/guide`, the publication scheme's Guide to Information, and `/disclosure-log`.

Both are generated from the index on every request, so they are always current: a PDF
dropped into a class folder is listed as soon as the watcher has indexed it.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from library.classes import CLASSES, UNCLASSIFIED
from library.web.render import open_catalog, render


def guide(request: Request) -> Response:
    with open_catalog(request) as catalog:
        sections = [(c, catalog.documents_in_class(c.slug)) for c in CLASSES]
        unfiled = catalog.documents_in_class(UNCLASSIFIED.slug)
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
    with open_catalog(request) as catalog:
        entries = catalog.disclosure_log()
    return render(request, "disclosure_log.html", {"entries": entries})
