"""The anonymous insight recorder behind the request-page funnel (librarian.insight)."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from conftest import funnel_counts, stored_searches

from library.errors import QueryError
from library.librarian.insight import InsightRecorder
from library.librarian.insight_report import read_report
from library.store import INSIGHT_FILE as FILENAME


def test_funnel_events_are_counted(tmp_path: Path) -> None:
    recorder = InsightRecorder(tmp_path)
    for event in ("shown", "shown", "opened", "contact"):
        recorder.record_funnel(event)
    assert funnel_counts(tmp_path) == {"shown": 2, "opened": 1, "contact": 1}


def test_an_unknown_funnel_event_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="unknown funnel event"):
        InsightRecorder(tmp_path).record_funnel("clicked")


def test_searches_keep_only_the_words_the_count_and_the_source(tmp_path: Path) -> None:
    recorder = InsightRecorder(tmp_path)
    recorder.record_search("  council   tax\n bands ", 7, "search")
    recorder.record_search("   ", 0, "search")  # nothing typed: nothing to learn
    recorder.record_search("x" * 5000, 0, "api")
    searches = stored_searches(tmp_path)
    assert searches[1] == ("council tax bands", 7, "search")
    assert len(searches) == 2 and len(searches[0][0]) == 200
    with sqlite3.connect(tmp_path / FILENAME) as db:
        columns = {
            row[1] for t in ("searches", "funnel") for row in db.execute(f"PRAGMA table_info({t})")
        }
    assert columns == {"at", "query", "total", "source", "answered", "event"}, (
        "nothing that identifies anyone"
    )


def test_rows_older_than_the_retention_period_are_deleted(tmp_path: Path) -> None:
    now = [1_000_000.0]
    recorder = InsightRecorder(tmp_path, keep_days=30, clock=lambda: now[0])
    recorder.record_funnel("shown")
    recorder.record_search("old", 1, "search")
    now[0] += 31 * 86400
    recorder.record_funnel("opened")
    with sqlite3.connect(tmp_path / FILENAME) as db:
        assert db.execute("SELECT event FROM funnel").fetchall() == [("opened",)]
    assert stored_searches(tmp_path) == []


def test_counts_can_be_limited_to_recent_days(tmp_path: Path) -> None:
    now = [1_000_000.0]
    recorder = InsightRecorder(tmp_path, clock=lambda: now[0])
    recorder.record_funnel("contact")
    now[0] += 10 * 86400
    recorder.record_funnel("contact")
    assert funnel_counts(tmp_path, days=7, clock=lambda: now[0])["contact"] == 1
    assert funnel_counts(tmp_path, days=30, clock=lambda: now[0])["contact"] == 2


def test_many_threads_can_record_at_once(tmp_path: Path) -> None:
    recorder = InsightRecorder(tmp_path)

    def work() -> None:
        for _ in range(25):
            recorder.record_funnel("shown")
            recorder.record_search("parking", 3, "search")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert funnel_counts(tmp_path)["shown"] == 200
    assert len(stored_searches(tmp_path)) == 200


def test_a_failure_to_record_never_fails_the_visitor(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the index folder should be")
    recorder = InsightRecorder(blocker)
    recorder.record_funnel("shown")  # logs, does not raise
    assert "could not record insight" in caplog.text


def test_a_search_with_only_weak_matches_counts_as_not_found(tmp_path: Path) -> None:
    recorder = InsightRecorder(tmp_path)
    recorder.record_search("council tax rebate", 64, "search", answered=False)
    recorder.record_search("bulky waste", 3, "search", answered=True)
    recorder.record_search("zebra crossings", 0, "search")
    recorder.close()
    report = read_report(tmp_path, days=1)
    assert (report.searches, report.zero_results) == (3, 2)
    assert sorted(q.query for q in report.zero_queries) == ["council tax rebate", "zebra crossings"]


def test_an_older_database_is_migrated_in_place_and_its_rows_still_count(tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / FILENAME)) as db, db:
        db.execute("CREATE TABLE searches (at REAL, query TEXT, total INTEGER, source TEXT)")
        db.execute("INSERT INTO searches VALUES (?, 'old found', 5, 'search')", (time.time(),))
        db.execute("INSERT INTO searches VALUES (?, 'old nothing', 0, 'search')", (time.time(),))
    assert read_report(tmp_path, days=1).zero_results == 1, "readable before the migration"
    with InsightRecorder(tmp_path) as recorder:
        recorder.record_search("new weak", 9, "search", answered=False)
    report = read_report(tmp_path, days=1)
    assert sorted(q.query for q in report.zero_queries) == ["new weak", "old nothing"]
