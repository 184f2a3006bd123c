"""Shared fixtures: real folders, real PDFs, the shared corpus, and a CLI runner."""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest
from click.testing import CliRunner, Result
from pdfs import write_pdf

from library.config import Settings

REPO = Path(__file__).resolve().parent.parent
# Embedding passages costs about 0.1 s each on one core, so tests index with semantic search
# off (and so do the `library` processes they start, through the environment); the tests of
# semantic search (test_semantic.py) turn it on with the installed model.
NO_VECTORS = "off"
os.environ.setdefault("LIBRARY_EMBEDDING_MODEL", NO_VECTORS)
SAMPLES = Path(__file__).resolve().parent / "samples"


def corpus_dir() -> Path:
    return Path(os.environ.get("LIBRARY_TEST_CORPUS", REPO.parent / "shared" / "corpus"))


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    pages: str
    encrypted: str
    password: str
    notes: str

    @property
    def needs_password(self) -> bool:
        return self.encrypted.startswith("yes") and "empty password" not in self.encrypted


def unavailable(reason: str) -> NoReturn:
    """Skip a test whose real dependency is missing on a user's clone, stating why; in CI,
    where `make test` provides everything, the same absence is a failure, never a skip."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must have it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The team's shared corpus of real PDFs; in CI it is always present."""
    path = corpus_dir()
    if not (path / "MANIFEST.tsv").is_file():
        unavailable(f"shared corpus not found at {path} (set LIBRARY_TEST_CORPUS)")
    return path


@pytest.fixture(scope="session")
def manifest(corpus: Path) -> dict[str, CorpusFile]:
    """MANIFEST.tsv by relative path (`real/x.pdf`, `edge/y.pdf`)."""
    rows: dict[str, CorpusFile] = {}
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rows[row["file"]] = CorpusFile(
                corpus / row["file"],
                row["pages"],
                row["encrypted"],
                row["password_if_any"],
                row["notes"],
            )
    return rows


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on an empty drop folder and index in a temporary folder."""
    documents = tmp_path / "documents"
    documents.mkdir()
    return Settings(
        documents_dir=documents,
        index_dir=tmp_path / "index",
        web_dir=REPO / "web",
        jobs=2,
        extract_timeout=30,
        lock_timeout=5,
        stability_seconds=0.3,
        embedding_model=NO_VECTORS,
    )


@pytest.fixture
def add_sample(settings: Settings) -> Callable[[str, str], Path]:
    """Copy a file from tests/samples into the drop folder: add_sample("three-pages.pdf",
    "decisions/minutes.pdf")."""

    def add(sample: str, dest: str) -> Path:
        target = settings.documents_dir / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLES / sample, target)
        return target

    return add


@pytest.fixture
def make_pdf(settings: Settings) -> Callable[..., Path]:
    """Write a PDF with the given page texts into the drop folder (fpdf2, core fonts)."""

    def make(dest: str, pages: list[str], *, title: str | None = None) -> Path:
        return write_pdf(settings.documents_dir / dest, pages, title=title)

    return make


def run_cli(settings: Settings, *args: str) -> Result:
    """Run `library ARGS --documents D --index I` in-process and return click's result."""
    from library.cli import cli

    command, *rest = args
    full = [
        command,
        "--documents",
        str(settings.documents_dir),
        "--index",
        str(settings.index_dir),
        *rest,
    ]
    return CliRunner().invoke(cli, full, catch_exceptions=False)


def library_process(settings: Settings, *args: str, **kwargs: object) -> subprocess.Popen[str]:
    """Start the real `library` command as a separate process (for kill and signal tests)."""
    command, *rest = args
    argv = [
        sys.executable,
        "-m",
        "library",
        command,
        "--documents",
        str(settings.documents_dir),
        "--index",
        str(settings.index_dir),
        *rest,
    ]
    # A group of its own, so a test that gives up on it can stop its children too (serve's
    # workers and watcher), rather than leave them holding its log pipe open.
    kwargs.setdefault("start_new_session", True)
    return subprocess.Popen(argv, text=True, cwd=REPO, **kwargs)  # type: ignore[call-overload]


def kill_group(proc: subprocess.Popen[Any]) -> None:
    """SIGKILL a `library_process` and every process it started."""
    with contextlib.suppress(ProcessLookupError):  # already gone, children too
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def stop_process(proc: subprocess.Popen[Any], timeout: float) -> None:
    """Ask a process to stop (SIGTERM) and kill it if it has not within `timeout` seconds."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)


def file_records(settings: Settings) -> list[dict[str, Any]]:
    """Every file-level record (doc, problem, private) in the live index, read straight from
    the stored fields so that tests do not depend on the library's own record queries."""
    from library import store
    from library.schema import FILE_KINDS

    ix = store.open_current(settings.index_dir)
    try:
        with ix.searcher() as searcher:
            return [dict(f) for f in searcher.all_stored_fields() if f.get("kind") in FILE_KINDS]
    finally:
        ix.close()


def stored_searches(index_dir: Path) -> list[tuple[str, int, str]]:
    """What the insight database holds of each public search, newest first, read with plain
    SQL: exactly what is kept, no more."""
    import sqlite3
    from contextlib import closing

    from library.store import INSIGHT_FILE as FILENAME

    with closing(sqlite3.connect(index_dir / FILENAME)) as db:
        rows = db.execute("SELECT query, total, source FROM searches ORDER BY at DESC, rowid DESC")
        return [(q, int(t), s) for q, t, s in rows]


def funnel_counts(
    index_dir: Path, *, days: int = 30, clock: Callable[[], float] | None = None
) -> dict[str, int]:
    """The request-page funnel as the librarian's report reads it."""
    import time

    from library.librarian.insight import FUNNEL_EVENTS
    from library.librarian.insight_report import read_report

    report = read_report(index_dir, days=days, clock=clock or time.time)
    return {event: report.funnel[event] for event in FUNNEL_EVENTS}


@pytest.fixture(autouse=True)
def no_thread_leaks() -> Iterator[None]:
    """A test must stop every thread it started (watchers, servers)."""
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    for t in leaked:
        t.join(timeout=5)
    leaked = [t for t in leaked if t.is_alive()]
    assert not leaked, f"threads left running: {leaked}"
