"""Strong and weak matches: whether a result answers the question, or only shares some words.

A question asks for its content words (the words left when the words that only frame a
question are gone: `stopwords`), each with its synonyms and spelling correction as
alternatives. A document is a *strong* match when one of its pages, read with the
document's title, summary and keywords, holds most of what the question asks: the share of
its content words found there, each weighted by how rare it is among the pages
(`STRONG_SHARE`, calibrated on bench/relevance's tuning half). A word no page holds weighs
most of all, so a question about something the library never mentions is not answered by
documents that share its common words. The words must also stand together on that page:
most of them within a couple of sentences (`WINDOW_SHARE` within `WINDOW_WORDS`,
`nearness`), so that a long page holding each in a different paragraph does not answer.

Meaning is evidence too, when semantic retrieval is on: the one document it singles out (the
closest to the question by a clear margin, `singled_out`) is strong with a smaller share
(`CLOSE_SHARE`), since a question in lay words shares fewer of its words with the page that
answers it. Meaning never makes a match strong alone, and without the model the words alone
decide. Everything else is *weak*.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np
from whoosh.searching import Searcher

from library.schema import KIND_DOC, KIND_PAGE, Record, text_analyzer
from library.search import nearness, ranking, term_positions
from library.search.nearness import Group
from library.search.parsing import Synonyms
from library.search.request import FACET_FIELDS, SearchRequest
from library.search.stopwords import is_stop_word

# The share of the question's weight one page must hold for a strong match.
STRONG_SHARE = 0.8
# Meaning as evidence: the document closest to the question in meaning (its best passage at
# least `CLOSE_COSINE`, and `CLOSE_MARGIN` closer than any other) needs only `CLOSE_SHARE`.
CLOSE_SHARE = 0.4
CLOSE_COSINE = 0.5
CLOSE_MARGIN = 0.05
# Proximity: the page's words must also stand together, `WINDOW_SHARE` of the question
# within `WINDOW_WORDS` consecutive indexed words (stop words are not counted, so about two
# sentences of running text), so that a long page holding each word in a different
# paragraph does not answer. Chosen on the tuning half: after this round's synonyms,
# answered@3 0.789 -> 0.772 and honest-rate 0.815 -> 0.852 (windows of 30 to 240 words and
# shares 0.5 to 0.8 were tried; bench/README.md, "Proximity and meaning").
WINDOW_WORDS = 15
WINDOW_SHARE = 0.6
# Two words typed side by side ("fly tipping") also ask to stand together (within
# `PAIR_SLOP` words, in order): the pair weighs this much of its rarer word.
PAIR_WEIGHT = 0.5
PAIR_SLOP = 2
# Plain words as typed: no `-excluded`, no `field:` filters, no operators.
_WORD = re.compile(r"(?<![\w-])(?:\w+:)?([\w'\u2019&]+(?:[.\-/][\w'\u2019&]+)*)", re.UNICODE)
_OPERATORS = frozenset(("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"))
_FILTERS = ("class:", "pub_class:", "year:")
_ANALYZER = text_analyzer()


@dataclass(frozen=True)
class Asked:
    """What a question asks, as groups of alternatives with a weight each."""

    groups: tuple[Group, ...] = ()
    weights: tuple[float, ...] = ()
    # Neighbouring typed words (one stem each) and the weight of finding them together.
    pairs: tuple[tuple[str, str, float], ...] = ()

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(s for g in self.groups for alt in g for s in alt)


@lru_cache(maxsize=16_384)
def _stems(text: str) -> tuple[str, ...]:
    # Kept: each shown document's description is analysed again for every search.
    return tuple(t.text for t in _ANALYZER(text))


def content_words(text: str) -> list[str]:
    """The words of `text` that say what it asks, as typed."""
    return [w for w, _ in _content(text)]


def _content(text: str) -> list[tuple[str, int]]:
    """Content words with their place among all the words typed."""
    found: list[tuple[str, int]] = []
    for n, match in enumerate(_WORD.finditer(text)):
        whole, word = match.group(0), match.group(1)
        if whole.startswith(_FILTERS) or word in _OPERATORS or is_stop_word(word):
            continue
        if _stems(word):
            found.append((word, n))
    return found


def _pairs(typed: list[tuple[str, int]], weight: dict[str, float]) -> list[tuple[str, str, float]]:
    out: list[tuple[str, str, float]] = []
    for (a, i), (b, j) in pairwise(typed):
        sa, sb = _stems(a), _stems(b)
        if j == i + 1 and len(sa) == len(sb) == 1 and sa != sb and sa[0] in weight:
            out.append((sa[0], sb[0], PAIR_WEIGHT * min(weight[sa[0]], weight.get(sb[0], 0.0))))
    return [p for p in out if p[2] > 0]


def asked(
    searcher: Searcher, text: str, synonyms: Synonyms, corrections: dict[str, str] | None = None
) -> Asked:
    """The groups a search for `text` asks for, weighted by rarity among pages."""
    typed = _content(text)
    words = [w for w, _ in typed]
    corrections = corrections or {}
    groups: list[Group] = []
    pos = 0
    spans = synonyms.alternatives(words)
    for start, end, others in [*spans, (len(words), len(words), ())]:
        for word in words[pos:start]:
            fix = corrections.get(word.lower())
            alts = [_stems(word), *([_stems(fix)] if fix else [])]
            groups.append(tuple(a for a in dict.fromkeys(alts) if a))
        if start < end:
            alts = [_stems(" ".join(words[start:end])), *(_stems(o) for o in others)]
            groups.append(tuple(a for a in dict.fromkeys(alts) if a))
        pos = end
    groups = [g for g in dict.fromkeys(groups) if g]
    pages = max(1, int(ranking.equals(ranking.view(searcher), "kind", KIND_PAGE).sum()))
    weights = [_weight(searcher, g, pages) for g in groups]
    single = {g[0][0]: w for g, w in zip(groups, weights, strict=True) if len(g[0]) == 1}
    return Asked(tuple(groups), tuple(weights), tuple(_pairs(typed, single)))


def _weight(searcher: Searcher, group: Group, pages: int) -> float:
    # The rarest word of the typed form decides; a word no page holds counts as rarer still.
    df = min(searcher.doc_frequency("text", s) for s in group[0])
    if any(a != group[0] for a in group):
        df = max(df, max(min(searcher.doc_frequency("text", s) for s in a) for a in group[1:]))
    return math.log(1 + pages / (df + 0.5))


def shares(
    searcher: Searcher,
    question: Asked,
    docs: list[Record],
    *,
    least: float = 0.0,
    upto: float = 1.0,
    holders: dict[str, np.ndarray] | None = None,
) -> dict[str, float]:
    """Per path of `docs` (stored `doc` records), the share of `question`'s weight that its
    best page holds with the description, from 0 to 1. The neighbouring pairs are looked at
    only when they can decide, that is bring a share from below `upto` to `least` or more:
    a share is exact between the two. `holders`: as `_holders` gives (worked out if None)."""
    if not question.groups or not docs:
        return {}
    pair_total = sum(w for _, _, w in question.pairs)
    total = sum(question.weights) + pair_total
    view = ranking.view(searcher)
    holders = holders if holders is not None else _holders(searcher, question)
    paths = [d["path"] for d in docs]
    pages_of = {path: ranking.path_records(searcher, view, path) for path in paths}
    described = {d["path"]: _stems(_description(d)) for d in docs}
    best = _best_weights(question, [pages_of[p] for p in paths], holders, described, paths)
    # As shares of the total throughout, so that `upto` and the caller's threshold agree.
    out = {path: float(w) / total for path, w in zip(paths, best, strict=True)}
    undecided = [p for p in paths if least - pair_total / total <= out[p] < upto]
    if question.pairs and undecided:
        mine = [pages_of[p] for p in undecided]
        every = np.unique(np.concatenate([np.zeros(0, dtype=np.int64), *mine]))
        wanted = {s for a, b, _ in question.pairs for s in (a, b)}
        places = {s: term_positions.positions_in(searcher, "text", s, every) for s in wanted}
        for path in undecided:
            out[path] += _pair_share(question, pages_of[path], places, described[path]) / total
    return out


def _best_weights(
    question: Asked,
    pages: list[np.ndarray],
    holders: dict[str, np.ndarray],
    described: Mapping[str, tuple[str, ...]],
    paths: list[str],
) -> np.ndarray:
    """Per document, the largest of `page_weights` over its pages."""
    weights, starts = _row_weights(question, pages, holders, [described[p] for p in paths])
    return np.maximum.reduceat(weights, starts)


def _row_weights(
    question: Asked,
    pages: list[np.ndarray],
    holders: dict[str, np.ndarray],
    described: list[Collection[str]],
) -> tuple[np.ndarray, np.ndarray]:
    """The weight of `question` each page of each document holds with its document's
    description (one row a page, every document in turn, and a stand-in row of the
    description alone for a document without pages), and the row each document starts at.
    All documents at once: each group costs a few array operations, not a loop a document."""
    sizes = np.array([max(len(p), 1) for p in pages])
    flat = np.concatenate([p if len(p) else np.array([-1], dtype=np.int64) for p in pages])
    owner = np.repeat(np.arange(len(pages)), sizes)
    real = flat >= 0
    rows = np.where(real, flat, 0)
    present: dict[str, np.ndarray] = {}
    for stem in question.stems:
        titled = np.fromiter((stem in d for d in described), dtype=bool, count=len(described))
        present[stem] = (holders[stem][rows] & real) | titled[owner]
    weights = np.zeros(len(flat))
    for group, weight in zip(question.groups, question.weights, strict=True):
        found = np.zeros(len(flat), dtype=bool)
        for alt in group:
            found |= np.logical_and.reduce([present[s] for s in alt])
        weights += weight * found
    return weights, np.concatenate([[0], np.cumsum(sizes)[:-1]])


def _holders(searcher: Searcher, question: Asked) -> dict[str, np.ndarray]:
    """Per stem of `question`, a mask over every record of the index, so that each page is
    a lookup, not a search."""
    view = ranking.view(searcher)
    holders: dict[str, np.ndarray] = {}
    for stem in question.stems:
        holders[stem] = np.zeros(view.doc_count, dtype=bool)
        holders[stem][term_positions.docs_with(searcher, "text", stem)] = True
    return holders


def window_shares(
    searcher: Searcher,
    question: Asked,
    docs: list[Record],
    *,
    width: int = WINDOW_WORDS,
    least: float = 0.0,
    holders: dict[str, np.ndarray] | None = None,
) -> dict[str, float]:
    """Per path of `docs`, the share of `question`'s words (the pairs left out) that `width`
    consecutive words of one page hold with the description (`nearness`). Only the pages
    whose whole share is `least` or more are read; a document with none counts 0."""
    if not question.groups or not docs:
        return {}
    total = sum(question.weights)
    view = ranking.view(searcher)
    holders = holders if holders is not None else _holders(searcher, question)
    read: dict[str, np.ndarray] = {}
    described: dict[str, set[str]] = {}
    out: dict[str, float] = {}
    for doc in docs:
        path = doc["path"]
        pages = ranking.path_records(searcher, view, path)
        described[path] = set(_stems(_description(doc)))
        weights = page_weights(question, pages, holders, described[path])
        if len(pages):
            read[path] = pages[weights / total >= least]
        out[path] = 0.0 if len(pages) else float(weights[0]) / total
    found = nearness.window_weights(
        searcher, question.groups, question.weights, read, described, width=width
    )
    out.update({path: w / total for path, w in found.items()})
    return out


def singled_out(docs: list[Record], closeness: Mapping[str, float]) -> str | None:
    """The path of the document of `docs` that meaning singles out, if any: the closest to
    the question (`closeness`: best passage cosine by path), at least `CLOSE_COSINE`, and
    closer than every other by `CLOSE_MARGIN`."""
    near = sorted((closeness[d["path"]], str(d["path"])) for d in docs if d["path"] in closeness)
    if not near or near[-1][0] < CLOSE_COSINE:
        return None
    if len(near) > 1 and near[-1][0] - near[-2][0] < CLOSE_MARGIN:
        return None
    return near[-1][1]


def strong_paths(
    searcher: Searcher,
    question: Asked,
    docs: list[Record],
    closeness: Mapping[str, float] | None = None,
) -> set[str]:
    """The paths of `docs` (stored `doc` records) that answer `question`: those holding
    `STRONG_SHARE` of it on one page and `WINDOW_SHARE` within `WINDOW_WORDS` words of it,
    and the one meaning singles out if it holds `CLOSE_SHARE`.

    Args:
        closeness: the best passage cosine of each document semantic retrieval found (empty
            or None without the model: the words alone decide).
    """
    if not question.groups or not docs:
        return set()
    close = singled_out(docs, closeness or {})
    holders = _holders(searcher, question)
    least = CLOSE_SHARE if close else STRONG_SHARE
    held = shares(searcher, question, docs, least=least, upto=STRONG_SHARE, holders=holders)
    most = [d for d in docs if held.get(d["path"], 0.0) >= STRONG_SHARE]
    near = window_shares(searcher, question, most, least=WINDOW_SHARE, holders=holders)
    strong = {path for path, h in near.items() if h >= WINDOW_SHARE}
    if close is not None and held.get(close, 0.0) >= CLOSE_SHARE:
        strong.add(close)
    return strong


def _pair_share(
    question: Asked,
    pages: np.ndarray,
    places: dict[str, dict[int, np.ndarray]],
    described: tuple[str, ...],
) -> float:
    # Simplification: the best page for the pairs need not be the best page for the words.
    titled = set(pairwise(described))
    mine = set(map(int, pages))
    got: dict[int, float] = {-1: 0.0}
    for a, b, weight in question.pairs:
        if (a, b) in titled:
            for page in got.keys() | mine:
                got[page] = got.get(page, 0.0) + weight
            continue
        for page in places[a].keys() & places[b].keys() & mine:
            if _near(places[a][page], places[b][page]):
                got[page] = got.get(page, 0.0) + weight
    return max(got.values())


def _near(a: np.ndarray, b: np.ndarray) -> bool:
    gaps = b[None, :] - a[:, None]
    return bool(((gaps >= 1) & (gaps <= PAIR_SLOP + 1)).any())


_DESCRIBED = ("title", "summary", "keywords")


def _description(doc: Record) -> str:
    """What describes a document besides its pages: title, summary, keywords."""
    # (The file name's words were tried too: answered@3 +0.02 but honest-rate -0.06 on the
    # tuning half, as "meeting-dates-2022" answered "meeting dates 2024".)
    return " ".join(str(doc.get(k) or "") for k in _DESCRIBED)


def page_weights(
    question: Asked, pages: np.ndarray, holders: dict[str, np.ndarray], described: set[str]
) -> np.ndarray:
    """The weight of `question` each of `pages` holds with the description (one value, the
    description's alone, for a document without pages)."""
    return _row_weights(question, [pages], holders, [described])[0]


def strong_first(
    ranked: list[tuple[float, Record]], strong: set[str], pinned: list[Record]
) -> list[tuple[float, Record]]:
    """`ranked` with the pinned documents first, then the strong matches, then the weak ones,
    each in the order it had (a pinned document is not listed twice)."""
    top = max((score for score, _ in ranked), default=1.0)
    pins = {d["path"] for d in pinned}
    rest = [sf for sf in ranked if sf[1]["path"] not in pins]
    return (
        [(top, d) for d in pinned]
        + [sf for sf in rest if sf[1]["path"] in strong]
        + [sf for sf in rest if sf[1]["path"] not in strong]
    )


def pinned(
    searcher: Searcher,
    paths: tuple[str, ...],
    request: SearchRequest,
) -> list[Record]:
    """The stored records of the pinned public documents that the search's filters allow."""
    found: list[Record] = []
    for path in paths:
        fields = searcher.document(kind=KIND_DOC, path=path)
        if fields and all(
            not request.chosen(name) or fields.get(name) in request.chosen(name)
            for name in FACET_FIELDS
        ):
            found.append(fields)
    return found


def order(
    searcher: Searcher,
    question: Asked,
    results: list[tuple[float, Record]],
    pinned_docs: list[Record],
    matched: np.ndarray,
    *,
    reorder: bool,
    closeness: Mapping[str, float] | None = None,
) -> tuple[list[tuple[float, Record]], set[str], set[str], int]:
    """Pinned documents first, then the strong matches, then the weak ones; returns the new
    order, the strong and the curated paths, and how many pinned documents the query did
    not match itself (they add to the total). `closeness`: as for `strong_paths`."""
    docs = [f for _, f in results]
    strong = strong_paths(searcher, question, docs, closeness) if question.groups else set()
    if reorder:
        results = strong_first(results, strong, pinned_docs)
    curated = {d["path"] for d in pinned_docs}
    extra = sum(
        1
        for d in pinned_docs
        if not matched[searcher.document_number(kind=KIND_DOC, path=d["path"])]
    )
    return results, strong, curated, extra
