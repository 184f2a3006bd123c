"""Follow a search (issue 14): every results page offers an Atom feed of the documents that
match its words and filters, and that feed is Atom as RFC 4287 defines it, checked element
by element with an XML parser. Against the real demo index (tests/web_site.py)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient
from web_site import HOSTILE, HOSTILE_TITLE, PRIVATE, PRIVATE_WORD, site_fixtures

from library.schema import doc_id_for

site, client = site_fixtures()

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as RFC 4287 section 3.3 requires ("T" and a zone, "Z" or an offset).
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def atom_problems(feed: ET.Element) -> list[str]:
    """What RFC 4287 requires and `feed` lacks (sections 4.1.1, 4.1.2, 4.2.1, 4.2.6, 4.2.7,
    4.2.14, 4.2.15, 3.3): an empty list for a valid feed."""
    problems: list[str] = []
    if feed.tag != f"{ATOM}feed":
        return [f"the root is {feed.tag}, not atom:feed"]

    def exactly_one(parent: ET.Element, name: str, where: str) -> ET.Element | None:
        found = parent.findall(f"{ATOM}{name}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{name} (exactly one required)")
            return None
        return found[0]

    def check_text(parent: ET.Element, name: str, where: str) -> None:
        element = exactly_one(parent, name, where)
        if element is not None and not (element.text or "").strip():
            problems.append(f"{where}: atom:{name} is empty")

    def check_date(parent: ET.Element, name: str, where: str) -> None:
        for element in parent.findall(f"{ATOM}{name}"):
            if not RFC3339.fullmatch((element.text or "").strip()):
                problems.append(f"{where}: atom:{name} {element.text!r} is not RFC 3339")

    def check_iri(parent: ET.Element, where: str) -> None:
        element = exactly_one(parent, "id", where)
        if element is not None and not urlsplit((element.text or "").strip()).scheme:
            problems.append(f"{where}: atom:id {element.text!r} is not an absolute IRI")

    for name in ("title", "updated"):
        check_text(feed, name, "feed")
    check_iri(feed, "feed")
    check_date(feed, "updated", "feed")
    for link in feed.iter(f"{ATOM}link"):
        if not link.get("href"):
            problems.append("an atom:link without href")
    if not feed.findall(f"{ATOM}link[@rel='self']"):
        problems.append("feed: no atom:link rel=self (SHOULD, and feed readers need it)")
    feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids: list[str] = []
    for n, entry in enumerate(feed.findall(f"{ATOM}entry"), start=1):
        where = f"entry {n}"
        for name in ("title", "updated"):
            check_text(entry, name, where)
        check_iri(entry, where)
        ids.append(entry.findtext(f"{ATOM}id") or "")
        check_date(entry, "updated", where)
        check_date(entry, "published", where)
        if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"{where}: no atom:author, and the feed has none")
        has_content = entry.find(f"{ATOM}content") is not None
        if not has_content and not entry.findall(f"{ATOM}link[@rel='alternate']"):
            problems.append(f"{where}: neither atom:content nor an alternate link")
        if len(entry.findall(f"{ATOM}summary")) > 1:
            problems.append(f"{where}: more than one atom:summary")
    if len(set(ids)) != len(ids):
        problems.append("two entries share an atom:id")
    return problems


def feed_of(client: TestClient, query: str) -> ET.Element:
    response = client.get(f"/feed.atom?{query}" if query else "/feed.atom")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entry_paths(feed: ET.Element) -> list[str]:
    """The document ids of the feed's entries, in order."""
    return [
        (e.findtext(f"{ATOM}id") or "").rsplit("/documents/", 1)[-1]
        for e in feed.findall(f"{ATOM}entry")
    ]


def api_ids(client: TestClient, **params: str | list[str]) -> set[str]:
    data = client.get("/api/search", params={**params, "page_size": "100"}).json()
    return {r["id"] for r in data["results"]}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=council",
        "q=council&class=decisions&class=services",
        "type=minutes&year=2025",
        "q=xylophonic",
        "q=qwxzvbnm",
    ],
)
def test_every_feed_is_valid_atom(client: TestClient, query: str) -> None:
    assert atom_problems(feed_of(client, query)) == []


def test_the_validator_finds_what_atom_requires(client: TestClient) -> None:
    feed = feed_of(client, "q=council")
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None
    entry.remove(entry.find(f"{ATOM}id"))  # type: ignore[arg-type]
    updated = feed.find(f"{ATOM}updated")
    assert updated is not None
    updated.text = "1 March 2025"
    assert atom_problems(feed) == [
        "feed: atom:updated '1 March 2025' is not RFC 3339",
        "entry 1: 0 atom:id (exactly one required)",
    ]


def test_a_search_feed_holds_the_documents_the_search_finds(client: TestClient) -> None:
    feed = feed_of(client, "q=council&class=decisions&class=services")
    wanted = api_ids(client, q="council", **{"class": ["decisions", "services"]})
    assert wanted and set(entry_paths(feed)) == wanted
    classes = {c.get("term") for c in feed.iter(f"{ATOM}category")}
    assert classes == {"decisions", "services"}
    narrower = feed_of(client, "type=minutes&year=2025")
    assert set(entry_paths(narrower)) == api_ids(client, type="minutes", year="2025")
    assert feed_of(client, "q=qwxzvbnm").findall(f"{ATOM}entry") == []


def test_a_search_feed_names_itself_and_the_search_it_follows(client: TestClient) -> None:
    feed = feed_of(client, "q=council&class=decisions&type=minutes")
    title = feed.findtext(f"{ATOM}title") or ""
    assert "“council”" in title and "How we make decisions" in title and "Minutes" in title
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    page_link = feed.find(f"{ATOM}link[@rel='alternate']")
    assert self_link is not None and page_link is not None
    assert feed.findtext(f"{ATOM}id") == self_link.get("href")
    for link, path in ((self_link, "/feed.atom"), (page_link, "/search")):
        parts = urlsplit(link.get("href", ""))
        assert parts.path == path
        assert parse_qs(parts.query) == {
            "q": ["council"],
            "class": ["decisions"],
            "type": ["minutes"],
        }
    plain = feed_of(client, "")
    assert plain.findtext(f"{ATOM}id") != feed.findtext(f"{ATOM}id"), "one id per search"


def test_entries_come_newest_first(client: TestClient) -> None:
    stamps = [
        dt.datetime.fromisoformat(e.findtext(f"{ATOM}updated") or "")
        for e in feed_of(client, "q=council").findall(f"{ATOM}entry")
    ]
    assert len(stamps) > 3 and stamps == sorted(stamps, reverse=True)


def test_a_search_feed_never_holds_a_private_document_and_escapes_titles(
    client: TestClient,
) -> None:
    private = feed_of(client, f"q={PRIVATE_WORD}")
    assert private.findall(f"{ATOM}entry") == []
    assert doc_id_for(PRIVATE) not in entry_paths(feed_of(client, "class=who-we-are"))
    response = client.get("/feed.atom?q=xylophonic")
    titles = [
        e.findtext(f"{ATOM}title") for e in ET.fromstring(response.content).iter(f"{ATOM}entry")
    ]
    assert titles == [HOSTILE_TITLE] and "<script>" not in response.text
    assert doc_id_for(HOSTILE) in entry_paths(ET.fromstring(response.content))


def test_every_results_page_links_its_feed(client: TestClient) -> None:
    html = client.get("/search?q=council&class=decisions&sort=newest").text
    (head,) = re.findall(
        r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"'
        r' title="New documents for this search">',
        html,
    )
    assert head.replace("&amp;", "&") == "/feed.atom?q=council&class=decisions"
    assert re.search(
        r'<a href="/feed\.atom\?q=council&amp;class=decisions">Follow this search', html
    )
    assert atom_problems(feed_of(client, head.split("?", 1)[1].replace("&amp;", "&"))) == []


@pytest.mark.parametrize("query", ["class=nope", "year=twenty", "type=leaflets", "q=" + "a" * 600])
def test_a_feed_for_a_bad_search_is_a_400(client: TestClient, query: str) -> None:
    assert client.get(f"/feed.atom?{query}").status_code == 400
