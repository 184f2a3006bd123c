"""One sheet of a spreadsheet (`.xlsx`, `.ods`) as CSV, read again from the original file.

A dataset published as a spreadsheet is offered as CSV too (the ICO's datasets guidance: CSV
is the re-usable form). The index keeps only a sheet's first rows, so its CSV is streamed
from the file, by the same readers and within the same checks as extraction: the zip is
checked before anything is parsed (`safe_zip`), XML is read without DTDs or entities, and
every cell counts against the row and cell limits, so a file changed since it was indexed
cannot make the reader run away.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from library.errors import ExtractionError
from library.indexing import odf, xlsx
from library.indexing.dataset import Budget, TableLimits
from library.indexing.extract_sheets import _count, _row_cells
from library.indexing.safe_zip import member, open_checked


def sheet_rows(
    path: Path, file_format: str, sheet: str, *, limits: TableLimits
) -> Iterator[list[str]]:
    """The rows of the sheet named `sheet` that have any text, as their cells' text.

    Raises:
        ExtractionError: the file no longer reads (`corrupt`, `zip-bomb`, `hostile-xml`,
            `too-large`), or has no such sheet (`corrupt`).
    """
    budget = Budget(limits)
    if file_format == "xlsx":
        yield from _xlsx_rows(path, sheet, budget)
    elif file_format == "ods":
        yield from _ods_rows(path, sheet, budget)
    else:
        raise ExtractionError("unsupported-format", f"{file_format} has no sheets")


def sheet_csv(path: Path, file_format: str, sheet: str, *, limits: TableLimits) -> Iterator[str]:
    """`sheet_rows` as CSV text, a line at a time (RFC 4180: quoted as needed, CRLF)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for cells in sheet_rows(path, file_format, sheet, limits=limits):
        writer.writerow(cells)
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def _xlsx_rows(path: Path, name: str, budget: Budget) -> Iterator[list[str]]:
    from lxml import etree

    with open_checked(path) as archive:
        try:
            found = [s for s in xlsx.sheets(archive) if s.name == name]
            if not found:
                raise ExtractionError("corrupt", f"the workbook has no sheet {name!r}")
            budget.check_declared(found[0].rows, found[0].columns, name)
            strings = xlsx.shared_strings(archive)
            dates, epoch = xlsx.date_styles(archive), xlsx.epoch_of(archive)
            for _, cells in xlsx.rows(archive, found[0], strings, dates, epoch):
                budget.spend(len(cells))
                if any(c.strip() for c in cells):
                    yield cells
        except etree.XMLSyntaxError as exc:
            raise ExtractionError("corrupt", f"the workbook's XML is damaged: {exc}") from None


def _ods_rows(path: Path, name: str, budget: Budget) -> Iterator[list[str]]:
    with open_checked(path) as archive, member(archive, "content.xml") as stream:
        inside = seen = False
        for event, elem in odf.iterparse(stream, ("start", "end")):
            if elem.tag == odf.TABLE:
                inside = event == "start" and (elem.get(odf.TABLE_NAME) or "Sheet") == name
                seen = seen or inside
                if event == "end":
                    elem.clear()
                    if seen:
                        return
            elif elem.tag == odf.ROW and event == "end" and inside:
                repeat = _count(elem.get(odf.ROWS_REPEATED))
                cells, counted = _row_cells(elem, budget)
                elem.clear()
                if any(cells):
                    budget.spend(counted, rows=repeat)
                    for _ in range(repeat):
                        yield cells
    if not seen:
        raise ExtractionError("corrupt", f"the spreadsheet has no sheet {name!r}")
