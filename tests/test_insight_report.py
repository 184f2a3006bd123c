"""Search insight: the report's numbers are exactly those of a scripted sequence of visits."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from library.config import Settings
from library.errors import ConfigError
from library.indexing import indexer
from library.librarian.insight import InsightRecorder
from library.librarian.insight_report import parse_since, read_report
from library.schema import doc_id_for
from library.store import INSIGHT_FILE as FILENAME
from library.web.app import create_app
from tests.conftest import run_cli

DAY = 86400.0
# Noon UTC on 10 March 2025.
T0 = dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC).timestamp()


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def scripted(tmp_path: Path) -> Clock:
    """Three days of visits, recorded by the same recorder the public site uses."""
    clock = Clock(T0 - 2 * DAY)
    with InsightRecorder(tmp_path, clock=clock) as rec:
        rec.record_search("council tax", 4, "search")
        rec.record_search("Council  Tax", 4, "search")
        rec.record_search("dog fouling", 0, "search")
        clock.now += DAY  # 9 March
        rec.record_search("council tax", 3, "search")
        rec.record_open("council tax")
        rec.record_search("dog fouling", 0, "search")
        rec.record_search("allotments", 2, "search")  # found, never opened
        rec.record_search("allotments", 2, "api")
        clock.now += DAY  # 10 March
        rec.record_search("speed bumps", 0, "request")
        rec.record_funnel("contact")
        rec.record_search("hedges", 1, "request")
        rec.record_funnel("shown")
        rec.record_funnel("opened")
        rec.record_open("hedges")
        rec.record_search("parking fines", 5, "request")
        rec.record_funnel("shown")
        rec.record_funnel("contact")
        # Long before the period: counted by nothing.
        clock.now -= 40 * DAY
        rec.record_search("ancient", 0, "search")
    clock.now = T0
    return clock


def test_searches_per_day_and_zero_results(tmp_path: Path, scripted: Clock) -> None:
    report = read_report(tmp_path, days=3, clock=scripted)
    assert (report.start, report.end) == ("2025-03-08", "2025-03-10")
    assert [(d.date, d.searches, d.zero) for d in report.per_day] == [
        ("2025-03-08", 3, 1),
        ("2025-03-09", 4, 1),
        ("2025-03-10", 3, 1),
    ]
    assert (report.searches, report.zero_results) == (10, 3)
    assert report.sources == {"api": 1, "request": 3, "search": 6}


def test_top_zero_and_unopened_queries(tmp_path: Path, scripted: Clock) -> None:
    report = read_report(tmp_path, days=3, clock=scripted)
    top = [(q.query, q.searches, q.results) for q in report.top_queries]
    assert top[:3] == [("council tax", 3, 3), ("allotments", 2, 2), ("dog fouling", 2, 0)]
    assert [(q.query, q.searches) for q in report.zero_queries] == [
        ("dog fouling", 2),
        ("speed bumps", 1),
    ]
    # "council tax" and "hedges" had a result opened; the API search of allotments is no visit.
    assert [(q.query, q.searches) for q in report.unopened_queries] == [
        ("allotments", 1),
        ("parking fines", 1),
    ]


def test_request_page_funnel(tmp_path: Path, scripted: Clock) -> None:
    report = read_report(tmp_path, days=30, clock=scripted)
    assert report.funnel == {"shown": 2, "opened": 1, "contact": 2}
    assert report.opened_rate == 0.5


def test_a_shorter_period_counts_only_its_days(tmp_path: Path, scripted: Clock) -> None:
    report = read_report(tmp_path, days=1, clock=scripted)
    assert report.searches == 3 and [d.date for d in report.per_day] == ["2025-03-10"]


def test_no_database_gives_an_empty_report_and_creates_nothing(tmp_path: Path) -> None:
    report = read_report(tmp_path, days=7)
    assert report.searches == 0 and len(report.per_day) == 7
    assert not (tmp_path / FILENAME).exists()


def test_opens_are_kept_no_longer_than_searches(tmp_path: Path) -> None:
    clock = Clock(T0)
    with InsightRecorder(tmp_path, keep_days=30, clock=clock) as rec:
        rec.record_open("old words")
        clock.now += 31 * DAY
        rec.record_search("new words", 1, "search")
    with sqlite3.connect(tmp_path / FILENAME) as db:
        assert db.execute("SELECT COUNT(*) FROM opens").fetchone() == (0,)
        columns = {row[1] for row in db.execute("PRAGMA table_info(opens)")}
    assert columns == {"at", "query"}, "nothing that identifies anyone"


@pytest.mark.parametrize(("text", "days"), [("30d", 30), ("2w", 14), ("7", 7), (" 1D ", 1)])
def test_since_accepts_days_and_weeks(text: str, days: int) -> None:
    assert parse_since(text) == days


@pytest.mark.parametrize("text", ["", "0d", "3m", "-1d", "thirty"])
def test_since_refuses_anything_else(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_since(text)


def test_visits_to_the_real_site_show_up_in_the_report(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    make_pdf("policies-and-procedures/complaints.pdf", ["How to make a complaint about us"])
    make_pdf("services/bins.pdf", ["Bin collection days and recycling"])
    indexer.sync(settings)
    complaints = doc_id_for("policies-and-procedures/complaints.pdf")
    with TestClient(create_app(settings)) as client:
        for q in ("complaint", "complaint", "recycling", "zebra crossings"):
            assert client.get("/search", params={"q": q}).status_code == 200
        client.get(f"/documents/{complaints}", params={"q": "complaint"})
        client.get("/request", params={"q": "how do I complain"})
        client.get(f"/documents/{complaints}", params={"from": "request", "q": "how do I complain"})
        client.get("/request", params={"q": "zebra crossings"})  # nothing: contact shown
    result = run_cli(settings, "report", "--since", "1d", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["searches"] == 6 and body["zero_results"] == 2
    assert body["zero_queries"][0] == {"query": "zebra crossings", "searches": 2, "results": 0}
    assert [q["query"] for q in body["unopened_queries"]] == ["recycling"]
    assert body["funnel"] == {"shown": 1, "opened": 1, "contact": 1, "opened_rate": 1.0}
    text = run_cli(settings, "report").output
    assert "6 searches, 2 found no answer (33%)" in text
