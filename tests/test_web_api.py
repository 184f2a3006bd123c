"""The JSON API and the discovery files (Atom feed, sitemap, OpenSearch, robots.txt)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient
from web_site import (
    COMPLAINTS,
    DISCLOSURES,
    HOSTILE_TITLE,
    PRIVATE,
    doc_url,
    public_paths,
    site_fixtures,
)

from library.classes import CLASSES
from library.cli import cli
from library.config import Settings
from library.web.app import create_app

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


site, client = site_fixtures()


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- /api/search -------------------------------------------------------------------------


def test_api_search_has_the_shape_of_the_cli_json_plus_links(
    client: TestClient, site: Settings
) -> None:
    cli_result = CliRunner().invoke(
        cli,
        [
            "search",
            "Ombudsman",
            "--json",
            "--documents",
            str(site.documents_dir),
            "--index",
            str(site.index_dir),
        ],
        catch_exceptions=False,
    )
    expected = json.loads(cli_result.output)
    data = client.get("/api/search", params={"q": "Ombudsman"}).json()
    assert set(expected) <= set(data)
    assert data["total"] == expected["total"] == 1
    hit = data["results"][0]
    links = {"url", "file_url", "text_url", "licence", "licence_url"}  # what /api/ adds
    assert set(expected["results"][0]) | links == set(hit)
    assert hit["path"] == COMPLAINTS and 3 in hit["pages"]
    assert local(hit["url"]) == doc_url(COMPLAINTS)
    assert local(hit["file_url"]) == f"/files/{COMPLAINTS}"
    assert client.get(local(hit["url"])).status_code == 200
    assert client.get(local(hit["file_url"])).headers["content-type"] == "application/pdf"


def test_api_search_filters_sorts_pages_and_counts_facets(client: TestClient) -> None:
    everything = client.get("/api/search", params={"q": "council", "page_size": 5}).json()
    assert everything["page_size"] == 5 and len(everything["results"]) == 5
    decisions = everything["facets"]["class"]["decisions"]
    only = client.get("/api/search", params={"q": "council", "class": "decisions"}).json()
    assert only["total"] == decisions
    assert {r["class"] for r in only["results"]} == {"decisions"}
    newest = client.get("/api/search", params={"q": "council", "sort": "newest"}).json()
    dates = [r["published"] for r in newest["results"] if r["published"]]
    assert dates == sorted(dates, reverse=True)
    second = client.get("/api/search", params={"q": "council", "page_size": 5, "page": 2}).json()
    assert {r["id"] for r in second["results"]}.isdisjoint(r["id"] for r in everything["results"])


@pytest.mark.parametrize(
    "params",
    [{"class": "nope"}, {"page": "0"}, {"page": "x"}, {"q": "a" * 600}, {"sort": "up"}],
)
def test_api_errors_are_json_400s(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"]


def test_api_never_reveals_non_public_documents(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "zephyrine"}).json()["total"] == 0
    ids = {d["id"] for d in client.get("/api/documents").json()["documents"]}
    assert doc_url(PRIVATE).rsplit("/", 1)[1] not in ids


# --- /api/documents, /api/classes, /api/openapi.json ----------------------------------------


def test_api_documents_lists_every_public_document_in_pages(
    client: TestClient, site: Settings
) -> None:
    data = client.get("/api/documents").json()
    assert data["total"] == len(public_paths(site))
    assert {d["path"] for d in data["documents"]} == public_paths(site)
    paged = client.get("/api/documents", params={"page_size": 10, "page": 2}).json()
    assert len(paged["documents"]) == 10 and paged["pages"] == -(-data["total"] // 10)


def test_api_documents_by_class(client: TestClient) -> None:
    data = client.get("/api/documents", params={"class": "lists-and-registers"}).json()
    assert {d["class"] for d in data["documents"]} == {"lists-and-registers"}
    assert client.get("/api/documents", params={"class": "nope"}).status_code == 400


def test_api_document_gives_the_stored_fields_and_disclosure_details(client: TestClient) -> None:
    path, reference = DISCLOSURES[0]
    doc_id = doc_url(path).rsplit("/", 1)[1]
    data = client.get(f"/api/documents/{doc_id}").json()
    assert data["id"] == doc_id and data["path"] == path
    assert data["disclosure"] == {
        "reference": reference,
        "request_date": "2025-03-10",
        "response_date": "2025-04-04",
    }
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404 and missing.json() == {
        "error": "no published document with this id"
    }


def test_api_classes_lists_the_scheme_with_counts(client: TestClient, site: Settings) -> None:
    classes = client.get("/api/classes").json()["classes"]
    assert [c["slug"] for c in classes[:7]] == [c.slug for c in CLASSES]
    assert sum(c["documents"] for c in classes) == len(public_paths(site))


def test_openapi_describes_every_api_route(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    routes = {
        route.path.replace("{doc_id}", "{id}")
        for route in client.app.routes  # type: ignore[attr-defined]
        if getattr(route, "path", "").startswith("/api/") and route.path != "/api/openapi.json"
    }
    assert set(spec["paths"]) == routes
    for ref in json.dumps(spec).split('"$ref": "#/components/schemas/')[1:]:
        assert ref.split('"', 1)[0] in spec["components"]["schemas"]


# --- Feeds and discovery -------------------------------------------------------------------


def test_atom_feed_lists_new_documents_with_links(client: TestClient, site: Settings) -> None:
    response = client.get("/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= 50
    for entry in entries:
        assert entry.find(f"{ATOM}title").text  # type: ignore[union-attr]
        assert entry.find(f"{ATOM}updated") is not None
        alternate = entry.find(f"{ATOM}link[@rel='alternate']")
        assert alternate is not None and local(alternate.get("href", "")).startswith("/documents/")
    ids = {e.findtext(f"{ATOM}id") or "" for e in entries}
    assert not any(doc_url(PRIVATE) in i for i in ids)
    titles = {e.findtext(f"{ATOM}title") for e in entries}
    assert HOSTILE_TITLE in titles and "<script>" not in response.text, "escaped, and intact"


def test_sitemap_lists_every_document_page_and_pdf(client: TestClient, site: Settings) -> None:
    response = client.get("/sitemap.xml")
    assert response.headers["content-type"].startswith("application/xml")
    locs = {local(loc.text or "") for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")}
    for path in public_paths(site):
        assert doc_url(path) in locs and f"/files/{path}" in locs
    assert "/guide" in locs and "/disclosure-log" in locs
    assert all(client.get(url).status_code == 200 for url in locs if not url.startswith("/files"))


def test_opensearch_lets_browsers_add_the_site_search(client: TestClient) -> None:
    response = client.get("/opensearch.xml")
    assert response.headers["content-type"].startswith("application/opensearchdescription+xml")
    root = ET.fromstring(response.content)
    template = root.find(f"{OPENSEARCH}Url[@type='text/html']").get("template")  # type: ignore[union-attr]
    assert template.endswith("/search?q={searchTerms}")  # type: ignore[union-attr]
    assert 'rel="search" type="application/opensearchdescription+xml"' in client.get("/").text


def test_robots_txt_points_at_the_sitemap(client: TestClient) -> None:
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").text


def test_public_url_setting_is_used_for_absolute_links(site: Settings) -> None:
    with TestClient(
        create_app(site.with_values({"public_url": "https://docs.example.gov.uk/"}))
    ) as c:
        assert "https://docs.example.gov.uk/feed.atom" in c.get("/feed.atom").text
        assert "<loc>https://docs.example.gov.uk/guide</loc>" in c.get("/sitemap.xml").text
        hit = c.get("/api/search", params={"q": "Ombudsman"}).json()["results"][0]
        assert hit["url"].startswith("https://docs.example.gov.uk/documents/")
