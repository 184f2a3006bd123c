"""Spelling help: the unknown words of a query and the index's own words nearest to them.

Only public documents' words are in the index, so a correction can never reveal a document
the visitor may not see.
"""

from __future__ import annotations

import re

from whoosh.searching import Searcher

from library.schema import text_analyzer

WORDS = re.compile(r"\w+", re.UNICODE)
# The analyzer of the `body` field, which holds the vocabulary corrections come from.
_ANALYZER = text_analyzer()


def corrections(searcher: Searcher, text: str) -> dict[str, str]:
    """Unknown words of `text` (lower case) → the nearest word of the index's vocabulary."""
    out: dict[str, str] = {}
    for word in WORDS.findall(text):
        lowered = word.lower()
        if len(word) < 4 or word.isdigit() or lowered in out:
            continue
        stems = [t.text for t in _ANALYZER(word)]
        if not stems or any(searcher.doc_frequency(f, s) for f in ("body", "title") for s in stems):
            continue
        found = _nearest_word(searcher, lowered)
        if found and found != lowered:
            out[lowered] = found
    return out


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
    for maxdist in (1, 2):
        found: set[str] = set()
        for leaf in leaves:
            found.update(leaf.terms_within("body", word, maxdist, prefix=1))
        if found:
            return max(sorted(found), key=lambda w: _frequency(searcher, w))
    return None


def _frequency(searcher: Searcher, word: str) -> int:
    return sum(searcher.doc_frequency("body", t.text) for t in _ANALYZER(word))
