"""Thin endpoints: parse the request, call the library, render. Plain `def` handlers run in
Starlette's thread pool, so Whoosh never blocks the event loop."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from library.classes import CLASSES
from library.errors import IndexMissingError, LibraryError
from library.search import SearchRequest, search


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates = request.state.templates
    settings = request.state.settings
    return templates.TemplateResponse(
        request, name, {"settings": settings, "classes": CLASSES, **context}, status_code=status
    )


def _int_param(request: Request, name: str, default: int | None) -> int | None:
    raw = request.query_params.get(name, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise HTTPException(400, f"{name} must be a whole number") from None


def home(request: Request) -> Response:
    return _render(request, "index.html", {"query": ""})


def search_page(request: Request) -> Response:
    params = request.query_params
    search_request = SearchRequest(
        query=params.get("q", ""),
        pub_class=params.get("class") or None,
        year=_int_param(request, "year", None),
        page=_int_param(request, "page", 1) or 1,
    )
    try:
        with request.state.reader.searcher() as searcher:
            results = search(searcher, search_request)
    except IndexMissingError:
        results = None
    except LibraryError as exc:
        raise HTTPException(400, str(exc)) from exc
    return _render(request, "search.html", {"query": search_request.query, "results": results})


def healthz(request: Request) -> Response:
    try:
        request.state.reader.index()
    except LibraryError as exc:
        return PlainTextResponse(f"index not ready: {exc}", status_code=503)
    return PlainTextResponse("ok")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _render(
        request,
        "error.html",
        {"status": exc.status_code, "message": exc.detail},
        status=exc.status_code,
    )


async def _server_error(request: Request, exc: Exception) -> Response:
    return _render(
        request,
        "error.html",
        {"status": 500, "message": "Something went wrong on our side."},
        status=500,
    )


HANDLERS: dict[Any, Any] = {HTTPException: _http_error, 500: _server_error}
