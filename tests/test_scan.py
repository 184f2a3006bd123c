"""Finding documents: the whole folder, or only what the watcher's events named."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from library.config import Settings
from library.indexing import indexer
from library.indexing.scan import scan_documents, scan_prefixes

Sample = Callable[[str, str], Path]


def test_prefixes_name_files_and_folders(settings: Settings, add_sample: Sample) -> None:
    add_sample("three-pages.pdf", "decisions/2024/a.pdf")
    add_sample("three-pages.pdf", "decisions/b.pdf")
    add_sample("three-pages.pdf", "services/c.pdf")
    docs = settings.documents_dir
    assert set(scan_prefixes(docs, ["decisions/2024"])) == {"decisions/2024/a.pdf"}
    assert set(scan_prefixes(docs, ["services/c.pdf", "decisions/b.pdf"])) == {
        "services/c.pdf",
        "decisions/b.pdf",
    }
    assert set(scan_prefixes(docs, ["decisions"])) == {"decisions/2024/a.pdf", "decisions/b.pdf"}
    assert scan_prefixes(docs, ["services/gone.pdf", "nowhere"]) == {}


def test_prefixes_never_leave_the_folder_or_follow_links(
    settings: Settings, add_sample: Sample, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copyfile(Path(__file__).parent / "samples" / "three-pages.pdf", outside / "x.pdf")
    (settings.documents_dir / "decisions").mkdir()
    (settings.documents_dir / "decisions" / "linked").symlink_to(outside)
    docs = settings.documents_dir
    assert scan_prefixes(docs, ["../outside/x.pdf", "/etc/passwd.pdf", "decisions/linked"]) == {}
    assert scan_prefixes(docs, ["decisions/linked/x.pdf"]) == {}
    assert scan_documents(docs) == {}


def test_an_empty_documents_folder_does_not_empty_the_index(
    settings: Settings, add_sample: Sample, caplog: pytest.LogCaptureFixture
) -> None:
    add_sample("three-pages.pdf", "decisions/a.pdf")
    add_sample("no-title.pdf", "services/b.pdf")
    indexer.sync(settings)
    for path in settings.documents_dir.rglob("*.pdf"):
        path.unlink()
    with caplog.at_level(logging.WARNING):
        report = indexer.sync(settings)
    assert report.removed == 0
    assert "is the share mounted?" in caplog.text
    # one file back: the folder is not empty any more, so the other removal is real
    add_sample("three-pages.pdf", "decisions/a.pdf")
    assert indexer.sync(settings).removed == 1
    # and a rebuild empties the index on purpose
    (settings.documents_dir / "decisions" / "a.pdf").unlink()
    assert indexer.rebuild(settings).added == 0
