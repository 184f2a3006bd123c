"""The one way to read the index: a pool of searchers that follows the writer's commits and
generation swaps, lending each caller a `Catalog`."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.index import Index
from whoosh.searching import Searcher

from library import store
from library.errors import LibraryError
from library.search.answer_cache import AnswerCache
from library.search.catalog import Catalog, index_version
from library.search.semantic import Semantic

logger = logging.getLogger(__name__)

# Idle searchers kept for reuse; more may be open while more requests run at once.
POOL_SIZE = 8


class ReaderPool:
    """Hands out searchers on the live index.

    Each `searcher()` sees the latest commit, and a rebuild's swap of `current` is noticed on
    the next call, so neither the web app nor the CLI ever needs a restart to see new
    documents.

    Opening a Whoosh searcher reads the segment's term index (a quarter of a second on a
    100,000-page index), so searchers are pooled and reused: one is lent to one caller at a
    time (Whoosh searchers share file positions and are not safe across threads), and before
    lending it is checked against the latest commit and replaced if the writer has committed
    since. (Whoosh's own `Searcher.refresh` is not used: it reuses segment readers by segment
    id, so a segment whose deletions changed, or one merged away, would still be searched.)
    """

    def __init__(self, index_dir: Path, semantic: Semantic | None = None, answers: int = 0) -> None:
        """`answers`: how many results pages to keep for repeated searches (`AnswerCache`;
        0, the default, keeps none: the site passes `Settings.answer_cache`)."""
        self.index_dir = index_dir
        self.semantic = semantic
        self.answers = AnswerCache(answers) if answers > 0 else None
        self._lock = threading.Lock()
        self._gen: Path | None = None
        self._ix: Index | None = None
        self._idle: list[Searcher] = []

    def index(self) -> Index:
        """The live generation's index.

        Raises:
            IndexMissingError, SchemaMismatchError: see `store.open_current`.
        """
        gen = store.current_dir(self.index_dir)
        with self._lock:
            if self._ix is None or gen != self._gen:
                ix = store.open_current(self.index_dir)
                self._drop_idle()
                if self._ix is not None:
                    self._ix.close()
                self._ix, self._gen = ix, gen
            return self._ix

    def version(self) -> str:
        """What the live index is now: its generation and latest commit ("" with no usable
        index). It changes whenever a commit or a rebuild could change an answer, and every
        worker reading the same folder sees the same one, so HTTP validators made from it
        agree across workers."""
        try:
            ix = self.index()
        except LibraryError:
            return ""
        return index_version(self._gen, ix.latest_generation(), semantic=self.semantic is not None)

    def warm(self) -> None:
        """Open the index and one searcher now (a web worker's start-up), and make what every
        search shares (`Catalog.prepare`), so the first visitor does not wait for the term
        index, the field tables or the model to load; nothing to open is not an error."""
        try:
            with self.catalog() as catalog:
                catalog.prepare()
        except Exception as exc:  # warming is only a head start
            # Never a reason for a worker not to start: uvicorn's supervisor stops the whole
            # site when a worker fails at start-up, and the watcher may be committing the
            # first generation this very moment (a TOC replaced between find and open).
            # The first search opens the index again, and reports what is really wrong.
            logger.info("the index could not be opened ahead of the first search: %s", exc)

    @contextmanager
    def catalog(self) -> Iterator[Catalog]:
        """A `Catalog` over the latest commit, for the length of the `with` block.

        Raises:
            IndexMissingError, SchemaMismatchError: see `store.open_current`.
        """
        with self.searcher() as searcher:
            yield Catalog(searcher, self.semantic, self._gen, self.answers)

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A raw Whoosh searcher, for the search package's own modules and their tests;
        everything outside `library.search` reads through `catalog()`."""
        searcher = self._acquire()
        try:
            yield searcher
        finally:
            # Searches keep no state in the searcher (each read seeks first), so one that
            # raised, e.g. on a visitor's invalid request, can be lent again.
            self._release(searcher)

    def _acquire(self) -> Searcher:
        ix = self.index()
        with self._lock:
            pooled = self._idle.pop() if self._idle else None
        if pooled is not None and pooled._ix is ix and pooled.up_to_date():
            return pooled
        if pooled is not None:
            pooled.close()
        return store.beside_commits(ix.searcher)

    def _release(self, searcher: Searcher) -> None:
        with self._lock:
            if searcher._ix is self._ix and len(self._idle) < POOL_SIZE:
                self._idle.append(searcher)
                return
        searcher.close()

    def _drop_idle(self) -> None:
        for searcher in self._idle:
            searcher.close()
        self._idle.clear()

    def close(self) -> None:
        with self._lock:
            self._drop_idle()
            if self._ix is not None:
                self._ix.close()
                self._ix = None
        if self.semantic is not None:
            self.semantic.close()
