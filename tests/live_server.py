"""A real `library serve` process on 127.0.0.1, and a raw HTTP client that sends exactly the
bytes it is given (httpx and browsers normalise `..` and encodings before sending; an
attacker's client does not).

Used by tests/test_hostile_web.py, tests/test_properties.py and tests/test_schemathesis.py.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from conftest import REPO, stop_process
from web_site import build_site

from library.config import Settings
from library.librarian import hash_password

if TYPE_CHECKING:
    from playwright.sync_api import Page

# The librarian's password on every test server that has a staff login (`staff_env`).
STAFF_PASSWORD = "correct horse battery staple"


def staff_env() -> dict[str, str]:
    """What `live_server(extra_env=...)` needs for a staff login as `librarian`."""
    return {"LIBRARY_STAFF_PASSWORD_HASH": hash_password(STAFF_PASSWORD)}


def log_in(page: Page) -> None:
    """Log `page` in as the librarian through the real login form."""
    page.goto("/staff/login")
    page.get_by_label("User name").fill("librarian")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class RawResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    port: int
    log: Path

    def raw(self, request_line_target: str | bytes, *, headers: bytes = b"", method: bytes = b"GET",
            body: bytes = b"", timeout: float = 20) -> RawResponse:  # fmt: skip
        """Send one HTTP/1.1 request with the target exactly as given; parse the reply."""
        target = (
            request_line_target.encode("latin-1")
            if isinstance(request_line_target, str)
            else request_line_target
        )
        head = b"%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n" % (
            method,
            target,
            self.port,
        )
        if body:
            head += b"Content-Length: %d\r\n" % len(body)
        data = head + headers + b"\r\n" + body
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            with contextlib.suppress(OSError):  # the server may refuse before reading it all
                sock.sendall(data)
            chunks = []
            while True:
                try:
                    chunk = sock.recv(65536)
                except (ConnectionResetError, TimeoutError):
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        return parse_response(b"".join(chunks))


def parse_response(data: bytes) -> RawResponse:
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if not lines or not lines[0].startswith("HTTP/"):
        return RawResponse(0, [], data)  # the connection was closed without a reply
    status = int(lines[0].split(" ", 2)[1])
    headers = [tuple(line.split(":", 1)) for line in lines[1:] if ":" in line]
    pairs = [(k.strip(), v.strip()) for k, v in headers]
    if ("transfer-encoding", "chunked") in [(k.lower(), v.lower()) for k, v in pairs]:
        body = _unchunk(body)
    return RawResponse(status, pairs, body)


def _unchunk(body: bytes) -> bytes:
    out = bytearray()
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2 :]
    return bytes(out)


@contextlib.contextmanager
def live_server(settings: Settings, log: Path, *, extra_env: dict[str, str] | None = None,
                workers: int = 1) -> Iterator[LiveServer]:  # fmt: skip
    """`library serve --no-watch` on a free loopback port, stopped (SIGTERM) afterwards; one
    worker process unless asked for more (tests/test_serving.py tests several)."""
    port = free_port()
    argv = [sys.executable, "-m", "library", "serve", "--no-watch", "--host", "127.0.0.1"]
    argv += ["--workers", str(workers)]
    argv += ["--port", str(port), "--documents", str(settings.documents_dir)]
    argv += ["--index", str(settings.index_dir)]
    env = {**os.environ, **(extra_env or {})}
    with log.open("w") as log_file:
        proc = subprocess.Popen(argv, cwd=REPO, stdout=log_file, stderr=log_file, env=env)
    server = LiveServer(f"http://127.0.0.1:{port}", port, log)
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"library serve exited: {log.read_text()[-2000:]}")
            try:
                if server.raw("/healthz", timeout=2).status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"library serve did not start: {log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield server
    finally:
        stop_process(proc, timeout=15)


@contextlib.contextmanager
def staff_site(base: Path, name: str) -> Iterator[str]:
    """The sample site served for real (`live_server`) with a staff login; its base URL.
    `base` is a fresh folder; the server's log goes beside it as serve-`name`.log."""
    settings = build_site(base / "site")
    with live_server(settings, base / f"serve-{name}.log", extra_env=staff_env()) as server:
        yield server.base_url
