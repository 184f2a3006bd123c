"""`library index`: new files in, changed files re-indexed by content, removed files out."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from library import store
from library.config import Settings
from library.errors import IndexLockedError, SchemaMismatchError
from library.indexing import INDEXED, KEPT, Change, indexer
from library.librarian.status import read_status
from library.search.engine import SearchRequest, search
from library.search.pool import ReaderPool

Sample = Callable[[str, str], Path]


def find(settings: Settings, query: str, **filters: object) -> list[str]:
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.searcher() as s:
            return [h.path for h in search(s, SearchRequest(query=query, **filters)).hits]  # type: ignore[arg-type]
    finally:
        reader.close()


def status(settings: Settings):  # type: ignore[no-untyped-def]
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.catalog() as catalog:
            return read_status(catalog)
    finally:
        reader.close()


def test_first_run_adds_every_file_and_second_run_changes_nothing(
    settings: Settings, add_sample: Sample
) -> None:
    add_sample("three-pages.pdf", "decisions/council-meetings.pdf")
    add_sample("no-title.pdf", "services/hedges.pdf")
    first = indexer.sync(settings)
    assert (first.added, first.failed, first.pages) == (2, 0, 4)
    second = indexer.sync(settings)
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 2)
    assert find(settings, "allotment rents") == ["decisions/council-meetings.pdf"]


def test_touched_file_is_not_re_extracted(settings: Settings, add_sample: Sample) -> None:
    path = add_sample("three-pages.pdf", "decisions/a.pdf")
    indexer.sync(settings)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    report = indexer.sync(settings)
    assert (report.updated, report.unchanged, report.pages) == (0, 1, 0)
    assert find(settings, "allotment") == ["decisions/a.pdf"]
    assert indexer.sync(settings).unchanged == 1  # and the new mtime was remembered


def test_changed_content_is_re_indexed(settings: Settings, make_pdf: Callable[..., Path]) -> None:
    make_pdf("services/bins.pdf", ["Brown bins are collected on Tuesdays."])
    indexer.sync(settings)
    make_pdf("services/bins.pdf", ["Green bins are collected on Fridays."])
    report = indexer.sync(settings)
    assert report.updated == 1
    assert find(settings, "fridays") == ["services/bins.pdf"]
    assert find(settings, "tuesdays") == []


def test_removed_and_moved_files(settings: Settings, add_sample: Sample) -> None:
    add_sample("three-pages.pdf", "decisions/a.pdf")
    gone = add_sample("no-title.pdf", "services/hedges.pdf")
    indexer.sync(settings)
    gone.unlink()
    moved_to = settings.documents_dir / "policies-and-procedures" / "a.pdf"
    moved_to.parent.mkdir()
    shutil.move(settings.documents_dir / "decisions" / "a.pdf", moved_to)
    report = indexer.sync(settings)
    assert (report.removed, report.added, report.moved) == (2, 1, 1)
    assert find(settings, "hedge cutting") == []
    assert find(settings, "allotment", pub_class="policies-and-procedures") == [
        "policies-and-procedures/a.pdf"
    ]
    assert find(settings, "allotment", pub_class="decisions") == []


def test_sidecar_edit_re_indexes_its_pdf(settings: Settings, add_sample: Sample) -> None:
    pdf = add_sample("three-pages.pdf", "decisions/a.pdf")
    indexer.sync(settings)
    sidecar = pdf.with_name("a.pdf.toml")
    sidecar.write_text('title = "Parish rules"\nsummary = "Zanzibar"\nclass = "services"\n')
    assert indexer.sync(settings).updated == 1
    assert find(settings, "zanzibar", pub_class="services") == ["decisions/a.pdf"]
    sidecar.unlink()
    indexer.sync(settings)
    assert find(settings, "zanzibar") == []


def test_malformed_sidecar_is_reported_and_the_pdf_still_indexed(
    settings: Settings, add_sample: Sample
) -> None:
    pdf = add_sample("three-pages.pdf", "decisions/a.pdf")
    pdf.with_name("a.pdf.toml").write_text("title = [broken")
    indexer.sync(settings)
    assert find(settings, "allotment") == ["decisions/a.pdf"]
    assert [p.reason for p in status(settings).sidecar_problems] == ["bad-sidecar"]


def test_non_public_documents_never_reach_search(settings: Settings, add_sample: Sample) -> None:
    pdf = add_sample("three-pages.pdf", "who-we-are/draft.pdf")
    pdf.with_name("draft.pdf.toml").write_text("public = false\n")
    indexer.sync(settings)
    for query in ("allotment", "monitoring officer", "draft", ""):
        assert find(settings, query) == []
    current = status(settings)
    assert (current.documents, current.private) == (0, 1)


def test_problem_files_are_recorded_and_not_retried_until_changed(
    settings: Settings, add_sample: Sample
) -> None:
    for sample in ("encrypted-password.pdf", "corrupt.pdf", "not-a-pdf.pdf", "empty.pdf"):
        add_sample(sample, f"decisions/{sample}")
    add_sample("image-only.pdf", "services/scan.pdf")
    report = indexer.sync(settings)
    assert report.failed == 5
    reasons = {p.path: p.reason for p in status(settings).problems}
    assert reasons == {
        "decisions/corrupt.pdf": "corrupt",
        "decisions/empty.pdf": "not-pdf",
        "decisions/encrypted-password.pdf": "encrypted",
        "decisions/not-a-pdf.pdf": "not-pdf",
        "services/scan.pdf": "no-text",
    }
    assert indexer.sync(settings).failed == 0  # not retried in a loop
    add_sample("three-pages.pdf", "decisions/corrupt.pdf")  # fixed by staff
    fixed = indexer.sync(settings)
    assert (fixed.updated, fixed.failed) == (1, 0)
    assert "decisions/corrupt.pdf" not in {p.path for p in status(settings).problems}


def test_files_outside_class_folders_are_indexed_as_unclassified(
    settings: Settings, add_sample: Sample
) -> None:
    add_sample("three-pages.pdf", "stray.pdf")
    indexer.sync(settings)
    assert find(settings, "allotment", pub_class="unclassified") == ["stray.pdf"]
    assert status(settings).unclassified == ["stray.pdf"]


def test_hidden_and_temporary_files_are_ignored(settings: Settings, add_sample: Sample) -> None:
    for name in (".hidden.pdf", "~$draft.pdf", "download.pdf.part", "x.pdf.crdownload"):
        add_sample("three-pages.pdf", f"decisions/{name}")
    report = indexer.sync(settings)
    assert report.added == 0
    assert find(settings, "allotment") == []


def test_symlinks_are_never_followed(settings: Settings, tmp_path: Path) -> None:
    outside = tmp_path / "secret.pdf"
    shutil.copyfile(Path(__file__).parent / "samples" / "three-pages.pdf", outside)
    (settings.documents_dir / "decisions").mkdir()
    (settings.documents_dir / "decisions" / "link.pdf").symlink_to(outside)
    assert indexer.sync(settings).added == 0


def test_rebuild_swaps_in_a_new_generation(settings: Settings, add_sample: Sample) -> None:
    add_sample("three-pages.pdf", "decisions/a.pdf")
    indexer.sync(settings)
    before = store.current_dir(settings.index_dir)
    report = indexer.rebuild(settings)
    after = store.current_dir(settings.index_dir)
    assert report.added == 1 and before != after
    assert find(settings, "allotment") == ["decisions/a.pdf"]


def test_a_second_writer_waits_then_fails_clearly(settings: Settings) -> None:
    fast = Settings(**{**settings.__dict__, "lock_timeout": 0.3})
    with (
        store.writer_lock(settings.index_dir, 1),
        pytest.raises(IndexLockedError, match="another process"),
    ):
        indexer.sync(fast)


def test_schema_version_mismatch_asks_for_reindex(settings: Settings, add_sample: Sample) -> None:
    add_sample("three-pages.pdf", "decisions/a.pdf")
    indexer.sync(settings)
    gen = store.current_dir(settings.index_dir)
    assert gen is not None
    (gen / store.VERSION_FILE).write_text("0\n")
    with pytest.raises(SchemaMismatchError, match="reindex"):
        indexer.sync(settings)
    indexer.rebuild(settings)
    assert find(settings, "allotment") == ["decisions/a.pdf"]


def test_preview_of_a_move_and_of_an_empty_folder_writes_nothing(
    settings: Settings, add_sample: Sample
) -> None:
    add_sample("three-pages.pdf", "decisions/a.pdf")
    add_sample("no-title.pdf", "services/hedges.pdf")
    indexer.sync(settings)
    before = store.last_changed(settings.index_dir)
    (settings.documents_dir / "services").mkdir(exist_ok=True)
    shutil.move(settings.documents_dir / "decisions" / "a.pdf", settings.documents_dir / "a.pdf")
    moved = indexer.preview(settings)
    assert (moved.added, moved.removed, moved.moved) == (1, 1, 1)
    assert Change(INDEXED, "a.pdf", same_as="decisions/a.pdf", planned=True) in moved.changes
    for path in settings.documents_dir.rglob("*.pdf"):
        path.unlink()
    emptied = indexer.preview(settings)
    assert emptied.removed == 0
    assert emptied.changes == [Change(KEPT, "", pages=2)]
    assert store.last_changed(settings.index_dir) == before
    assert find(settings, "allotment") == ["decisions/a.pdf"]
