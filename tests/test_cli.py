"""The `library` command as a librarian uses it: exit codes, summaries and JSON shapes."""

from __future__ import annotations

import json
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import library_process, run_cli

from library import store
from library.config import Settings

Sample = Callable[[str, str], Path]


def test_index_summarises_and_succeeds_despite_problem_files(
    settings: Settings, add_sample: Sample
) -> None:
    add_sample("three-pages.pdf", "decisions/minutes.pdf")
    add_sample("encrypted-password.pdf", "decisions/locked.pdf")
    result = run_cli(settings, "index")
    assert result.exit_code == 0
    assert "added 1, updated 0, removed 0, unchanged 0, failed 1" in result.output
    assert "decisions/locked.pdf: encrypted" in result.output


def test_search_json_has_the_documented_shape(settings: Settings, add_sample: Sample) -> None:
    add_sample("three-pages.pdf", "decisions/minutes.pdf")
    run_cli(settings, "index")
    result = run_cli(settings, "search", "monitoring officer", "--json")
    data = json.loads(result.output)
    assert data["query"] == "monitoring officer"
    assert data["total"] == 1
    assert data["suggestion"] is None
    (hit,) = data["results"]
    assert hit["path"] == "decisions/minutes.pdf"
    assert hit["title"] == "Sample Three Pages"
    assert hit["class"] == "decisions"
    assert hit["pages"] == [3]
    assert isinstance(hit["score"], float)
    assert "monitoring officer" in hit["snippet"]
    assert (data["answered"], hit["match"], hit["curated"]) == (True, "strong", False)


def test_search_pins_from_the_curated_file_without_reindexing(
    settings: Settings, add_sample: Sample
) -> None:
    add_sample("three-pages.pdf", "decisions/minutes.pdf")
    run_cli(settings, "index")
    before = json.loads(run_cli(settings, "search", "who signs off the accounts", "--json").output)
    assert not any(h["curated"] for h in before["results"])
    settings.curated_path.write_text("sign off accounts => decisions/minutes.pdf\n")
    after = json.loads(run_cli(settings, "search", "who signs off the accounts", "--json").output)
    first = after["results"][0]
    assert (first["path"], first["match"], first["curated"]) == (
        "decisions/minutes.pdf",
        "strong",
        True,
    )
    assert after["answered"] is True
    text = run_cli(settings, "search", "who signs off the accounts").output
    assert "recommended answer" in text


def test_search_text_output_and_filters(settings: Settings, add_sample: Sample) -> None:
    add_sample("three-pages.pdf", "decisions/minutes.pdf")
    run_cli(settings, "index")
    text = run_cli(settings, "search", "allotment rents").output
    assert "Sample Three Pages" in text and "pages: 2" in text
    other_class = run_cli(settings, "search", "allotment", "--class", "services", "--json")
    assert json.loads(other_class.output)["total"] == 0
    unknown = run_cli(settings, "search", "allotment", "--class", "nonsense")
    assert unknown.exit_code != 0 and "unknown class" in unknown.output


def test_status_json(settings: Settings, add_sample: Sample) -> None:
    add_sample("three-pages.pdf", "decisions/minutes.pdf")
    add_sample("not-a-pdf.pdf", "services/leaflet.pdf")
    run_cli(settings, "index")
    data = json.loads(run_cli(settings, "status", "--json").output)
    assert data["documents"] == 1 and data["pages"] == 3
    assert data["classes"]["decisions"] == 1
    assert data["problems"] == [
        {
            "path": "services/leaflet.pdf",
            "reason": "not-pdf",
            "detail": data["problems"][0]["detail"],
        }
    ]
    assert data["last_changed"]


def test_commands_on_a_missing_index_fail_clearly(settings: Settings) -> None:
    result = run_cli(settings, "search", "anything")
    assert result.exit_code == 1
    assert "run `library index`" in result.output


def test_python_dash_m_library_works(settings: Settings, add_sample: Sample) -> None:
    add_sample("three-pages.pdf", "decisions/minutes.pdf")
    proc = library_process(settings, "index", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0 and "added 1" in out


@pytest.mark.slow
def test_killed_reindex_leaves_a_working_index(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    for n in range(120):
        make_pdf(f"decisions/minutes-{n:03}.pdf", [f"Meeting number {n} discussed allotments."] * 3)
    assert run_cli(settings, "index").exit_code == 0
    live = store.current_dir(settings.index_dir)
    # Make the rebuild slow enough to kill part-way: one worker, tiny batches.
    proc = library_process(
        settings,
        "reindex",
        "--jobs",
        "1",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until the new generation has its first commit
        if any(p != live and any(p.glob("*.seg")) for p in settings.index_dir.glob("gen-*")):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the rebuild finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert store.current_dir(settings.index_dir) == live  # the old index is still live
    result = run_cli(settings, "search", "allotments", "--json", "--limit", "100")
    assert json.loads(result.output)["total"] == 120
    # and the next writer clears the abandoned generation and carries on
    assert run_cli(settings, "index").exit_code == 0
    assert [p.name for p in settings.index_dir.glob("gen-*")] == [live.name]  # type: ignore[union-attr]


def test_a_stop_signal_landing_inside_the_wait_for_it_does_not_deadlock() -> None:
    """Python runs a signal handler between two bytecodes of the main thread, which may be
    inside `stop.wait()` holding the event's own lock: the handler must not take that lock
    itself (`library watch` once hung there for ever after SIGTERM)."""
    from library.cli_common import stop_on_signals

    stop = threading.Event()
    returned = threading.Event()
    with stop_on_signals(stop):
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler)

        def signal_lands_inside_wait() -> None:
            with stop._cond:  # type: ignore[attr-defined]  # what Event.wait holds
                handler(signal.SIGTERM, None)
                returned.set()

        waiter = threading.Thread(target=signal_lands_inside_wait, daemon=True)
        waiter.start()
        waiter.join(timeout=5)
        assert returned.is_set(), "the handler waited for the lock its own thread holds"
        assert stop.wait(timeout=5), "the stop was never set"
