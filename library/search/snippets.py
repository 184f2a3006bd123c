"""Snippets: the best passage of a page, as parts marked matched or not.

Parts, rather than markup, leave each edge to render them safely: the CLI prints plain text,
the web escapes every part and wraps matches in <mark>, so PDF text can never inject HTML.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape
from whoosh import highlight
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

MAX_CHARS = 240
# Words as the index's analyzer cuts them (schema.text_analyzer).
_TOKEN = re.compile(r"\w+(?:\.?\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Snippet:
    parts: tuple[tuple[str, bool], ...] = ()

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.parts)

    @property
    def html(self) -> Markup:
        return Markup("").join(
            Markup("<mark>%s</mark>") % t if hit else escape(t) for t, hit in self.parts
        )

    @classmethod
    def plain(cls, text: str, limit: int = MAX_CHARS) -> Snippet:
        if len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0] + " …"
        return cls(((text, False),)) if text else cls()


class _PartsFormatter(highlight.Formatter):  # type: ignore[misc]
    """Whoosh formatter that returns parts instead of a string."""

    between = " … "

    def format(
        self,
        fragments: list[Any],
        replace: bool = False,  # noqa: FBT001, FBT002 (Whoosh's signature)
    ) -> tuple[tuple[str, bool], ...]:
        parts: list[tuple[str, bool]] = []
        for i, fragment in enumerate(fragments):
            if i:
                parts.append((self.between, False))
            text, index = fragment.text, fragment.startchar
            if i == 0 and index > 0:
                parts.append(("… ", False))
            for token in sorted(fragment.matches, key=lambda t: (t.startchar, -t.endchar)):
                if token.startchar is None or token.startchar < index:
                    continue
                if token.startchar > index:
                    parts.append((text[index : token.startchar], False))
                parts.append((text[token.startchar : token.endchar], True))
                index = token.endchar
            parts.append((text[index : fragment.endchar], False))
            if i == len(fragments) - 1 and fragment.endchar < len(text):
                parts.append((" …", False))
        return tuple(parts)


def highlighter() -> highlight.Highlighter:
    """Fragments around the densest cluster of matches, about a sentence or two long."""
    return highlight.Highlighter(
        fragmenter=highlight.ContextFragmenter(maxchars=MAX_CHARS, surround=70),
        formatter=_PartsFormatter(),
        order=highlight.SCORE,
    )


@lru_cache(maxsize=100_000)
def index_form(word: str) -> str:
    """A word as the index stores it: lower case, stemmed, accents folded."""
    return str(stem(word.lower())).translate(accent_map)


def best_passage(text: str, terms: Collection[str], limit: int = MAX_CHARS) -> Snippet:
    """The `limit`-character passage of `text` with the most of `terms` (index forms, as in
    `index_form`), matches marked; the opening of the text when none occurs.

    Whoosh's highlighter runs the full analyzer over the whole page for every hit; this
    looks each word up in a cache, which keeps a page of results fast on long pages.
    """
    matches = [
        (m.start(), m.end(), key)
        for m in _TOKEN.finditer(text)
        for key in [index_form(m.group(0))]
        if key in terms
    ]
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
