"""Results pages are shared by every web worker: a page one worker has sent is sent by the
others without searching or rendering again, each request is still counted in the insight,
and a shared page is never stale or private (its key is the page's ETag, which names the
index's commit, the librarian's files and the request)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from conftest import stored_searches
from starlette.testclient import TestClient

from library.config import Settings
from library.indexing import indexer
from library.store import pages_path
from library.web.app import create_app
from library.web.page_cache import Page, PageCache

MARK = b"<!doctype html><title>served from the shared cache</title>"


@pytest.fixture
def site(settings: Settings, make_pdf: Callable[..., Path]) -> Settings:
    make_pdf("services/bulky-waste.pdf", ["Bulky waste collection costs 25 pounds an item."])
    make_pdf("services/parking.pdf", ["Residents parking permits cost 60 pounds a year."])
    indexer.sync(settings)
    return settings


@contextmanager
def worker(settings: Settings) -> Iterator[TestClient]:
    """One web worker's app: two of them over one index folder share what a pool shares."""
    with TestClient(create_app(settings)) as client:
        yield client


def stored(settings: Settings) -> dict[str, bytes]:
    if not pages_path(settings.index_dir).exists():
        return {}
    with closing(sqlite3.connect(pages_path(settings.index_dir))) as db:
        return {tag: bytes(body) for tag, body in db.execute("SELECT tag, body FROM pages")}


def mark_every_page(settings: Settings) -> None:
    """Replace every stored body with MARK, so a page served from the cache shows it."""
    with closing(sqlite3.connect(pages_path(settings.index_dir))) as db, db:
        db.execute("UPDATE pages SET body = ?", (MARK,))


def test_a_page_one_worker_made_is_sent_by_another(site: Settings) -> None:
    with worker(site) as first, worker(site) as second:
        made = first.get("/search", params={"q": "bulky waste"})
        assert made.status_code == 200 and "bulky-waste" in made.text
        assert list(stored(site).values()) == [made.content]
        mark_every_page(site)
        again = second.get("/search", params={"q": "bulky waste"})
        assert again.content == MARK
        assert again.headers["etag"] == made.headers["etag"]
        assert again.headers["content-type"].startswith("text/html")
        assert "content-security-policy" in again.headers  # the site's headers, hit or miss


def test_every_request_is_counted_in_the_insight_hit_or_miss(site: Settings) -> None:
    with worker(site) as first, worker(site) as second:
        first.get("/search", params={"q": "parking permits"})
        second.get("/search", params={"q": "parking permits"})
        first.get("/search", params={"q": "parking permits"})
    assert stored_searches(site.index_dir) == [("parking permits", 1, "search")] * 3


def test_another_request_is_another_page(site: Settings) -> None:
    with worker(site) as client:
        client.get("/search", params={"q": "pounds"})
        mark_every_page(site)
        for params in ({"q": "pounds", "sort": "newest"}, {"q": "pounds", "class": "services"}):
            assert client.get("/search", params=params).content != MARK
        assert client.get("/search", params={"q": "pounds"}).content == MARK


def test_a_withdrawn_document_is_never_sent_from_the_cache(site: Settings) -> None:
    with worker(site) as client:
        assert "parking.pdf" in client.get("/search", params={"q": "parking permits"}).text
        sidecar = site.documents_dir / "services" / "parking.pdf.toml"
        sidecar.write_text("public = false\n", encoding="utf-8")
        indexer.sync(site)  # a commit: every page's tag changes
        assert "parking.pdf" not in client.get("/search", params={"q": "parking permits"}).text


def test_an_edited_synonyms_file_applies_to_the_next_search(site: Settings) -> None:
    synonyms = site.index_dir.parent / "synonyms.txt"
    synonyms.write_text("# none yet\n", encoding="utf-8")
    settings = site.with_values({"synonyms_file": synonyms})
    with worker(settings) as client:
        assert "bulky-waste" not in client.get("/search", params={"q": "sofa"}).text
        synonyms.write_text("sofa, bulky waste\n", encoding="utf-8")
        assert "bulky-waste" in client.get("/search", params={"q": "sofa"}).text


def test_a_failed_search_is_not_kept(site: Settings) -> None:
    with worker(site) as client:
        assert client.get("/search", params={"q": "x", "page": "two"}).status_code == 400
    assert stored(site) == {}


def test_a_damaged_cache_file_is_started_again_and_the_visitor_still_answered(
    site: Settings,
) -> None:
    pages_path(site.index_dir).write_bytes(b"not a database at all" * 100)
    with worker(site) as client:
        assert "bulky-waste" in client.get("/search", params={"q": "bulky waste"}).text
    assert len(stored(site)) == 1


def test_a_damaged_entry_is_a_miss(site: Settings) -> None:
    with worker(site) as client:
        client.get("/search", params={"q": "bulky waste"})
        with closing(sqlite3.connect(pages_path(site.index_dir))) as db, db:
            db.execute("UPDATE pages SET body = ?, meta = ?", (MARK, "{not json"))
        again = client.get("/search", params={"q": "bulky waste"})
        assert again.status_code == 200 and "bulky-waste" in again.text


def test_no_answer_cache_means_no_shared_pages(site: Settings) -> None:
    with worker(site.with_values({"answer_cache": 0})) as client:
        assert client.get("/search", params={"q": "bulky waste"}).status_code == 200
    assert not pages_path(site.index_dir).exists()


def test_the_cache_keeps_at_most_its_size_newest_first(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "pages.sqlite3", size=5)
    for n in range(200):
        cache.put(f"tag-{n}", Page(b"page %d" % n, n, answered=n % 2 == 0))
    kept = [n for n in range(200) if cache.get(f"tag-{n}") is not None]
    assert len(kept) <= 5 + 64 and kept[-1] == 199 and 0 not in kept
    assert cache.get("tag-198") == Page(b"page 198", 198, answered=True)
    cache.close()
