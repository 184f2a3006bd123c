"""CSV → a dataset: its columns, rows and first rows (`Table`), and its rows as units of text
("Rows 2-500", "Rows 501-1000"), the rows a person would cite from the spreadsheet view.

The encoding is checked first (UTF-8, UTF-8 with a BOM or Windows-1252, else `bad-encoding`;
binary data is `not-text`), then the length of every line (`too-large`), then the rows are
parsed with the standard library's reader and counted against the row and cell limits.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from library.errors import ExtractionError
from library.indexing.dataset import Budget, TableBuilder, TableLimits
from library.indexing.plain_text import decode_text
from library.indexing.units import FileMeta, build
from library.models import ExtractedPdf

_DELIMITERS = ",;\t|"
_SNIFF_CHARS = 64 * 1024


def extract_csv(
    path: Path, *, limits: TableLimits, max_line_bytes: int = 1024 * 1024
) -> ExtractedPdf:
    """Read a CSV file as a dataset.

    Raises:
        ExtractionError: `empty`, `not-text`, `bad-encoding`, `too-large` or `corrupt`.
    """
    text, _ = decode_text(path.read_bytes(), max_line_bytes=max_line_bytes)
    builder = TableBuilder("", Budget(limits))
    # The reader's own limit on one field, process-wide: we are in a worker of our own.
    csv.field_size_limit(max_line_bytes)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    try:
        for number, row in enumerate(reader, start=1):
            builder.add(number, row)
    except csv.Error as exc:
        raise ExtractionError(
            "corrupt", f"the CSV cannot be read at row {reader.line_num:,}: {exc}"
        ) from None
    del text
    table = builder.table()
    if table is None:
        raise ExtractionError("empty", "the CSV has no rows")
    located = builder.located_units()
    return build(
        "csv",
        [unit_text for _, unit_text in located],
        [location for location, _ in located],
        FileMeta(),
        path.stem,
        tables=[table],
    )


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:_SNIFF_CHARS]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel
