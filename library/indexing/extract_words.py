"""Word (`.docx`) and OpenDocument text (`.odt`) → one unit per top-level section heading
("Section: Fees"; the text before the first heading is the "Introduction"), or parts of about
a page ("Part 2") for a document without headings.

Sections, not pages: neither format records where its pages fall (Word's page breaks are the
layout of the last machine that opened it, when it saved them at all), while the headings
are what a person cites. Headings come from the paragraph styles (Title, Heading 1...) and
ODF's `text:h` outline levels; tables are read row by row. The zip is checked first
(`safe_zip`); python-docx parses with entities unresolved, and this module parses ODF
through defusedxml with DTDs forbidden.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from library.errors import ExtractionError
from library.indexing import odf
from library.indexing.safe_zip import open_checked, parse_xml, read_member
from library.indexing.units import Block, FileMeta, from_parts, from_sections, row_line

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from library.models import ExtractedPdf

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)


def extract_docx(path: Path) -> ExtractedPdf:
    """Read a Word document.

    Raises:
        ExtractionError: `corrupt`, `zip-bomb`, `hostile-xml` or `empty`.
    """
    open_checked(path).close()
    import docx  # imported here: only workers pay for it

    try:
        document = docx.Document(str(path))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ExtractionError("corrupt", f"the Word document cannot be read: {exc}") from None
    blocks = list(_docx_blocks(document))
    props = document.core_properties
    meta = FileMeta(props.title or None, props.created, props.modified)
    return _document("docx", blocks, meta, path.stem)


def _docx_blocks(document: Any) -> Iterator[Block]:
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                yield Block(row_line(_unique_cells(row)))
            continue
        text = item.text
        if not text.strip():
            continue
        yield Block(text, _docx_level(item))


def _unique_cells(row: Any) -> list[str]:
    # A merged cell appears once per grid column it spans: read it once.
    seen: list[Any] = []
    texts: list[str] = []
    for cell in row.cells:
        if any(cell._tc is s for s in seen):
            continue
        seen.append(cell._tc)
        texts.append(cell.text)
    return texts


def _docx_level(paragraph: Any) -> int | None:
    try:
        name = paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, ValueError, AttributeError):
        return None
    if name == "Title":
        return 0
    match = _HEADING_STYLE.match(name or "")
    return int(match.group(1)) if match else None


def extract_odt(path: Path) -> ExtractedPdf:
    """Read an OpenDocument text.

    Raises:
        ExtractionError: `corrupt`, `zip-bomb`, `hostile-xml` or `empty`.
    """
    with open_checked(path) as archive:
        meta = odf.read_meta(archive)
        root = parse_xml(read_member(archive, "content.xml"), "content.xml")
    body = root.find(f"{{{odf.OFFICE}}}body")
    if body is None:
        raise ExtractionError("corrupt", "content.xml has no document body")
    return _document("odt", list(_odt_blocks(body)), meta, path.stem)


def _odt_blocks(parent: Element) -> Iterator[Block]:
    for child in parent:
        if child.tag == odf.HEADING:
            text = odf.element_text(child)
            if text.strip():
                yield Block(text, _level(child.get(odf.OUTLINE_LEVEL)))
        elif child.tag == odf.PARAGRAPH:
            text = odf.element_text(child)
            if text.strip():
                titled = child.get(odf.STYLE_NAME) == "Title"  # LibreOffice's Title style
                yield Block(text, 0 if titled else None)
        elif child.tag == odf.TABLE:
            for row in child.iter(odf.ROW):
                line = row_line([odf.cell_text(c) for c in row if c.tag == odf.CELL])
                if line:
                    yield Block(line)
        else:  # lists, sections, frames: their paragraphs in order
            yield from _odt_blocks(child)


def _level(raw: str | None) -> int:
    try:
        return min(max(1, int(raw)), 9) if raw else 1
    except ValueError:
        return 1


def _document(fmt: str, blocks: list[Block], meta: FileMeta, stem: str) -> ExtractedPdf:
    if not any(b.text.strip() for b in blocks):
        raise ExtractionError("empty", "the document has no text")
    if any(b.level for b in blocks):
        return from_sections(fmt, blocks, meta, stem)
    return from_parts(fmt, blocks, meta, stem)
