"""The librarian's commands on real files: dry runs, status with its to-do lists, passwords."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from library.cli import cli
from library.config import Settings
from library.indexing import indexer
from library.librarian.auth import verify_password
from tests.conftest import CorpusFile, run_cli

MakePdf = Callable[..., Path]


def test_dry_run_lists_what_would_change_and_writes_nothing(
    settings: Settings, make_pdf: MakePdf
) -> None:
    make_pdf("decisions/minutes.pdf", ["Minutes of the meeting"])
    make_pdf("services/bins.pdf", ["Bin collection days"])
    result = run_cli(settings, "index", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "would index decisions/minutes.pdf",
        "would index services/bins.pdf",
        "dry run: would add 2, update 0, remove 0, fail 0; 0 unchanged",
    ]
    assert not settings.index_dir.exists()


def test_dry_run_after_changes_names_each_kind_of_change(
    settings: Settings, make_pdf: MakePdf, add_sample: Callable[[str, str], Path]
) -> None:
    make_pdf("decisions/minutes.pdf", ["Minutes of the meeting"])
    bins = make_pdf("services/bins.pdf", ["Bin collection days"])
    make_pdf("services/parks.pdf", ["Park opening hours"])
    indexer.sync(settings)
    make_pdf("decisions/minutes.pdf", ["Minutes of the meeting, corrected"])
    bins.unlink()
    add_sample("corrupt.pdf", "services/broken.pdf")
    shutil.copyfile(
        settings.documents_dir / "services/parks.pdf", settings.documents_dir / "parks-copy.pdf"
    )
    result = run_cli(settings, "index", "--dry-run", "--json")
    body = json.loads(result.output)
    assert body["changes"] == [
        "would remove services/bins.pdf",
        "would re-index decisions/minutes.pdf",
        "would index parks-copy.pdf (same content as services/parks.pdf)",
        "would index services/broken.pdf",
    ]
    assert (body["added"], body["updated"], body["removed"]) == (2, 1, 1)
    # and indeed nothing was changed
    assert run_cli(settings, "search", "corrected", "--json").output.count('"path"') == 0


def test_status_json_keeps_its_keys_and_adds_the_librarians_lists(
    settings: Settings, make_pdf: MakePdf, add_sample: Callable[[str, str], Path]
) -> None:
    minutes = make_pdf("decisions/minutes.pdf", ["The committee resolved to approve the plan"])
    shutil.copyfile(minutes, settings.documents_dir / "decisions/minutes-copy.pdf")
    policy = make_pdf("policies-and-procedures/old.pdf", ["Our complaints policy and procedure"])
    policy.with_name("old.pdf.toml").write_text('review_by = 2020-01-31\ntitle = "Old policy"\n')
    make_pdf("loose.pdf", ["The committee resolved to approve the minutes"])
    add_sample("encrypted-password.pdf", "services/locked.pdf")
    make_pdf("services/bad.pdf", ["Bin collection days"]).with_name("bad.pdf.toml").write_text(
        "title = \n"
    )
    indexer.sync(settings)
    body = json.loads(run_cli(settings, "status", "--json").output)
    for key in ("documents", "pages", "classes", "problems", "unclassified", "last_changed"):
        assert key in body
    assert body["duplicates"] == [["decisions/minutes-copy.pdf", "decisions/minutes.pdf"]]
    assert body["review_due"] == [
        {
            "path": "policies-and-procedures/old.pdf",
            "review_by": "2020-01-31",
            "title": "Old policy",
        }
    ]
    assert body["suggestions"]["loose.pdf"]["class"] == "decisions"
    assert [p["path"] for p in body["problems"]] == ["services/locked.pdf"]
    assert [p["path"] for p in body["sidecar_problems"]] == ["services/bad.pdf"]
    assert set(body["advice"]) == {"encrypted", "bad-sidecar"}
    assert "unprotected copy" in body["advice"]["encrypted"]


def test_status_text_shows_suggestion_advice_duplicates_and_reviews(
    settings: Settings, make_pdf: MakePdf, add_sample: Callable[[str, str], Path]
) -> None:
    minutes = make_pdf("decisions/minutes.pdf", ["The committee resolved to approve the plan"])
    shutil.copyfile(minutes, settings.documents_dir / "decisions/minutes-copy.pdf")
    make_pdf("services/bins.pdf", ["Bin collection leaflet for residents"])
    make_pdf("loose.pdf", ["The committee resolved to approve the minutes"])
    add_sample("image-only.pdf", "services/scan.pdf")
    indexer.sync(settings)
    out = run_cli(settings, "status").output
    assert "loose.pdf  → suggested: decisions" in out
    assert (
        "no-text: Scanned images without text: run OCR (the Run OCR button, or `library ocr`)"
        in out
    )
    assert "decisions/minutes-copy.pdf  =  decisions/minutes.pdf" in out


def test_hash_password_prints_a_hash_that_verifies() -> None:
    result = CliRunner().invoke(cli, ["hash-password", "--password-stdin"], input="s3cret!\n")
    assert result.exit_code == 0, result.output
    stored = result.output.strip()
    assert stored.startswith("scrypt$") and "s3cret" not in stored
    assert verify_password("s3cret!", stored) and not verify_password("s3cret", stored)


def test_hash_password_refuses_an_empty_password() -> None:
    result = CliRunner().invoke(cli, ["hash-password", "--password-stdin"], input="\n")
    assert result.exit_code == 1 and "must not be empty" in result.output


@pytest.mark.slow
def test_corpus_status_lists_every_failure_with_reason_and_advice(
    settings: Settings, manifest: dict[str, CorpusFile]
) -> None:
    edge = [f for name, f in manifest.items() if name.startswith("edge/")]
    for f in edge:
        shutil.copyfile(f.path, settings.documents_dir / f.path.name)
    reindex = run_cli(settings, "reindex")
    assert reindex.exit_code == 0 and reindex.output.startswith("added ")
    body = json.loads(run_cli(settings, "status", "--json").output)
    assert body["documents"] + len(body["problems"]) == len(edge)
    reasons = {p["reason"] for p in body["problems"]}
    assert {"encrypted", "no-text"} <= reasons
    assert set(body["advice"]) == reasons | {p["reason"] for p in body["sidecar_problems"]}
    assert run_cli(settings, "check").exit_code == 0
