"""OpenDocument (`.odt`, `.ods`) read directly: its XML, streamed through defusedxml with DTDs
forbidden, rather than through another library (odfpy builds the whole document in memory and
parses with the standard library's expat without those guards).

What both formats share: the names of the elements read, `meta.xml` (title, creation and
modification dates), and the text of a paragraph or a cell.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from library.errors import ExtractionError
from library.indexing.safe_zip import parse_xml, read_member
from library.indexing.units import FileMeta

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_DC = "http://purl.org/dc/elements/1.1/"

TABLE = f"{{{_TABLE}}}table"
TABLE_NAME = f"{{{_TABLE}}}name"
ROW = f"{{{_TABLE}}}table-row"
ROWS_REPEATED = f"{{{_TABLE}}}number-rows-repeated"
CELL = f"{{{_TABLE}}}table-cell"
COVERED_CELL = f"{{{_TABLE}}}covered-table-cell"
COLUMNS_REPEATED = f"{{{_TABLE}}}number-columns-repeated"
HEADING = f"{{{_TEXT}}}h"
PARAGRAPH = f"{{{_TEXT}}}p"
OUTLINE_LEVEL = f"{{{_TEXT}}}outline-level"
STYLE_NAME = f"{{{_TEXT}}}style-name"
SPACE = f"{{{_TEXT}}}s"
TAB = f"{{{_TEXT}}}tab"
LINE_BREAK = f"{{{_TEXT}}}line-break"
TITLE = f"{{{_DC}}}title"
CREATED = f"{{{_META}}}creation-date"
MODIFIED = f"{{{_DC}}}date"
_FRACTION = re.compile(r"(\.\d{1,6})\d*")


def iterparse(stream: Any, events: tuple[str, ...]) -> Iterator[tuple[str, Element]]:
    """(event, element) pairs of an XML stream, DTDs and entities refused.

    Raises:
        ExtractionError: `hostile-xml` or `corrupt`.
    """
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        yield from safe_et.iterparse(stream, events, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ExtractionError("hostile-xml", f"content.xml: {exc}") from None
    except ParseError as exc:
        raise ExtractionError("corrupt", f"content.xml is not well-formed XML: {exc}") from None


def read_meta(archive: zipfile.ZipFile) -> FileMeta:
    """Title and dates from `meta.xml`; nothing when it is missing (it is optional)."""
    if "meta.xml" not in archive.namelist():
        return FileMeta()
    root = parse_xml(read_member(archive, "meta.xml"), "meta.xml")
    title = root.find(f".//{TITLE}")
    return FileMeta(
        title=(title.text or "").strip() or None if title is not None else None,
        created=_date(root.find(f".//{CREATED}")),
        modified=_date(root.find(f".//{MODIFIED}")),
    )


def _date(elem: Element | None) -> dt.datetime | None:
    if elem is None or not elem.text:
        return None
    try:
        return dt.datetime.fromisoformat(_FRACTION.sub(r"\1", elem.text.strip()).rstrip("Z"))
    except ValueError:
        return None


def element_text(elem: Element) -> str:
    """A paragraph's text as shown: spans joined, `text:s` as spaces, tabs and breaks."""
    parts: list[str] = [elem.text or ""]
    for child in elem:
        if child.tag == SPACE:
            parts.append(" " * _count(child.get(f"{{{_TEXT}}}c")))
        elif child.tag == TAB:
            parts.append("\t")
        elif child.tag == LINE_BREAK:
            parts.append("\n")
        else:
            parts.append(element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def cell_text(cell: Element) -> str:
    """A cell's text as shown (its paragraphs, one per line)."""
    return "\n".join(element_text(p) for p in cell.iter(PARAGRAPH)).strip()


def _count(raw: str | None) -> int:
    try:
        return min(max(1, int(raw)), 100) if raw else 1
    except ValueError:
        return 1
