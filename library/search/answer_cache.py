"""Results pages already computed, kept per reader pool (one per web worker), so that the
same question asked again of the same index is answered without searching again.

This is what search services do for repeated queries (Elasticsearch's shard request cache,
Solr's queryResultCache): a spike of traffic from a news story is many people asking the
same few questions, and a search here costs tens of milliseconds of CPU where rendering the
page costs a few.

An entry can never be stale, because everything a results page is made of is in its key or
checked on the way out:
- the index as the searcher sees it: the generation folder, the Whoosh commit and, with
  semantic search, the vector manifest's stamp (`Catalog.version`). Publishing, withdrawing
  or re-filing a document is a commit, so a withdrawn document cannot be served from here;
- the request (query, filters, sort, page, page size: `SearchRequest` is frozen and hashable);
- the librarian's synonyms and curated answers, which every search reads afresh (an edit
  applies to the next search): an entry made with other groups or other pins is a miss.
  Both are frozen values, and `synonyms_for` / `pins_for` return the same object until
  their file changes, so the comparison is usually one identity check.

Entries are bounded in number (least recently used dropped first); a page of ten hits with
snippets is a few kilobytes, so the default 1,024 entries cost a few megabytes per worker.
The visitor-facing work that must happen for every request (the anonymous insight record,
rendering, the ETag) happens outside, in the web layer, hit or miss.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from library.results import ResultsPage
from library.search.curated import Pins
from library.search.parsing import Synonyms
from library.search.request import SearchRequest

Key = tuple[str, SearchRequest]


@dataclass(frozen=True)
class _Entry:
    synonyms: Synonyms | None
    pins: Pins | None
    page: ResultsPage


class AnswerCache:
    """A bounded, thread-safe map from (index version, request) to its results page."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Key, _Entry] = OrderedDict()
        self._version = ""
        self._lock = threading.Lock()

    def get(self, key: Key, synonyms: Synonyms | None, pins: Pins | None) -> ResultsPage | None:
        """The page stored for `key` with these very synonyms and pins, else None."""
        with self._lock:
            entry = self._items.get(key)
            if entry is None or not (_same(entry.synonyms, synonyms) and _same(entry.pins, pins)):
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return entry.page

    def put(
        self, key: Key, synonyms: Synonyms | None, pins: Pins | None, page: ResultsPage
    ) -> None:
        """Keep `page`; the first page of a newer index version drops the older ones (they
        can never be asked for again, and would only hold memory until they aged out)."""
        if self.size <= 0:
            return
        with self._lock:
            if self._version != key[0]:
                for old in [k for k in self._items if k[0] != key[0]]:
                    del self._items[old]
                self._version = key[0]
            self._items[key] = _Entry(synonyms, pins, page)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def _same(a: object, b: object) -> bool:
    return a is b or a == b
