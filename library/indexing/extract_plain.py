"""Plain text (`.txt`) and Markdown (`.md`) → units a person can cite.

Markdown is read as text, not rendered: `#` lines (and `===`/`---` underlines) are its
headings, and it is cut into one unit per top-level section like a Word document; a `title:`
and `date:` in front matter are its metadata. Plain text has no headings to trust, so it is
cut between paragraphs into parts of about a page ("Part 3"), and a short first line is
offered to the title reader as the title. Both are decoded as CSV is (`plain_text`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from library.indexing.plain_text import decode_text
from library.indexing.units import Block, FileMeta, from_parts, from_sections

if TYPE_CHECKING:
    from library.models import ExtractedPdf

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|`)")
_LIST = re.compile(r"^\s*([-*+]|\d+[.)])\s+")
_FRONT_KEY = re.compile(r"^(title|date)\s*:\s*(.+?)\s*$", re.I)


def extract_text(path: Path, *, max_line_bytes: int) -> ExtractedPdf:
    """Read a plain text file.

    Raises:
        ExtractionError: `empty`, `not-text`, `bad-encoding` or `too-large`.
    """
    text, _ = decode_text(path.read_bytes(), max_line_bytes=max_line_bytes)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    blocks = [Block(p) for p in paragraphs if p]
    if blocks and "\n" not in blocks[0].text and len(blocks[0].text) <= 120:
        blocks[0] = Block(blocks[0].text, 0)  # a short first line: the title, perhaps
    return from_parts("txt", blocks, FileMeta(), path.stem)


def extract_markdown(path: Path, *, max_line_bytes: int) -> ExtractedPdf:
    """Read a Markdown file.

    Raises:
        ExtractionError: `empty`, `not-text`, `bad-encoding` or `too-large`.
    """
    text, _ = decode_text(path.read_bytes(), max_line_bytes=max_line_bytes)
    lines = text.replace("\r\n", "\n").split("\n")
    meta, lines = _front_matter(lines)
    blocks = list(_markdown_blocks(lines))
    if meta.title is None:
        meta = FileMeta(next((b.text for b in blocks if b.level == 1), None), meta.created)
    if any(b.level for b in blocks):
        return from_sections("md", blocks, meta, path.stem)
    return from_parts("md", blocks, meta, path.stem)


def _front_matter(lines: list[str]) -> tuple[FileMeta, list[str]]:
    if not lines or lines[0].strip() != "---":
        return FileMeta(), lines
    try:
        end = next(i for i in range(1, min(len(lines), 50)) if lines[i].strip() == "---")
    except StopIteration:
        return FileMeta(), lines
    found: dict[str, str] = {}
    for line in lines[1:end]:
        match = _FRONT_KEY.match(line)
        if match:
            found[match.group(1).lower()] = match.group(2).strip("\"'")
    return FileMeta(found.get("title"), _date(found.get("date", ""))), lines[end + 1 :]


def _date(raw: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _markdown_blocks(lines: list[str]) -> Iterator[Block]:
    paragraph: list[str] = []
    fenced = False
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            continue
        atx = None if fenced else _ATX.match(line)
        underline = None if fenced or not paragraph else _UNDERLINE.match(line)
        if underline and len(paragraph) == 1:
            yield Block(_plain(paragraph[0]), 1 if underline.group(1)[0] == "=" else 2)
            paragraph = []
        elif atx:
            yield from _paragraph(paragraph)
            paragraph = []
            yield Block(_plain(atx.group(2)), len(atx.group(1)))
        elif not line.strip():
            yield from _paragraph(paragraph)
            paragraph = []
        else:
            paragraph.append(line)
    yield from _paragraph(paragraph)


def _paragraph(lines: list[str]) -> Iterator[Block]:
    text = "\n".join(_plain(line) for line in lines).strip()
    if text:
        yield Block(text)


def _plain(line: str) -> str:
    """Markdown's marks taken out of a line: links as their text, no emphasis or bullets."""
    line = _LINK.sub(r"\1", line)
    line = _LIST.sub("", line.lstrip("> "))
    return _MARKS.sub("", line).strip()
