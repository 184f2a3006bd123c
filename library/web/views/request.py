"""`/request`: before telling a visitor how to make an FOI request, show them what is
already published that may answer it. Whether they then open a document or go on to the
contact details is counted (librarian.insight): it is the product's success measure."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from library.errors import LibraryError
from library.librarian import load_schedule
from library.models import Hit
from library.search import MAX_QUERY_CHARS, SearchRequest
from library.web.render import open_catalog, query_url, render, site_search

SUGGESTIONS = 8
DISCLOSURES = 3
MAX_REQUEST_CHARS = 5000  # a description may be longer than a search; it is searched in part


def request_page(request: Request) -> Response:
    text = request.query_params.get("q", "").strip()
    too_long = len(text) > MAX_REQUEST_CHARS
    # The form sent with nothing in it: say so, at the field (a link without `q` is the start).
    empty = "q" in request.query_params and not text
    context = {
        "text": text,
        "too_long": too_long,
        "empty": empty,
        "searched": bool(text),
        "limit": MAX_REQUEST_CHARS,
        # The requester is told what may be charged before asking (the model scheme).
        "schedule": load_schedule(request.state.settings.charges_file),
    }
    if not text or too_long:
        return render(request, "request.html", context, status=400 if too_long or empty else 200)
    words = _search_words(text)
    with open_catalog(request) as catalog:
        disclosures = catalog.search_disclosures(words, DISCLOSURES)
        try:
            results = site_search(
                request, catalog, SearchRequest(query=words, page_size=SUGGESTIONS + DISCLOSURES)
            )
        except LibraryError:
            results = None
    # Only what answers the question is offered as an answer (search.answers): a document
    # that merely shares some words would send the visitor to the wrong PDF.
    disclosures = [d for d in disclosures if isinstance(d, Hit) and d.strong]
    shown = {d.doc_id for d in disclosures}
    strong = results.strong_hits if results else ()
    hits = [h for h in strong if h.doc_id not in shown][:SUGGESTIONS]
    found = len(disclosures) + len(hits)
    request.state.insight.record_search(
        words,
        results.total if results else 0,
        "request",
        answered=bool(found),
    )
    if found:
        request.state.insight.record_funnel("shown")
    else:
        # Nothing published matches: the contact details are what this visitor needs now.
        request.state.insight.record_funnel("contact")
    contact_url = query_url(str(request.app.url_path_for("request_contact")), {"q": text})
    return render(
        request,
        "request.html",
        {
            **context,
            "disclosures": disclosures,
            "hits": hits,
            "found": found,
            "results": results,
            "contact_url": contact_url,
            "mailto": _mailto(request, text) if not found else "",
        },
    )


def request_contact(request: Request) -> Response:
    """The authority's FOI contact details, reached after seeing the suggestions."""
    text = request.query_params.get("q", "").strip()[:MAX_REQUEST_CHARS]
    request.state.insight.record_funnel("contact")
    return render(request, "request_contact.html", {"text": text, "mailto": _mailto(request, text)})


def _search_words(text: str) -> str:
    if len(text) <= MAX_QUERY_CHARS:
        return text
    return text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]


def _mailto(request: Request, text: str) -> str:
    settings = request.state.settings
    subject = quote("Freedom of Information request")
    body = quote(
        f"Dear {settings.authority_name},\n\nPlease send me the following information:\n\n{text}\n"
    )
    return f"mailto:{settings.foi_email}?subject={subject}&body={body}"
