"""`library ocr`: a scanned PDF becomes findable by the words in its image; the original stays."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import unavailable

from library import store
from library.config import Settings
from library.indexing import indexer, ocr
from library.indexing.scan import file_sha256
from tests.conftest import run_cli

SCANNED = "edge/tintern-cc-audit-notice-scanned.pdf"
# Words only the scanned image holds (the PDF has no text layer at all).
IMAGE_WORDS = "requisite inspection"


@pytest.fixture
def needs_ocr_tools() -> None:
    if not ocr.is_available():
        unavailable("Tesseract / OCRmyPDF not installed (`make test` installs them)")


def found(settings: Settings, query: str) -> list[str]:
    body = json.loads(run_cli(settings, "search", query, "--json").output)
    return [hit["path"] for hit in body["results"]]


def test_the_indexer_reads_the_ocr_copy_only_for_the_same_bytes(tmp_path: Path) -> None:
    original = tmp_path / "scan.pdf"
    assert store.extraction_source(tmp_path, original, "abc") == original
    copy = store.ocr_copy(tmp_path, "abc")
    copy.parent.mkdir()
    copy.write_bytes(b"%PDF-1.4")
    assert store.extraction_source(tmp_path, original, "abc") == copy
    assert store.extraction_source(tmp_path, original, "other") == original
    assert store.extraction_source(tmp_path, original, "") == original


def test_the_librarian_is_told_clearly_when_ocr_is_unavailable(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    result = run_cli(settings, "ocr")
    assert result.exit_code == 1
    assert "OCR is not available" in result.output
    assert "apt-get install tesseract-ocr" in result.output


@pytest.mark.slow
@pytest.mark.usefixtures("needs_ocr_tools")
def test_scanned_corpus_pdf_becomes_findable_by_a_word_only_its_image_contains(
    settings: Settings, corpus: Path
) -> None:
    target = settings.documents_dir / "decisions" / "audit-notice.pdf"
    target.parent.mkdir()
    shutil.copyfile(corpus / SCANNED, target)
    before = file_sha256(target)
    indexer.sync(settings)
    status = json.loads(run_cli(settings, "status", "--json").output)
    assert [(p["path"], p["reason"]) for p in status["problems"]] == [
        ("decisions/audit-notice.pdf", "no-text")
    ]
    assert found(settings, IMAGE_WORDS) == []

    result = run_cli(settings, "ocr", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["done"] == ["decisions/audit-notice.pdf"]

    assert found(settings, IMAGE_WORDS) == ["decisions/audit-notice.pdf"]
    assert json.loads(run_cli(settings, "status", "--json").output)["problems"] == []
    # The original is untouched and nothing new appeared in the drop folder.
    assert file_sha256(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["audit-notice.pdf"]
    assert store.ocr_copy(settings.index_dir, before).is_file()
    # A full rebuild keeps the OCR text without running OCR again.
    assert run_cli(settings, "reindex").exit_code == 0
    assert found(settings, IMAGE_WORDS) == ["decisions/audit-notice.pdf"]
    # Nothing left to do the second time.
    again = run_cli(settings, "ocr")
    assert "Nothing needs OCR" in again.output


@pytest.mark.slow
@pytest.mark.usefixtures("needs_ocr_tools")
def test_a_non_public_scan_is_never_ocred(settings: Settings, corpus: Path) -> None:
    target = settings.documents_dir / "decisions" / "private-scan.pdf"
    target.parent.mkdir()
    shutil.copyfile(corpus / SCANNED, target)
    target.with_name("private-scan.pdf.toml").write_text("public = false\n")
    indexer.sync(settings)
    body = json.loads(run_cli(settings, "ocr", "decisions/private-scan.pdf", "--json").output)
    assert body["skipped"] == ["decisions/private-scan.pdf"] and body["done"] == []
    assert not (settings.index_dir / store.OCR_DIR).exists()
    assert found(settings, IMAGE_WORDS) == []


@pytest.mark.slow
@pytest.mark.usefixtures("needs_ocr_tools")
def test_changing_a_scanned_file_drops_its_stale_ocr_copy(settings: Settings, corpus: Path) -> None:
    target = settings.documents_dir / "decisions" / "audit-notice.pdf"
    target.parent.mkdir()
    shutil.copyfile(corpus / SCANNED, target)
    indexer.sync(settings)
    run_cli(settings, "ocr")
    old_copy = store.ocr_copy(settings.index_dir, file_sha256(target))
    assert old_copy.is_file()
    shutil.copyfile(corpus / "edge/tintern-cc-annual-return-2018-19-scanned.pdf", target)
    indexer.sync(settings)
    assert found(settings, IMAGE_WORDS) == []  # the old text went with the old bytes
    ocr.prune(settings)
    assert not old_copy.exists()
