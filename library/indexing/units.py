"""What every format beyond PDF shares: its text cut into the units a person would cite
(a sheet, a block of rows, a section), each with a `Location`, and described by the same
rules as a PDF (`describe`), from the file's own metadata and a layout made from its
headings.

A format's reader gives `Block`s (a heading or a paragraph, in reading order) or rows; this
module turns them into an `ExtractedPdf` whose "pages" are the units, so ranking, snippets
and hits treat a section or a sheet exactly as they treat a page.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from library.errors import ExtractionError
from library.indexing.describe import describe
from library.indexing.extract import has_text, normalise_text
from library.indexing.page_lines import Line
from library.indexing.title_fallbacks import usable_pdf_title
from library.models import Description, ExtractedPdf, Location, Table

# The rows of a long sheet or a CSV are cut at multiples of this (rows 2-500, 501-1000...):
# about what a printed page of a spreadsheet holds, and round numbers to cite.
ROWS_PER_UNIT = 500
# A document without headings is cut into parts of about this many characters: a printed
# page holds about 500 words.
PART_CHARS = 3000
# How many opening blocks are laid out as a "first page" for the title reader.
_LAYOUT_BLOCKS = 40
# Heading level → the font size a title reader would see (0 is a document's Title style).
_SIZES = {0: 26.0, 1: 20.0, 2: 16.0, 3: 14.0}
_BODY_SIZE = 11.0
_DATASET_OPENING = 5000
_NOT_ANCHOR = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Block:
    """A heading (`level` 1-6; 0 for a Title style) or a paragraph (`level` None)."""

    text: str
    level: int | None = None


@dataclass(frozen=True)
class FileMeta:
    """What a file's own metadata says: title and creation date (raw), None when unsaid."""

    title: str | None = None
    created: dt.datetime | None = None
    modified: dt.datetime | None = None


def slug(text: str, fallback: str = "part") -> str:
    """`Q3 2025 (final)` → `q3-2025-final`: a fragment id of `[a-z0-9-]` only."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_ANCHOR.sub("-", folded.lower()).strip("-")[:60].strip("-") or fallback


def unique_anchors(anchors: Iterable[str]) -> list[str]:
    """The anchors with `-2`, `-3`... added to repeats, so each is unique in its document."""
    seen: set[str] = set()
    out: list[str] = []
    for anchor in anchors:
        candidate, n = anchor, 1
        while candidate in seen:
            n += 1
            candidate = f"{anchor}-{n}"
        seen.add(candidate)
        out.append(candidate)
    return out


def row_spans(first: int, last: int) -> list[tuple[int, int]]:
    """Sheet row numbers `first`..`last` cut at multiples of `ROWS_PER_UNIT`:
    (2, 1200) → [(2, 500), (501, 1000), (1001, 1200)]."""
    spans: list[tuple[int, int]] = []
    start = first
    while start <= last:
        end = min(last, span_end(start))
        spans.append((start, end))
        start = end + 1
    return spans


def span_end(row: int) -> int:
    """The last row of the unit that sheet row `row` falls in (500, 1000, ...)."""
    return ((row - 1) // ROWS_PER_UNIT + 1) * ROWS_PER_UNIT


def pdf_date(value: dt.datetime | None) -> str:
    """A date as a PDF's information dictionary writes it, which `describe` reads."""
    return value.strftime("D:%Y%m%d%H%M%S") if value else ""


def sections(blocks: Sequence[Block], intro: str = "Introduction") -> list[tuple[str, list[str]]]:
    """Blocks cut at each top-level heading (the highest level the document uses below its
    title): [(heading or `intro`, its lines)]. Text before the first heading is `intro`."""
    levels = [b.level for b in blocks if b.level]
    top = min(levels) if levels else None
    if top is not None and levels.count(top) == 1 and len(set(levels)) > 1:
        top = min(level for level in levels if level != top)  # one h1: the page's title
    parts: list[tuple[str, list[str]]] = []
    for block in blocks:
        if top is not None and block.level == top:
            parts.append((block.text, [block.text]))
        elif parts:
            parts[-1][1].append(block.text)
        else:
            parts.append((intro, [block.text]))
    return [(name, lines) for name, lines in parts if any(line.strip() for line in lines)]


def layout_lines(blocks: Sequence[Block]) -> list[Line]:
    """The opening blocks as the title reader sees a PDF's first page: headings large and
    bold, one line each, top to bottom."""
    opening = [b for b in blocks if b.text.strip()][:_LAYOUT_BLOCKS]
    return [
        Line(
            text=normalise_text(b.text)[:300],
            size=_SIZES.get(b.level, 13.0) if b.level is not None else _BODY_SIZE,
            bold=b.level is not None,
            top=0.05 + 0.9 * i / _LAYOUT_BLOCKS,
            page=1,
        )
        for i, b in enumerate(opening)
    ]


def from_sections(
    fmt: str,
    blocks: Sequence[Block],
    meta: FileMeta,
    stem: str,
    *,
    intro: str = "Introduction",
) -> ExtractedPdf:
    """A document cut into sections at its top-level headings ("Section: Fees")."""
    parts = sections(blocks, intro)
    labels = [name if name == intro else f"Section: {normalise_text(name)}" for name, _ in parts]
    anchors = unique_anchors(
        "introduction" if name == intro else f"section-{slug(name)}" for name, _ in parts
    )
    texts = ["\n".join(lines) for _, lines in parts]
    heading = next((b.text for b in blocks if b.level is not None and b.text.strip()), None)
    return build(
        fmt,
        texts,
        [Location(label, anchor) for label, anchor in zip(labels, anchors, strict=True)],
        meta,
        stem,
        lines=layout_lines(blocks),
        heading=heading,
    )


def from_parts(fmt: str, blocks: Sequence[Block], meta: FileMeta, stem: str) -> ExtractedPdf:
    """A document without headings, cut between paragraphs into parts of about a page
    ("Part 2"): what a person can cite from plain text."""
    parts: list[list[str]] = [[]]
    size = 0
    for block in blocks:
        if size >= PART_CHARS and parts[-1]:
            parts.append([])
            size = 0
        parts[-1].append(block.text)
        size += len(block.text)
    heading = next((b.text for b in blocks if b.level is not None and b.text.strip()), None)
    return build(
        fmt,
        ["\n".join(lines) for lines in parts],
        [Location(f"Part {n}", f"part-{n}") for n in range(1, len(parts) + 1)],
        meta,
        stem,
        lines=layout_lines(blocks),
        heading=heading,
    )


def build(
    fmt: str,
    raw_units: Sequence[str],
    locations: Sequence[Location],
    meta: FileMeta,
    stem: str,
    *,
    lines: Sequence[Line] = (),
    heading: str | None = None,
    tables: Sequence[Table] = (),
) -> ExtractedPdf:
    """The extraction of a non-PDF file: units normalised line by line (rows and paragraphs
    stay on lines of their own), described by the PDF rules.

    Raises:
        ExtractionError: `empty` when no unit holds two different words and it is no dataset.
    """
    # A dataset's rows were normalised as they were read (`row_line`), millions of them.
    units = tuple(raw_units) if tables else tuple(_normalise_lines(u) for u in raw_units)
    if not tables and not has_text(units):
        raise ExtractionError("empty", "the file holds no text to index")
    info = {"Title": meta.title or "", "CreationDate": pdf_date(meta.created)}
    if meta.modified:
        info["ModDate"] = pdf_date(meta.modified)
    # A dataset is described by its opening (caption, header, first rows): the dates in
    # its rows are what it records, not when it was published, and reading them all would
    # cost more than the rest of its extraction.
    opening = [raw_units[0][:_DATASET_OPENING]] if tables and raw_units else list(raw_units)
    description = describe(opening, lines, info) if units else Description()
    return ExtractedPdf(
        pages=units,
        pdf_title=usable_pdf_title(meta.title, stem),
        first_heading=normalise_text(heading)[:200] if heading else None,
        created=meta.created,
        description=description,
        format=fmt,
        locations=tuple(locations),
        tables=tuple(tables),
    )


def _normalise_lines(text: str) -> str:
    lines = (normalise_text(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: dates as ISO dates, whole numbers without `.0`."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value).strip()


def row_line(cells: Sequence[str]) -> str:
    """One row as a line of text: its non-empty cells, ` | ` between them."""
    # One normalisation per row, not per cell: a sheet has millions of cells.
    return normalise_text(" | ".join(c for c in cells if c and not c.isspace()))
