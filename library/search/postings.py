"""Postings read straight from Whoosh's segments into numpy arrays, and the bounded cache that
keeps them: segments never change once written, so a term's postings are read once per
segment and reused by every search until the segment is merged away (`ranking` uses them).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.reading import IndexReader
from whoosh.util.numeric import byte_to_length

# Memory for cached postings across all segments. A 100,000-page index needs about 100 MB
# for the relevance query set's words (positions are most of it); least recently used go
# first.
MAX_CACHED_BYTES = 256 * 1024 * 1024
# A field length as Whoosh's `doc_field_length(d, field, 1) or 1` gives it, by its stored byte
# (0: no length, read as 1).
_LENGTH_OF_BYTE = np.array([(byte_to_length(b) if b else 0) or 1 for b in range(256)], np.float32)


@dataclass
class Postings:
    ids: np.ndarray  # segment-local document numbers, ascending
    weights: np.ndarray
    lengths: np.ndarray  # the field's length in each document, as Whoosh stores it
    starts: np.ndarray | None = None  # positions of ids[i] are pos[starts[i]:ends[i]]
    ends: np.ndarray | None = None
    pos: np.ndarray | None = None

    @property
    def size(self) -> int:
        arrays = (self.ids, self.weights, self.lengths, self.starts, self.ends, self.pos)
        return sum(a.nbytes for a in arrays if a is not None)

    def only(self, docs: np.ndarray) -> Postings:
        """The postings of those of `docs` (ascending local document numbers) that have any."""
        rows = np.searchsorted(self.ids, docs)
        inside = rows < len(self.ids)
        rows = rows[inside]
        rows = rows[self.ids[rows] == docs[inside]]
        return Postings(
            self.ids[rows],
            self.weights[rows],
            self.lengths[rows],
            self.starts[rows] if self.starts is not None else None,
            self.ends[rows] if self.ends is not None else None,
            self.pos,
        )


class PostingsCache:
    """Postings per (segment, field, term), least recently used dropped first."""

    def __init__(self, limit: int = MAX_CACHED_BYTES) -> None:
        self._items: OrderedDict[tuple[str, str, bytes], Postings] = OrderedDict()
        # Per (segment, field): every document's field length (4 bytes each: 2.6 MB for the
        # six fields of a 110,000-record segment).
        self._lengths: dict[tuple[str, str], np.ndarray] = {}
        self._size = 0
        self._limit = limit
        self._lock = threading.Lock()

    def get(
        self, segid: str, leaf: IndexReader, fieldname: str, btext: bytes, *, positions: bool
    ) -> Postings | None:
        key = (segid, fieldname, btext)
        with self._lock:
            found = self._items.get(key)
            if found is not None and (found.pos is not None or not positions):
                self._items.move_to_end(key)
                return found
        if (fieldname, btext) not in leaf:
            return None
        with self._lock:
            lengths = self._lengths.get((segid, fieldname))
        if lengths is None:
            lengths = field_lengths(leaf, fieldname)
            with self._lock:
                self._lengths[(segid, fieldname)] = lengths
        made = read_postings(leaf, fieldname, btext, positions=positions, lengths=lengths)
        with self._lock:
            old = self._items.pop(key, None)
            self._size += made.size - (old.size if old is not None else 0)
            self._items[key] = made
            while self._size > self._limit and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                self._size -= dropped.size
        return made

    def forget_except(self, segids: set[str]) -> None:
        """Drop the postings of segments no longer in the index (merged or rebuilt away)."""
        with self._lock:
            for key in [k for k in self._items if k[0] not in segids]:
                self._size -= self._items.pop(key).size
            for gone in [k for k in self._lengths if k[0] not in segids]:
                del self._lengths[gone]


def field_lengths(leaf: IndexReader, fieldname: str) -> np.ndarray:
    """Every document's length in `fieldname` (float32), as `doc_field_length(d, fieldname,
    1) or 1` gives it one document at a time: read in one piece from the segment's lengths
    column (a byte a document), where a Python call per posting was a tenth of the time of
    reading a new word's postings. Whoosh internals: see tests/test_whoosh_fence.py."""
    count = leaf.doc_count_all()
    stored = np.zeros(count, dtype=np.uint8)
    column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is not None and column._fixedlen != 1:  # not the one-byte column read below
        lengths = (leaf.doc_field_length(d, fieldname, 1) or 1 for d in range(count))
        return np.fromiter(lengths, dtype=np.float32, count=count)
    if column is not None:
        raw = column._dbfile.get(column._basepos, column._count)
        found = np.frombuffer(raw, dtype=np.uint8)[:count]
        stored[: len(found)] = found
        stored[len(found) :] = column._default
    return _LENGTH_OF_BYTE[stored]


def read_postings(
    leaf: IndexReader,
    fieldname: str,
    btext: bytes,
    *,
    positions: bool,
    lengths: np.ndarray | None = None,
) -> Postings:
    """A term's postings in one segment; `lengths`: `field_lengths(leaf, fieldname)`."""
    # A segment reader's postings skip its deleted documents; the raw matcher does not, which
    # is what the cache wants (deletions change with every commit, the postings never do);
    # searches leave deleted documents out through the `allowed` mask instead.
    m = leaf._terms.matcher(fieldname, btext, leaf.schema[fieldname].format)
    ids: list[Any] = []
    weights: list[Any] = []
    values: list[Any] = []
    while m.is_active():
        m._read_ids()
        m._read_weights()
        ids.extend(m._ids)
        weights.extend(m._weights)
        if positions:
            m._read_values()
            values.extend(m._values)
        m._next_block()
    # 32 bits are enough and exact: Whoosh keeps weights as 32-bit floats, and field lengths
    # as one byte standing for a whole number below 2^24.
    id_arr = np.asarray(ids, dtype=np.int32)
    if lengths is None:
        lengths = field_lengths(leaf, fieldname)
    out = Postings(id_arr, np.asarray(weights, dtype=np.float32), lengths[id_arr])
    if positions:
        decode = m.format.decode_positions
        lists = [decode(v) for v in values]
        counts = np.fromiter((len(p) for p in lists), dtype=np.int64, count=len(lists))
        ptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        out.starts, out.ends = ptr[:-1], ptr[1:]
        out.pos = np.fromiter((p for ps in lists for p in ps), dtype=np.int32)
    return out


POSTINGS = PostingsCache()
