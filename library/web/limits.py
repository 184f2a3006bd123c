"""Back-pressure within one web worker: at most `concurrency` index-reading requests run at
once, up to `queue` more wait their turn, and the rest are told at once to come back (503
with `Retry-After`) instead of piling up until they time out.

Searches are pure Python under one interpreter lock: a worker that runs 32 of them at once
finishes each 32 times later and, with the threads fighting over the lock, fewer per second
in total than one at a time. Waiting in this queue costs no CPU (it is a coroutine, not a
thread), so throughput holds at any number of connections and the rest of the worker
(`/healthz`, static files, PDFs, the staff pages) stays quick.
"""

from __future__ import annotations

import asyncio
import json
import math
import time

from starlette.types import ASGIApp, Receive, Scope, Send

# Never queued: the health check, files (streamed, maybe slowly, to a slow client; they
# would hold a turn for the whole download), and the few staff, who must reach their pages
# during a public spike.
EXEMPT = ("/healthz", "/static/", "/files/", "/staff", "/robots.txt")
MAX_WAIT = 10.0  # seconds a request may wait for a turn before it is refused anyway
_BUSY_HTML = (
    b"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    b"<meta name='viewport' content='width=device-width, initial-scale=1'>"
    b"<title>Busy: please try again</title></head><body><main><h1>The library is very busy</h1>"
    b"<p>Please try again in a few seconds.</p></main></body></html>"
)


def exempt(path: str) -> bool:
    """True for the requests that never wait for a turn."""
    return path.startswith(EXEMPT)


class ConcurrencyLimitMiddleware:
    """Bounds the requests one worker runs at once, with a short queue and a quick 503.

    Parameters:
        concurrency: requests run at once (the `search_concurrency` setting).
        queue: requests allowed to wait for a turn (`search_queue`); one more is refused.
        max_wait: seconds a queued request waits at most before it is refused.
    """

    def __init__(
        self, app: ASGIApp, *, concurrency: int, queue: int, max_wait: float = MAX_WAIT
    ) -> None:
        self.app = app
        self.concurrency = concurrency
        self.queue = queue
        self.max_wait = max_wait
        self.running = 0
        self.waiting = 0
        self._seconds = 0.05  # a moving average of one request's time, for Retry-After
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _semaphore(self) -> asyncio.Semaphore:
        # One per event loop: a test client may run the same app on a new loop each time.
        loop = asyncio.get_running_loop()
        if self._slots is None or self._loop is not loop:
            self._slots, self._loop = asyncio.Semaphore(self.concurrency), loop
        return self._slots

    def retry_after(self) -> int:
        """Whole seconds until the queue ahead of a new request would have drained."""
        ahead = self.running + self.waiting
        return max(1, min(30, math.ceil(self._seconds * ahead / self.concurrency)))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or exempt(scope["path"]):
            await self.app(scope, receive, send)
            return
        slots = self._semaphore()
        if slots.locked() and self.waiting >= self.queue:
            await self._busy(scope, send)
            return
        self.waiting += 1
        try:
            await asyncio.wait_for(slots.acquire(), self.max_wait)
        except TimeoutError:
            admitted = False
        else:
            admitted = True
        finally:
            self.waiting -= 1
        if not admitted:
            await self._busy(scope, send)
            return
        self.running += 1
        started = time.monotonic()
        try:
            await self.app(scope, receive, send)
        finally:
            self.running -= 1
            slots.release()
            self._seconds = 0.9 * self._seconds + 0.1 * (time.monotonic() - started)

    async def _busy(self, scope: Scope, send: Send) -> None:
        if str(scope["path"]).startswith("/api/"):
            body = json.dumps({"error": "busy: try again shortly"}).encode()
            media = b"application/json"
        else:
            body, media = _BUSY_HTML, b"text/html; charset=utf-8"
        headers = [
            (b"content-type", media),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(self.retry_after()).encode()),
            (b"cache-control", b"no-store"),
        ]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body})
