"""Security headers on every response, as a plain ASGI middleware (no response buffering,
so file downloads still stream)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Everything comes from this site: no inline script or style, no CDN, fonts or analytics.
CSP = (
    "default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Browsers show PDFs in a built-in viewer frame of the same origin; let that through.
FILE_CSP = "default-src 'none'; frame-ancestors 'self'"

HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def add_headers(headers: MutableHeaders, *, is_file: bool = False) -> None:
    """Set the security headers a response does not already have."""
    headers.setdefault("content-security-policy", FILE_CSP if is_file else CSP)
    headers.setdefault("x-frame-options", "SAMEORIGIN" if is_file else "DENY")
    for name, value in HEADERS.items():
        headers.setdefault(name, value)


def on_response_start(send: Send, edit: Callable[[MutableHeaders], None]) -> Send:
    """`send`, but `edit` changes the response's headers first: headers are set as they go
    out, so a streamed body (a file download) is never buffered to do it."""

    async def send_edited(message: Message) -> None:
        if message["type"] == "http.response.start":
            edit(MutableHeaders(scope=message))
        await send(message)

    return send_edited


class SecurityHeadersMiddleware:
    """Adds the CSP and friends; a view may set its own CSP and it is left alone."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_file = str(scope.get("path", "")).startswith("/files/")

        def secure(headers: MutableHeaders) -> None:
            add_headers(headers, is_file=is_file)

        await self.app(scope, receive, on_response_start(send, secure))
