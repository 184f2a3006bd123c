"""The watcher: whatever staff do with files in documents/, search follows within seconds.

Integration tests run the real `library watch` / `library serve` in a subprocess against a
temporary drop folder with real inotify (or polling) events; the time limits below are
generous bounds for "is reflected", not speed measurements (those are in bench/watch.py).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from queue import SimpleQueue
from typing import Any

import pytest
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)

from library import store
from library.config import Settings
from library.indexing import indexer
from library.indexing.watcher import ROOT, _OverflowAlarm, keys_for_event, run_watcher
from library.schema import FILE_KINDS, KIND_PAGE
from library.search.engine import SearchRequest, search
from library.search.pool import ReaderPool
from tests.conftest import SAMPLES, kill_group, library_process, run_cli
from tests.pdfs import write_pdf

BOUND = 30.0  # seconds within which a change must show; CI on two busy cores is slow
STABILITY = "0.4"


def eventually(check: Callable[[], Any], what: str, timeout: float = BOUND) -> Any:
    """Poll `check` until it returns something truthy; fail with `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout:g} s: {what}")
        time.sleep(0.1)


def search_paths(settings: Settings, query: str) -> dict[str, str]:
    """`library search QUERY --json`: path → class of every hit."""
    result = run_cli(settings, "search", query, "--json", "--limit", "100")
    if result.exit_code != 0:  # no index yet
        return {}
    return {hit["path"]: hit["class"] for hit in json.loads(result.output)["results"]}


def status(settings: Settings) -> dict[str, Any]:
    result = run_cli(settings, "status", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def index_state(settings: Settings) -> dict[str, tuple[Any, ...]]:
    """Every file the index knows, with its kind, class, title and page count; fails on any
    duplicate file or page record."""
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.searcher() as searcher:
            files: Counter[str] = Counter()
            pages: Counter[tuple[str, int]] = Counter()
            state: dict[str, tuple[Any, ...]] = {}
            for fields in searcher.all_stored_fields():
                if fields["kind"] in FILE_KINDS:
                    files[fields["path"]] += 1
                    state[fields["path"]] = (
                        fields["kind"],
                        fields.get("pub_class"),
                        fields.get("title"),
                        fields.get("page_count"),
                        fields.get("reason"),
                    )
                elif fields["kind"] == KIND_PAGE:
                    pages[(fields["path"], fields["page"])] += 1
    finally:
        reader.close()
    assert [p for p, n in files.items() if n > 1] == [], "duplicate file records"
    assert [p for p, n in pages.items() if n > 1] == [], "duplicate page records"
    assert {p for p, _ in pages} <= set(files), "pages left behind by a removed file"
    return state


def folder_files(settings: Settings) -> set[str]:
    return {
        p.relative_to(settings.documents_dir).as_posix()
        for p in settings.documents_dir.rglob("*.pdf")
    }


class LibraryProcess:
    """A real `library watch|serve` process whose log lines are collected as they come."""

    def __init__(self, settings: Settings, *args: str) -> None:
        self.proc = library_process(
            settings, *args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, name="log-reader")
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def grep(self, pattern: str) -> list[str]:
        return [line for line in self.lines if re.search(pattern, line)]

    def wait_for(self, pattern: str, timeout: float = BOUND) -> list[str]:
        def found() -> list[str]:
            assert self.proc.poll() is None, "\n".join(self.lines[-30:])
            return self.grep(pattern)

        return eventually(found, f"a log line matching {pattern!r}", timeout)  # type: ignore[no-any-return]

    def commits(self) -> int:
        return sum(int(m) for line in self.lines for m in re.findall(r"\((\d+) commits", line))

    def finish(self, sig: int = signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=30)
        finally:
            # The whole group, even when it stopped by itself: a child it left behind would
            # hold the log pipe open, and the reader below would wait for ever.
            kill_group(self.proc)
            self._reader.join()
            assert self.proc.stderr is not None
            self.proc.stderr.close()
        return code


@pytest.fixture
def start(settings: Settings) -> Iterator[Callable[..., LibraryProcess]]:
    """Start `library watch` (or another command) on the test's folders; stopped at the end."""
    procs: list[LibraryProcess] = []

    def start_(*args: str, on: Settings = settings) -> LibraryProcess:
        proc = LibraryProcess(
            on, *(args or ("watch",)), *(() if args else ("--stability", STABILITY))
        )
        procs.append(proc)
        return proc

    yield start_
    for proc in procs:
        proc.finish(signal.SIGKILL)


def copy_in(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


# -- which events name which documents (no threads, no processes) -----------------------


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return tmp_path / "documents"


@pytest.mark.parametrize(
    ("event", "keys"),
    [
        (FileCreatedEvent("{d}/decisions/a.pdf"), ["decisions/a.pdf"]),
        (FileModifiedEvent("{d}/decisions/A.PDF"), ["decisions/A.PDF"]),
        (FileClosedEvent("{d}/a.pdf"), ["a.pdf"]),
        (FileDeletedEvent("{d}/services/b.pdf"), ["services/b.pdf"]),
        (FileCreatedEvent("{d}/services/b.pdf.toml"), ["services/b.pdf"]),
        (FileModifiedEvent("{d}/services/b.pdf.toml"), ["services/b.pdf"]),
        (FileDeletedEvent("{d}/services/b.pdf.toml"), ["services/b.pdf"]),
        (
            FileMovedEvent("{d}/decisions/a.pdf", "{d}/services/a.pdf"),
            ["decisions/a.pdf", "services/a.pdf"],
        ),
        (FileMovedEvent("{d}/decisions/a.pdf.part", "{d}/decisions/a.pdf"), ["decisions/a.pdf"]),
        (FileMovedEvent("{d}/decisions/a.pdf", "{d}/decisions/.~lock.a.pdf#"), ["decisions/a.pdf"]),
        (DirDeletedEvent("{d}/decisions"), ["decisions"]),
        (
            DirMovedEvent("{d}/decisions/2024", "{d}/services/2024"),
            ["decisions/2024", "services/2024"],
        ),
        (DirDeletedEvent("{d}"), [ROOT]),
    ],
)
def test_events_name_the_documents_and_folders_they_touch(
    docs: Path, event: Any, keys: list[str]
) -> None:
    event.src_path = event.src_path.format(d=docs)
    event.dest_path = event.dest_path.format(d=docs)
    assert keys_for_event(event, docs) == keys


@pytest.mark.parametrize(
    "name",
    [
        "report.pdf.part",
        "report.pdf.crdownload",
        "~$report.pdf",
        ".~lock.report.pdf#",
        ".hidden.pdf",
        "photo.jpg",
        "notes.docx.part",
        "report.pdf.tmp",
        ".git/x.pdf",
        "decisions/.cache/x.pdf",
        "report.toml",
    ],
)
def test_temporary_hidden_and_other_files_name_nothing(docs: Path, name: str) -> None:
    for event in (FileCreatedEvent(f"{docs}/{name}"), FileModifiedEvent(f"{docs}/{name}")):
        assert keys_for_event(event, docs) == []


def test_a_new_folder_names_nothing_its_files_come_with_their_own_events(docs: Path) -> None:
    assert keys_for_event(DirCreatedEvent(f"{docs}/decisions"), docs) == []
    assert keys_for_event(FileCreatedEvent("/elsewhere/x.pdf"), docs) == []


def test_an_inotify_overflow_warning_asks_for_a_full_rescan() -> None:
    """watchdog 7 reports a lost-events overflow only as this warning (inotify_c.py)."""
    queue: SimpleQueue[str] = SimpleQueue()
    alarm = _OverflowAlarm(queue.put)
    log = logging.getLogger("watchdog.observers.inotify_c")
    log.addHandler(alarm)
    try:
        log.warning("Inotify queue overflowed; filesystem events were lost")
        log.warning("something else")
    finally:
        log.removeHandler(alarm)
    assert queue.get_nowait() == ROOT
    assert queue.empty()


def test_a_move_seen_in_two_batches_is_still_not_re_extracted(
    settings: Settings, add_sample: Callable[[str, str], Path]
) -> None:
    """inotify reports a move into a folder it has only just started watching as a create
    now and a delete 0.5 s later (watchdog's move grouper), so the halves can land in
    different batches; the new path still re-uses the text indexed under the old one."""
    old = add_sample("three-pages.pdf", "decisions/minutes.pdf")
    indexer.sync(settings)
    new = settings.documents_dir / "services" / "minutes.pdf"
    new.parent.mkdir()
    old.rename(new)
    first = indexer.sync(settings, only=["services/minutes.pdf"])
    assert (first.added, first.moved, first.removed) == (1, 1, 0)
    second = indexer.sync(settings, only=["decisions/minutes.pdf"])
    assert (second.added, second.removed) == (0, 1)
    assert set(index_state(settings)) == {"services/minutes.pdf"}


# -- the watcher in a thread (as `library serve` runs it) --------------------------------


@pytest.fixture
def watcher_thread(settings: Settings) -> Iterator[Callable[..., threading.Event]]:
    running: list[tuple[threading.Event, threading.Thread]] = []

    def start_(**overrides: Any) -> threading.Event:
        stop = threading.Event()
        thread = threading.Thread(
            target=run_watcher, args=(replace(settings, **overrides), stop), name="watcher"
        )
        thread.start()
        running.append((stop, thread))
        return stop

    yield start_
    for stop, thread in running:
        stop.set()
        thread.join(timeout=60)


def log_lines(caplog: pytest.LogCaptureFixture, pattern: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if re.search(pattern, r.getMessage())]


def test_the_watcher_stops_when_its_stop_event_is_set(
    settings: Settings,
    watcher_thread: Callable[..., threading.Event],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="library")
    stop = watcher_thread()
    eventually(lambda: log_lines(caplog, "^watching "), "the watcher starts")
    stop.set()
    eventually(lambda: log_lines(caplog, "^watcher stopped"), "the watcher stops", timeout=10)


def test_a_failed_file_is_recorded_and_retried_only_when_it_changes(
    settings: Settings,
    watcher_thread: Callable[..., threading.Event],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="library")
    watcher_thread()
    eventually(lambda: log_lines(caplog, "^watching "), "the watcher starts")
    target = copy_in(SAMPLES / "corrupt.pdf", settings.documents_dir / "decisions" / "x.pdf")
    eventually(lambda: log_lines(caplog, r"^failed decisions/x\.pdf: corrupt"), "the failure")
    assert [p["path"] for p in status(settings)["problems"]] == ["decisions/x.pdf"]
    time.sleep(2.0)  # several stability windows: a loop would have retried by now
    assert len(log_lines(caplog, r"decisions/x\.pdf")) == 1
    copy_in(SAMPLES / "three-pages.pdf", target)
    eventually(lambda: log_lines(caplog, r"^indexed decisions/x\.pdf \(3 pages"), "the retry")
    assert status(settings)["problems"] == []


def test_while_another_writer_holds_the_index_the_watcher_waits_then_catches_up(
    settings: Settings,
    watcher_thread: Callable[..., threading.Event],
    caplog: pytest.LogCaptureFixture,
    make_pdf: Callable[..., Path],
) -> None:
    caplog.set_level(logging.INFO, logger="library")
    watcher_thread()
    eventually(lambda: log_lines(caplog, "^watching "), "the watcher starts")
    with store.writer_lock(settings.index_dir, timeout=5):  # a librarian's reindex
        make_pdf("decisions/held.pdf", ["Minutes of the quarrelsome meeting"])
        eventually(lambda: log_lines(caplog, "another process is writing"), "the wait")
        time.sleep(1.0)
        assert search_paths(settings, "quarrelsome") == {}
    eventually(lambda: search_paths(settings, "quarrelsome"), "the change made meanwhile")
    assert log_lines(caplog, "applying what changed meanwhile")


def test_a_vanished_drop_folder_never_empties_the_index_and_is_watched_again(
    settings: Settings,
    watcher_thread: Callable[..., threading.Event],
    caplog: pytest.LogCaptureFixture,
    add_sample: Callable[[str, str], Path],
) -> None:
    """A share that goes away looks like a folder with nothing in it: keep what is indexed,
    and pick the folder up again when it comes back."""
    caplog.set_level(logging.INFO, logger="library")
    add_sample("three-pages.pdf", "decisions/kept.pdf")
    watcher_thread()
    eventually(lambda: log_lines(caplog, "^watching "), "the watcher starts")
    assert set(index_state(settings)) == {"decisions/kept.pdf"}
    shutil.rmtree(settings.documents_dir)
    eventually(lambda: log_lines(caplog, "is gone; not touching the index"), "the refusal")
    assert set(index_state(settings)) == {"decisions/kept.pdf"}
    add_sample("three-pages.pdf", "decisions/kept.pdf")
    add_sample("no-title.pdf", "services/new.pdf")
    eventually(lambda: log_lines(caplog, "is back; watching it again"), "the folder again")
    eventually(
        lambda: set(index_state(settings)) == {"decisions/kept.pdf", "services/new.pdf"},
        "the reconcile after the folder came back",
    )
    add_sample("ligatures.pdf", "services/later.pdf")
    eventually(lambda: "services/later.pdf" in index_state(settings), "events after it came back")


# -- the real `library watch` process ------------------------------------------------------


@pytest.mark.slow
def test_a_document_is_followed_through_copy_rename_move_replace_and_delete(
    settings: Settings,
    start: Callable[..., LibraryProcess],
    corpus: Path,
    make_pdf: Callable[..., Path],
) -> None:
    watcher = start()
    watcher.wait_for("watching ")
    source = corpus / "real" / "new-bradwell-pc-grants-donations-policy-2019.pdf"
    data = source.read_bytes()
    target = settings.documents_dir / "decisions" / "grants.pdf"
    target.parent.mkdir()
    chunk = len(data) // 8 + 1
    with target.open("wb") as fh:  # a slow copy over a share: a chunk every 0.15 s
        for start_at in range(0, len(data), chunk):
            assert watcher.grep("grants") == [], "indexed before the copy finished"
            fh.write(data[start_at : start_at + chunk])
            fh.flush()
            time.sleep(0.15)
    watcher.wait_for(r"^\S+ \S+ INFO indexed decisions/grants\.pdf \(\d+ pages, [\d.]+ s\)$")
    assert eventually(lambda: search_paths(settings, "donations"), "searchable") == {
        "decisions/grants.pdf": "decisions"
    }
    time.sleep(1.0)
    assert len(watcher.grep("grants")) == 1, "exactly one indexing, no failure"

    target = target.rename(target.with_name("grants-2019.pdf"))
    eventually(
        lambda: search_paths(settings, "donations") == {"decisions/grants-2019.pdf": "decisions"},
        "the rename",
    )

    moved = settings.documents_dir / "policies-and-procedures" / "grants-2019.pdf"
    moved.parent.mkdir()
    target.rename(moved)
    eventually(
        lambda: (
            search_paths(settings, "donations")
            == {"policies-and-procedures/grants-2019.pdf": "policies-and-procedures"}
        ),
        "the move to another class",
    )
    eventually(lambda: len(watcher.grep(r"1 moved")) == 2, "\n".join(watcher.lines))

    replacement = make_pdf("../replacement.pdf", ["The zebracrossing consultation response"])
    shutil.copyfile(replacement, moved)
    eventually(lambda: search_paths(settings, "zebracrossing"), "the replacement")
    assert search_paths(settings, "donations") == {}

    moved.unlink()
    eventually(lambda: not search_paths(settings, "zebracrossing"), "the deletion")
    assert index_state(settings) == {}
    assert watcher.finish() == 0
    assert watcher.grep("watcher stopped")


def burst(settings: Settings, staging: Path, n: int) -> list[str]:
    """Write `n` small PDFs and three bad files in `staging`, then copy them all in at once."""
    classes = ["decisions", "services", "what-we-spend", "who-we-are"]
    names = []
    for i in range(n):
        name = f"{classes[i % len(classes)]}/burst-{i:03d}.pdf"
        write_pdf(staging / name, [f"Burst document number {i} about parking permits"])
        names.append(name)
    for sample, name in [
        ("corrupt.pdf", "decisions/broken.pdf"),
        ("encrypted-password.pdf", "decisions/locked.pdf"),
        ("not-a-pdf.pdf", "services/not-really.pdf"),
    ]:
        copy_in(SAMPLES / sample, staging / name)
        names.append(name)
    for name in names:
        copy_in(staging / name, settings.documents_dir / name)
    return names


@pytest.mark.slow
def test_a_burst_is_indexed_in_few_commits_while_search_keeps_answering(
    settings: Settings,
    start: Callable[..., LibraryProcess],
    make_pdf: Callable[..., Path],
    tmp_path: Path,
) -> None:
    watcher = start()
    watcher.wait_for("watching ")
    answers, errors = [], []
    done = threading.Event()

    def search_loop() -> None:
        reader = ReaderPool(settings.index_dir)
        try:
            while not done.is_set():
                try:
                    with reader.searcher() as searcher:
                        answers.append(search(searcher, SearchRequest("parking permits")).total)
                except Exception as exc:
                    errors.append(repr(exc))
        finally:
            reader.close()

    searcher_thread = threading.Thread(target=search_loop, name="search-loop")
    searcher_thread.start()
    try:
        names = burst(settings, tmp_path / "staging", 120)
        eventually(lambda: len(index_state(settings)) == len(names), "the whole burst", timeout=90)
    finally:
        done.set()
        searcher_thread.join()
    assert errors == []
    assert len(answers) > 10 and max(answers) <= 120
    reader = ReaderPool(settings.index_dir)
    with reader.searcher() as searcher:
        assert search(searcher, SearchRequest("parking permits")).total == 120
    reader.close()
    assert answers == sorted(answers), "results only ever grow during a burst"
    assert 1 <= watcher.commits() <= len(names) // 10, watcher.grep("committed")
    problems = {p["path"]: p["reason"] for p in status(settings)["problems"]}
    assert problems == {
        "decisions/broken.pdf": "corrupt",
        "decisions/locked.pdf": "encrypted",
        "services/not-really.pdf": "not-pdf",
    }
    assert status(settings)["documents"] == 120


@pytest.mark.slow
def test_a_watcher_killed_mid_burst_leaves_an_index_that_the_next_start_repairs(
    settings: Settings,
    start: Callable[..., LibraryProcess],
    make_pdf: Callable[..., Path],
    tmp_path: Path,
) -> None:
    watcher = start()
    watcher.wait_for("watching ")
    names = burst(settings, tmp_path / "staging", 150)
    eventually(lambda: index_state(settings), "the first batch committed")
    assert watcher.finish(signal.SIGKILL) == -signal.SIGKILL
    (settings.documents_dir / names[0]).unlink()  # and a change while it was down
    names.pop(0)

    again = start()
    again.wait_for("watching ")
    state = index_state(settings)
    assert set(state) == set(names) == folder_files(settings)
    assert sum(1 for kind, *_ in state.values() if kind == "doc") == len(names) - 3


@pytest.mark.slow
def test_sigterm_mid_burst_stops_cleanly_and_the_next_start_finishes_the_burst(
    settings: Settings, start: Callable[..., LibraryProcess], tmp_path: Path
) -> None:
    watcher = start()
    watcher.wait_for("watching ")
    names = burst(settings, tmp_path / "staging", 150)
    eventually(lambda: index_state(settings), "the first batch committed")
    assert watcher.finish(signal.SIGTERM) == 0
    assert watcher.grep("watcher stopped")
    assert set(index_state(settings)) <= set(names), "only whole, committed batches"

    again = start()
    again.wait_for("watching ")
    assert set(index_state(settings)) == set(names) == folder_files(settings)


def scenario(
    settings: Settings, watcher: LibraryProcess, make_pdf: Callable[..., Path]
) -> dict[str, Any]:
    """Adds, renames, moves, sidecars and a deleted folder; the end state of the index."""
    d = settings.documents_dir
    watcher.wait_for("watching ")
    make_pdf("decisions/a.pdf", ["Alpha minutes"], title="Alpha")
    make_pdf("decisions/b.pdf", ["Beta budget"], title="Beta")
    make_pdf("services/c.pdf", ["Gamma guide"], title="Gamma")
    make_pdf("who-we-are/d.pdf", ["Delta directory"], title="Delta")
    make_pdf("who-we-are/e.pdf", ["Epsilon"], title="Epsilon")
    eventually(lambda: len(index_state(settings)) == 5, "five documents")
    (d / "decisions/a.pdf").rename(d / "decisions/a-renamed.pdf")
    (d / "decisions/b.pdf").rename(d / "services/b.pdf")
    (d / "services/c.pdf.toml").write_text('title = "Gamma from sidecar"\n')
    shutil.rmtree(d / "who-we-are")
    eventually(lambda: set(index_state(settings)) == folder_files(settings), "the changes")
    eventually(
        lambda: index_state(settings)["services/c.pdf"][2] == "Gamma from sidecar", "the sidecar"
    )
    (d / "services/c.pdf.toml").write_text('title = "Gamma edited"\n')
    eventually(lambda: index_state(settings)["services/c.pdf"][2] == "Gamma edited", "the edit")
    (d / "services/c.pdf.toml").unlink()
    # Back to the title the document gives itself: its first page's heading.
    eventually(
        lambda: index_state(settings)["services/c.pdf"][2] == "Gamma guide", "sidecar deleted"
    )
    return index_state(settings)


@pytest.mark.slow
def test_polling_mode_reaches_the_same_end_state_as_events(
    settings: Settings,
    start: Callable[..., LibraryProcess],
    make_pdf: Callable[..., Path],
    tmp_path: Path,
) -> None:
    events = scenario(settings, start(), make_pdf)

    polled = replace(
        settings, documents_dir=tmp_path / "polled", index_dir=tmp_path / "polled-index"
    )
    polled.documents_dir.mkdir()
    watcher = start("watch", "--poll", "0.2", "--stability", STABILITY, on=polled)
    polled_state = scenario(
        polled, watcher, lambda dest, pages, **kw: make_pdf(f"../polled/{dest}", pages, **kw)
    )
    assert watcher.grep(r"watching .* \(polling every 0\.2 s\)")
    assert polled_state == events
    assert set(events) == {"decisions/a-renamed.pdf", "services/b.pdf", "services/c.pdf"}
    assert events["services/b.pdf"][1] == "services"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_runs_the_watcher_beside_the_site_and_stops_both(
    settings: Settings, start: Callable[..., LibraryProcess], make_pdf: Callable[..., Path]
) -> None:
    import httpx

    port = free_port()
    server = start("serve", "--port", str(port), "--stability", STABILITY)
    server.wait_for("watching ")
    server.wait_for("Uvicorn running")
    make_pdf("services/bins.pdf", ["Quokka wheelie bin collection calendar"])

    def found() -> bool:
        assert server.proc.poll() is None, "\n".join(server.lines[-40:])
        try:
            page = httpx.get(f"http://127.0.0.1:{port}/search", params={"q": "wheelie"}, timeout=10)
        except httpx.ConnectError:  # a worker not yet listening
            return False
        return page.status_code == 200 and "Quokka wheelie bin collection calendar" in page.text

    eventually(found, "the dropped file on the live site")
    assert server.finish() == 0
    assert server.grep("watcher stopped")


@pytest.mark.slow
def test_serve_no_watch_only_serves(
    settings: Settings, start: Callable[..., LibraryProcess], make_pdf: Callable[..., Path]
) -> None:
    make_pdf("services/bins.pdf", ["Wheelie bin collection calendar"])
    run_cli(settings, "index")
    server = start("serve", "--port", str(free_port()), "--no-watch")
    server.wait_for("Uvicorn running")
    make_pdf("services/later.pdf", ["Recycling centre opening hours"])
    time.sleep(1.5)
    assert search_paths(settings, "recycling") == {}
    assert server.finish() == 0
    assert server.grep("watching") == []
