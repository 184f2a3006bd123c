"""The shared corpus end to end: every real document is findable, every hostile file is either
indexed or reported with the right reason, and nothing is lost or crashes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CorpusFile, run_cli

from library.config import Settings
from library.indexing.extract import extract_pdf

pytestmark = pytest.mark.slow

IMAGE_ONLY = re.compile(r"image[- ]only|no text layer", re.I)


@pytest.fixture(scope="module")
def indexed(
    corpus: Path, manifest: dict[str, CorpusFile], tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    """The whole corpus in one drop folder (real/ as policies, edge/ unclassified), indexed by
    the CLI exactly as a librarian would."""
    root = tmp_path_factory.mktemp("corpus")
    settings = Settings(
        documents_dir=root / "documents",
        index_dir=root / "index",
        jobs=2,
        extract_timeout=60,
        embedding_model="off",  # semantic search is tested in test_semantic.py
    )
    shutil.copytree(corpus / "real", settings.documents_dir / "policies-and-procedures")
    shutil.copytree(corpus / "edge", settings.documents_dir / "edge")
    result = run_cli(settings, "index", "--json")
    assert result.exit_code == 0, result.output
    return settings


def status(settings: Settings) -> dict[str, Any]:
    result = run_cli(settings, "status", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def search(settings: Settings, query: str, *args: str) -> dict[str, Any]:
    result = run_cli(settings, "search", query, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def located(settings: Settings, relpath: str) -> str:
    if relpath.startswith("real/"):
        return "policies-and-procedures/" + relpath.removeprefix("real/")
    return relpath


def plain_phrase(text: str, length: int = 4) -> str:
    """Four consecutive plain words from the middle of a page."""
    tokens = text.split()
    for start in range(len(tokens) // 2, len(tokens) - length):
        window = tokens[start : start + length]
        if all(re.fullmatch(r"[A-Za-z]{3,}", t) for t in window):
            return " ".join(window)
    return " ".join(tokens[:length])


def test_nothing_is_lost(indexed: Settings, manifest: dict[str, CorpusFile]) -> None:
    report = status(indexed)
    problems = {p["path"] for p in report["problems"]}
    assert report["documents"] + len(problems) == len(manifest)
    assert report["classes"]["policies-and-procedures"] == sum(
        1 for k in manifest if k.startswith("real/")
    )


def test_every_real_document_is_found_by_its_own_words(
    indexed: Settings, manifest: dict[str, CorpusFile]
) -> None:
    missed = []
    for relpath, row in manifest.items():
        if not relpath.startswith("real/"):
            continue
        pages = extract_pdf(row.path).pages
        longest = max(range(len(pages)), key=lambda i: len(pages[i]))
        phrase = plain_phrase(pages[longest])
        results = search(indexed, f'"{phrase}"', "--limit", "50")
        hit = next((r for r in results["results"] if r["path"] == located(indexed, relpath)), None)
        if hit is None or longest + 1 not in hit["pages"]:
            missed.append((relpath, phrase))
    assert missed == []


def test_edge_files_are_indexed_or_reported_with_the_right_reason(
    indexed: Settings, manifest: dict[str, CorpusFile]
) -> None:
    reasons = {p["path"]: p["reason"] for p in status(indexed)["problems"]}
    allowed = {"not-pdf", "corrupt", "encrypted", "no-text", "too-large", "timeout"}
    assert set(reasons.values()) <= allowed
    for relpath, row in manifest.items():
        reason = reasons.get(relpath)
        if row.needs_password:
            assert reason == "encrypted", relpath
        elif row.encrypted.startswith("yes"):
            assert reason != "encrypted", f"{relpath} opens with the empty password"
        if IMAGE_ONLY.search(row.notes) and "OCR" not in row.notes:
            assert reason == "no-text", relpath


def test_a_phrase_comes_back_with_its_page_number(indexed: Settings) -> None:
    results = search(indexed, '"meaning of clear days"')["results"]
    tintern = "policies-and-procedures/tintern-cc-standing-orders-2018.pdf"
    hit = next(r for r in results if r["path"] == tintern)
    assert 10 in hit["pages"]
    assert "clear days" in hit["snippet"].lower()


def test_the_empty_password_file_is_searchable(indexed: Settings) -> None:
    results = search(indexed, "rate sheet loan")
    assert any(
        r["path"] == "edge/pdfplumber-encrypted-empty-password-rate-sheet.pdf"
        for r in results["results"]
    )


def test_second_index_changes_nothing(indexed: Settings) -> None:
    report = json.loads(run_cli(indexed, "index", "--json").output)
    assert (report["added"], report["updated"], report["removed"], report["failed"]) == (
        0,
        0,
        0,
        0,
    )


def test_edit_rename_and_delete_are_reflected_by_the_next_index(indexed: Settings) -> None:
    docs = indexed.documents_dir / "policies-and-procedures"
    # rename
    (docs / "tintern-cc-standing-orders-2018.pdf").rename(docs / "standing-orders.pdf")
    # edit: replace one document's content with another's
    shutil.copyfile(
        docs / "tintern-cc-complaints-procedure-2018.pdf",
        docs / "new-bradwell-pc-grievance-policy.pdf",
    )
    # delete
    (docs / "decoy-primary-lettings-policy-2020.pdf").unlink()
    report = json.loads(run_cli(indexed, "index", "--json").output)
    assert (report["added"], report["updated"], report["removed"]) == (1, 1, 2)
    assert report["moved"] == 1
    paths = [r["path"] for r in search(indexed, '"meaning of clear days"')["results"]]
    assert "policies-and-procedures/standing-orders.pdf" in paths
    assert "policies-and-procedures/tintern-cc-standing-orders-2018.pdf" not in paths
    grievance = search(indexed, "grievance ACAS code of practice")["results"]
    assert "policies-and-procedures/new-bradwell-pc-grievance-policy.pdf" not in [
        r["path"] for r in grievance[:1]
    ]
    lettings = search(indexed, "lettings policy hire of school premises")["results"]
    assert all("lettings-policy" not in r["path"] for r in lettings)
