"""Results pages as they were sent, shared by every web worker, so that a search one worker
has answered is answered by all of them without searching or rendering again.

A spike of traffic from a news story is many people asking the same few questions.
Each worker keeps the searches it made (`search.answer_cache`), but with N workers a
question is still searched up to N times, and every answer is rendered again: with two
workers at 32 clients that tail, not the hits, made the slow requests (bench/README.md,
"HTTP"). This is the micro-cache a reverse proxy would add in front of the site (nginx's
`proxy_cache`, Varnish), kept inside it because the key needs the index's version.

The key is the page's ETag (`web.caching.entity_tag`), which already names everything the
page is made of: the index's generation and commit (so a document withdrawn or made private
is a new commit, and no page that showed it is ever found again), the librarian's synonyms
and curated answers, the site's build and the full request. Public results pages hold
nothing per visitor, so one visitor's page is every visitor's.

The file is SQLite in WAL mode (readers never wait for the writer), written without waiting
for the disk: it is a cache, and losing it costs searches, never an answer. Entries beyond
`size` are dropped oldest first. Any database problem makes a lookup a miss and is logged;
the visitor is answered from a search as before.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

_SCHEMA = """CREATE TABLE IF NOT EXISTS pages
    (tag TEXT PRIMARY KEY, body BLOB NOT NULL, meta TEXT NOT NULL)"""
_PRUNE_EVERY = 64  # inserts between trims to `size`
_BUSY_SECONDS = 2.0


@dataclass(frozen=True)
class Page:
    """A page as sent, and what the visitor-facing work of a hit still needs: the insight
    record of a search is made for every request, hit or miss."""

    body: bytes
    total: int
    answered: bool


class PageCache:
    """Up to `size` pages under their ETags, in the SQLite file at `path`."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = size
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._inserts = 0
        self._broken = False

    def get(self, tag: str) -> Page | None:
        """The page stored under `tag`, or None (also when the cache cannot be read)."""
        with self._lock:
            db = self._connect()
            if db is None:
                return None
            try:
                row = db.execute("SELECT body, meta FROM pages WHERE tag = ?", (tag,)).fetchone()
            except sqlite3.Error as exc:
                logger.warning("could not read the page cache %s: %s", self.path, exc)
                return None
        if row is None:
            return None
        try:
            meta = json.loads(row[1])
            return Page(bytes(row[0]), int(meta["total"]), bool(meta["answered"]))
        except (ValueError, KeyError, TypeError) as exc:  # a row no worker of ours wrote
            logger.warning("a damaged entry in the page cache %s: %s", self.path, exc)
            return None

    def put(self, tag: str, page: Page) -> None:
        """Keep `page` under `tag` (a failure to write is logged, never raised)."""
        meta = json.dumps({"total": page.total, "answered": page.answered})
        with self._lock:
            db = self._connect()
            if db is None:
                return
            try:
                with db:
                    db.execute(
                        "INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", (tag, page.body, meta)
                    )
                    self._inserts += 1
                    if self._inserts % _PRUNE_EVERY == 1:
                        db.execute(
                            "DELETE FROM pages WHERE rowid <= (SELECT MAX(rowid) FROM pages) - ?",
                            (self.size,),
                        )
            except sqlite3.Error as exc:
                logger.warning("could not write the page cache %s: %s", self.path, exc)

    def prepare(self) -> None:
        """Create the file now (WAL mode, the table): `library serve` does it once before
        the workers start, so they never race to set it up."""
        with self._lock:
            self._connect()
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        for attempt in range(2):
            try:
                self._db = _open(self.path)
                return self._db
            except sqlite3.DatabaseError as exc:
                if attempt or not self.path.exists():
                    break
                # Not a database (a damaged file): it only ever held copies; start again.
                logger.warning(
                    "the page cache %s is damaged (%s); starting it again", self.path, exc
                )
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            except OSError as exc:
                logger.warning("could not open the page cache %s: %s", self.path, exc)
                break
        self._broken = True  # this worker searches every time; the others are unaffected
        return None


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=_BUSY_SECONDS, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")
        db.execute(_SCHEMA)
    except sqlite3.Error:
        db.close()
        raise
    return db
