"""The public search uses the librarian's synonyms file (edits apply at once), shows a series
as its newest year with links to the others, and marks superseded versions."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient

from library.config import Settings
from library.indexing import indexer
from library.web.app import create_app


def test_synonyms_edits_apply_to_the_next_web_search(
    settings: Settings, make_pdf: Callable[..., Path], tmp_path: Path
) -> None:
    make_pdf("services/halls.pdf", ["Booking a marquee on the village green."], title="Green")
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("# none yet\n")
    site = settings.with_values({"synonyms_file": str(synonyms)})
    indexer.sync(site)
    with TestClient(create_app(site)) as client:
        assert "services/halls.pdf" not in client.get("/api/search?q=gazebo").text
        synonyms.write_text("gazebo, marquee\n")
        found = client.get("/api/search?q=gazebo").json()
        assert [r["path"] for r in found["results"]] == ["services/halls.pdf"]
        page = client.get("/search", params={"q": "gazebo"}).text
        assert "Booking a" in page
        # The document page lists the pages the same search matched.
        document = client.get(found["results"][0]["url"], params={"q": "gazebo"}).text
        assert "/files/services/halls.pdf#page=1" in document
        assert "<mark>marquee</mark>" in document


def test_the_document_page_lists_the_pages_a_phrase_matched(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    make_pdf(
        "decisions/standing-orders.pdf",
        ["Notices give three clear days.", "The meaning of clear days is explained here."],
    )
    indexer.sync(settings)
    with TestClient(create_app(settings)) as client:
        (hit,) = client.get("/api/search", params={"q": '"meaning of clear days"'}).json()[
            "results"
        ]
        html = client.get(hit["url"], params={"q": '"meaning of clear days"'}).text
    assert hit["pages"] == [2]
    assert "/files/decisions/standing-orders.pdf#page=2" in html
    assert "/files/decisions/standing-orders.pdf#page=1" not in html


def test_superseded_versions_are_marked_on_the_results_page(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    make_pdf("what-we-spend/budget-2023.pdf", ["Budget for the year."], title="Budget 2023")
    make_pdf("what-we-spend/budget-2024.pdf", ["Budget for the year."], title="Budget 2024")
    indexer.sync(settings)
    with TestClient(create_app(settings)) as client:
        html = client.get("/search", params={"q": "budget"}).text
        named = client.get("/search", params={"q": "budget 2023"}).text
    # One result, the newest, with the other year linked under it.
    assert html.count('class="result-title"') == 1
    assert re.search(r'class="result-title"><a [^>]*>Budget 2024<', html)
    assert "Superseded:" not in html
    older = re.search(
        r'Other years:\s*<a href="(/documents/\w+)[^"]*">.*?Budget 2023.*?2023</a>', html
    )
    assert older, html
    # Asked for by its year, the older version is the result, and says it is superseded.
    assert re.search(r'class="result-title"><a [^>]*>Budget 2023<', named)
    assert named.count("Superseded:") == 1
    assert older.group(1) in named
