"""A document's reading view: its text as the library extracted it, unit by unit (a PDF's
pages, a spreadsheet's sheets, a document's sections), as blocks of text with the searched
words marked on the units the search matched.

Text leaves as `Snippet` parts, never as markup: the web escapes every part and only the
marks become <mark>, so nothing a document says can become HTML.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from whoosh.searching import Searcher

from library.models import Document, Location, page_location
from library.passages import Block, Reading, ReadingUnit, Snippet
from library.schema import Record, stored_pages
from library.search import engine
from library.search.parsing import Synonyms
from library.search.snippets import mark_all

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A Markdown heading line ("## Fees"): the one structure plain text states about itself.
_MD_HEADING = re.compile(r"#{1,6}[ \t]+(\S.*)")
_NOT_ANCHOR = re.compile(r"[^a-z0-9-]+")


def reading(
    searcher: Searcher, doc: Document, query: str = "", *, synonyms: Synonyms | None = None
) -> Reading:
    """`doc`'s reading view, the words of a search for `query` marked where it matched.

    Every page of a PDF is a unit, those without text too (so `#page-4` is always page 4);
    other formats have the units their records name. Only `doc` records lead here, so a
    private file (which has no page records) never has one.
    """
    records = {int(r["page"]): r for r in stored_pages(searcher, doc.path)}
    matched, terms = engine.reading_matches(searcher, query, doc.path, synonyms=synonyms)
    numbers = range(1, doc.page_count + 1) if doc.file_format == "pdf" else sorted(records)
    locations = {n: _location(records.get(n, {}), n) for n in numbers}
    anchors = _anchors(locations)
    taken = set(anchors.values())
    units = []
    for n in numbers:
        alias = f"page-{n}"
        text = _without_heading(str(records.get(n, {}).get("text") or ""), locations[n].label)
        units.append(
            ReadingUnit(
                number=n,
                label=locations[n].label,
                anchor=anchors[n],
                blocks=_blocks(
                    text, terms if n in matched else (), markdown=doc.file_format == "md"
                ),
                matched=n in matched,
                alias="" if alias in taken else alias,
            )
        )
    return Reading(query=query.strip() if matched else "", units=tuple(units))


def _location(record: Record, number: int) -> Location:
    if record.get("label"):
        return Location(str(record["label"]), str(record.get("anchor") or ""))
    return page_location(number)


def _anchors(locations: Mapping[int, Location]) -> dict[int, str]:
    # Fragment ids must be unique on the page and safe in a URL, whatever a record holds.
    out: dict[int, str] = {}
    used: set[str] = set()
    for n, location in locations.items():
        anchor = _NOT_ANCHOR.sub("-", location.anchor.lower()).strip("-") or f"unit-{n}"
        if anchor in used:
            anchor = f"{anchor}-{n}"
        used.add(anchor)
        out[n] = anchor
    return out


def _without_heading(text: str, label: str) -> str:
    # A section's text opens with its heading, which the unit's own heading already shows
    # ("Section: Fees" over "Fees ..."): said once is enough for a screen reader.
    first, _, rest = text.lstrip().partition("\n")
    heading = first.strip()
    if heading and (label == heading or label.endswith(": " + heading)):
        return rest
    return text


def _blocks(text: str, terms: Collection[str], *, markdown: bool) -> tuple[Block, ...]:
    """Paragraphs at blank lines; a Markdown file's heading lines as headings."""
    blocks: list[Block] = []
    for paragraph in _BLANK_LINE.split(text.strip()):
        lines: list[str] = []
        for line in paragraph.strip().splitlines():
            heading = _MD_HEADING.fullmatch(line.strip()) if markdown else None
            if heading is None:
                lines.append(line)
                continue
            if lines:
                blocks.append(Block(_marked("\n".join(lines), terms)))
                lines = []
            blocks.append(Block(_marked(heading.group(1), terms), heading=True))
        if lines:
            blocks.append(Block(_marked("\n".join(lines), terms)))
    return tuple(blocks)


def _marked(text: str, terms: Collection[str]) -> Snippet:
    return mark_all(text, terms) if terms else Snippet(((text, False),))
