"""The Guide to Information: every public document under its class, in three formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from library.classes import CLASSES
from library.config import Settings
from library.errors import QueryError
from library.indexing import indexer
from library.librarian.guide import Guide, build_guide, render_guide
from library.search.pool import ReaderPool
from library.web import create_app
from tests.conftest import run_cli

MakePdf = Callable[..., Path]
REPO = Path(__file__).resolve().parent.parent
SECTION = re.compile(r'<section class="guide-section".*?</section>', re.DOTALL)
TITLE = re.compile(r'<th scope="row" data-label="Document"><a href="([^"]+)">(.*?)</a>')


def sidecar(pdf: Path, text: str) -> None:
    pdf.with_name(pdf.name + ".toml").write_text(text, encoding="utf-8")


@pytest.fixture
def guide(settings: Settings, make_pdf: MakePdf) -> Iterator[Guide]:
    budget = make_pdf("what-we-spend/budget.pdf", ["Revenue budget 2025"])
    sidecar(budget, 'title = "Budget 2025-26"\npublished = 2025-02-01\ncharge = "Free"\n')
    old = make_pdf("what-we-spend/old-budget.pdf", ["Revenue budget 2019"])
    sidecar(old, 'title = "Budget 2019-20"\npublished = 2019-02-01\nformat = "Paper copy"\n')
    hostile = make_pdf("decisions/minutes.pdf", ["Minutes of the planning committee"])
    sidecar(hostile, 'title = "=HYPERLINK(1) <script>x</script> | pipe"\ncharge = "10p a page"\n')
    secret = make_pdf("decisions/secret.pdf", ["Secret plans"])
    sidecar(secret, "public = false\n")
    make_pdf("loose.pdf", ["Unfiled leaflet"])
    indexer.sync(settings)
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.catalog() as catalog:
            yield build_guide(catalog, settings, today=dt.date(2025, 6, 1))
    finally:
        reader.close()


def test_every_class_is_listed_in_scheme_order_with_its_public_documents(guide: Guide) -> None:
    assert [c.slug for c in guide.classes] == [c.slug for c in CLASSES]
    titles = {c.slug: [e.title for e in c.entries] for c in guide.classes}
    # A series is one entry, its newest year, with the older years under it.
    assert titles["what-we-spend"] == ["Budget 2025-26"]
    spend = guide.classes[1]
    assert [(m.label, m.title) for m in spend.years_of(spend.entries[0])] == [
        ("2019", "Budget 2019-20")
    ]
    assert titles["decisions"] == ["=HYPERLINK(1) <script>x</script> | pipe"]
    assert titles["who-we-are"] == []
    # The unfiled document is public, so it is listed after the classes, as /guide lists it.
    assert guide.unfiled is not None
    assert [e.path for e in guide.unfiled.entries] == ["loose.pdf"]
    assert guide.total == 4  # everything but the non-public document


def test_format_and_charge_come_from_the_sidecar_with_free_pdf_as_default(guide: Guide) -> None:
    (newest,) = guide.classes[1].entries
    spend = {e.title: e for e in (newest, *guide.classes[1].older[newest.doc_id])}
    assert (spend["Budget 2019-20"].format, spend["Budget 2019-20"].charge) == (
        "Paper copy",
        "Free",
    )
    assert spend["Budget 2025-26"].format == "PDF, on the website"


def render(guide: Guide, fmt: str, base_url: str = "") -> str:
    return render_guide(guide, fmt, web_dir=REPO / "web", base_url=base_url)


def test_csv_has_one_row_per_document_and_defuses_formulas(guide: Guide) -> None:
    rows = list(csv.DictReader(io.StringIO(render(guide, "csv", base_url="https://x.org/"))))
    assert [r["title"] for r in rows[:3]] == [
        "Budget 2025-26",
        "Budget 2019-20",
        "'=HYPERLINK(1) <script>x</script> | pipe",
    ]
    # The schedule of charges follows the documents, as rows of its own "class".
    assert [r["class"] for r in rows[3:]] == ["unclassified"] + ["schedule-of-charges"] * 4
    assert rows[0]["url"].startswith("https://x.org/documents/")
    assert rows[2]["charge"] == "10p a page"


def test_html_escapes_document_text_and_lists_empty_classes(guide: Guide) -> None:
    html = render(guide, "html")
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html
    assert html.count("Nothing is published in this class yet.") == 5
    assert "Secret" not in html


def test_markdown_escapes_table_pipes(guide: Guide) -> None:
    md = render(guide, "md")
    assert "## How we make decisions" in md
    assert "\\| pipe" in md and "| Published 1 February 2025 | PDF, on the website | Free |" in md


def test_unknown_format_is_refused(guide: Guide) -> None:
    with pytest.raises(QueryError, match="unknown guide format"):
        render(guide, "pdf")


def test_cli_writes_the_guide_to_a_file(settings: Settings, guide: Guide, tmp_path: Path) -> None:
    out = tmp_path / "guide.html"
    result = run_cli(settings, "guide", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Budget 2025-26" in out.read_text(encoding="utf-8")
    printed = run_cli(settings, "guide", "--format", "csv")
    assert printed.output.splitlines()[0].startswith("class,class_name,title")


def test_the_site_and_the_export_list_the_same_documents_in_the_same_words(
    settings: Settings, guide: Guide
) -> None:
    exported = render(guide, "html")
    with TestClient(create_app(settings)) as client:
        page = client.get("/guide").text
    titles = TITLE.findall(page)
    assert len(titles) == 3 and guide.total == 4  # the two budgets are one entry
    assert TITLE.findall(exported) == titles
    # Without --base-url the links are the site's own, so every section is the same markup.
    assert SECTION.findall(exported) == SECTION.findall(page)
    assert len(SECTION.findall(page)) == len(CLASSES) + 1  # and the unfiled documents


def test_the_export_stands_alone_and_links_under_the_base_url(guide: Guide) -> None:
    html = render(guide, "html", base_url="https://docs.example.gov.uk/")
    hrefs = re.findall(r'href="([^"#]+)"', html)
    assert hrefs and all(h.startswith(("https://docs.example.gov.uk/", "mailto:")) for h in hrefs)
    assert "<link" not in html and "<script" not in html  # no stylesheet or script to fetch
    assert "Guide to Information" in html and "1 June 2025" in html
