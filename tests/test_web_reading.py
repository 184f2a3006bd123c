"""Every document readable as a page of the site (issue 13): `/documents/{id}/text` shows the
text the library extracted, page by page, with the searched words marked where the search
matched, each page one click from the same page of the original; results and the document
page lead there. On the demo documents indexed for real, plus PDFs made here."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from conftest import file_records
from starlette.testclient import TestClient
from web_site import (
    COMPLAINTS,
    HOSTILE,
    HOSTILE_TITLE,
    PRIVATE,
    PRIVATE_WORD,
    doc_url,
    site_fixtures,
)

from library.config import Settings
from library.indexing import indexer
from library.schema import doc_id_for
from library.store import INSIGHT_FILE
from library.web.app import create_app

site, client = site_fixtures()


def text_url(relpath: str) -> str:
    return doc_url(relpath) + "/text"


def sections(html: str) -> dict[str, str]:
    """Each unit of a reading view by its fragment id, as its HTML."""
    found = re.findall(
        r'<section class="reading-unit[^"]*" id="([^"]+)">(.*?)</section>', html, re.S
    )
    return dict(found)


def links(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]*)"', html)]


def test_a_pdf_reads_page_by_page_each_page_a_section_with_its_heading_and_anchor(
    client: TestClient,
) -> None:
    page = client.get(text_url(COMPLAINTS))
    assert page.status_code == 200
    units = sections(page.text)
    assert list(units) == [f"page-{n}" for n in range(1, 6)]
    for n, html in enumerate(units.values(), start=1):
        assert f'<h2 class="heading-m">Page {n}</h2>' in html
        assert f"/files/{COMPLAINTS}#page={n}" in links(html), "the same page of the original"
        assert f">PDF, page {n}<" in html
    assert "Unreasonably persistent complainants" in units["page-5"]
    assert "<mark>" not in page.text, "nothing is marked without a search"


def test_a_search_marks_its_words_on_the_pages_it_matched_and_lists_them(
    client: TestClient,
) -> None:
    page = client.get(text_url(COMPLAINTS), params={"q": "unreasonably persistent"})
    units = sections(page.text)
    assert "<mark>Unreasonably</mark> <mark>persistent</mark>" in units["page-5"]
    assert all("<mark>" not in html for anchor, html in units.items() if anchor != "page-5")
    found = page.text.split('id="found-heading"', 1)[1].split("</section>", 1)[0]
    assert "“unreasonably persistent” appears on 1 page" in found
    assert links(found) == ["#page-5"]
    back = "/search?q=unreasonably+persistent"
    assert back in links(page.text)


def test_a_search_that_matched_only_the_title_says_so_and_marks_nothing(
    client: TestClient,
) -> None:
    page = client.get(text_url(COMPLAINTS), params={"q": "zzzyqx"})
    assert page.status_code == 200
    assert "<mark>" not in page.text
    assert "Your search words are not in the text of this document" in page.text


def test_text_from_a_pdf_is_escaped_and_only_the_marks_are_markup(client: TestClient) -> None:
    page = client.get(text_url(HOSTILE), params={"q": "xylophonic"})
    assert page.status_code == 200
    assert "<script>" not in page.text and "<img src=x" not in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in sections(page.text)["page-2"]
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page.text
    assert "Quarterly <mark>xylophonic</mark> review" in page.text
    assert HOSTILE_TITLE not in page.text


def test_a_private_document_has_no_reading_view_and_no_text_to_show(
    client: TestClient, site: Settings
) -> None:
    assert client.get(text_url(PRIVATE)).status_code == 404
    assert client.get(text_url(PRIVATE), params={"q": PRIVATE_WORD}).status_code == 404
    assert PRIVATE_WORD not in client.get(text_url(PRIVATE)).text
    # Not a page hidden by the view: the index holds no text of it at all.
    from library import store

    ix = store.open_current(site.index_dir)
    try:
        with ix.searcher() as searcher:
            stored = [f for f in searcher.all_stored_fields() if f.get("path") == PRIVATE]
    finally:
        ix.close()
    assert [f["kind"] for f in stored] == ["private"]
    assert PRIVATE in {r["path"] for r in file_records(site)}


def test_an_unknown_id_is_a_404_in_the_site_style(client: TestClient) -> None:
    page = client.get("/documents/0000000000000000/text")
    assert page.status_code == 404
    assert "There is no published document at this address." in page.text


def test_a_results_page_link_opens_the_reading_view_there_with_the_original_beside_it(
    client: TestClient,
) -> None:
    page = client.get("/search", params={"q": "unreasonably persistent"})
    result = page.text.split('<li class="result">', 2)[1]
    reading = f"{text_url(COMPLAINTS)}?q=unreasonably+persistent#page-5"
    snippet = result.split('<p class="snippet">', 1)[1].split("</p>", 1)[0]
    # The original carries the search too: opening it counts as an open (insight).
    original = f"/files/{COMPLAINTS}?q=unreasonably+persistent#page=5"
    assert links(snippet) == [reading, original]
    assert ">(PDF, page 5<" in snippet
    pages = result.split('<p class="pages">', 1)[1].split("</p>", 1)[0]
    assert links(pages) == [reading]
    # And the page it opens marks the words on page 5.
    assert "<mark>" in sections(client.get(reading.split("#")[0]).text)["page-5"]


def test_the_document_page_offers_the_text_and_opens_it_at_each_matching_page(
    client: TestClient,
) -> None:
    plain = client.get(doc_url(COMPLAINTS)).text
    assert text_url(COMPLAINTS) in links(plain)
    assert "Read as a web page" in plain
    found = client.get(doc_url(COMPLAINTS), params={"q": "unreasonably persistent"}).text
    matches = found.split('id="matches-heading"', 1)[1].split("</section>", 1)[0]
    assert f"{text_url(COMPLAINTS)}?q=unreasonably+persistent#page-5" in links(matches)
    assert f"/files/{COMPLAINTS}#page=5" in links(matches)


def test_the_api_gives_each_document_its_reading_view(client: TestClient) -> None:
    doc = client.get(f"/api/documents/{doc_id_for(COMPLAINTS)}").json()
    assert doc["text_url"] == f"http://testserver{text_url(COMPLAINTS)}"
    assert doc["format"] == "pdf"
    assert client.get(doc["text_url"]).status_code == 200


def test_reading_a_document_from_a_search_counts_as_opening_it(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    make_pdf("services/halls.pdf", ["Booking a marquee on the green."], title="Halls")
    indexer.sync(settings)
    with TestClient(create_app(settings)) as c:
        c.get(text_url("services/halls.pdf"))  # no search: not an open
        c.get(text_url("services/halls.pdf"), params={"q": "marquee  hire"})
    with closing(sqlite3.connect(settings.index_dir / INSIGHT_FILE)) as db:
        opens = [q for (q,) in db.execute("SELECT query FROM opens")]
    assert opens == ["marquee hire"]


def test_blank_pages_keep_their_place_and_long_strings_can_wrap(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    long_ref = "https://example.org/" + "a" * 60  # one line of the PDF, wider than a phone
    make_pdf("decisions/report.pdf", ["First page words.", "", f"Third page {long_ref}"])
    indexer.sync(settings)
    with TestClient(create_app(settings)) as c:
        html = c.get(text_url("decisions/report.pdf")).text
        css = c.get("/static/reading.css").text
    units = sections(html)
    assert list(units) == ["page-1", "page-2", "page-3"]
    assert "No text was found on this page" in units["page-2"]
    assert long_ref in units["page-3"]
    assert re.search(r"\.reading-text \{[^}]*overflow-wrap: anywhere", css)


def test_a_word_document_reads_section_by_section_under_its_headings(
    settings: Settings,
) -> None:
    from formats import write_docx

    relpath = "policies-and-procedures/garden-waste.docx"
    write_docx(settings.documents_dir / relpath)
    indexer.sync(settings)
    with TestClient(create_app(settings)) as c:
        html = c.get(text_url(relpath), params={"q": "standard bin"}).text
        results = c.get("/search", params={"q": "standard bin"}).text
    units = sections(html)
    assert list(units) == ["introduction", "section-purpose", "section-fees", "section-exemptions"]
    contents = html.split('id="contents-heading"', 1)[1].split("</nav>", 1)[0]
    assert links(contents) == [f"#{anchor}" for anchor in units]
    fees = units["section-fees"]
    assert '<h2 class="heading-m">Section: Fees</h2>' in fees
    assert '<p class="reading-text">The annual garden waste permit' in fees, "heading said once"
    assert links(fees) == [f"/files/{relpath}"] and ">Original Word document (DOCX)<" in fees
    assert "<mark>Standard</mark> <mark>bin</mark>" in units["section-exemptions"]
    # A result's location opens the text at that section.
    assert f"{text_url(relpath)}?q=standard+bin#section-exemptions" in links(results)
