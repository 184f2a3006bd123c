"""The search insight report: what the public looked for, what they did not find, and whether
the request page sent them to a document before the FOI contact details.

"Not found" (`zero`, `zero_results`, `zero_queries`, kept under their first names) means no
result answered the search: nothing found at all, or only weak matches (search.answers).
Rows recorded before the recorder kept that count as answered when they found anything.

Searches too short to mean anything (under 2 characters) or made only of stop words ("the",
"x", "how do i") are listed apart (`junk_queries`) and kept out of the other lists, which
they would otherwise crowd; they still count in the totals, since they did happen.

Reads `index/insight.sqlite3` (written by `librarian.insight`) read-only: a report never creates
the database nor changes it. Days are UTC days.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from library import store
from library.errors import ConfigError
from library.search import is_stop_word

_SINCE = re.compile(r"^\s*(\d+)\s*([dw]?)\s*$", re.I)
_WORD = re.compile(r"\w+")
MIN_QUERY_CHARS = 2


def is_junk_query(query: str) -> bool:
    """A search that says nothing to act on: under 2 characters, or only stop words."""
    words = _WORD.findall(query)
    if len("".join(query.split())) < MIN_QUERY_CHARS or not words:
        return True
    return all(is_stop_word(w) for w in words)


def parse_since(text: str) -> int:
    """`30d`, `2w` or `7` → a number of days (at least 1).

    Raises:
        ConfigError: anything else.
    """
    match = _SINCE.match(text)
    if not match or int(match.group(1)) < 1:
        raise ConfigError(f"--since {text!r}: use a number of days like 30d, or weeks like 2w")
    days = int(match.group(1))
    return days * 7 if match.group(2).lower() == "w" else days


@dataclass(frozen=True)
class Day:
    date: str
    searches: int
    zero: int


@dataclass(frozen=True)
class QueryCount:
    query: str
    searches: int
    results: int  # documents found the last time it was searched


@dataclass
class InsightReport:
    days: int
    start: str
    end: str
    searches: int = 0
    zero_results: int = 0
    per_day: list[Day] = field(default_factory=list)
    top_queries: list[QueryCount] = field(default_factory=list)
    zero_queries: list[QueryCount] = field(default_factory=list)
    unopened_queries: list[QueryCount] = field(default_factory=list)
    junk_queries: list[QueryCount] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)
    funnel: dict[str, int] = field(default_factory=dict)

    @property
    def zero_rate(self) -> float:
        return self.zero_results / self.searches if self.searches else 0.0

    @property
    def opened_rate(self) -> float:
        """Of the request-page visitors shown documents, the share who opened one."""
        shown = self.funnel.get("shown", 0)
        return self.funnel.get("opened", 0) / shown if shown else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "start": self.start,
            "end": self.end,
            "searches": self.searches,
            "zero_results": self.zero_results,
            "zero_rate": round(self.zero_rate, 4),
            "per_day": [asdict(d) for d in self.per_day],
            "top_queries": [asdict(q) for q in self.top_queries],
            "zero_queries": [asdict(q) for q in self.zero_queries],
            "unopened_queries": [asdict(q) for q in self.unopened_queries],
            "junk_queries": [asdict(q) for q in self.junk_queries],
            "sources": self.sources,
            "funnel": {**self.funnel, "opened_rate": round(self.opened_rate, 4)},
        }


def read_report(
    index_dir: Path,
    *,
    days: int = 30,
    limit: int = 20,
    clock: Callable[[], float] = time.time,
) -> InsightReport:
    """The report over the last `days` days (today included), `limit` rows per list.

    Queries are grouped case-insensitively with white space collapsed, so "Council Tax" and
    "council  tax" count as one. Searches from the JSON API count in the totals and sources
    but not in "nobody opened" (a program does not open results).
    """
    today = dt.datetime.fromtimestamp(clock(), tz=dt.UTC).date()
    first = today - dt.timedelta(days=days - 1)
    since = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC).timestamp()
    report = InsightReport(days=days, start=first.isoformat(), end=today.isoformat())
    report.funnel = {"shown": 0, "opened": 0, "contact": 0}
    counts = {(first + dt.timedelta(days=n)).isoformat(): [0, 0] for n in range(days)}
    path = store.insight_path(index_dir)
    if path.is_file():
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5.0)) as db:
            db.create_function("is_junk", 1, lambda q: int(is_junk_query(q)), deterministic=True)
            _fill(db, report, counts, since, limit)
    report.per_day = [Day(date, s, z) for date, (s, z) in counts.items()]
    report.searches = sum(d.searches for d in report.per_day)
    report.zero_results = sum(d.zero for d in report.per_day)
    return report


def _fill(
    db: sqlite3.Connection,
    report: InsightReport,
    counts: dict[str, list[int]],
    since: float,
    limit: int,
) -> None:
    def rows(sql: str, *args: object) -> list[Any]:
        try:
            return db.execute(sql, (since, *args)).fetchall()
        except sqlite3.OperationalError:  # a table an older recorder did not have yet
            return []

    columns = {row[1] for row in db.execute("PRAGMA table_info(searches)")}
    found = "COALESCE(answered, total > 0)" if "answered" in columns else "(total > 0)"
    for date, n, zero in rows(
        f"SELECT date(at, 'unixepoch'), COUNT(*), SUM(NOT {found}) FROM searches "
        "WHERE at >= ? GROUP BY 1"
    ):
        if date in counts:
            counts[date] = [int(n), int(zero)]
    report.sources = dict(
        rows("SELECT source, COUNT(*) FROM searches WHERE at >= ? GROUP BY source ORDER BY 1")
    )
    report.funnel.update(dict(rows("SELECT event, COUNT(*) FROM funnel WHERE at >= ? GROUP BY 1")))
    # The latest spelling and result count of each normalised query.
    grouped = """
        WITH s AS (SELECT lower(query) AS q, query, total, source, at, {found} AS found
                   FROM searches WHERE at >= ?)
        SELECT q, COUNT(*) AS n,
               (SELECT total FROM s AS t WHERE t.q = s.q ORDER BY at DESC LIMIT 1) AS last
        FROM s WHERE {junk} is_junk(q) {where} GROUP BY q {having} ORDER BY n DESC, q LIMIT ?
    """
    grouped = grouped.replace("{found}", found)
    kept = grouped.replace("{junk}", "NOT")
    report.top_queries = _counts(rows(kept.format(where="", having=""), limit))
    report.zero_queries = _counts(
        rows(kept.format(where="", having="HAVING MAX(found) = 0"), limit)
    )
    report.unopened_queries = _counts(
        rows(
            kept.format(
                where="AND source != 'api' AND total > 0 AND q NOT IN "
                "(SELECT lower(query) FROM opens WHERE at >= ?)",
                having="",
            ),
            since,
            limit,
        )
    )
    junk = grouped.replace("{junk}", "")
    report.junk_queries = _counts(rows(junk.format(where="", having=""), limit))


def _counts(rows: list[Any]) -> list[QueryCount]:
    return [QueryCount(q, int(n), int(last or 0)) for q, n, last in rows]
