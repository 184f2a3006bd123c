"""The FOI request page: published documents first, then the contact details, with the
funnel counted in index/insight.sqlite3 (the product's success measure)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

import pytest
from conftest import funnel_counts, stored_searches
from starlette.testclient import TestClient
from web_site import DISCLOSURES, build_site, doc_url

from library.config import Settings
from library.store import INSIGHT_FILE as FILENAME
from library.web.app import create_app

ADDRESS = "Freedom of Information Officer, 1 Test Street, Testtown TT1 1TT"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return build_site(
        tmp_path_factory.mktemp("site"), foi_email="foi@test.example", foi_address=ADDRESS
    )


@pytest.fixture
def client(site: Settings) -> Iterator[TestClient]:
    for suffix in ("", "-wal", "-shm"):  # each test counts from zero
        (site.index_dir / (FILENAME + suffix)).unlink(missing_ok=True)
    with TestClient(create_app(site)) as client:
        yield client


def funnel(site: Settings) -> dict[str, int]:
    return funnel_counts(site.index_dir)


def test_the_request_page_first_asks_what_the_visitor_wants(client: TestClient) -> None:
    page = client.get("/request")
    assert page.status_code == 200
    assert '<label class="label label-large" for="request-text">' in page.text
    assert 'name="q"' in page.text and "<textarea" in page.text
    assert "foi@test.example" not in page.text, "contact details come after the suggestions"


def test_the_request_page_shows_published_answers_before_the_contact_details(
    client: TestClient, site: Settings
) -> None:
    page = client.get(
        "/request",
        params={"q": "How many agency social workers did you use and what did they cost?"},
    )
    assert page.status_code == 200
    html = page.text
    assert "This may already answer your question" in html
    earlier = html.split("Answers to earlier requests", 1)[1].split("Published documents", 1)[0]
    assert doc_url(DISCLOSURES[0][0]) in earlier, "the disclosure log is searched first"
    suggestions = re.findall(r'href="(/documents/\w+\?from=request[^"]*)"', html)
    assert len(suggestions) >= 2
    assert "foi@test.example" not in html
    assert "/request/contact?q=How+many+agency+social+workers" in html
    assert funnel(site) == {"shown": 1, "opened": 0, "contact": 0}


def test_opening_a_suggested_document_is_counted_once(client: TestClient, site: Settings) -> None:
    html = client.get("/request", params={"q": "agency social workers"}).text
    link = re.findall(r'href="(/documents/\w+\?from=request[^"]*)"', html)[0].replace("&amp;", "&")
    response = client.get(link, follow_redirects=False)
    assert response.status_code == 303
    assert "from=" not in response.headers["location"], "a reload or a shared link counts nothing"
    assert client.get(response.headers["location"]).status_code == 200
    assert funnel(site) == {"shown": 1, "opened": 1, "contact": 0}


def test_going_on_to_the_contact_details_is_counted(client: TestClient, site: Settings) -> None:
    page = client.get("/request/contact", params={"q": "potholes in 2023"})
    assert page.status_code == 200
    assert 'href="mailto:foi@test.example?subject=' in page.text
    assert "potholes%20in%202023" in page.text, "the email is pre-filled with the request"
    assert "1 Test Street<br>Testtown TT1 1TT" in page.text
    assert "potholes in 2023" in page.text
    assert funnel(site)["contact"] == 1


def test_when_nothing_matches_the_contact_details_are_shown_at_once(
    client: TestClient, site: Settings
) -> None:
    page = client.get("/request", params={"q": "qwxzvbnm"})
    assert "Nothing we publish matches what you asked" in page.text
    assert "foi@test.example" in page.text
    assert funnel(site) == {"shown": 0, "opened": 0, "contact": 1}


def test_searches_are_recorded_without_identifying_anyone(
    client: TestClient, site: Settings
) -> None:
    client.get("/search", params={"q": "Ombudsman"}, headers={"x-forwarded-for": "203.0.113.9"})
    client.get("/request", params={"q": "parking permits"})
    searches = stored_searches(site.index_dir)
    assert ("Ombudsman", 1, "search") in searches
    assert any(q == "parking permits" and src == "request" for q, _, src in searches)
    with sqlite3.connect(site.index_dir / FILENAME) as db:
        dump = "\n".join(db.iterdump())
    assert "203.0.113" not in dump and "testclient" not in dump
    assert "set-cookie" not in {k.lower() for k in client.get("/request?q=x").headers}


def test_a_very_long_description_is_refused_politely(client: TestClient) -> None:
    page = client.get("/request", params={"q": "word " * 2000})
    assert page.status_code == 400
    assert "There is a problem" in page.text
    assert 'href="#request-text"' in page.text


def test_a_long_description_is_still_searched(client: TestClient) -> None:
    text = "I would like to know about agency social workers. " + "Please include detail. " * 40
    page = client.get("/request", params={"q": text})
    assert page.status_code == 200
    assert "This may already answer your question" in page.text
