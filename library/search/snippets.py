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

    (Stemming only words whose first letter could begin a term was tried: slower, because
    `index_form`'s cache is a C-level lookup and the extra test per word is not.)"""
    return [
        (m.start(), m.end(), key)
        for m in TOKEN.finditer(text)
        for key in [index_form(m.group(0))]
        if key in terms
    ]


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
