"""The results and request pages tell an answer from a coincidence (issue 12): strong matches
are shown as the answers, weak ones under their own heading, and with no answer the page
says so and shows the way to ask; the request page offers only what answers the question."""

from __future__ import annotations

import re

from starlette.testclient import TestClient
from web_site import DISCLOSURES, doc_url, site_fixtures

site, client = site_fixtures()

WEAK = "Documents that mention some of your words"
NO_ANSWER = "Nothing we publish seems to answer your question"


def section(html: str, heading: str) -> str:
    return html.split(heading, 1)[1].split("</section>", 1)[0]


def test_strong_matches_are_the_answers_and_weak_ones_come_after(client: TestClient) -> None:
    html = client.get("/search", params={"q": "agency social workers"}).text
    assert "Documents that answer your question" in html and WEAK in html
    answers = section(html, "Documents that answer your question")
    assert doc_url(DISCLOSURES[0][0]) in answers
    assert html.index("Documents that answer your question") < html.index(WEAK)
    assert NO_ANSWER not in html


def test_with_no_answer_the_page_says_so_and_shows_how_to_ask(client: TestClient) -> None:
    html = client.get("/search", params={"q": "wheelie bin collection day"}).text
    assert NO_ANSWER in html and WEAK in html
    notice = section(html, NO_ANSWER)
    assert "/request?q=wheelie+bin+collection+day" in notice
    assert "Documents that answer your question" not in html


def test_the_api_says_whether_the_search_was_answered(client: TestClient) -> None:
    answered = client.get("/api/search", params={"q": "agency social workers"}).json()
    assert answered["answered"] is True and answered["results"][0]["match"] == "strong"
    unanswered = client.get("/api/search", params={"q": "wheelie bin collection day"}).json()
    assert unanswered["answered"] is False
    assert {r["match"] for r in unanswered["results"]} == {"weak"}


def test_the_request_page_offers_only_what_answers_the_question(client: TestClient) -> None:
    html = client.get("/request", params={"q": "wheelie bin collection day"}).text
    assert "This may already answer your question" not in html
    assert "Nothing we publish matches what you asked" in html
    assert not re.findall(r'href="/documents/\w+\?from=request', html)
    assert "mailto:" in html, "straight to how to ask"


def test_a_browse_listing_has_no_answer_headings(client: TestClient) -> None:
    html = client.get("/search", params={"class": "services"}).text
    assert WEAK not in html and NO_ANSWER not in html
