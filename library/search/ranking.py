"""Whoosh's BM25F ranking of the search box's queries, computed with numpy over cached postings.

Whoosh scores in pure Python, one posting at a time. On a large library a visitor's common
words ("council", "policy") occur in nearly every document, so Whoosh walks tens of thousands
of postings per query (half a second at 100,000 pages) and its block-quality skipping cannot
help, because the OR group's coordination bonus and the proximity phrases keep every block
in play. This module computes the *same* scores for every matching document at once:

- each term's postings (document numbers, weights, field lengths, and positions when a
  phrase needs them) are read once per segment and kept in a bounded cache; segments never
  change once written, so a commit only adds the new segment's postings;
- a term scores Whoosh's `bm25(idf, weight, length, avgfl, B, K1)` times its boost;
- a phrase adds its words' scores where its words stand within `slop` of each other in
  order, and counts as many matched terms as it has words;
- the OR group's coordination bonus (Whoosh's `CoordMatcher`) is applied last.

Phrase positions are only checked where they can change the outcome: for documents the
phrase alone would bring in, and for documents whose score with every possible phrase could
reach the best `limit`. Queries of any other shape (NOT, AND, nested groups, prefixes,
filters typed as words) return None, and the caller asks Whoosh.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from whoosh.query import Or, Phrase, Query, Term
from whoosh.reading import IndexReader
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from library.search.postings import POSTINGS, Postings

_SHIFT = np.int64(32)
_UNSEEN: Any = object()
MAX_TERM_STATS = 200_000
MAX_RECORDS = 20_000


@dataclass
class View:
    """What every search on one version of the index shares: built once per commit."""

    key: tuple[Any, ...]
    leaves: list[tuple[str, IndexReader, int]]  # (segment id, reader, first docnum)
    doc_count: int
    live: np.ndarray  # not deleted
    codes: dict[str, np.ndarray] = field(default_factory=dict)  # field -> value code per doc
    values: dict[str, list[Any]] = field(default_factory=dict)  # field -> value per code
    newest: dict[str, int] = field(default_factory=dict)  # series -> newest year
    lock: threading.Lock = field(default_factory=threading.Lock)
    # (field, term) -> (idf, average field length), None when no segment has the term: the
    # same for every searcher of this version, and looking a term up in every segment's term
    # table costs more than scoring its postings.
    terms: dict[tuple[str, bytes], tuple[float, float] | None] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)  # series -> documents in it
    records: dict[int, dict[str, Any]] = field(default_factory=dict)  # docnum -> `doc` record
    # (field, value) -> the live records carrying it (`records_with`)
    carrying: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)


_VIEWS: OrderedDict[tuple[Any, ...], View] = OrderedDict()
_VIEWS_LOCK = threading.Lock()
_KEEP_VIEWS = 2
# Each open reader's view: a search asks for it dozens of times, and a reader never changes.
_BY_READER: weakref.WeakKeyDictionary[IndexReader, View] = weakref.WeakKeyDictionary()


def _view_key(reader: IndexReader) -> tuple[Any, ...]:
    # Deletions only ever grow within a segment, so its id and deletion count name its state.
    # An empty index has one leaf with no segment.
    return tuple(
        (seg.segment_id(), seg.deleted_count(), offset) if seg is not None else ("", 0, offset)
        for leaf, offset in reader.leaf_readers()
        for seg in [leaf.segment()]
    )


def view(searcher: Searcher) -> View:
    """The shared arrays for the searcher's version of the index (cached per commit)."""
    reader = searcher.reader()
    with _VIEWS_LOCK:
        mine = _BY_READER.get(reader)
    if mine is not None:
        return mine
    key = _view_key(reader)
    with _VIEWS_LOCK:
        found = _VIEWS.get(key)
        if found is not None:
            _VIEWS.move_to_end(key)
    if found is None:
        found = _make_view(key, searcher)
        with _VIEWS_LOCK:
            _VIEWS[key] = found
            while len(_VIEWS) > _KEEP_VIEWS:
                _VIEWS.popitem(last=False)
            kept = {k[0] for v in _VIEWS.values() for k in v.key}
        POSTINGS.forget_except(kept)
    # Leaf readers belong to the searcher that opened them: use this searcher's.
    found_leaves = [
        (k[0], leaf, k[2]) for k, (leaf, _) in zip(key, reader.leaf_readers(), strict=True)
    ]
    mine = replace(found, leaves=found_leaves)  # the rest is shared, caches included
    with _VIEWS_LOCK:
        _BY_READER[reader] = mine
    return mine


def _make_view(key: tuple[Any, ...], searcher: Searcher) -> View:
    reader = searcher.reader()
    n = reader.doc_count_all()
    live = np.ones(n, dtype=bool)
    if reader.has_deletions():
        for leaf, offset in reader.leaf_readers():
            for docnum in leaf.segment().deleted_docs():
                live[offset + docnum] = False
    out = View(key, [], n, live)
    for name in ("kind", "pub_class", "year", "page", "doc_type", "series"):
        codes = np.full(n, -1, dtype=np.int64)
        values: list[Any] = []
        fieldobj = reader.schema[name]
        if name in ("year", "page"):
            terms = [(fieldobj.from_bytes(b), b) for b in fieldobj.sortable_terms(reader, name)]
        else:
            terms = [(b.decode("utf-8"), b) for b in reader.lexicon(name)]
        for value, btext in terms:
            ids = list(reader.postings(name, btext).all_ids())
            codes[np.asarray(ids, dtype=np.int64)] = len(values)
            values.append(value)
        out.codes[name], out.values[name] = codes, values
    return out


def equals(v: View, name: str, value: Any) -> np.ndarray:
    """Mask of live documents whose `name` field is `value`."""
    try:
        code = v.values[name].index(value)
    except ValueError:
        return np.zeros(v.doc_count, dtype=bool)
    mask: np.ndarray = (v.codes[name] == code) & v.live
    return mask


def counts(v: View, name: str, matched: np.ndarray) -> dict[Any, int]:
    """Value → number of `matched` documents with it (documents without one left out)."""
    codes = v.codes[name][matched]
    codes = codes[codes >= 0]
    found = np.bincount(codes, minlength=len(v.values[name]))
    return {v.values[name][c]: int(k) for c, k in enumerate(found) if k}


def values_of(v: View, name: str, docnums: list[int]) -> list[Any]:
    """The `name` field's value of each of `docnums` (None where it has none)."""
    table = v.values[name]
    return [table[c] if c >= 0 else None for c in v.codes[name][docnums]]


def year_of(v: View, docnums: np.ndarray) -> np.ndarray:
    """Each document's year, 0 when it has none."""
    years = np.asarray([0, *v.values["year"]], dtype=np.int64)
    out: np.ndarray = years[v.codes["year"][docnums] + 1]
    return out


def series_size(searcher: Searcher, v: View, series: str) -> int:
    """How many records carry the series key (deleted ones included, as Whoosh counts)."""
    found = v.sizes.get(series)
    if found is None:
        found = v.sizes[series] = searcher.doc_frequency("series", series)
    return found


def record(searcher: Searcher, v: View, docnum: int) -> dict[str, Any]:
    """The stored `doc` record of `docnum`, a copy of the one kept for this version of the
    index (a record never changes within a segment, and unpickling it again for every
    search cost more than ranking). Only for `doc` records: pages carry their whole text."""
    found = v.records.get(docnum)
    if found is None:
        found = searcher.stored_fields(docnum)
        if len(v.records) >= MAX_RECORDS:
            v.records.clear()
        v.records[docnum] = found
    return dict(found)


def records_with(searcher: Searcher, v: View, name: str, value: str) -> np.ndarray:
    """The live record numbers whose field `name` is `value`, ascending: kept for this
    version of the index, since reading a term's postings from Whoosh costs more than a
    page's snippet and every search asks for the pages (and series) of each document it
    shows."""
    found = v.carrying.get((name, value))
    if found is None:
        found = np.fromiter(searcher.reader().postings(name, value).all_ids(), dtype=np.int64)
        if len(v.carrying) >= MAX_RECORDS:
            v.carrying.clear()
        v.carrying[(name, value)] = found
    return found


def path_records(searcher: Searcher, v: View, path: str) -> np.ndarray:
    """The live record numbers of `path`: its `doc` record and its pages."""
    return records_with(searcher, v, "path", path)


def path_records_of(searcher: Searcher, v: View, path: str, kind: str) -> np.ndarray:
    """The live records of `path` of one `kind` (its `doc` record, or its pages), ascending,
    as Whoosh's `documents(kind=..., path=...)` finds them: Whoosh intersects the path's
    postings with every record of the kind, which at 100,000 pages cost 20 ms a call, more
    than a whole search on the real corpus."""
    ids = path_records(searcher, v, path)
    try:
        code = v.values["kind"].index(kind)
    except ValueError:
        return ids[:0]
    found: np.ndarray = ids[v.codes["kind"][ids] == code]
    return found


def newest_year(searcher: Searcher, v: View, series: str) -> int:
    """The newest year among the live documents of a series (0 when none has a year)."""
    with v.lock:
        if series in v.newest:
            return v.newest[series]
    ids = records_with(searcher, v, "series", series)
    years = year_of(v, ids[v.live[ids]]) if len(ids) else np.zeros(0, np.int64)
    newest = int(years.max()) if len(years) else 0
    with v.lock:
        v.newest[series] = newest
    return newest


@dataclass(frozen=True)
class Ranked:
    matched: np.ndarray  # mask over all documents: matching and allowed
    top: list[tuple[float, int]]  # (score, docnum), best first

    @property
    def total(self) -> int:
        return int(self.matched.sum())


def _leaves(query: Query) -> tuple[list[Term | Phrase], float | None, float] | None:
    if type(query) is Or and all(type(q) in (Term, Phrase) for q in query.subqueries):
        return list(query.subqueries), query.scale, query.boost
    if type(query) in (Term, Phrase):
        return [query], None, 1.0
    return None


def rank(
    searcher: Searcher,
    query: Query,
    allowed: np.ndarray,
    limit: int,
    text_fields: frozenset[str] | tuple[str, ...],
    *,
    within: np.ndarray | None = None,
) -> Ranked | None:
    """The best `limit` documents among `allowed` for `query`, scored exactly as Whoosh would
    score them with the searcher's BM25F weighting, and the mask of every match; None when
    the query is not a flat OR of words and phrases in `text_fields`.

    `within` (ascending document numbers, all of `allowed`) makes a search among a few
    documents, e.g. the pages of one results page, cost as little as they are few."""
    shape = _leaves(query)
    weighting = searcher.weighting
    if shape is None or not isinstance(weighting, BM25F):
        return None
    leaves, scale, group_boost = shape
    if any(q.fieldname not in text_fields for q in leaves):
        return None
    v = view(searcher)
    n = v.doc_count
    scorer = _Scorer(searcher, v, weighting, within)
    # Every word's postings, in the query's order, summed per document in one pass each:
    # `np.bincount` adds a document's scores in the same order as adding word by word did,
    # so the sums are the same to the last bit (1.2-3x faster than three scattered updates
    # per word, for four slow questions at 100,000 pages).
    term_ids: list[np.ndarray] = []
    term_scores: list[np.ndarray] = []
    termcount = 0
    phrases: list[tuple[Phrase, list[list[tuple[int, Postings, np.ndarray]]]]] = []
    for q in leaves:
        if isinstance(q, Term):
            parts = scorer.term(q.fieldname, q.text, positions=False)
            if parts is None:
                continue
            termcount += 1
            for offset, p, scores in parts:
                term_ids.append(p.ids + offset)
                term_scores.append(scores * q.boost)
        else:
            found = [scorer.term(q.fieldname, w, positions=True) for w in q.words]
            words = [w for w in found if w is not None]
            if len(words) < len(found):
                continue  # Whoosh matches nothing for a phrase with an unknown word
            termcount += len(q.words)
            phrases.append((q, words))
    base, count = _summed(term_ids, term_scores, n)
    hit = (count > 0) & allowed
    # Every phrase: the documents that have all its words, and what it would add there.
    extra = np.zeros(n)
    extra_count = np.zeros(n, dtype=np.int64)
    candidates: list[tuple[Phrase, Any, np.ndarray, np.ndarray]] = []
    for q, words in phrases:
        docs, add = _phrase_candidates(words, n)
        keep = allowed[docs]
        docs, add = docs[keep], add[keep] * q.boost
        extra[docs] += add
        extra_count[docs] += len(q.words)
        candidates.append((q, words, docs, add))

    def coord(total: np.ndarray, matching: np.ndarray) -> np.ndarray:
        total = total * group_boost if group_boost != 1.0 else total
        if not scale or termcount == 0:
            return total
        if termcount == scale:
            return np.zeros_like(total)
        return (total + ((matching - 1) / (termcount - scale) ** 2)) * ((termcount - 1) / termcount)

    lower = coord(base, count)
    if candidates:
        matched_lower = lower[hit]
        if len(matched_lower) >= limit:
            threshold = np.partition(matched_lower, len(matched_lower) - limit)[-limit]
        else:
            threshold = -np.inf
        upper = coord(base + extra, count + extra_count)
        score_add = np.zeros(n)
        count_add = np.zeros(n, dtype=np.int64)
        for q, words, docs, add in candidates:
            check = (upper[docs] >= threshold) | ~hit[docs]
            matches = _phrase_matches(words, docs[check], q.slop)
            at = np.isin(docs, matches, assume_unique=True)
            score_add[docs[at]] += add[at]
            count_add[docs[at]] += len(q.words)
            hit[matches] = True
        scores = coord(base + score_add, count + count_add)
    else:
        scores = lower
    docnums = np.flatnonzero(hit)
    chosen = docnums[np.lexsort((docnums, -scores[docnums]))[:limit]]
    return Ranked(hit, [(float(scores[d]), int(d)) for d in chosen])


class _Scorer:
    def __init__(
        self, searcher: Searcher, v: View, weighting: BM25F, within: np.ndarray | None
    ) -> None:
        self.searcher, self.v, self.w, self.within = searcher, v, weighting, within

    def term(
        self, fieldname: str, text: str, *, positions: bool
    ) -> list[tuple[int, Postings, np.ndarray]] | None:
        """Per segment: (first docnum, postings, Whoosh's BM25F score of each posting)."""
        searcher = self.searcher
        btext = searcher.schema[fieldname].to_bytes(text)
        key = (fieldname, btext)
        stats = self.v.terms.get(key, _UNSEEN)
        if stats is _UNSEEN:
            stats = None
            if key in searcher.reader():
                stats = (searcher.idf(fieldname, btext), searcher.avg_field_length(fieldname) or 1)
            if len(self.v.terms) >= MAX_TERM_STATS:  # a crawler's random words
                self.v.terms.clear()
            self.v.terms[key] = stats
        if stats is None:
            return None
        idf, avgfl = stats
        b = self.w._field_B.get(fieldname, self.w.B)
        k1 = self.w.K1
        out = []
        for segid, leaf, offset in self.v.leaves:
            p = POSTINGS.get(segid, leaf, fieldname, btext, positions=positions)
            if p is None:
                continue
            if self.within is not None:
                local = self.within - offset
                p = p.only(local[(local >= 0) & (local < leaf.doc_count_all())])
            w, fl = p.weights.astype(np.float64), p.lengths.astype(np.float64)
            scores = idf * ((w * (k1 + 1)) / (w + k1 * ((1 - b) + b * fl / avgfl)))
            out.append((offset, p, scores))
        return out


def _phrase_candidates(
    words: list[list[tuple[int, Postings, np.ndarray]]], n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Documents holding every word of a phrase, and the sum of the words' scores there."""
    # A word's postings hold each document once (segments do not share documents), so the
    # count of a document's postings is the number of the phrase's words it holds.
    total, seen = _summed(
        [p.ids + offset for parts in words for offset, p, _ in parts],
        [scores for parts in words for _, _, scores in parts],
        n,
    )
    docs = np.flatnonzero(seen == len(words))
    return docs, total[docs]


def _summed(
    ids: list[np.ndarray], scores: list[np.ndarray], n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per document of `n`, the sum of its `scores` (added in the order given) and how many
    there were."""
    if not ids:
        return np.zeros(n), np.zeros(n, dtype=np.int64)
    every = np.concatenate(ids)
    total = np.bincount(every, weights=np.concatenate(scores), minlength=n)
    return total, np.bincount(every, minlength=n)


def _phrase_matches(
    words: list[list[tuple[int, Postings, np.ndarray]]], docs: np.ndarray, slop: int
) -> np.ndarray:
    """Which of `docs` (global, ascending) hold the words in order, each within `slop`
    positions after the one before (Whoosh's `SpanNear2`, ordered, mindist 1)."""
    if len(docs) == 0:
        return docs
    chain: np.ndarray | None = None
    for parts in words:
        keys = _position_keys(parts, docs)
        if chain is None:
            chain = keys
            continue
        ordered = chain if _ascending(chain) else np.sort(chain)
        chain = keys[_follows(ordered, keys, max(slop, 1))]
        if len(chain) == 0:
            break
    assert chain is not None
    return np.unique(chain >> _SHIFT)


def _ascending(values: np.ndarray) -> bool:
    return bool(np.all(values[:-1] <= values[1:]))


def _follows(ordered: np.ndarray, keys: np.ndarray, slop: int) -> np.ndarray:
    """Which of `keys` come 1 to `slop` positions after some key of `ordered` (ascending):
    one binary search each for the first key of `ordered` at `slop` before or later, where
    `np.isin` hashes both arrays (a third of a search's time at 100,000 pages) and a search
    per distance made `slop` of them. (A key less `slop` never reaches another document's
    keys: positions are far below 2**32.)"""
    if len(ordered) == 0:
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(ordered, keys - slop), len(ordered) - 1)
    before: np.ndarray = ordered[at]
    found: np.ndarray = (before >= keys - slop) & (before <= keys - 1)
    return found


def _position_keys(parts: list[tuple[int, Postings, np.ndarray]], docs: np.ndarray) -> np.ndarray:
    """(document << 32 | position) for every position of the word in `docs`."""
    out = []
    for offset, p, _ in parts:
        assert p.pos is not None
        ids = p.ids.astype(np.int64) + offset
        rows = np.searchsorted(ids, docs)
        inside = rows < len(ids)
        rows = rows[inside]
        rows = rows[ids[rows] == docs[inside]]
        if len(rows) == 0:
            continue
        assert p.starts is not None and p.ends is not None
        starts, ends = p.starts[rows], p.ends[rows]
        lengths = ends - starts
        index = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        index += np.arange(int(lengths.sum()))
        out.append((np.repeat(ids[rows], lengths) << _SHIFT) | p.pos[index])
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)
