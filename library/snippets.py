"""Snippets: the best passage of a page, as parts marked matched or not.

Parts, rather than markup, leave each edge to render them safely: the CLI prints plain text,
the web escapes every part and wraps matches in <mark>, so PDF text can never inject HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape
from whoosh import highlight

MAX_CHARS = 240


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
