"""The home page and the health check."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from library.errors import LibraryError
from library.web.render import open_catalog, render

RECENT = 8


def home(request: Request) -> Response:
    with open_catalog(request) as catalog:
        counts = catalog.class_counts()
        recent = catalog.recent_documents(RECENT)
    return render(
        request,
        "index.html",
        {"counts": counts, "total": sum(counts.values()), "recent": recent},
    )


def healthz(request: Request) -> Response:
    """200 `ok` once the index can be opened; 503 with the reason otherwise."""
    try:
        with request.state.reader.catalog() as catalog:
            documents = catalog.doc_count()
    except LibraryError as exc:
        return PlainTextResponse(f"index not ready: {exc}", status_code=503)
    return PlainTextResponse("ok", headers={"x-index-records": str(documents)})
