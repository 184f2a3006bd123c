"""The passages a search shows: a `Snippet` (its parts marked matched or not, so each edge
renders it safely) and the `PageMatch` of one page of a document."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

# The longest passage shown for one hit.
MAX_SNIPPET_CHARS = 240


@dataclass(frozen=True)
class Snippet:
    """A passage as parts marked matched or not, so each edge renders it safely: the CLI as
    plain text, the web escaping every part and wrapping matches in <mark>."""

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
    def plain(cls, text: str, limit: int = MAX_SNIPPET_CHARS) -> Snippet:
        if len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0] + " …"
        return cls(((text, False),)) if text else cls()


@dataclass(frozen=True)
class PageMatch:
    """A page of a document that matched a search, with its best passage."""

    page: int
    snippet: Snippet


@dataclass(frozen=True)
class Block:
    """A paragraph of a unit's text (or a heading the text has), its searched words marked."""

    text: Snippet
    heading: bool = False


@dataclass(frozen=True)
class ReadingUnit:
    """One unit of a document in its reading view: a PDF's page ("Page 4", anchor `page-4`),
    a sheet or a section, with its text as blocks and whether the search matched it.
    `alias` is a second fragment id (`page-4`) when the anchor is another (`sheet-q3`), so a
    link by unit number lands on it whatever the format."""

    number: int
    label: str
    anchor: str
    blocks: tuple[Block, ...] = ()
    matched: bool = False
    alias: str = ""


@dataclass(frozen=True)
class Reading:
    """A document's text as the library extracted it, unit by unit, for reading as a page of
    the site; `query` is the search that led there ("" for none)."""

    query: str
    units: tuple[ReadingUnit, ...] = ()

    @property
    def matched(self) -> tuple[ReadingUnit, ...]:
        return tuple(u for u in self.units if u.matched)
