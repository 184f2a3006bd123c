"""PDF → text, page by page, with PDFium (pypdf when PDFium cannot); every failure becomes an
`ExtractionError` with a reason.

Reason codes (stable: `library status --json` and the staff pages show them), for every
format (`indexing.formats.extract_document` dispatches by extension):
`not-pdf`, `corrupt`, `encrypted`, `no-text`, `too-large`, `timeout`, and for the formats
beyond PDF `unsupported-format` (a legacy `.doc`/`.xls`, a presentation...), `zip-bomb` (an
Office or OpenDocument file that expands past the limits), `hostile-xml` (XML with a DTD or
entities), `bad-encoding` (text neither UTF-8 nor Windows-1252), `not-text` (binary data
named as text) and `empty` (nothing to index).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from library.dates import parse_pdf_date
from library.errors import EncryptedPdfError, ExtractionError
from library.indexing.describe import describe
from library.indexing.pdf_layout import read_pdf
from library.indexing.title_fallbacks import usable_pdf_title
from library.models import ExtractedPdf

if TYPE_CHECKING:
    from pypdf import PdfReader

logger = logging.getLogger(__name__)

_HEADER_WINDOW = 1024
_SOFT_HYPHEN = "\u00ad"
_HYPHENATED_BREAK = re.compile(r"(\w)[-\u2010\u2011]\s*\n\s*([a-z])")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_PAGE_LINE = re.compile(r"^(page\s*)?\d+(\s*(of|/)\s*\d+)?$", re.I)


def normalise_text(raw: str) -> str:
    """Text as search wants it: ligatures and compatibility forms folded (NFKC turns "ﬁ"
    into "fi"), words broken across lines re-joined, and all white space single spaces."""
    text = unicodedata.normalize("NFKC", raw).replace(_SOFT_HYPHEN, "").replace("\x00", "")
    text = _HYPHENATED_BREAK.sub(r"\1\2", text)
    return _SPACES.sub(" ", text).strip()


def has_text(pages: tuple[str, ...]) -> bool:
    """True when the pages hold at least two different words. Scanned images give none, or
    one repeated label (an image-only PDF whose every page says "Background")."""
    words: set[str] = set()
    for page in pages:
        words.update(w.lower() for w in _WORD.findall(page))
        if len(words) >= 2:
            return True
    return False


def extract_pdf(path: Path, *, max_pages: int = 2000) -> ExtractedPdf:
    """Read a PDF's text, page by page, and describe it from its own pages.

    PDFium reads it (fast, with the layout the title is read from); a PDF that PDFium
    cannot parse is tried again with pypdf, whose recovery reads some damaged files. Pages
    that cannot be decoded are kept as empty pages, so page numbers stay right and the rest
    of a damaged document is still found.

    Raises:
        ExtractionError: `not-pdf`, `corrupt`, `encrypted`, `no-text` or `too-large`.
    """
    with path.open("rb") as fh:
        head = fh.read(_HEADER_WINDOW)
    if not head:
        raise ExtractionError("not-pdf", "the file is empty (0 bytes)")
    if b"%PDF-" not in head and not _looks_like_pdf_body(path):
        raise ExtractionError("not-pdf", "the file is not a PDF (no PDF header or objects)")
    try:
        read = read_pdf(path, max_pages=max_pages)
    except ExtractionError as exc:
        if exc.reason != "corrupt":
            raise
        logger.debug("PDFium cannot read %s (%s); trying pypdf", path, exc.detail)
        return _extract_with_pypdf(path, max_pages=max_pages)
    raw_pages = list(read.pages)
    pages = _checked_pages(raw_pages)
    description = describe(raw_pages, read.lines, read.info)
    created = parse_pdf_date(read.info.get("CreationDate", ""))
    return ExtractedPdf(
        pages=pages,
        pdf_title=usable_pdf_title(read.info.get("Title"), path.stem),
        first_heading=first_heading(raw_pages[0] if raw_pages else ""),
        created=created,
        description=description,
    )


def _checked_pages(raw_pages: list[str]) -> tuple[str, ...]:
    pages = tuple(normalise_text(p) for p in raw_pages)
    if not has_text(pages):
        raise ExtractionError(
            "no-text", "the PDF has no text layer (scanned images?): it needs OCR to be searchable"
        )
    return pages


def _extract_with_pypdf(path: Path, *, max_pages: int) -> ExtractedPdf:
    from pypdf import PdfReader  # imported here: workers pay for it, the web app never does
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            _decrypt_with_empty_password(reader)
        count = len(reader.pages)
    except ExtractionError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ExtractionError("corrupt", f"the PDF cannot be read: {_brief(exc)}") from exc
    except RecursionError as exc:
        raise ExtractionError("corrupt", "the PDF's structure is nested too deeply") from exc
    if count == 0:
        raise ExtractionError("corrupt", "the PDF has no pages")
    if count > max_pages:
        raise ExtractionError("too-large", f"{count} pages is more than the limit of {max_pages}")

    raw_pages: list[str] = []
    failed = 0
    for number in range(count):
        try:
            raw_pages.append(reader.pages[number].extract_text() or "")
        except MemoryError:
            raise
        except Exception as exc:  # pypdf raises far more than PyPdfError on broken streams
            failed += 1
            logger.debug("page %d of %s unreadable: %s", number + 1, path, exc)
            raw_pages.append("")
    if failed == count:
        raise ExtractionError("corrupt", "none of the PDF's pages could be decoded")
    pages = _checked_pages(raw_pages)
    raw_title = _metadata_title(reader)
    created = _creation_date(reader)
    info = {"Title": raw_title or ""}
    if created is not None:
        info["CreationDate"] = created.strftime("D:%Y%m%d%H%M%S")
    return ExtractedPdf(
        pages=pages,
        pdf_title=usable_pdf_title(raw_title, path.stem),
        first_heading=first_heading(raw_pages[0] if raw_pages else ""),
        created=created,
        # No layout lines from pypdf: the title comes from the text and the metadata.
        description=describe(raw_pages, (), info),
    )


def _looks_like_pdf_body(path: Path) -> bool:
    with path.open("rb") as fh:
        chunk = fh.read(256 * 1024)
    return b" obj" in chunk and (b"/Type" in chunk or b"endobj" in chunk)


def _decrypt_with_empty_password(reader: object) -> None:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    assert isinstance(reader, PdfReader)
    try:
        opened = reader.decrypt("")
    except DependencyError as exc:
        raise ExtractionError("encrypted", f"cannot decrypt: {_brief(exc)}") from exc
    except (PyPdfError, ValueError, KeyError, NotImplementedError) as exc:
        raise EncryptedPdfError(
            f"the PDF is encrypted and cannot be opened: {_brief(exc)}"
        ) from exc
    if not opened:
        raise EncryptedPdfError()


def _metadata_title(reader: PdfReader) -> str | None:
    try:
        meta = reader.metadata
        raw = meta.title if meta else None
    except Exception:  # metadata is optional: a broken info dictionary must not fail the file
        return None
    return raw if isinstance(raw, str) else None


def first_heading(raw_first_page: str) -> str | None:
    """The first line of page one that reads like a heading, for PDFs without a title."""
    for line in raw_first_page.splitlines()[:15]:
        text = normalise_text(line)
        if 4 <= len(text) <= 120 and _WORD.search(text) and not _PAGE_LINE.match(text):
            letters = sum(c.isalpha() for c in text)
            if letters >= len(text) / 2:
                return text.rstrip(" .:")
    return None


def readable_name(path: PurePath) -> str:
    """`annual-report_2024.pdf` → `Annual report 2024`: the title of last resort."""
    words = re.sub(r"[-_.]+", " ", path.stem).strip()
    return (words[:1].upper() + words[1:]) if words else path.name


def _creation_date(reader: PdfReader) -> dt.datetime | None:
    try:
        meta = reader.metadata
        value = meta.creation_date if meta else None
    except Exception:  # an unparseable date is just an unknown date
        return None
    return value if isinstance(value, dt.datetime) else None


def _brief(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
