"""Which formats the library reads, by file extension, and the one extractor interface every
worker calls: `extract_document(path, limits)` gives an `ExtractedPdf` or raises an
`ExtractionError` with a reason, whatever the format.

Files in formats it cannot read but that are plainly documents (legacy `.doc`, `.xls`,
presentations...) are not ignored: they are listed as `unsupported-format` with advice, so
nothing in the drop folder is silently left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from library.errors import ExtractionError
from library.indexing.dataset import TableLimits

if TYPE_CHECKING:
    from library.models import ExtractedPdf

# Extension → format name (`ExtractedPdf.format`).
FORMATS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".xlsx": "xlsx",
    ".ods": "ods",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
}
# Document formats people publish that the library cannot read, with what to save them as.
UNSUPPORTED = {
    ".doc": "save it as .docx (Word: File > Save As) or PDF",
    ".dot": "save it as .docx or PDF",
    ".dotx": "save it as .docx or PDF",
    ".docm": "save it as .docx without macros, or PDF",
    ".rtf": "save it as .docx or PDF",
    ".wpd": "save it as .docx or PDF",
    ".pages": "export it as .docx or PDF",
    ".xls": "save it as .xlsx (Excel: File > Save As) or CSV",
    ".xlsm": "save it as .xlsx without macros, or CSV",
    ".xlsb": "save it as .xlsx or CSV",
    ".numbers": "export it as .xlsx or CSV",
    ".ppt": "save it as PDF",
    ".pptx": "save it as PDF",
    ".odp": "save it as PDF",
    ".key": "export it as PDF",
    ".pub": "save it as PDF",
    ".xps": "print it to PDF",
    ".epub": "publish it as PDF",
    ".mht": "save the page as .html, or print it to PDF",
    ".mhtml": "save the page as .html, or print it to PDF",
    ".xml": "publish it as CSV, or as a page saved as .html",
    ".json": "publish it as CSV",
}
DATASET_FORMATS = frozenset({"csv", "xlsx", "ods"})


@dataclass(frozen=True)
class Limits:
    """The bounds every extraction runs within (`Settings` gives them; see its docs)."""

    timeout: float = 60.0
    memory_mb: int = 1536
    max_pages: int = 2000
    max_rows: int = 1_000_000
    max_cells: int = 2_000_000
    max_line_kb: int = 1024

    @property
    def tables(self) -> TableLimits:
        return TableLimits(self.max_rows, self.max_cells)

    @property
    def max_line_bytes(self) -> int:
        return self.max_line_kb * 1024


def format_of(name: str | PurePath) -> str | None:
    """The format a file name says ("docx"), None when the library does not read it."""
    return FORMATS.get(PurePath(name).suffix.lower())


def is_unsupported(name: str | PurePath) -> bool:
    """True for a document format the library cannot read (`unsupported-format`)."""
    return PurePath(name).suffix.lower() in UNSUPPORTED


def extract_document(path: Path, limits: Limits) -> ExtractedPdf:
    """Read any document the library supports, by its extension, within `limits`.

    Raises:
        ExtractionError: with the reason codes listed in `indexing.extract`'s docstring.
    """
    fmt = format_of(path.name)
    if fmt is None:
        advice = UNSUPPORTED.get(path.suffix.lower(), "save it as PDF")
        raise ExtractionError(
            "unsupported-format",
            f"the library cannot read {path.suffix or 'files without an extension'} files: "
            f"{advice}",
        )
    if fmt == "pdf":
        from library.indexing.extract import extract_pdf

        return extract_pdf(path, max_pages=limits.max_pages)
    if path.stat().st_size == 0:
        raise ExtractionError("empty", "the file is empty (0 bytes)")
    tables = limits.tables
    if fmt == "csv":
        from library.indexing.extract_csv import extract_csv

        return extract_csv(path, limits=tables, max_line_bytes=limits.max_line_bytes)
    if fmt in ("xlsx", "ods"):
        from library.indexing.extract_sheets import extract_ods, extract_xlsx

        return (extract_xlsx if fmt == "xlsx" else extract_ods)(path, limits=tables)
    if fmt in ("docx", "odt"):
        from library.indexing.extract_words import extract_docx, extract_odt

        return (extract_docx if fmt == "docx" else extract_odt)(path)
    if fmt == "html":
        from library.indexing.extract_web import extract_html

        return extract_html(path)
    from library.indexing.extract_plain import extract_markdown, extract_text

    reader = extract_markdown if fmt == "md" else extract_text
    return reader(path, max_line_bytes=limits.max_line_bytes)
