"""How the site's own files travel: static files under a name that changes with their
content (so browsers may keep them a year), the site icons, and gzip for what is text.

`/static/app.3f2a9c1e.css` is `web/static/app.css` as it was when the site started, served
with `Cache-Control: public, max-age=31536000, immutable`; pages link to it through the
`static_url('app.css')` template global. The plain `/static/app.css` keeps working, with a
short cache, for anything that linked to it before.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
FINGERPRINT_CHARS = 8
# What browsers ask for at fixed addresses, whatever the page links to.
ICONS = {"favicon.ico": "favicon.ico", "apple-touch-icon.png": "apple-touch-icon.png"}


def _fingerprinted(name: str, content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()[:FINGERPRINT_CHARS]
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


class Assets(StaticFiles):
    """`web/static`, each file also under its fingerprinted name (computed once, at start-up,
    from the files' contents)."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory)
        self.directory_path = directory
        self.names: dict[str, str] = {}  # file name -> fingerprinted name
        for path in sorted(directory.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                name = path.relative_to(directory).as_posix()
                self.names[name] = _fingerprinted(name, path.read_bytes())
        self._originals = {v: k for k, v in self.names.items()}

    def url(self, name: str) -> str:
        """The path of static file `name` under its fingerprint (`/static/app.<sha8>.css`);
        a file that was not there at start-up gets its plain path."""
        return "/static/" + self.names.get(name, name)

    async def get_response(self, path: str, scope: Scope) -> Response:
        original = self._originals.get(path.replace("\\", "/"))
        response = await super().get_response(original or path, scope)
        if response.status_code in (200, 304):
            response.headers["cache-control"] = IMMUTABLE if original else SHORT
        return response

    def icon(self, request: Request) -> Response:
        """`/favicon.ico` and `/apple-touch-icon.png`: browsers ask for these at the root."""
        name = ICONS[request.url.path.lstrip("/")]
        headers = {"cache-control": "public, max-age=86400"}
        return FileResponse(self.directory_path / name, headers=headers)


class TextGZipMiddleware:
    """Starlette's `GZipMiddleware` for the site's pages, CSS, JSON and XML, but never for
    published files: a PDF is compressed already, and a byte range of it must stay the
    bytes of the file."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        excluded = (*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/pdf", "image/*")
        self.gzip = GZipMiddleware(app, minimum_size=500, exclude_content_types=excluded)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope.get("path", "")).startswith("/files/"):
            await self.app(scope, receive, send)
            return
        await self.gzip(scope, receive, send)
