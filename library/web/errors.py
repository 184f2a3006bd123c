"""Error responses in the site's style (HTML pages, JSON under /api/), never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from library.web.render import render
from library.web.security import add_headers

logger = logging.getLogger(__name__)

TITLES = {
    400: "There is a problem with this address",
    404: "Page not found",
    405: "This address cannot be used that way",
    503: "Sorry, the library is not available yet",
}

# Starlette's own messages ("Not Found") are replaced with sentences people can act on.
DEFAULT_MESSAGES = {
    404: "We could not find a page at this address.",
    405: "This address only answers ordinary page requests.",
}


def _respond(request: Request, status: int, message: str, headers: Any = None) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    context = {
        "status": status,
        "title": TITLES.get(status, "Sorry, there is a problem with the service"),
        "message": message,
    }
    return render(request, "error.html", context, status=status, headers=headers)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = str(exc.detail)
    if exc.status_code in DEFAULT_MESSAGES and message in ("Not Found", "Method Not Allowed"):
        message = DEFAULT_MESSAGES[exc.status_code]
    return _respond(request, exc.status_code, message, exc.headers)


async def server_error(request: Request, exc: Exception) -> Response:
    # Starlette has already logged the traceback; the visitor gets a calm page.
    # This runs outside the middleware stack, so it adds the security headers itself.
    try:
        response = _respond(
            request, 500, "Something went wrong on our side. Please try again later."
        )
    except Exception:  # the error page itself failed: fall back to plain text
        logger.exception("could not render the error page")
        response = PlainTextResponse("Internal server error", status_code=500)
    add_headers(response.headers)
    return response


HANDLERS: dict[Any, Any] = {HTTPException: http_error, 500: server_error}
