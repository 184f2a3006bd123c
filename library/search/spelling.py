"""Spelling help: the misspelt words of a query and the index's own words nearest to them.

A word is misspelt only when the index does not know it *and* it is not an English word
(`wordlist`, British spellings): "skip hire" is two real words the library happens not to
use, and suggesting "slip hire" would only mislead. A correction is always a word the
documents use, written as they write it (the unstemmed `spell_body` vocabulary), so it
changes the results. Only public documents' words are in the index, so a correction can
never reveal a document the visitor may not see.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from library.schema import text_analyzer
from library.search import wordlist
from library.search.stopwords import is_stop_word

WORDS = re.compile(r"\w+", re.UNICODE)
# The analyzer of the `body` field, which holds the vocabulary corrections come from.
_ANALYZER = text_analyzer()
# Whoosh keeps the words of `body` unstemmed in this field, for spelling.
_SURFACE = "spell_body"
MIN_LENGTH = 4
# Segments whose words are kept grouped by first letter (`_by_initial`), most recent last.
_KEEP_SEGMENTS = 64
_BY_INITIAL: OrderedDict[tuple[str, str], dict[str, tuple[str, ...]]] = OrderedDict()
_BY_INITIAL_LOCK = threading.Lock()


def corrections(searcher: Searcher, text: str) -> dict[str, str]:
    """Misspelt words of `text` (lower case) → the nearest word of the index's vocabulary."""
    out: dict[str, str] = {}
    for word in WORDS.findall(text):
        lowered = word.lower()
        if len(word) < MIN_LENGTH or word.isdigit() or lowered in out or is_stop_word(word):
            continue
        stems = [t.text for t in _ANALYZER(word)]
        if not stems or wordlist.is_english(word):
            continue  # a real word, though perhaps one the library does not use
        if any(searcher.doc_frequency(f, s) for f in ("body", "title") for s in stems) and (
            searcher.doc_frequency(_SURFACE, lowered) or not wordlist.available()
        ):
            continue  # the documents use it as typed
        found = _nearest_word(searcher, lowered)
        if found and found != lowered:
            out[lowered] = found
    return out


def only_when_nothing_found() -> bool:
    """Without an English word list a correction cannot tell a typo from a real word, so it
    is offered only for a search that finds nothing."""
    return not wordlist.available()


def respell(text: str, corrections: dict[str, str]) -> str:
    """`text` with each corrected word replaced, everything else as it was typed."""
    return WORDS.sub(lambda m: corrections.get(m.group(0).lower(), m.group(0)), text)


def _nearest_word(searcher: Searcher, word: str) -> str | None:
    """The indexed word closest to `word` (edit distance 1, else 2), the most common first.

    Like Whoosh's corrector we assume the first letter is right, which makes the search much
    cheaper: only the index's words with that initial are compared (`words_within`).
    """
    leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
    fieldname = _SURFACE if _SURFACE in searcher.schema else "body"
    for maxdist in (1, 2):
        found: set[str] = set()
        for leaf in leaves:
            if fieldname in leaf.schema:
                found.update(words_within(leaf, fieldname, word, maxdist))
        found = {w for w in found if w.isalpha() or not word.isalpha()}
        if found:
            # Fewest edits first (a swap of two letters is one), then the most common.
            return min(sorted(found), key=lambda w: (_edits(word, w), -_frequency(searcher, w)))
    return None


def words_within(leaf: IndexReader, fieldname: str, word: str, maxdist: int) -> set[str]:
    """The words of one segment's `fieldname` that begin with `word`'s first letter and are
    within `maxdist` insertions, deletions or replacements of it after that letter: what
    Whoosh's `terms_within(fieldname, word, maxdist, prefix=1)` returns.

    Whoosh builds a Levenshtein automaton in Python for every word asked, 25-190 ms a word
    on the real corpus (the slowest part of a search with a typo); comparing the few hundred
    words with the same initial and a near length, with a banded edit distance that stops
    early, takes 1-12 ms and finds the same words."""
    initial, rest = word[:1], word[1:]
    return {
        w
        for w in _by_initial(leaf, fieldname).get(initial, ())
        if abs(len(w) - len(word)) <= maxdist and _within(rest, w[1:], maxdist)
    }


def _by_initial(leaf: IndexReader, fieldname: str) -> dict[str, tuple[str, ...]]:
    """A segment's words of `fieldname` by first letter, made once per segment (a segment's
    words never change: a commit adds segments, a merge replaces them)."""
    segment = leaf.segment()
    key = (segment.segment_id() if segment is not None else "", fieldname)
    with _BY_INITIAL_LOCK:
        found = _BY_INITIAL.get(key) if segment is not None else None
        if found is not None:
            _BY_INITIAL.move_to_end(key)
            return found
    grouped: dict[str, list[str]] = {}
    for term in leaf.lexicon(fieldname):
        text = term.decode("utf-8")
        grouped.setdefault(text[:1], []).append(text)
    found = {initial: tuple(words) for initial, words in grouped.items()}
    if segment is not None:
        with _BY_INITIAL_LOCK:
            _BY_INITIAL[key] = found
            while len(_BY_INITIAL) > _KEEP_SEGMENTS:
                _BY_INITIAL.popitem(last=False)
    return found


def _within(a: str, b: str, k: int) -> bool:
    """Whether `a` becomes `b` in at most `k` insertions, deletions or replacements (the
    Levenshtein distance; only the band of cells within `k` of the diagonal can be)."""
    la, lb = len(a), len(b)
    if abs(la - lb) > k:
        return False
    over = k + 1  # any cell outside the band: more than k edits
    previous = [j if j <= k else over for j in range(lb + 1)]
    for i in range(1, la + 1):
        current = [over] * (lb + 1)
        current[0] = i if i <= k else over
        ca = a[i - 1]
        for j in range(max(1, i - k), min(lb, i + k) + 1):
            cost = previous[j - 1] + (ca != b[j - 1])
            cost = min(cost, previous[j] + 1, current[j - 1] + 1)
            current[j] = cost
        if min(current) > k:
            return False
        previous = current
    return previous[lb] <= k


def _frequency(searcher: Searcher, word: str) -> int:
    return sum(searcher.doc_frequency("body", t.text) for t in _ANALYZER(word))


def _edits(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbouring letters as one edit."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]
