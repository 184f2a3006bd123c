"""Filters as GOV.UK's finders have them (issue 14): several values of a filter at once,
facet counts that stay when a filter is chosen, the chosen filters listed above the results
as links that remove them, and a results page whose order suits a phone and a keyboard.
Against the real demo index (tests/web_site.py), through the page and `/api/search`."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient
from web_site import site_fixtures

site, client = site_fixtures()


def api(client: TestClient, **params: str | list[str]) -> dict[str, object]:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    data: dict[str, object] = response.json()
    return data


def facets(data: dict[str, object], name: str) -> dict[str, int]:
    found: dict[str, dict[str, int]] = data["facets"]  # type: ignore[assignment]
    return found[name]


def paths(data: dict[str, object]) -> set[str]:
    return {r["path"] for r in data["results"]}  # type: ignore[attr-defined, index]


def test_a_filter_repeated_finds_documents_with_any_of_its_values(client: TestClient) -> None:
    decisions = api(client, q="council", **{"class": "decisions"}, page_size="100")
    services = api(client, q="council", **{"class": "services"}, page_size="100")
    both = api(client, q="council", **{"class": ["decisions", "services"]}, page_size="100")
    assert decisions["total"] and services["total"]
    assert both["total"] == decisions["total"] + services["total"]  # type: ignore[operator]
    assert paths(both) == paths(decisions) | paths(services)
    assert {r["class"] for r in both["results"]} == {"decisions", "services"}  # type: ignore[attr-defined, index]


def test_different_filters_narrow_each_other(client: TestClient) -> None:
    minutes = api(client, q="council", type="minutes", page_size="100")
    minutes_2025 = api(client, q="council", type="minutes", year="2025", page_size="100")
    assert 0 < minutes_2025["total"] < minutes["total"]  # type: ignore[operator]
    assert {r["year"] for r in minutes_2025["results"]} == {2025}  # type: ignore[attr-defined, index]
    years = api(client, q="council", type="minutes", year=["2025", "2024"], page_size="100")
    assert years["total"] == minutes["total"]
    assert {r["type"] for r in years["results"]} == {"minutes"}  # type: ignore[attr-defined, index]


def test_facet_counts_stay_when_a_filter_of_their_own_is_chosen(client: TestClient) -> None:
    everything = api(client, q="council")
    decisions = api(client, q="council", **{"class": "decisions"})
    # The class counts ignore the class filter: every class is still offered, as before.
    assert facets(decisions, "class") == facets(everything, "class")
    assert len(facets(decisions, "class")) > 1
    # The other facets count within the chosen class.
    assert sum(facets(decisions, "year").values()) == decisions["total"]
    assert facets(decisions, "type") != facets(everything, "type")
    minutes = api(client, q="council", type="minutes")
    assert facets(minutes, "type") == facets(everything, "type")
    assert facets(minutes, "class") == {"decisions": minutes["total"]}


def test_one_value_filters_work_exactly_as_before(client: TestClient) -> None:
    one = client.get("/search?q=council&class=decisions")
    assert one.status_code == 200
    classes = re.findall(r'<span class="doc-class">([^<]+)</span>', one.text)
    assert classes and set(classes) == {"How we make decisions"}
    same = api(client, q="council", **{"class": "decisions"})
    assert f"<strong>{same['total']}</strong> document" in one.text


@pytest.mark.parametrize(
    "query",
    ["year=2024&year=twenty", "class=decisions&class=nope", "type=minutes&type=leaflets"],
)
def test_a_bad_value_among_several_is_a_clear_400(client: TestClient, query: str) -> None:
    page = client.get(f"/search?q=council&{query}")
    assert page.status_code == 400 and "There is a problem" in page.text
    answer = client.get(f"/api/search?q=council&{query}")
    assert answer.status_code == 400 and answer.json()["error"]


def test_filters_are_checkboxes_in_a_disclosure_with_an_apply_button(client: TestClient) -> None:
    html = client.get("/search?q=council&type=minutes&type=policy").text
    panel = html.split('<details class="filter-panel"', 1)[1].split("</details>", 1)[0]
    assert "<summary" in panel and "Filter results" in panel
    assert re.search(r'<form class="filter-form" action="/search" method="get">', panel)
    assert '<input type="hidden" name="q" value="council">' in panel
    checked = re.findall(r'name="(\w+)" value="([^"]+)" checked>', panel)
    assert sorted(checked) == [("type", "minutes"), ("type", "policy")]
    assert len(re.findall(r'type="checkbox" id="filter-class-', panel)) > 1
    assert re.findall(r"<legend[^>]*>([^<]+)</legend>", panel) == [
        "Class of information",
        "Type of document",
        "Year",
    ]
    assert '<button class="button" type="submit">Apply filters</button>' in panel


def test_chosen_filters_are_listed_above_the_results_as_links_that_remove_each(
    client: TestClient,
) -> None:
    html = client.get("/search?q=council&class=decisions&type=minutes&year=2025").text
    chosen = html.split('class="active-filters"', 1)[1].split("</div>", 1)[0]
    links = re.findall(
        r'<a class="filter-tag" href="([^"]+)"><span class="visually-hidden">Remove filter: '
        r"</span>([^<]+) <",
        chosen,
    )
    removed = {label: parse_qs(urlsplit(url.replace("&amp;", "&")).query) for url, label in links}
    assert removed == {
        "How we make decisions": {"q": ["council"], "type": ["minutes"], "year": ["2025"]},
        "Minutes": {"q": ["council"], "class": ["decisions"], "year": ["2025"]},
        "2025": {"q": ["council"], "class": ["decisions"], "type": ["minutes"]},
    }
    assert '<a href="/search?q=council">Clear all filters</a>' in chosen
    assert html.index('class="active-filters"') < html.index('id="results"')


def test_removing_one_of_two_values_keeps_the_other(client: TestClient) -> None:
    html = client.get("/search?q=council&class=decisions&class=services").text
    hrefs = re.findall(r'<a class="filter-tag" href="([^"]+)">', html)
    assert [h.replace("&amp;", "&") for h in hrefs] == [
        "/search?q=council&class=services",
        "/search?q=council&class=decisions",
    ]


def test_a_new_search_keeps_every_chosen_value(client: TestClient) -> None:
    html = client.get("/search?q=council&class=decisions&class=services&year=2025").text
    form = html.split('role="search"', 1)[1].split("</form>", 1)[0]
    hidden = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]+)">', form)
    assert hidden == [("class", "decisions"), ("class", "services"), ("year", "2025")]


def test_on_the_results_page_the_count_and_first_result_come_before_the_filters(
    client: TestClient,
) -> None:
    html = client.get("/search?q=council").text
    count = html.index('id="results-count"')
    first = html.index('class="result"')
    assert count < first < html.index('class="filters"') < html.index("Filter results")
    assert html.index('class="sort"') > first, "sort links do not stand before the results"


def test_a_skip_link_goes_to_the_results(client: TestClient) -> None:
    html = client.get("/search?q=council").text
    assert '<a class="skip-link" href="#results">Skip to results</a>' in html
    assert '<div id="results" class="results-lists" tabindex="-1">' in html
    assert html.index('href="#main"') < html.index('href="#results"') < html.index("site-header")
    nothing = client.get("/search?q=qwxzvbnm").text
    assert "Skip to results" not in nothing, "no results: nothing to skip to"


def test_the_search_error_summary_is_focused_and_links_to_the_field(client: TestClient) -> None:
    html = client.get("/search", params={"q": "a" * 600}).text
    main = html.split('<main id="main" tabindex="-1">', 1)[1]
    assert main.lstrip().startswith('<div class="error-summary"'), "first in main"
    summary = main.split("</div>", 1)[0]
    assert 'tabindex="-1" autofocus' in summary and "There is a problem" in summary
    assert re.search(r'<a href="#q">The search is too long[^<]*</a>', summary)
    assert re.search(r'<input [^>]*id="q"[^>]*aria-describedby="q-error"', html)
    assert re.search(r'<p class="error-message" id="q-error">.*too long', html)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Describe the information you want"), ("x" * 5001, "characters or fewer")],
)
def test_the_request_form_error_summary_is_focused_and_links_to_the_field(
    client: TestClient, text: str, message: str
) -> None:
    page = client.get("/request", params={"q": text})
    assert page.status_code == 400
    summary = page.text.split('<div class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'tabindex="-1" autofocus' in summary
    assert re.search(rf'<a href="#request-text">[^<]*{message}[^<]*</a>', summary)
    assert re.search(
        r'id="request-text"[^>]*aria-describedby="request-hint request-error"', page.text
    )
    assert page.text.startswith("<!doctype html>") and "<title>Error: " in page.text
    assert "There is a problem" not in client.get("/request").text, "the start is no error"


def test_the_openapi_description_says_the_filters_repeat(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    for name in ("class", "year", "type"):
        assert params[name]["schema"]["type"] == "array", name
        assert params[name]["schema"]["items"]
