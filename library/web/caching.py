"""HTTP validators for the pages made from the index: a weak ETag per representation, and 304
Not Modified for a matching `If-None-Match`, answered before any search runs.

The tag is computed before the page, from what the page is made of: the index's generation
and latest commit (`ReaderPool.version`, the same in every worker), the librarian's synonyms
and curated answers (read by every search), the site's build (settings, templates, code
version) and the request (its full URL, host included, and the `Accept` / `HX-Request`
variant). A commit between the tag and the page can only make the page newer than its tag,
which costs a later revalidation a full answer, never a stale page.

Tags are weak (`W/"..."`): they name the page, not its bytes, so they hold for the gzip- or
identity-encoded body alike, whichever way a compression middleware sends it.

A 304 runs no search, so it records nothing in the anonymous insight: a revalidation is the
same visitor seeing the same page again. PDFs and static files keep their own validators
(`/files/`: ETag, Last-Modified, Range; see views/files.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from library import __version__
from library.config import Settings
from library.search import ReaderPool

# Pages made from the index (and nothing per visitor); the request page and the staff pages
# are not, and neither are files, which have validators of their own.
EXACT = frozenset(
    {"/", "/search", "/guide", "/disclosure-log", "/api/search", "/api/documents", "/api/classes"}
)
PREFIXES = ("/documents/", "/api/documents/")
VARIANT_HEADERS = ("accept", "hx-request")
# The request state key under which a page's view finds its tag (`web.page_cache` keys by it).
PAGE_TAG = "page_tag"
# Keep it, but ask every time: the answer changes when a document is added.
CACHE_CONTROL = "no-cache"


def cached_path(path: str) -> bool:
    """True for the pages that carry an ETag."""
    return path in EXACT or path.startswith(PREFIXES)


def build_token(settings: Settings) -> str:
    """What else every page depends on, fixed for the life of a worker: the settings, the
    code version and the templates (their newest change). Every worker of one deployment
    computes the same token."""
    stamps = [p.stat().st_mtime_ns for p in sorted(settings.web_dir.rglob("*")) if p.is_file()] or [
        0
    ]
    text = f"{__version__}|{settings!r}|{max(stamps)}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _stamp(path: Path | None) -> str:
    if path is None:
        return "-"
    try:
        st = path.stat()
    except OSError:
        return "0"
    return f"{st.st_mtime_ns}:{st.st_size}"


def entity_tag(build: str, reader: ReaderPool, settings: Settings, scope: Scope) -> str:
    """The weak ETag of the page `scope` asks for, as the index is now."""
    headers = Headers(scope=scope)
    parts = [
        build,
        reader.version(),
        _stamp(settings.synonyms_path),
        _stamp(settings.curated_path),
        str(scope.get("scheme", "http")),
        headers.get("host", ""),
        str(scope.get("root_path", "")) + str(scope["path"]),
        scope.get("query_string", b"").decode("latin-1"),
        *(headers.get(name, "") for name in VARIANT_HEADERS),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return f'W/"{digest[:32]}"'


def matches(if_none_match: str, tag: str) -> bool:
    """RFC 9110's weak comparison of `If-None-Match` with the current tag."""
    wanted = tag.removeprefix("W/")
    return any(t.strip().removeprefix("W/") == wanted for t in if_none_match.split(","))


class ConditionalGetMiddleware:
    """ETag on every 200 from a cached page; 304 when the visitor already has it.

    It reads the reader pool and settings from the lifespan state, so it sits inside the
    app, and outside the concurrency limit: a 304 costs a directory listing, not a search,
    and is answered even when the searches are queued.
    """

    def __init__(self, app: ASGIApp, *, build: str) -> None:
        self.app = app
        self.build = build

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope.get("state") or {}
        reader, settings = state.get("reader"), state.get("settings")
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or not cached_path(scope["path"])
            or not isinstance(reader, ReaderPool)
            or not isinstance(settings, Settings)
        ):
            await self.app(scope, receive, send)
            return
        tag = await run_in_threadpool(entity_tag, self.build, reader, settings, scope)
        scope["state"][PAGE_TAG] = tag  # the request's own copy of the state
        if_none_match = Headers(scope=scope).get("if-none-match")
        if if_none_match and matches(if_none_match, tag):
            await _not_modified(send, tag)
            return

        async def send_tagged(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = MutableHeaders(scope=message)
                headers.setdefault("etag", tag)
                headers.setdefault("cache-control", CACHE_CONTROL)
            await send(message)

        await self.app(scope, receive, send_tagged)


async def _not_modified(send: Send, tag: str) -> None:
    headers = [(b"etag", tag.encode()), (b"cache-control", CACHE_CONTROL.encode())]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
