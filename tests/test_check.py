"""`library check`: finds what the index got wrong about the folder, and a damaged index."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from library import store
from library.config import Settings
from library.indexing import indexer
from library.librarian.check import check_index
from tests.conftest import run_cli

MakePdf = Callable[..., Path]


@pytest.fixture
def indexed(settings: Settings, make_pdf: MakePdf) -> dict[str, Path]:
    files = {
        "budget": make_pdf("what-we-spend/budget.pdf", ["Revenue budget", "Capital budget"]),
        "minutes": make_pdf("decisions/minutes.pdf", ["Minutes of the council meeting"]),
        "loose": make_pdf("loose.pdf", ["An unfiled leaflet about bins"]),
    }
    indexer.sync(settings)
    return files


def kinds(settings: Settings, *, deep: bool = False) -> list[tuple[str, str]]:
    return [(f.kind, f.path) for f in check_index(settings, deep=deep).findings]


def test_a_fresh_index_checks_clean_and_exits_zero(
    settings: Settings, indexed: dict[str, Path]
) -> None:
    report = check_index(settings)
    assert report.ok and (report.files, report.entries) == (3, 3)
    result = run_cli(settings, "check")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: 3 files, 3 index entries")


def test_file_deleted_behind_its_back_is_an_orphaned_entry(
    settings: Settings, indexed: dict[str, Path]
) -> None:
    indexed["minutes"].unlink()
    assert kinds(settings) == [("orphaned", "decisions/minutes.pdf")]
    result = run_cli(settings, "check", "--json")
    assert result.exit_code == 1
    body = json.loads(result.output)
    assert body["ok"] is False and body["counts"]["orphaned"] == 1


def test_changed_file_is_stale_and_new_file_is_missing(
    settings: Settings, indexed: dict[str, Path], make_pdf: MakePdf
) -> None:
    make_pdf("what-we-spend/budget.pdf", ["A quite different revenue budget, revised"])
    make_pdf("services/new.pdf", ["A new leaflet"])
    assert kinds(settings) == [
        ("missing", "services/new.pdf"),
        ("stale", "what-we-spend/budget.pdf"),
    ]


def test_a_sidecar_edit_makes_its_pdf_stale(settings: Settings, indexed: dict[str, Path]) -> None:
    indexed["loose"].with_name("loose.pdf.toml").write_text('title = "Bins"\n')
    assert kinds(settings) == [("stale", "loose.pdf")]


def test_deep_check_finds_content_changed_under_the_same_size_and_time(
    settings: Settings, indexed: dict[str, Path]
) -> None:
    path = indexed["minutes"]
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[-10] = ord("X") if data[-10] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert kinds(settings) == []
    assert kinds(settings, deep=True) == [("stale", "decisions/minutes.pdf")]


def test_library_index_repairs_what_check_found(
    settings: Settings, indexed: dict[str, Path], make_pdf: MakePdf
) -> None:
    indexed["minutes"].unlink()
    make_pdf("services/new.pdf", ["A new leaflet"])
    assert run_cli(settings, "check").exit_code == 1
    indexer.sync(settings)
    assert run_cli(settings, "check").exit_code == 0


def test_missing_segment_file_is_an_integrity_failure(
    settings: Settings, indexed: dict[str, Path]
) -> None:
    gen = store.current_dir(settings.index_dir)
    assert gen is not None
    for segment in gen.glob("*.seg"):
        segment.unlink()
    result = run_cli(settings, "check")
    assert result.exit_code == 1
    assert "integrity" in result.output and "cannot be read" in result.output


def test_no_index_at_all_is_an_integrity_failure(settings: Settings, make_pdf: MakePdf) -> None:
    make_pdf("decisions/a.pdf", ["text"])
    report = check_index(settings)
    assert [(f.kind, f.detail) for f in report.findings] == [
        ("integrity", f"no index in {settings.index_dir}: run `library index` first")
    ]


def test_two_entries_for_one_file_and_stray_pages_are_integrity_failures(
    settings: Settings, indexed: dict[str, Path]
) -> None:
    ix = store.open_current(settings.index_dir)
    try:
        with ix.searcher() as searcher:
            doc = dict(next(iter(searcher.documents(path="loose.pdf", kind="doc"))))
        with ix.writer() as writer:
            writer.add_document(**doc)  # a second record for the same file
            writer.add_document(kind="page", path="gone.pdf", doc_id="x", page=1, text="stray")
    finally:
        ix.close()
    findings = check_index(settings).findings
    assert [(f.kind, f.path, f.detail) for f in findings] == [
        ("integrity", "loose.pdf", "the index has two entries for this file"),
        ("integrity", "gone.pdf", "page records that belong to no indexed document"),
    ]
