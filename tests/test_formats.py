"""Formats beyond PDF (issue 13): each is indexed through the real worker pool, each phrase is
found in the unit a person would cite (a sheet, rows, a section), titles and dates come from
the file's own metadata, a sidecar works for every format, files the library cannot read
are listed with advice, and every hostile variant is reported with its reason while the
other files of the same run are indexed."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import file_records, run_cli
from formats import (
    MARKDOWN,
    PAGE_TITLE,
    PLAIN_TEXT,
    POLICY_TITLE,
    write_docx,
    write_html,
    write_ods,
    write_odt,
    write_text,
    write_xlsx,
)
from pdfs import write_pdf

from library.config import Settings
from library.indexing import indexer
from library.indexing.formats import extract_document
from library.indexing.workers import Limits
from library.librarian.status import read_status
from library.models import Hit, Location
from library.search.engine import SearchRequest, search
from library.search.pool import ReaderPool


def hits(settings: Settings, query: str) -> list[Hit]:
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.searcher() as s:
            return list(search(s, SearchRequest(query=query)).hits)
    finally:
        reader.close()


def problems(settings: Settings) -> dict[str, str]:
    """Relative path → reason of every problem `library status` reports."""
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.catalog() as catalog:
            return {p.path: p.reason for p in read_status(catalog).problems}
    finally:
        reader.close()


def records(settings: Settings) -> dict[str, dict[str, Any]]:
    return {r["path"]: r for r in file_records(settings)}


def only_hit(settings: Settings, query: str, path: str) -> Hit:
    found = [h for h in hits(settings, query) if h.path == path]
    assert found, f"{query!r} did not find {path}"
    return found[0]


# --- files the library cannot read -----------------------------------------------------------


def test_legacy_and_unknown_document_formats_are_listed_with_advice(settings: Settings) -> None:
    folder = settings.documents_dir / "policies"
    for name in ("old-policy.doc", "budget.xls", "briefing.pptx", "notes.rtf"):
        write_text(folder / name, "not really an office file")
    write_text(folder / "photo.jpg", "an image is not a document")
    write_text(folder / ".hidden.doc", "hidden files stay ignored")
    write_text(folder / "~$draft.docx", "office lock files stay ignored")
    indexer.sync(settings)
    assert problems(settings) == {
        "policies/old-policy.doc": "unsupported-format",
        "policies/budget.xls": "unsupported-format",
        "policies/briefing.pptx": "unsupported-format",
        "policies/notes.rtf": "unsupported-format",
    }
    result = run_cli(settings, "status")
    assert "policies/old-policy.doc" in result.output
    assert "unsupported-format" in result.output
    assert ".docx" in result.output  # the advice


# --- every format: found by its phrase, in the right place, described by its metadata ------

# Each file has a title of its own: two files of one title and year would be one series.

FORMATS = {
    # format: (writer, file name, phrase, location label, title)
    "docx": (
        write_docx,
        "policies/garden-waste.docx",
        "forty-eight pounds",
        "Section: Fees",
        POLICY_TITLE,
    ),
    "odt": (
        lambda p: write_odt(p, title="Garden Waste Permit Policy"),
        "policies/garden-waste.odt",
        "forty-eight pounds",
        "Section: Fees",
        "Garden Waste Permit Policy",
    ),
    "xlsx": (
        write_xlsx,
        "finance/payments.xlsx",
        "Kestrel Bridge Engineering",
        "Sheet: Q3 2025",
        "Payments to suppliers 2025-26",
    ),
    "ods": (
        lambda p: write_ods(p, title="Supplier payments by quarter"),
        "finance/payments.ods",
        "Kestrel Bridge Engineering",
        "Sheet: Q3 2025",
        "Supplier payments by quarter",
    ),
    "html": (
        write_html,
        "services/bulky-waste.html",
        "mattresses",
        "Section: What we collect",
        PAGE_TITLE,
    ),
    "md": (
        lambda p: write_text(p, MARKDOWN),
        "services/allotments.md",
        "hens",
        "Section: Livestock",
        "Allotment tenancy rules",
    ),
    "txt": (
        lambda p: write_text(p, PLAIN_TEXT),
        "services/road-closure.txt",
        "heron footbridge",
        "Part 2",
        "Notice of road closure",
    ),
}


@pytest.fixture(scope="module")
def every_format(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """One index holding a file of every format (and a PDF), built once for these tests."""
    root = tmp_path_factory.mktemp("formats")
    settings = Settings(
        documents_dir=root / "documents", index_dir=root / "index", jobs=2, extract_timeout=30
    )
    for writer, name, *_ in FORMATS.values():
        writer(settings.documents_dir / name)
    write_pdf(settings.documents_dir / "policies" / "charging.pdf", ["Fees for garden waste"])
    report = indexer.sync(settings)
    assert report.failed == 0, problems(settings)
    return settings


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_is_found_by_its_phrase_in_the_unit_a_person_would_cite(
    every_format: Settings, fmt: str
) -> None:
    _, name, phrase, label, _ = FORMATS[fmt]
    hit = only_hit(every_format, f'"{phrase}"', name)
    assert hit.file_format == fmt
    assert [x.label for x in hit.locations] == [label]
    assert hit.snippet_location is not None and hit.snippet_location.label == label
    assert all(re.fullmatch(r"[a-z0-9-]+", x.anchor) for x in hit.locations)
    json = hit.to_dict()
    assert json["format"] == fmt and json["pages"] == [] and json["snippet_page"] is None
    assert json["locations"][0]["label"] == label


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_is_titled_from_its_own_metadata_and_content(
    every_format: Settings, fmt: str
) -> None:
    _, name, *_, title = FORMATS[fmt]
    doc = records(every_format)[name]
    assert doc["title"] == title
    assert doc["format"] == fmt
    anchors = [p["anchor"] for p in _pages(every_format, name)]
    assert len(anchors) == len(set(anchors)), "anchors are unique within a document"


def test_word_documents_are_dated_and_typed_by_the_pdf_rules(every_format: Settings) -> None:
    for name in ("policies/garden-waste.docx", "policies/garden-waste.odt"):
        doc = records(every_format)[name]
        assert doc["published"] == "2025-05-14", name  # "Adopted by the Cabinet on 14 May 2025"
        assert doc["date_kind"] == "adopted", name
        assert doc["doc_type"] == "policy", name


def test_spreadsheets_are_datasets_with_a_table_per_sheet(every_format: Settings) -> None:
    for name in ("finance/payments.xlsx", "finance/payments.ods"):
        tables = records(every_format)[name]["tables"]
        assert [t["name"] for t in tables] == ["Q2 2025", "Q3 2025"], name
        assert [tuple(t["columns"]) for t in tables] == [("Supplier", "Amount", "Paid on")] * 2
        assert [t["rows"] for t in tables] == [2, 2], name
        assert tables[1]["preview"][0][0] == "Kestrel Bridge Engineering", name
    xlsx = records(every_format)["finance/payments.xlsx"]["tables"]
    assert tuple(xlsx[1]["preview"][0]) == ("Kestrel Bridge Engineering", "48200", "2025-08-21")


def test_a_web_page_is_indexed_without_its_menus_scripts_banners_and_footer(
    every_format: Settings,
) -> None:
    for words in ("marmalade cookies", "analytics beacon", "parking fines menu", "copyright"):
        assert "services/bulky-waste.html" not in {h.path for h in hits(every_format, words)}
    assert only_hit(every_format, '"contact centre"', "services/bulky-waste.html")


def test_pdfs_keep_their_pages_and_say_page_n_as_a_location(every_format: Settings) -> None:
    hit = only_hit(every_format, "garden waste fees", "policies/charging.pdf")
    assert hit.pages == (1,)
    assert hit.locations == (Location("Page 1", "page-1"),)
    assert hit.to_dict()["pages"] == [1]
    assert hit.to_dict()["snippet_page"] == 1


def test_a_long_sheet_is_cut_into_blocks_of_rows(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Reference", "Description"]]
    rows += [[f"R{n}", "Routine repair"] for n in range(2, 1301)]
    rows[799] = ["R800", "Replacement of the pelican crossing"]
    path = write_xlsx(tmp_path / "repairs.xlsx", {"Repairs": rows})
    extracted = extract_document(path, Limits())
    assert [x.label for x in extracted.locations] == [
        "Sheet: Repairs, rows 2-500",
        "Sheet: Repairs, rows 501-1000",
        "Sheet: Repairs, rows 1001-1300",
    ]
    assert "pelican crossing" in extracted.pages[1]
    assert extracted.locations[1].anchor == "sheet-repairs-rows-501-1000"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_sidecar_works_for_every_format(settings: Settings, fmt: str) -> None:
    writer, name, phrase, *_ = FORMATS[fmt]
    path = writer(settings.documents_dir / name)
    private = writer(settings.documents_dir / f"private/{Path(name).name}")
    path.with_name(path.name + ".toml").write_text(
        'title = "Named by its sidecar"\nkeywords = ["zanzibar"]\n', encoding="utf-8"
    )
    private.with_name(private.name + ".toml").write_text("public = false\n", encoding="utf-8")
    indexer.sync(settings)
    assert records(settings)[name]["title"] == "Named by its sidecar"
    assert [h.path for h in hits(settings, "zanzibar")] == [name]
    assert [h.path for h in hits(settings, f'"{phrase}"')] == [name]


def _pages(settings: Settings, relpath: str) -> list[dict[str, Any]]:
    from library import store
    from library.schema import KIND_PAGE

    ix = store.open_current(settings.index_dir)
    try:
        with ix.searcher() as searcher:
            return [
                dict(f)
                for f in searcher.all_stored_fields()
                if f.get("kind") == KIND_PAGE and f.get("path") == relpath
            ]
    finally:
        ix.close()


# --- the watcher ------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.timeout(90)
def test_a_word_document_dropped_into_the_watched_folder_is_indexed(settings: Settings) -> None:
    import threading

    from library.indexing import run_watcher

    stop = threading.Event()
    watcher = threading.Thread(target=run_watcher, args=(settings, stop))
    watcher.start()
    try:
        staged = write_docx(settings.documents_dir / ".incoming" / "fees.docx")
        target = settings.documents_dir / "policies" / "fees.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        staged.rename(target)  # as a copy tool finishes: a hidden name renamed into place
        deadline = time.monotonic() + 45
        found: list[Hit] = []
        while time.monotonic() < deadline and not found:
            time.sleep(0.3)
            try:
                found = [h for h in hits(settings, '"forty-eight pounds"')]
            except Exception:  # no index yet
                found = []
        assert [h.path for h in found] == ["policies/fees.docx"]
        assert [x.label for x in found[0].locations] == ["Section: Fees"]
    finally:
        stop.set()
        watcher.join(timeout=30)


# --- on the site -------------------------------------------------------------------------------


def test_the_site_shows_where_a_non_pdf_hit_is_and_serves_the_original(
    every_format: Settings,
) -> None:
    from starlette.testclient import TestClient

    from library.web.app import create_app

    with TestClient(create_app(every_format)) as client:
        page = client.get("/search", params={"q": "forty-eight pounds"})
        assert page.status_code == 200
        assert "Section: Fees" in page.text
        assert "Page 3" not in page.text  # the section is the third unit, not a page
        api = client.get("/api/search", params={"q": '"Kestrel Bridge Engineering"'}).json()
        (found,) = [r for r in api["results"] if r["path"] == "finance/payments.xlsx"]
        assert found["format"] == "xlsx"
        assert found["locations"] == [{"label": "Sheet: Q3 2025", "anchor": "sheet-q3-2025"}]
        original = client.get("/files/policies/garden-waste.docx")
        assert original.status_code == 200
        assert original.headers["content-type"].startswith(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        assert original.headers["content-disposition"].startswith("attachment")
        page_source = client.get("/files/services/bulky-waste.html")
        assert page_source.headers["content-type"].startswith("text/plain")  # never run here


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("decisions/minutes.docx", "decisions/minutes.docx"),
        ("decisions/minutes.docx.toml", "decisions/minutes.docx"),
        ("finance/spending.csv.toml", "finance/spending.csv"),
        ("finance/budget.XLSX", "finance/budget.XLSX"),
        ("finance/old-budget.xls", "finance/old-budget.xls"),  # listed as unsupported
    ],
)
def test_the_watcher_follows_every_format_and_its_sidecar(
    tmp_path: Path, name: str, key: str
) -> None:
    from watchdog.events import FileCreatedEvent

    from library.indexing.watcher import keys_for_event

    docs = tmp_path / "documents"
    docs.mkdir()
    assert keys_for_event(FileCreatedEvent(f"{docs}/{name}"), docs) == [key]
