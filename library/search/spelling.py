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

    Whoosh walks its word graph quickly in one segment but compares every word of the
    vocabulary across several, so each segment is asked on its own. Like Whoosh's corrector
    we assume the first letter is right, which makes the walk much cheaper.
    """
    leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
    fieldname = _SURFACE if _SURFACE in searcher.schema else "body"
    for maxdist in (1, 2):
        found: set[str] = set()
        for leaf in leaves:
            if fieldname in leaf.schema:
                found.update(leaf.terms_within(fieldname, word, maxdist, prefix=1))
        found = {w for w in found if w.isalpha() or not word.isalpha()}
        if found:
            # Fewest edits first (a swap of two letters is one), then the most common.
            return min(sorted(found), key=lambda w: (_edits(word, w), -_frequency(searcher, w)))
    return None


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
