"""Anonymous counts of what the public looks for, in `index/insight.sqlite3`.

Two tables: searches (the words, how many documents matched, whether any answered it, where
the search came from) and funnel events of the FOI request page. Nothing identifies a
visitor: no IP address, no cookie, no user agent, and rows older than `insight_days` are
deleted.

The request-page funnel is the product's success measure: of the visitors shown documents
that may already answer their request ("shown"), how many opened one ("opened") rather
than going on to the authority's contact details ("contact").
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from library import store
from library.errors import QueryError

logger = logging.getLogger(__name__)

FUNNEL_EVENTS = ("shown", "opened", "contact")
_MAX_QUERY_CHARS = 200  # a pasted essay is not an insight
_PRUNE_EVERY = 3600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS searches (
    at REAL NOT NULL,
    query TEXT NOT NULL,
    total INTEGER NOT NULL,
    source TEXT NOT NULL,
    answered INTEGER  -- 1: a strong match; NULL in rows recorded before it was kept
);
CREATE INDEX IF NOT EXISTS searches_at ON searches (at);
CREATE TABLE IF NOT EXISTS funnel (
    at REAL NOT NULL,
    event TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS funnel_at ON funnel (at);
CREATE TABLE IF NOT EXISTS opens (
    at REAL NOT NULL,
    query TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS opens_at ON opens (at);
"""


class InsightRecorder:
    """Appends anonymous events; safe to share between the web server's threads.

    A recording failure (disk full, read-only index folder) is logged and dropped: counting
    visitors must never stop a visitor from getting their page.
    """

    def __init__(
        self, index_dir: Path, *, keep_days: int = 90, clock: Callable[[], float] = time.time
    ) -> None:
        self.path = store.insight_path(index_dir)
        self.keep_seconds = keep_days * 86400.0
        self._clock = clock
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._last_prune = 0.0

    def record_search(
        self, query: str, total: int, source: str, *, answered: bool | None = None
    ) -> None:
        """One search: its words (trimmed), the number of documents found, where from
        (`search`, `request`, `api`), and whether a result answered it (a strong match;
        unknown: whether anything was found)."""
        words = " ".join(query.split())[:_MAX_QUERY_CHARS]
        found = int(total > 0) if answered is None else int(answered)
        if words:
            self._insert(
                "INSERT INTO searches (at, query, total, source, answered) VALUES (?, ?, ?, ?, ?)",
                (words, int(total), source, found),
            )

    def record_funnel(self, event: str) -> None:
        """One step of the request-page funnel: `shown`, `opened` or `contact`."""
        if event not in FUNNEL_EVENTS:
            raise QueryError(f"unknown funnel event {event!r}")
        self._insert("INSERT INTO funnel VALUES (?, ?)", (event,))

    def record_open(self, query: str) -> None:
        """A document opened from the results of `query` (the staff report lists searches
        whose results nobody opened)."""
        words = " ".join(query.split())[:_MAX_QUERY_CHARS]
        if words:
            self._insert("INSERT INTO opens VALUES (?, ?)", (words,))

    def prepare(self) -> None:
        """Create the database now (WAL mode, the tables) and let it go: `library serve`
        does this once before its workers start, so they never race to set it up.

        Raises:
            sqlite3.Error, OSError: the database cannot be created.
        """
        with self._connect():
            pass
        self.close()

    def _now(self) -> float:
        return self._clock()

    def _insert(self, sql: str, values: tuple[object, ...]) -> None:
        now = self._now()
        try:
            with self._connect() as db:
                db.execute(sql, (now, *values))
                if now - self._last_prune > _PRUNE_EVERY:
                    self._last_prune = now
                    cutoff = now - self.keep_seconds
                    db.execute("DELETE FROM searches WHERE at < ?", (cutoff,))
                    db.execute("DELETE FROM funnel WHERE at < ?", (cutoff,))
                    db.execute("DELETE FROM opens WHERE at < ?", (cutoff,))
        except (sqlite3.Error, OSError) as exc:
            logger.warning("could not record insight in %s: %s", self.path, exc)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # One connection shared under a lock: writes are tiny next to a search, and WAL with
        # synchronous=NORMAL keeps them from waiting on the disk for every visitor.
        with self._lock:
            if self._db is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False)
                try:
                    db.execute("PRAGMA journal_mode=WAL")
                    db.execute("PRAGMA synchronous=NORMAL")
                    db.executescript(_SCHEMA)
                    _migrate(db)
                except sqlite3.Error:
                    db.close()
                    raise
                self._db = db
            with self._db:
                yield self._db

    def __enter__(self) -> InsightRecorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a database made by an older recorder up to date, in place."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(searches)")}
    if "answered" not in columns:
        # Old rows keep NULL: the report counts them as answered when they found anything.
        db.execute("ALTER TABLE searches ADD COLUMN answered INTEGER")
