"""Spreadsheets (`.xlsx`, `.ods`) → a dataset: one `Table` per sheet and one unit per sheet
("Sheet: Q3 2025"), or per block of rows of a long sheet ("Sheet: Q3 2025, rows 501-1000").

XLSX is streamed by `indexing.xlsx` (lxml's iterparse); ODS by this module, streaming
`content.xml` through defusedxml and never expanding repeated empty cells or rows
(LibreOffice writes a row as "1,024 empty cells" and a sheet's end as a million empty
rows). Both check the zip first (`safe_zip`) and count every cell against the limits.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from library.errors import ExtractionError
from library.indexing import odf, xlsx
from library.indexing.dataset import Budget, TableBuilder, TableLimits
from library.indexing.safe_zip import member, open_checked
from library.indexing.units import (
    Block,
    FileMeta,
    build,
    layout_lines,
    unique_anchors,
)
from library.models import ExtractedPdf, Location, Table

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element


def extract_xlsx(path: Path, *, limits: TableLimits) -> ExtractedPdf:
    """Read an Excel workbook as a dataset (`indexing.xlsx` streams its sheets).

    Raises:
        ExtractionError: `corrupt`, `zip-bomb`, `hostile-xml`, `too-large` or `empty`.
    """
    from lxml import etree

    with open_checked(path) as archive:
        try:
            meta = xlsx.core_properties(archive)
            budget = Budget(limits)
            sheets = xlsx.sheets(archive)
            for sheet in sheets:  # refuse what the sheets declare before reading any
                budget.check_declared(sheet.rows, sheet.columns, sheet.name)
            strings = xlsx.shared_strings(archive)
            dates, epoch = xlsx.date_styles(archive), xlsx.epoch_of(archive)
            builders = []
            for sheet in sheets:
                builder = TableBuilder(sheet.name, budget)
                for number, cells in xlsx.rows(archive, sheet, strings, dates, epoch):
                    builder.add(number, cells)
                builders.append(builder)
        except etree.XMLSyntaxError as exc:
            raise ExtractionError("corrupt", f"the workbook's XML is damaged: {exc}") from None
    return _dataset("xlsx", builders, meta, path.stem)


def extract_ods(path: Path, *, limits: TableLimits) -> ExtractedPdf:
    """Read an OpenDocument spreadsheet as a dataset.

    Raises:
        ExtractionError: `corrupt`, `zip-bomb`, `hostile-xml`, `too-large` or `empty`.
    """
    with open_checked(path) as archive:
        meta = odf.read_meta(archive)
        budget = Budget(limits)
        with member(archive, "content.xml") as stream:
            builders = list(_ods_tables(stream, budget))
    return _dataset("ods", builders, meta, path.stem)


def _ods_tables(stream: object, budget: Budget) -> Iterator[TableBuilder]:
    builder: TableBuilder | None = None
    number = 0
    for event, elem in odf.iterparse(stream, ("start", "end")):
        if elem.tag == odf.TABLE and event == "start":
            builder, number = TableBuilder(elem.get(odf.TABLE_NAME) or "Sheet", budget), 0
        elif elem.tag == odf.TABLE:
            if builder is not None:
                yield builder
            builder = None
            elem.clear()
        elif elem.tag == odf.ROW and event == "end" and builder is not None:
            repeat = _count(elem.get(odf.ROWS_REPEATED))
            cells, counted = _row_cells(elem, budget)
            elem.clear()
            if not any(cells):
                number += repeat  # empty rows, however many, cost nothing
                continue
            builder.add(number + 1, cells, counted=counted, repeat=repeat)
            number += repeat


def _row_cells(row: Element, budget: Budget) -> tuple[list[str], int]:
    cells: list[str] = []
    pending_empty = 0
    counted = 0
    for cell in row:
        if cell.tag not in (odf.CELL, odf.COVERED_CELL):
            continue
        repeat = _count(cell.get(odf.COLUMNS_REPEATED))
        text = odf.cell_text(cell)
        if not text:
            pending_empty += repeat  # trailing empties are dropped, never expanded
            continue
        counted += pending_empty + repeat
        if counted > budget.limits.max_cells:
            budget.spend(counted)  # raises: one row wider than the whole limit
        cells.extend([""] * pending_empty)
        cells.extend([text] * repeat)
        pending_empty = 0
    return cells, counted


def _count(raw: str | None) -> int:
    try:
        return max(1, int(raw)) if raw else 1
    except ValueError:
        return 1


def _dataset(fmt: str, builders: list[TableBuilder], meta: FileMeta, stem: str) -> ExtractedPdf:
    tables: list[Table] = []
    texts: list[str] = []
    locations: list[Location] = []
    blocks: list[Block] = []
    for builder in builders:
        table = builder.table()
        if table is None:
            continue  # an empty sheet ("Sheet2")
        tables.append(table)
        if builder.caption:
            blocks.append(Block(builder.caption, 1))
        for location, text in builder.located_units():
            locations.append(location)
            texts.append(text)
    if not tables:
        raise ExtractionError("empty", "the spreadsheet has no rows")
    return build(
        fmt,
        texts,
        _unique(locations),
        meta,
        stem,
        lines=layout_lines(blocks),
        heading=blocks[0].text if blocks else None,
        tables=tables,
    )


def _unique(locations: list[Location]) -> list[Location]:
    anchors = unique_anchors(x.anchor for x in locations)
    return [Location(x.label, a) for x, a in zip(locations, anchors, strict=True)]
