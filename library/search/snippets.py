"""Snippets: the best passage of a page, as parts marked matched or not.

Parts, rather than markup, leave each edge to render them safely: the CLI prints plain text,
the web escapes every part and wraps matches in <mark>, so PDF text can never inject HTML.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from library.passages import MAX_SNIPPET_CHARS as MAX_CHARS
from library.passages import Snippet
from library.search.stopwords import stop_forms

# Words as the index's analyzer cuts them (schema.text_analyzer).
TOKEN = re.compile(r"\w+(?:\.?\w+)*", re.UNICODE)


@lru_cache(maxsize=100_000)
def index_form(word: str) -> str:
    """A word as the index stores it: lower case, stemmed, accents folded."""
    return str(stem(word.lower())).translate(accent_map)


def word_matches(text: str, terms: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, index form) of every word of `text` whose index form is in `terms`.

    Stemming every word of a long page for every hit was a tenth of a search's time. Where
    the page's letters are all ASCII, a regex finds (in C) only the words that begin as some
    term's words must (`_opening`), and only those are stemmed; a page with other letters,
    whose accents fold, has every word stemmed, as before. Both give the same matches.
    """
    if not terms:
        return []
    openings = _openings(frozenset(terms))
    lower = text.lower()
    if openings is None or len(lower) != len(text):
        return _every_word_matches(text, terms)
    if not text.isascii() and _OTHER_LETTER.search(text):
        return _every_word_matches(text, terms)
    found: list[tuple[int, int, str]] = []
    end = 0
    for candidate in openings.finditer(lower):
        start = candidate.start()
        if start < end or (start and _continues(lower, start)):
            continue  # inside a word already looked at, or not where a word begins
        word = TOKEN.match(text, start)
        if word is None:  # pragma: no cover - an opening is a word character
            continue
        end = word.end()
        key = index_form(word.group(0))
        if key in terms:
            found.append((start, end, key))
    return found


def _every_word_matches(text: str, terms: set[str]) -> list[tuple[int, int, str]]:
    # (Stemming only words whose first letter could begin a term was tried: slower, because
    # `index_form`'s cache is a C-level lookup and the extra test per word is not.)
    return [
        (m.start(), m.end(), key)
        for m in TOKEN.finditer(text)
        for key in [index_form(m.group(0))]
        if key in terms
    ]


# A letter (or digit) that is not ASCII: its word may fold to a term that begins otherwise.
_OTHER_LETTER = re.compile(r"[^\W\x00-\x7f]")
_WORD_CHAR = re.compile(r"\w")


def _continues(text: str, start: int) -> bool:
    """Whether `start` (> 0) is inside a word of `text`: after a word character, or after
    the dot of a word like "e.g"."""
    before = text[start - 1]
    if before == ".":
        return start >= 2 and _WORD_CHAR.match(text, start - 2) is not None
    return _WORD_CHAR.match(before) is not None


@lru_cache(maxsize=4096)
def _openings(terms: frozenset[str]) -> re.Pattern[str] | None:
    """A regex for the starts of (lower-case) words that may have an index form in `terms`;
    None when a term is not plain ASCII."""
    if not terms or not all(t.isascii() for t in terms):
        return None
    starts = sorted({_opening(t) for t in terms}, key=lambda s: (-len(s), s))
    # (No \b: the regex runs twice as fast without it, and `word_matches` checks the start.)
    return re.compile("|".join(map(re.escape, starts)))


def _opening(term: str) -> str:
    """What every word whose index form is `term` begins with.

    The Porter stemmer deletes endings, and where it rewrites one the stem ends in "e", "i"
    or "l", differing from the word in that letter ("happy" -> "happi", "relational" ->
    "relate" -> "relat", "possibility" -> "possibl"), or in "ble", two letters ("ability"
    -> "able"). Checked on 10.5 million words (every stem of the en_GB dictionary with 100
    English endings): every word begins with its stem's opening.
    """
    if term.endswith("ble"):
        return term[:-2]
    if term[-1] in "eil" and len(term) > 1:
        return term[:-1]
    return term


def best_passage(text: str, terms: Collection[str], limit: int = MAX_CHARS) -> Snippet:
    """The `limit`-character passage of `text` with the most of `terms` (index forms, as in
    `index_form`), matches marked; the opening of the text when none occurs.

    Whoosh's highlighter runs the full analyzer over the whole page for every hit; this
    looks each word up in a cache, which keeps a page of results fast on long pages.
    Words that only frame a question ("how", "do", "about") are not marked, unless the
    query has nothing else.
    """
    terms = (set(terms) - stop_forms()) or set(terms)
    matches = word_matches(text, terms)
    if not matches:
        return Snippet.plain(text, limit)
    best, best_score, j = 0, -1.0, 0
    for i, (start, _, _) in enumerate(matches):
        j = max(j, i)
        while j + 1 < len(matches) and matches[j + 1][1] - start <= limit:
            j += 1
        window = matches[i : j + 1]
        # Distinct words count most, then how often they occur.
        score = len({k for _, _, k in window}) * 10 + len(window)
        if score > best_score:
            best, best_score = i, score
    first = matches[best][0]
    last_end = max(e for s, e, _ in matches[best:] if e - first <= limit)
    slack = max(0, limit - (last_end - first))
    begin = max(0, first - min(slack // 2, 80))
    if begin:
        space = text.find(" ", begin, first)
        begin = space + 1 if space != -1 else begin
    end = min(len(text), begin + limit)
    if end < len(text):
        space = text.rfind(" ", last_end, end)
        end = space if space != -1 else max(end, last_end)
    parts: list[tuple[str, bool]] = [("… ", False)] if begin else []
    index = begin
    for start, stop, _ in matches:
        if start < begin or stop > end:
            continue
        if start > index:
            parts.append((text[index:start], False))
        parts.append((text[start:stop], True))
        index = stop
    parts.append((text[index:end], False))
    if end < len(text):
        parts.append((" …", False))
    return Snippet(tuple(p for p in parts if p[0]))


def mark_all(text: str, terms: Collection[str]) -> Snippet:
    """All of `text` with every word of `terms` (index forms) marked: the reading view's
    highlighting, by the same rules as `best_passage` (stop words unmarked unless the query
    has nothing else)."""
    terms = (set(terms) - stop_forms()) or set(terms)
    parts: list[tuple[str, bool]] = []
    index = 0
    for start, end, _ in word_matches(text, terms):
        if start > index:
            parts.append((text[index:start], False))
        parts.append((text[start:end], True))
        index = end
    if index < len(text):
        parts.append((text[index:], False))
    return Snippet(tuple(parts))
