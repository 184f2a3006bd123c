"""The read side: an open index that follows the writer's commits and generation swaps."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.index import Index
from whoosh.searching import Searcher

from library import store


class IndexReader:
    """Hands out searchers on the live index.

    Each `searcher()` sees the latest commit (Whoosh reads the newest table of contents when
    a searcher opens), and a rebuild's swap of `current` is noticed on the next call, so
    neither the web app nor the CLI ever needs a restart to see new documents.
    """

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._lock = threading.Lock()
        self._gen: Path | None = None
        self._ix: Index | None = None

    def index(self) -> Index:
        """The live generation's index.

        Raises:
            IndexMissingError, SchemaMismatchError: see `store.open_current`.
        """
        gen = store.current_dir(self.index_dir)
        with self._lock:
            if self._ix is None or gen != self._gen:
                ix = store.open_current(self.index_dir)
                if self._ix is not None:
                    self._ix.close()
                self._ix, self._gen = ix, gen
            return self._ix

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        with self.index().searcher() as searcher:
            yield searcher

    def close(self) -> None:
        with self._lock:
            if self._ix is not None:
                self._ix.close()
                self._ix = None
