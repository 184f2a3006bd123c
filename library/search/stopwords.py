"""The words of a question that say nothing about what it asks ("how do I", "about", "my").

The index keeps most of them (Whoosh's stop list is short, and "who", "how" and "do" stay
searchable in titles and phrases), but deciding whether a page answers a question, and
which words to mark in a snippet, must look past them.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import STOP_WORDS as _WHOOSH_STOP_WORDS
from whoosh.lang.porter import stem

# A string, not a list literal, so the list stays readable (one per line would be 140 lines).
_WORDS = """
a about after again all also am an and any are as at be been being but by can could
did do does doing done for from get gets getting got had has have having he her here
his how i if in into is it its just me more most much my no not of on or our out over
please so some than that the their them then there these they this those to too up us
very was way we were what when where which while who whom whose why will with would
yet you your want need find know tell many see take put go goes going went gone ask
say use used like happen happens anything something someone anyone every each other else
ever only still include includes including detail details regarding concerning thank thanks
"""
QUESTION_WORDS = frozenset(_WORDS.split()) | frozenset(_WHOOSH_STOP_WORDS)


def is_stop_word(word: str) -> bool:
    """`word` (as typed) only frames a question: it is never a content word."""
    return word.lower() in QUESTION_WORDS


@lru_cache(maxsize=1)
def stop_forms() -> frozenset[str]:
    """The stop words as the index stores them (lower case, stemmed)."""
    return frozenset(str(stem(w)) for w in QUESTION_WORDS)
