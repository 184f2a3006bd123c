"""The finish of the public site (issue 14): icons at the addresses browsers ask for, a
meta description on every page, gzip for what is text, static files under fingerprinted
names cached for a year, empty classes shown as empty, and a date on every listed document.
Against the real demo index (tests/web_site.py), and a small site of its own for the parts
the demo cannot show (an empty class, a document with no date)."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdfs import write_pdf
from starlette.testclient import TestClient
from web_site import COMPLAINTS, DISCLOSURES, REPO, doc_url, site_fixtures

from library.classes import CLASSES
from library.config import Settings
from library.indexing import indexer
from library.web.app import create_app
from library.web.assets import IMMUTABLE, Assets

site, client = site_fixtures()

PAGES = [
    "/",
    "/search",
    "/search?q=council",
    doc_url(COMPLAINTS),
    doc_url("policies-and-procedures/data-protection-policy.pdf"),
    doc_url(DISCLOSURES[0][0]),
    "/guide",
    "/disclosure-log",
    "/request",
    "/request/contact",
    "/no-such-page",
]
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = rf"\d{{1,2}} ({MONTHS}) \d{{4}}|\d{{4}}"


def description(page: str) -> str:
    (content,) = re.findall(r'<meta name="description" content="([^"]*)">', page)
    return htmllib.unescape(content)


# --- Icons --------------------------------------------------------------------------------


def test_the_favicon_and_apple_touch_icon_are_served_where_browsers_look(
    client: TestClient,
) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO
    assert b"\x89PNG" in icon.content and "max-age" in icon.headers["cache-control"]
    touch = client.get("/apple-touch-icon.png")
    assert touch.status_code == 200 and touch.headers["content-type"] == "image/png"
    width, height = int.from_bytes(touch.content[16:20]), int.from_bytes(touch.content[20:24])
    assert (width, height) == (180, 180)
    home = client.get("/").text
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in home
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in home
    (svg,) = re.findall(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', home)
    assert client.get(svg).text.startswith("<svg")


# --- Meta descriptions ----------------------------------------------------------------------


def test_every_page_has_its_own_meta_description(client: TestClient) -> None:
    found = {url: description(client.get(url).text) for url in PAGES}
    assert all(20 <= len(d) <= 300 for d in found.values()), found
    assert len(set(found.values())) == len(PAGES), "each page says what it is"


def test_a_document_page_is_described_by_its_summary_or_first_sentence(
    client: TestClient,
) -> None:
    with_summary = client.get(doc_url("policies-and-procedures/data-protection-policy.pdf"))
    assert description(with_summary.text).startswith("How the council meets the UK GDPR")
    without = description(client.get(doc_url(COMPLAINTS)).text)
    assert len(without.split()) >= 8
    # Words of its own first page: a phrase search for them finds it.
    phrase = '"' + " ".join(without.rstrip(".").split()[-5:]) + '"'
    found = client.get("/api/search", params={"q": phrase}).json()
    assert COMPLAINTS in [r["path"] for r in found["results"]], (phrase, without)


# --- Compression and caching ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/guide", "text/html"),
        ("/api/documents", "application/json"),
        ("/sitemap.xml", "application/xml"),
        ("/feed.atom", "application/atom+xml"),
        ("/static/app.css", "text/css"),
    ],
)
def test_text_is_sent_gzipped(client: TestClient, url: str, kind: str) -> None:
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(kind)
    assert response.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in response.headers["vary"].lower()
    plain = client.get(url, headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == response.content


def test_published_files_are_sent_as_they_are(client: TestClient) -> None:
    whole = client.get(f"/files/{COMPLAINTS}", headers={"accept-encoding": "gzip"})
    assert whole.status_code == 200 and "content-encoding" not in whole.headers
    part = client.get(
        f"/files/{COMPLAINTS}", headers={"accept-encoding": "gzip", "range": "bytes=0-99"}
    )
    assert part.status_code == 206 and "content-encoding" not in part.headers
    assert part.content == whole.content[:100]


def test_pages_link_static_files_by_fingerprint_cached_for_a_year(client: TestClient) -> None:
    (css,) = re.findall(r'<link rel="stylesheet" href="([^"]+)">', client.get("/").text)
    assert re.fullmatch(r"/static/app\.[0-9a-f]{8}\.css", css)
    response = client.get(css)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.content == (REPO / "web" / "static" / "app.css").read_bytes()
    plain = client.get("/static/app.css")
    assert plain.status_code == 200 and plain.content == response.content
    assert plain.headers["cache-control"] == "public, max-age=300", "the old address, briefly"
    assert client.get("/static/app.00000000.css").status_code == 404


def test_a_fingerprint_follows_the_files_content(tmp_path: Path) -> None:
    (tmp_path / "site.css").write_text("body { color: black }")
    first = Assets(tmp_path).url("site.css")
    (tmp_path / "site.css").write_text("body { color: navy }")
    second = Assets(tmp_path).url("site.css")
    assert first != second and first.startswith("/static/site.") and first.endswith(".css")
    assert Assets(tmp_path).url("missing.css") == "/static/missing.css"
    assert IMMUTABLE.endswith("immutable")


# --- Empty classes and dates ------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Two documents in two classes, one with no date at all: the other five are empty."""
    root = tmp_path_factory.mktemp("small")
    settings = Settings(
        documents_dir=root / "documents", index_dir=root / "index", web_dir=REPO / "web", jobs=1
    )
    write_pdf(
        settings.documents_dir / "services" / "library-opening-hours.pdf",
        ["Library opening hours. Published 3 March 2025. The library opens at nine."],
    )
    write_pdf(
        settings.documents_dir / "decisions" / "notes.pdf",
        ["Notes about the library and what was decided about the opening hours of it."],
    )
    indexer.sync(settings)
    with TestClient(create_app(settings)) as small:
        yield small


def test_empty_classes_are_shown_as_empty_not_as_links(small_site: TestClient) -> None:
    home = small_site.get("/").text
    linked = set(re.findall(r'<a href="/search\?class=([\w-]+)">', home))
    assert linked == {"services", "decisions"}
    assert home.count("Nothing published in this class yet") == len(CLASSES) - 2
    for cls in CLASSES:
        assert cls.name in home
    nothing = small_site.get("/search", params={"q": "qwxzvbnm"}).text
    assert set(re.findall(r'<a href="/search\?class=([\w-]+)">', nothing)) == linked
    assert nothing.count("(nothing published yet)") == len(CLASSES) - 2


def test_every_listed_document_has_a_date(small_site: TestClient, client: TestClient) -> None:
    results = small_site.get("/search").text
    dates = re.findall(r'<span class="doc-date">([^<]+)</span>', results)
    assert len(dates) == results.count('class="result"') == 2
    assert all(re.search(DATE, d) for d in dates), dates
    assert any(d.startswith("Added ") for d in dates), "an undated document: when it came"
    home = client.get("/").text
    recent = home.split('id="recent-heading"', 1)[1].split("</ul>", 1)[0]
    items = re.findall(r'<p class="meta">(.*?)</p>', recent, re.S)
    assert items and all(re.search(DATE, i) for i in items), items
    related = client.get(doc_url(COMPLAINTS)).text.split('id="related-heading"', 1)[1]
    metas = re.findall(r'<p class="meta">(.*?)</p>', related.split("</section>", 1)[0], re.S)
    assert metas and all(re.search(DATE, m) for m in metas), metas
