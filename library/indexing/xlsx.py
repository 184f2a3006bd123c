"""A streaming reader of Excel workbooks (`.xlsx`, Office Open XML SpreadsheetML).

Why not openpyxl: its read-only mode reads every member itself, so our size caps and DTD
checks could only look at the archive beside it, not at what it parses; and it is slower:
`bench/ingest.py` times this module's whole extraction of a 200,000-cell sheet (cells to
text, units, description) at 1.3-2 times the speed of openpyxl merely iterating the same
sheet's values (lxml's `iterparse` alone is about six times faster than openpyxl; the rest
is our per-cell Python). A sheet at the cell limit must be read within the time limit.
This reads only what a dataset needs: sheet names and order, shared
strings, which styles are dates, each cell's value, and the core properties. Every member is
read through `safe_zip` (sizes capped, DTDs refused before parsing), and lxml's parser is
told to resolve no entities, load no DTD and fetch nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from posixpath import join, normpath
from typing import Any

from library.errors import ExtractionError
from library.indexing.safe_zip import member, read_member
from library.indexing.units import FileMeta, cell_text

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
# Built-in number formats that show dates and times (ECMA-376 part 1, 18.8.30).
_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
_DATE_CODE = re.compile(r"[dmyhs]", re.I)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_CELL = f"{_MAIN}c"
_VALUE = f"{_MAIN}v"
_DIGITS = "0123456789"
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


@dataclass(frozen=True)
class Sheet:
    name: str
    part: str
    rows: int  # as its <dimension> declares (0 when it declares none)
    columns: int


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _xml(archive: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree

    try:
        return etree.fromstring(read_member(archive, name), parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise ExtractionError("corrupt", f"{name} is not well-formed XML: {exc}") from None


def sheets(archive: zipfile.ZipFile) -> list[Sheet]:
    """The workbook's worksheets in order, with the part each is stored in."""
    workbook = _xml(archive, "xl/workbook.xml")
    rels = _xml(archive, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    out = []
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
        if part in archive.namelist():
            out.append(Sheet(sheet.get("name") or "Sheet", part, *_dimension(archive, part)))
    return out


def _dimension(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    # The <dimension> comes before the data: read the sheet's opening only.
    with member(archive, part) as fh:
        head = fh.read(4096).decode("utf-8", errors="replace")
    match = re.search(r'<(?:\w+:)?dimension\s+ref="([A-Z]*)(\d*):?([A-Z]*)(\d*)"', head)
    if not match:
        return 0, 0
    first_col, first_row, last_col, last_row = match.groups()
    if not last_col:
        last_col, last_row = first_col, first_row
    rows = int(last_row or 0) - int(first_row or 1) + 1
    return max(rows, 0), max(_column(last_col) - _column(first_col) + 1, 0)


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    from lxml import etree

    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    with member(archive, "xl/sharedStrings.xml") as fh:
        for _, item in etree.iterparse(fh, tag=f"{_MAIN}si", **_ITERPARSE):
            strings.append(
                "".join(t.text or "" for t in item.iter(f"{_MAIN}t") if _not_phonetic(t))
            )
            item.clear()
    return strings


def _not_phonetic(elem: Any) -> bool:
    parent = elem.getparent()
    return parent is None or parent.tag != f"{_MAIN}rPh"


def date_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The indexes of the cell styles that show a number as a date."""
    if "xl/styles.xml" not in archive.namelist():
        return frozenset()
    styles = _xml(archive, "xl/styles.xml")
    custom = {
        int(f.get("numFmtId", "0")): _QUOTED.sub("", f.get("formatCode", ""))
        for f in styles.iter(f"{_MAIN}numFmt")
    }
    dates = set(_DATE_FORMATS) | {n for n, code in custom.items() if _DATE_CODE.search(code)}
    xfs = styles.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return frozenset()
    return frozenset(
        i for i, xf in enumerate(xfs.iter(f"{_MAIN}xf")) if int(xf.get("numFmtId", "0")) in dates
    )


def uses_1904(archive: zipfile.ZipFile) -> bool:
    pr = _xml(archive, "xl/workbook.xml").find(f"{_MAIN}workbookPr")
    return pr is not None and pr.get("date1904") in ("1", "true")


def rows(
    archive: zipfile.ZipFile, sheet: Sheet, strings: list[str], dates: frozenset[int], epoch: Any
) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) of each row of `sheet` that has cells, streamed."""
    from lxml import etree

    number = 0
    with member(archive, sheet.part) as fh:
        for _, row in etree.iterparse(fh, tag=f"{_MAIN}row", **_ITERPARSE):
            number = int(row.get("r") or number + 1)
            cells: list[str] = []
            for cell in row.iterchildren(_CELL):
                ref = cell.get("r")
                if ref:
                    column = _column(ref.rstrip(_DIGITS))
                    if column > len(cells) + 1:
                        cells.extend([""] * (column - len(cells) - 1))
                cells.append(_value(cell, strings, dates, epoch))
            row.clear()
            while row.getprevious() is not None:  # keep the tree from growing
                del row.getparent()[0]
            yield number, cells


_ITERPARSE = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def _value(cell: Any, strings: list[str], dates: frozenset[int], epoch: dt.datetime) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
    raw = cell.findtext(_VALUE) or ""
    if not raw:
        return ""
    if kind is None or kind == "n":
        style = cell.get("s")
        if not (style and int(style) in dates) and raw.isdigit():
            return raw  # most cells of a dataset: a whole number, as it is written
    if kind == "s":
        try:
            return strings[int(raw)]
        except (ValueError, IndexError):
            return ""
    if kind == "b":
        return "TRUE" if raw == "1" else "FALSE"
    if kind in ("str", "e", "d"):
        return raw[:10] if kind == "d" and raw.endswith("T00:00:00") else raw
    try:
        number = float(raw)
    except ValueError:
        return raw
    if int(cell.get("s") or 0) in dates and 0 <= number < 2_958_466:  # up to 9999-12-31
        return cell_text(epoch + dt.timedelta(days=number))
    return cell_text(number)


def epoch_of(archive: zipfile.ZipFile) -> dt.datetime:
    return _EPOCH_1904 if uses_1904(archive) else _EPOCH_1900


def core_properties(archive: zipfile.ZipFile) -> FileMeta:
    if "docProps/core.xml" not in archive.namelist():
        return FileMeta()
    core = _xml(archive, "docProps/core.xml")
    title = (core.findtext(f"{_DC}title") or "").strip() or None
    return FileMeta(
        title,
        _w3c_date(core.findtext(f"{_DCTERMS}created")),
        _w3c_date(core.findtext(f"{_DCTERMS}modified")),
    )


def _w3c_date(raw: str | None) -> dt.datetime | None:
    if not raw:
        return None
    try:
        return dt.datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _column(letters: str) -> int:
    n = 0
    for char in letters[:3]:
        n = n * 26 + ord(char) - 64
    return n
