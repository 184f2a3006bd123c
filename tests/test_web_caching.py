"""HTTP caching and back-pressure in one worker (issue 15).

Pages made from the index carry a weak ETag derived from the index commit and the request,
and a matching `If-None-Match` is a 304 before any search runs; PDFs keep their own
validators. Within a worker, a bounded number of requests run at once, a short queue waits,
and the rest get 503 with `Retry-After` at once, while `/healthz` is never held up.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import stored_searches
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from library.config import Settings
from library.indexing import indexer
from library.schema import doc_id_for
from library.web import create_app
from library.web.limits import ConcurrencyLimitMiddleware

BINS = "services/bins.pdf"
PAGES = ("/search?q=bin", f"/documents/{doc_id_for(BINS)}?q=bin", "/api/search?q=bin",
         f"/api/documents/{doc_id_for(BINS)}", "/api/documents", "/", "/guide")  # fmt: skip


@pytest.fixture
def site(settings: Settings, make_pdf: Callable[..., Path]) -> Settings:
    make_pdf(BINS, ["Wheelie bin collection calendar for every street."], title="Bins")
    indexer.sync(settings)
    return settings


@pytest.fixture
def client(site: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(site)) as c:
        yield c


def tag_of(client: TestClient, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.headers["etag"]


@pytest.mark.parametrize("url", PAGES)
def test_index_pages_carry_a_weak_etag_and_ask_to_be_revalidated(
    client: TestClient, url: str
) -> None:
    response = client.get(url)
    assert response.headers["etag"].startswith('W/"')
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("url", PAGES)
def test_a_matching_tag_is_a_304_with_no_body(client: TestClient, url: str) -> None:
    tag = tag_of(client, url)
    again = client.get(url, headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag
    listed = client.get(url, headers={"if-none-match": f'W/"other", {tag.removeprefix("W/")}'})
    assert listed.status_code == 304  # one of a list; strong or weak form alike
    assert client.get(url, headers={"if-none-match": 'W/"stale"'}).status_code == 200


def test_a_revalidated_search_is_not_counted_again(client: TestClient, site: Settings) -> None:
    tag = tag_of(client, "/search?q=bin")
    assert client.get("/search?q=bin", headers={"if-none-match": tag}).status_code == 304
    assert [q for q, _, _ in stored_searches(site.index_dir)] == ["bin"]


def test_each_request_and_variant_has_its_own_tag(client: TestClient) -> None:
    tags = {
        tag_of(client, "/search?q=bin"),
        tag_of(client, "/search?q=bins"),
        tag_of(client, "/search?q=bin&sort=newest"),
        tag_of(client, "/search?q=bin", accept="application/json"),
        tag_of(client, "/search?q=bin", **{"hx-request": "true"}),
        tag_of(client, "/search?q=bin", host="library.example.org"),  # absolute links differ
    }
    assert len(tags) == 6


def test_every_worker_gives_the_same_tag(site: Settings, client: TestClient) -> None:
    with TestClient(create_app(site)) as other_worker:
        for url in PAGES:
            assert tag_of(client, url) == tag_of(other_worker, url), url


def test_a_commit_changes_the_tag_and_the_old_one_gets_the_new_page(
    client: TestClient, site: Settings, make_pdf: Callable[..., Path]
) -> None:
    old = tag_of(client, "/search?q=bin")
    make_pdf("services/bin-days.pdf", ["Bin days over the holidays."], title="Bin days")
    indexer.sync(site)
    fresh = client.get("/search?q=bin", headers={"if-none-match": old})
    assert fresh.status_code == 200 and "Bin days" in fresh.text
    assert fresh.headers["etag"] != old


def test_a_rebuild_changes_the_tag(client: TestClient, site: Settings) -> None:
    old = tag_of(client, "/api/documents")
    indexer.rebuild(site)  # a new generation with the same documents
    assert tag_of(client, "/api/documents") != old


def test_a_curated_answer_or_synonym_changes_the_tag(client: TestClient, site: Settings) -> None:
    first = tag_of(client, "/search?q=refuse")
    site.curated_path.write_text(f"refuse => {BINS}\n", encoding="utf-8")
    second = tag_of(client, "/search?q=refuse")
    site.local_synonyms.write_text("refuse, bin\n", encoding="utf-8")
    third = tag_of(client, "/search?q=refuse")
    assert len({first, second, third}) == 3


def test_errors_redirects_and_personal_pages_carry_no_tag(client: TestClient) -> None:
    for url in ("/documents/nope", "/search?year=abc", "/request?q=bin", "/staff/login"):
        response = client.get(url, follow_redirects=False)
        assert "etag" not in response.headers, url
    marked = client.get(f"/documents/{doc_id_for(BINS)}?from=request", follow_redirects=False)
    assert marked.status_code == 303 and "etag" not in marked.headers


def test_pdfs_keep_their_own_validators_and_ranges(client: TestClient) -> None:
    pdf = client.get(f"/files/{BINS}")
    assert pdf.headers["etag"].startswith('"') and "last-modified" in pdf.headers
    assert pdf.headers["cache-control"] == "public, max-age=3600"
    part = client.get(f"/files/{BINS}", headers={"range": "bytes=0-4"})
    assert part.status_code == 206 and part.content == b"%PDF-"


# -- the limit within one worker ------------------------------------------------------------


class Gate:
    """An app whose /search requests wait until `open` is set; everything else is instant."""

    def __init__(self) -> None:
        self.open = asyncio.Event()
        self.running = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"] == "/search":
            self.running += 1
            await self.open.wait()
            self.running -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


async def call(app: ConcurrencyLimitMiddleware, path: str) -> tuple[int, dict[str, str]]:
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": []}
    await app(scope, receive, send)  # type: ignore[arg-type]
    start = sent[0]
    headers = {k.decode(): v.decode() for k, v in start["headers"]}  # type: ignore[attr-defined]
    return int(start["status"]), headers  # type: ignore[call-overload]


def test_past_the_limit_and_the_queue_a_request_is_refused_at_once() -> None:
    async def scenario() -> None:
        gate = Gate()
        app = ConcurrencyLimitMiddleware(gate, concurrency=2, queue=1)
        held = [asyncio.create_task(call(app, "/search")) for _ in range(3)]
        await asyncio.sleep(0.05)
        assert (gate.running, app.waiting) == (2, 1)  # two run, one waits its turn
        status, headers = await asyncio.wait_for(call(app, "/search"), 1)
        assert status == 503 and int(headers["retry-after"]) >= 1
        assert headers["cache-control"] == "no-store"
        assert (await asyncio.wait_for(call(app, "/healthz"), 1))[0] == 200  # never queued
        assert (await asyncio.wait_for(call(app, "/files/x.pdf"), 1))[0] == 200
        gate.open.set()
        assert [(await t)[0] for t in held] == [200, 200, 200]  # the queued one ran too
        assert (app.running, app.waiting) == (0, 0)

    asyncio.run(scenario())


def test_a_request_that_waits_too_long_is_refused_rather_than_left_hanging() -> None:
    async def scenario() -> None:
        gate = Gate()
        app = ConcurrencyLimitMiddleware(gate, concurrency=1, queue=5, max_wait=0.2)
        held = asyncio.create_task(call(app, "/search"))
        await asyncio.sleep(0.02)
        status, headers = await asyncio.wait_for(call(app, "/api/search"), 2)
        assert status == 503 and headers["content-type"] == "application/json"
        gate.open.set()
        assert (await held)[0] == 200
        assert app.waiting == 0

    asyncio.run(scenario())


def test_no_more_than_the_limit_ever_run_at_once() -> None:
    async def scenario() -> None:
        peak = 0

        async def app(scope: Scope, receive: Receive, send: Send) -> None:
            nonlocal peak
            peak = max(peak, limited.running)
            await asyncio.sleep(0.005)
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        limited = ConcurrencyLimitMiddleware(app, concurrency=3, queue=100)
        statuses = await asyncio.gather(*(call(limited, "/search") for _ in range(60)))
        assert [s for s, _ in statuses] == [200] * 60
        assert peak == 3

    asyncio.run(scenario())
