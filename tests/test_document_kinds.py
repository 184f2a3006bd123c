"""What the public reads about each document: what its date is ("Adopted 20 August 2018"),
what kind of document it is (a Type facet beside class and year), and the other years of
its series (one result, one Guide entry, with links to each year).

A small library of PDFs written here, each stating its date in its own text, indexed for
real, read through the site, the JSON API, the CLI and the Guide export.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli
from pdfs import write_pdf
from starlette.testclient import TestClient
from test_api_schema import validator

from library.config import Settings
from library.indexing import indexer
from library.librarian.guide import build_guide, render_guide
from library.models import Document
from library.schema import doc_id_for
from library.search import ReaderPool
from library.web.app import create_app

REPO = Path(__file__).resolve().parent.parent
PARKING = "policies-and-procedures/parking-policy.pdf"
ADMISSIONS = "policies-and-procedures/admissions-policy.pdf"
MINUTES = "decisions/council-minutes.pdf"
BUDGETS = {
    year: f"what-we-spend/budget-{year}-{(year + 1) % 100:02d}.pdf" for year in (2024, 2023, 2022)
}
FOI = (
    "lists-and-registers/disclosure-log/foi-2024-0012.pdf",
    "lists-and-registers/disclosure-log/foi-2025-0143.pdf",
)


def url_of(relpath: str) -> str:
    return f"/documents/{doc_id_for(relpath)}"


def main_text(html: str) -> str:
    match = re.search(r"<main.*?</main>", html, re.S)
    assert match
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("kinds")
    docs = root / "documents"
    write_pdf(
        docs / PARKING,
        ["Parking Policy\nAdopted 20 August 2018\nHow the council manages parking and permits."],
        title="Parking Policy",
    )
    write_pdf(
        docs / ADMISSIONS,
        ["Admissions Policy\nApproved by the FGB July 2020\nNext review: July 2023\nPlaces."],
        title="Admissions Policy",
    )
    write_pdf(
        docs / MINUTES,
        ["Minutes of the meeting held on 26 November 2018\nThe council discussed parking."],
    )
    for year, path in BUDGETS.items():
        span = f"{year}-{(year + 1) % 100:02d}"
        write_pdf(
            docs / path,
            [f"Budget {span}\nThe revenue budget for the year."],
            title=f"Budget {span}",
        )
    for path, subject in zip(
        FOI, ("Potholes on Mill Lane", "Potholes on the High Street"), strict=True
    ):
        write_pdf(
            docs / path, [f"{subject}\nOur answer to your request about potholes."], title=subject
        )
        (docs / (path + ".toml")).write_text('type = "foi-response"\n', encoding="utf-8")
    settings = Settings(
        documents_dir=docs,
        index_dir=root / "index",
        web_dir=REPO / "web",
        jobs=2,
        extract_timeout=30,
        embedding_model="off",  # semantic search is tested in test_semantic.py
    )
    indexer.sync(settings)
    return settings


@pytest.fixture(scope="module")
def client(site: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(site)) as client:
        yield client


# --- What the date is --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "label"),
    [
        (
            {"published": "2018-08-20", "date_kind": "adopted", "date_precision": "day"},
            "Adopted 20 August 2018",
        ),
        ({"published": "2018-11-26", "date_kind": "meeting"}, "Meeting held 26 November 2018"),
        ({"published": "2025-03-03", "date_kind": "published"}, "Published 3 March 2025"),
        (
            {"published": "2020-07-01", "date_kind": "approved", "date_precision": "month"},
            "Approved July 2020",
        ),
        (
            {
                "published": "2025-01-01",
                "date_kind": "financial-year",
                "date_precision": "year",
                "date_end_year": 2026,
            },
            "Financial year 2025-26",
        ),
        ({"published": "2024-05-01"}, "Published 1 May 2024"),  # an index from before kinds
        ({"published": ""}, ""),
    ],
)
def test_a_document_says_what_its_date_is(stored: dict[str, object], label: str) -> None:
    doc = Document.from_record({"path": "decisions/x.pdf", **stored})
    assert doc.date_label == label


def test_results_show_what_the_date_is_and_the_type(client: TestClient) -> None:
    text = main_text(client.get("/search", params={"q": "parking"}).text)
    assert "Policy Our policies and procedures Adopted 20 August 2018" in text
    assert "Minutes How we make decisions Meeting held 26 November 2018" in text
    assert "Published 20 August 2018" not in text


def test_a_month_is_shown_without_a_made_up_day(client: TestClient) -> None:
    for html in (client.get(url_of(ADMISSIONS)).text, client.get("/search?q=admissions").text):
        assert "Approved July 2020" in main_text(html)
        assert "1 July 2020" not in html


def test_a_financial_year_is_shown_as_one(client: TestClient) -> None:
    assert "Date Financial year 2024-25" in main_text(client.get(url_of(BUDGETS[2024])).text)


def test_the_document_page_says_what_kind_of_document_it_is_and_its_date(
    client: TestClient,
) -> None:
    text = main_text(client.get(url_of(PARKING)).text)
    assert "Policy · Our policies and procedures Parking Policy Adopted 20 August 2018" in text
    assert "Type of document Policy" in text and "Date Adopted 20 August 2018" in text


def test_home_says_what_each_recent_date_is(client: TestClient) -> None:
    recent = client.get("/").text.split('id="recent-heading"', 1)[1].split("</ul>", 1)[0]
    assert "Minutes · How we make decisions · Meeting held 26 November 2018" in recent


def test_json_carries_type_date_label_and_review_by_beside_the_iso_date(client: TestClient) -> None:
    doc = client.get("/api" + url_of(ADMISSIONS)).json()
    assert (doc["type"], doc["date_label"], doc["review_by"]) == (
        "policy",
        "Approved July 2020",
        "2023-07-01",
    )
    assert doc["published"] == "2020-07-01" and doc["year"] == 2020
    (hit,) = client.get("/api/search", params={"q": "admissions"}).json()["results"]
    assert hit["type"] == "policy" and hit["date_label"] == "Approved July 2020"
    minutes = client.get("/api" + url_of(MINUTES)).json()
    assert minutes["review_by"] is None and minutes["type"] == "minutes"


# --- The Type facet ----------------------------------------------------------------------


def facet_links(html: str, heading: str) -> dict[str, tuple[str, int]]:
    """The checkboxes of one filter: label -> (its `name=value`, its count)."""
    section = html.split(f">{heading}</legend>", 1)[1].split("</fieldset>", 1)[0]
    found = re.findall(
        r'name="(\w+)" value="([^"]+)"[^>]*>\s*<label[^>]*>([^<]+) <span class="count">\((\d+)',
        section,
    )
    return {label: (f"{name}={value}", int(n)) for name, value, label, n in found}


def test_the_type_facet_counts_and_filters_without_javascript(client: TestClient) -> None:
    html = client.get("/search", params={"q": "parking"}).text
    types = facet_links(html, "Type of document")
    assert {label: n for label, (_, n) in types.items()} == {"Minutes": 1, "Policy": 1}
    choice, _ = types["Minutes"]
    assert choice == "type=minutes"
    filtered = client.get(f"/search?q=parking&{choice}").text
    text = main_text(filtered)
    assert "1 document found" in text and "Remove filter: Minutes" in text
    # A new search from the filtered page keeps the filter, as the class and year do.
    assert '<input type="hidden" name="type" value="minutes">' in filtered


def test_the_facet_names_types_in_words(client: TestClient) -> None:
    html = client.get("/search", params={"q": "potholes"}).text
    assert "FOI response" in facet_links(html, "Type of document")


def test_an_unknown_type_is_a_clear_400(client: TestClient) -> None:
    page = client.get("/search", params={"q": "parking", "type": "leaflets"})
    assert page.status_code == 400
    assert "unknown document type" in main_text(page.text).lower()
    answer = client.get("/api/search", params={"type": "leaflets"})
    assert answer.status_code == 400 and "unknown document type" in answer.json()["error"]


def test_the_api_filters_and_counts_by_type(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "budget parking", "type": "accounts"}).json()
    assert {r["type"] for r in data["results"]} == {"accounts"}
    every = client.get("/api/search", params={"q": "budget parking"}).json()
    assert every["facets"]["type"] == {"accounts": 3, "minutes": 1, "policy": 1}
    spec = client.get("/api/openapi.json").json()
    (param,) = [p for p in spec["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "type"]
    kinds = param["schema"]["items"]["enum"]  # the filter may repeat: an array of types
    assert "minutes" in kinds and "foi-response" in kinds


def test_the_cli_filters_by_type(site: Settings) -> None:
    found = json.loads(run_cli(site, "search", "parking", "--type", "policy", "--json").output)
    assert [r["path"] for r in found["results"]] == [PARKING]
    unknown = run_cli(site, "search", "parking", "--type", "leaflets")
    assert unknown.exit_code != 0 and "unknown document type" in unknown.output


# --- Series: the same document over the years --------------------------------------------


def test_search_shows_the_newest_of_a_series_with_links_to_the_other_years(
    client: TestClient,
) -> None:
    html = client.get("/search", params={"q": "budget"}).text
    assert re.findall(r'class="result-title"><a [^>]*>([^<]+)<', html) == ["Budget 2024-25"]
    assert "1 document found" in main_text(html)
    other = html.split('class="other-years"', 1)[1].split("</p>", 1)[0]
    links = re.findall(r'<a href="(/documents/\w+)\?q=budget">.*?(\d{4})</a>', other, re.S)
    assert links == [(url_of(BUDGETS[2023]), "2023"), (url_of(BUDGETS[2022]), "2022")]
    assert "Other years: " in main_text(html)


def test_a_hits_json_lists_its_other_years_newest_first(client: TestClient) -> None:
    (hit,) = client.get("/api/search", params={"q": "budget"}).json()["results"]
    assert hit["path"] == BUDGETS[2024] and hit["superseded"] is False
    assert [(y["year"], y["id"], y["title"]) for y in hit["other_years"]] == [
        (2023, doc_id_for(BUDGETS[2023]), "Budget 2023-24"),
        (2022, doc_id_for(BUDGETS[2022]), "Budget 2022-23"),
    ]
    assert (
        client.get("/api/search", params={"q": "parking"}).json()["results"][0]["other_years"] == []
    )


def test_a_hit_with_other_years_matches_the_published_schema(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    answer = client.get("/api/search", params={"q": "budget"}).json()
    assert answer["results"][0]["other_years"]
    validator(spec, "/api/search", 200).validate(answer)


def test_asked_for_by_year_the_older_version_is_shown_and_marked_superseded(
    client: TestClient,
) -> None:
    (hit, *_) = client.get("/api/search", params={"q": "budget 2022"}).json()["results"]
    assert hit["path"] == BUDGETS[2022] and hit["superseded"] is True
    assert [y["year"] for y in hit["other_years"]] == [2024, 2023]


def test_the_year_facet_still_counts_every_year(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "budget"}).json()
    assert data["facets"]["year"] == {"2024": 1, "2023": 1, "2022": 1}
    (hit,) = client.get("/api/search", params={"q": "budget", "year": "2023"}).json()["results"]
    assert hit["path"] == BUDGETS[2023]


def test_the_document_page_lists_the_other_years_newest_first(client: TestClient) -> None:
    html = client.get(url_of(BUDGETS[2023])).text
    section = html.split('id="other-years-heading"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'<a href="(/documents/\w+)">([^<]+)</a>', section) == [
        (url_of(BUDGETS[2024]), "Budget 2024-25"),
        (url_of(BUDGETS[2022]), "Budget 2022-23"),
    ]
    assert "Other years" not in client.get(url_of(PARKING)).text


def test_released_foi_responses_are_never_folded_together(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "potholes"}).json()
    assert sorted(r["path"] for r in data["results"]) == sorted(FOI)
    assert all(r["other_years"] == [] and not r["superseded"] for r in data["results"])


# --- The Guide to Information ------------------------------------------------------------


@pytest.fixture(scope="module")
def guide_formats(site: Settings) -> dict[str, str]:
    reader = ReaderPool(site.index_dir)
    try:
        with reader.catalog() as catalog:
            guide = build_guide(catalog, site)
    finally:
        reader.close()
    return {fmt: render_guide(guide, fmt, web_dir=REPO / "web") for fmt in ("html", "csv", "md")}


def test_the_guide_lists_a_series_as_one_entry_with_its_years(
    client: TestClient, guide_formats: dict[str, str]
) -> None:
    for html in (client.get("/guide").text, guide_formats["html"]):
        rows = re.findall(
            r'<th scope="row" data-label="Document"><a href="([^"]+)">([^<]+)</a>', html
        )
        assert [t for _, t in rows if t.startswith("Budget")] == ["Budget 2024-25"]
        row = html.split(url_of(BUDGETS[2024]), 1)[1].split("</tr>", 1)[0]
        assert re.findall(
            r'<a href="(/documents/\w+)">.*?(\d{4})</a>', row.split("Other years:", 1)[1]
        ) == [
            (url_of(BUDGETS[2023]), "2023"),
            (url_of(BUDGETS[2022]), "2022"),
        ]
        assert 'data-label="Date">Financial year 2024-25<' in row


def test_the_guide_markdown_links_the_other_years(guide_formats: dict[str, str]) -> None:
    line = next(x for x in guide_formats["md"].splitlines() if "Budget 2024-25" in x)
    assert (
        f"(other years: [2023]({url_of(BUDGETS[2023])}), [2022]({url_of(BUDGETS[2022])}))" in line
    )
    assert "| Financial year 2024-25 |" in line


def test_the_guide_csv_has_a_row_per_document_with_its_type_and_entry(
    guide_formats: dict[str, str],
) -> None:
    every = list(csv.DictReader(io.StringIO(guide_formats["csv"])))
    # The schedule of charges rows (no path) follow the documents.
    rows = {r["path"]: r for r in every if r["class"] != "schedule-of-charges"}
    assert len(rows) == 8  # every document, the older budgets too
    assert rows[PARKING]["type"] == "policy" and rows[MINUTES]["type"] == "minutes"
    assert rows[PARKING]["date"] == "Adopted 20 August 2018"
    assert {rows[p]["entry_url"] for p in BUDGETS.values()} == {url_of(BUDGETS[2024])}
    assert rows[PARKING]["entry_url"] == rows[PARKING]["url"] == url_of(PARKING)
