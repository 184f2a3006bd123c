"""The public pages, through Starlette's TestClient, on the demo documents indexed for real."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pdfs import write_pdf
from starlette.testclient import TestClient
from web_site import (
    COMPLAINTS,
    DISCLOSURES,
    HOSTILE,
    HOSTILE_TITLE,
    PRIVATE,
    PRIVATE_WORD,
    UNFILED,
    doc_url,
    public_paths,
    site_fixtures,
)

from library.classes import CLASSES
from library.config import Settings
from library.indexing import indexer
from library.web.app import create_app

site, client = site_fixtures()


def main_text(html: str) -> str:
    """The visible text of <main>, tags removed, whitespace collapsed."""
    match = re.search(r"<main.*?</main>", html, re.S)
    assert match, "every page has a <main>"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split())


# What a date is, as the pages say it before the date itself.
LABEL = r"(?:Published|Adopted|Approved|Agreed|Meeting held|Issued|Dated|Reviewed|Updated|As at)"


def parse_date(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d %B %Y").date()


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


# --- Home ---------------------------------------------------------------------------------


def test_home_explains_the_library_and_offers_one_search_box(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.text.count('<form class="search-form"') == 1
    assert '<label class="label label-large" for="q">' in page.text
    assert "free to read and download" in main_text(page.text)


def test_home_lists_the_seven_classes_with_their_document_counts(
    client: TestClient, site: Settings
) -> None:
    text = main_text(client.get("/").text)
    paths = public_paths(site)
    for cls in CLASSES:
        count = sum(1 for p in paths if p.startswith(cls.slug + "/"))
        assert f"{cls.name} {count} document" in text


def test_home_shows_recently_published_documents(client: TestClient) -> None:
    html = client.get("/").text
    recent = html.split('id="recent-heading"', 1)[1].split("</ul>", 1)[0]
    # Each says what its date is: "Published 3 March 2025", "Meeting held 22 January 2025".
    dates = [parse_date(d) for d in re.findall(rf"· {LABEL} (\d+ \w+ \d{{4}})", recent)]
    assert len(dates) == 8
    assert dates == sorted(dates, reverse=True)


# --- Search -------------------------------------------------------------------------------


def test_search_shows_total_title_class_date_size_pages_and_highlighted_snippet(
    client: TestClient,
) -> None:
    page = client.get("/search", params={"q": "Ombudsman"})
    assert page.status_code == 200
    text = main_text(page.text)
    assert "1 document found" in text
    assert "Corporate Complaints Procedure" in text
    assert "Our policies and procedures" in text
    assert re.search(r"Published \d+ \w+ 20\d\d", text)
    assert re.search(r"PDF, \d+ KB, 5 pages", text)
    assert "<mark>Ombudsman</mark>" in page.text


def test_search_links_to_the_exact_matching_page_of_the_pdf(client: TestClient) -> None:
    page = client.get("/search", params={"q": "unreasonably persistent complainants"})
    # With the search, so opening the PDF at that page counts as opening a result.
    assert f"/files/{COMPLAINTS}?q=unreasonably+persistent+complainants#page=5" in links(page.text)


def test_search_result_links_to_its_document_page_carrying_the_query(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Ombudsman"})
    assert f"{doc_url(COMPLAINTS)}?q=Ombudsman" in links(page.text)


def test_the_query_stays_in_the_box_escaped(client: TestClient) -> None:
    page = client.get("/search", params={"q": 'budget "quoted" <b>'})
    assert 'value="budget &#34;quoted&#34; &lt;b&gt;"' in page.text


def test_facets_count_by_class_and_year_and_filter_when_ticked(client: TestClient) -> None:
    page = client.get("/search", params={"q": "council"})
    boxes = re.findall(
        r'name="(class|year|type)" value="([^"]+)">\s*<label class="checkbox-label" for="[^"]+">'
        r'([^<]+) <span class="count">\((\d+)',
        page.text,
    )
    by_label = {label: (name, value, int(n)) for name, value, label, n in boxes}
    name, value, count = by_label["How we make decisions"]
    assert (name, value) == ("class", "decisions")
    filtered = main_text(client.get("/search", params={"q": "council", name: value}).text)
    assert f"{count} document" in filtered
    assert "Remove filter: How we make decisions" in filtered
    _, year, year_count = by_label["2025"]
    assert f"{year_count} document" in main_text(client.get(f"/search?year={year}").text)


def test_sort_by_newest_orders_results_by_publication_date(client: TestClient) -> None:
    page = client.get("/search", params={"q": "council", "sort": "newest"})
    text = main_text(page.text)
    dates = [parse_date(d) for d in re.findall(rf"{LABEL} (\d+ \w+ \d{{4}})", text)]
    assert len(dates) > 3
    assert dates == sorted(dates, reverse=True)
    assert 'aria-current="true" class="current">Newest<' in page.text


def test_pagination_moves_through_all_results_with_shareable_urls(
    client: TestClient, site: Settings
) -> None:
    first = client.get("/search")
    total = len(public_paths(site))
    assert f"{total} documents" in main_text(first.text)
    assert 'rel="next"' in first.text and 'rel="prev"' not in first.text
    last_page = -(-total // site.page_size)
    last = client.get("/search", params={"page": last_page})
    assert 'rel="prev"' in last.text and 'rel="next"' not in last.text
    seen = set()
    for number in range(1, last_page + 1):
        html = client.get(f"/search?page={number}").text
        seen.update(re.findall(r'<h3 class="result-title"><a href="(/documents/\w+)', html))
    assert len(seen) == total


def test_a_page_past_the_end_says_so_and_links_back(client: TestClient) -> None:
    page = client.get("/search", params={"q": "council", "page": 400})
    assert page.status_code == 200
    assert "There are no results on this page" in main_text(page.text)


def test_misspelling_gets_did_you_mean_or_corrected_results(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Ombudsmann"})
    text = main_text(page.text)
    assert "Showing results for" in text or "Did you mean" in text
    assert "ombudsman" in text.lower().split("showing results for", 1)[-1]


def test_zero_results_page_helps_the_visitor_on(client: TestClient) -> None:
    page = client.get("/search", params={"q": "qwxzvbnm"})
    assert page.status_code == 200
    text = main_text(page.text)
    assert "0 documents found" in text
    assert "checking your spelling" in text
    for cls in CLASSES:
        assert f"/search?class={cls.slug}" in links(page.text)
    assert "/request?q=qwxzvbnm" in links(page.text)


def test_non_public_documents_are_never_found(client: TestClient, site: Settings) -> None:
    text = main_text(client.get("/search", params={"q": PRIVATE_WORD}).text)
    assert "0 documents found" in text
    assert client.get(doc_url(PRIVATE)).status_code == 404
    assert PRIVATE not in public_paths(site)


def test_text_from_pdfs_is_escaped_and_highlights_are_built_from_escaped_text(
    client: TestClient,
) -> None:
    page = client.get("/search", params={"q": "xylophonic"})
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page.text
    assert "<mark>xylophonic</mark>" in page.text
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text


# --- Document page --------------------------------------------------------------------------


def test_document_page_shows_what_it_is_and_how_to_get_it(client: TestClient) -> None:
    page = client.get(doc_url(COMPLAINTS))
    assert page.status_code == 200
    text = main_text(page.text)
    assert "Corporate Complaints Procedure" in text
    assert "Our policies and procedures" in text
    assert re.search(r"Pages 5", text) and re.search(r"File PDF, \d+ KB", text)
    assert "Cost Free" in text
    assert f"/files/{COMPLAINTS}" in links(page.text)


def test_document_page_from_a_search_lists_the_matching_pages(client: TestClient) -> None:
    page = client.get(doc_url(COMPLAINTS), params={"q": "unreasonably persistent"})
    text = main_text(page.text)
    assert "Where “unreasonably persistent” appears" in text
    assert f"/files/{COMPLAINTS}#page=5" in links(page.text)
    assert "<mark>" in page.text
    assert "/search?q=unreasonably+persistent" in links(page.text)


def test_document_page_without_a_search_shows_no_match_section(client: TestClient) -> None:
    assert "appears" not in main_text(client.get(doc_url(COMPLAINTS)).text)


def test_related_documents_are_other_documents(client: TestClient) -> None:
    html = client.get(doc_url(COMPLAINTS)).text
    related = html.split('id="related-heading"', 1)[1]
    ids = re.findall(r'href="/documents/(\w+)"', related)
    assert ids and doc_url(COMPLAINTS).rsplit("/", 1)[1] not in ids
    assert doc_url(PRIVATE).rsplit("/", 1)[1] not in ids


def test_disclosure_documents_show_their_foi_reference_and_dates(client: TestClient) -> None:
    text = main_text(client.get(doc_url(DISCLOSURES[0][0])).text)
    assert "Released Freedom of Information response" in text
    assert "FOI reference FOI-2025-0217" in text
    assert "Request received 10 March 2025" in text and "Response sent 4 April 2025" in text


def test_unknown_document_is_a_404_in_the_site_style(client: TestClient) -> None:
    page = client.get("/documents/0000000000000000")
    assert page.status_code == 404
    assert "There is no published document at this address." in main_text(page.text)
    assert "Skip to main content" in page.text


# --- Guide to Information and disclosure log ----------------------------------------------


def test_guide_lists_every_class_and_every_public_document(
    client: TestClient, site: Settings
) -> None:
    page = client.get("/guide")
    assert page.status_code == 200
    text = main_text(page.text)
    for cls in CLASSES:
        assert cls.name in text and cls.description in text
    listed = set(
        re.findall(r'<th scope="row" data-label="Document"><a href="(/documents/\w+)"', page.text)
    )
    assert listed == {doc_url(p) for p in public_paths(site)}
    assert doc_url(UNFILED) in listed
    assert doc_url(PRIVATE) not in page.text


def test_guide_says_how_each_document_is_available_and_at_what_cost(client: TestClient) -> None:
    html = client.get("/guide").text
    row = html.split(doc_url(COMPLAINTS), 1)[1].split("</tr>", 1)[0]
    assert f"/files/{COMPLAINTS}" in row
    assert 'data-label="Cost"><a href="#charges">Free<' in row  # linked to the schedule
    assert re.search(r'data-label="Date">Published \d+ \w+ 20\d\d<', row)


def test_guide_is_printable(client: TestClient) -> None:
    css = client.get("/static/app.css").text
    assert "@media print" in css


def test_disclosure_log_lists_released_responses_newest_first(client: TestClient) -> None:
    page = client.get("/disclosure-log")
    text = main_text(page.text)
    (newest, newest_ref), (older, older_ref) = DISCLOSURES
    assert text.index(newest_ref) < text.index(older_ref)
    assert doc_url(newest) in links(page.text) and f"/files/{older}" in links(page.text)
    assert "Asked 10 March 2025" in text and "Answered 4 April 2025" in text


# --- The site follows the index ----------------------------------------------------------


def test_new_documents_appear_without_restarting_the_app(tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    settings = Settings(
        documents_dir=documents, index_dir=tmp_path / "index", web_dir=Path("web"), jobs=1
    )
    write_pdf(documents / "decisions/first.pdf", ["Minutes about the bandstand."])
    indexer.sync(settings)
    with TestClient(create_app(settings)) as client:
        assert "0 documents found" in main_text(client.get("/search?q=gazebo").text)
        write_pdf(documents / "decisions/second.pdf", ["Minutes about the gazebo."])
        indexer.sync(settings)
        assert "1 document found" in main_text(client.get("/search?q=gazebo").text)


def test_without_an_index_pages_say_the_library_is_not_ready(tmp_path: Path) -> None:
    settings = Settings(documents_dir=tmp_path / "d", index_dir=tmp_path / "i", web_dir=Path("web"))
    with TestClient(create_app(settings)) as client:
        page = client.get("/search?q=x")
        assert page.status_code == 503
        assert "being prepared" in main_text(page.text)
        assert client.get("/healthz").status_code == 503


def test_hostile_title_is_escaped_on_every_listing(client: TestClient) -> None:
    for url in ("/guide", doc_url(HOSTILE), "/search?q=quarterly"):
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;" in html, url
    assert HOSTILE_TITLE.startswith("<script>")
