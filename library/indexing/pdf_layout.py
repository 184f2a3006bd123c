"""PDF → page texts and first-page layout lines with PDFium (pypdfium2).

PDFium reads text about twenty times faster than pypdf's `extract_text` (see
`bench/extract_engines.py`) and, unlike it, says where each character sits and in which font
and size, which is what choosing a title the way a person would needs (`library.indexing.titles`).

Every PDFium failure leaves as an `ExtractionError` with one of the existing reason codes:
`encrypted` (a password is needed: PDFium tries the empty one itself), `corrupt` (PDFium
cannot parse it, or no page can be decoded), `too-large` (more pages than allowed) and
`unreadable` (the file cannot be opened). The caller may then fall back to pypdf, which
recovers some files PDFium refuses.

pypdfium2 is not thread-safe: call `read_pdf` from one thread per process (the extraction
workers are processes).
"""

from __future__ import annotations

import ctypes
import logging
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from library.errors import EncryptedPdfError, ExtractionError
from library.indexing.titles import Line

logger = logging.getLogger(__name__)

# C0 controls (PDFium passes some through from symbol and maths fonts) and the private-use
# area (Wingdings/Symbol bullets such as U+F0B7) carry no words: they become spaces.
_JUNK_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag 19, ForceBold
_FONT_NAME_BUFFER = 256
_SIZE_STEP = 0.5  # sizes are rounded to half points, so one style gives one size


@dataclass(frozen=True)
class PdfRead:
    """What PDFium read from one PDF.

    `pages` holds every page's text as PDFium gives it (lines end with "\\r\\n"; control and
    private-use characters already spaces); apply `normalise_text` before indexing. A page
    that could not be decoded is "" so that page numbers stay right. `lines` are the layout
    lines of the first `layout_pages` pages, in reading order. `info` is the document
    information dictionary (Title, CreationDate, ModDate...) with empty values left out.
    """

    pages: tuple[str, ...]
    lines: tuple[Line, ...]
    failed_pages: int = 0
    info: dict[str, str] = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        return len(self.pages)


def read_pdf(path: Path, *, max_pages: int = 2000, layout_pages: int = 3) -> PdfRead:
    """Read every page's text and the first pages' layout lines.

    Args:
        path: the PDF.
        max_pages: more pages than this is `too-large` (checked before any page is read).
        layout_pages: how many leading pages get layout lines; the title is on the first,
            the others show which lines are running headers and footers.

    Returns:
        The page texts, the layout lines and the information dictionary.

    Raises:
        ExtractionError: `unreadable`, `encrypted` (an `EncryptedPdfError`), `corrupt` or
            `too-large`.
    """
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # only workers pay for it

    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise ExtractionError("unreadable", f"the file cannot be read: {exc.strerror}") from exc
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise _load_error(exc) from exc
    try:
        count = len(document)
        if count > max_pages:
            raise ExtractionError(
                "too-large", f"{count} pages is more than the limit of {max_pages}"
            )
        pages: list[str] = []
        lines: list[Line] = []
        failed = 0
        for index in range(count):
            text, page_lines = _read_page(document, index, layout=index < layout_pages)
            if text is None:
                failed += 1
                pages.append("")
                continue
            pages.append(text)
            lines.extend(page_lines)
        if failed == count:
            raise ExtractionError("corrupt", "none of the PDF's pages could be decoded")
        return PdfRead(tuple(pages), tuple(lines), failed, _info(document))
    finally:
        document.close()


def _load_error(exc: Any) -> ExtractionError:
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return EncryptedPdfError()
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return EncryptedPdfError("the PDF is encrypted with a scheme PDFium does not support")
    return ExtractionError("corrupt", f"PDFium cannot read the PDF: {exc}")


def _read_page(document: Any, index: int, *, layout: bool) -> tuple[str | None, list[Line]]:
    import pypdfium2 as pdfium

    page = textpage = None
    try:
        page = document[index]
        textpage = page.get_textpage()
        # PDFium marks a hyphen it found at a line break as U+FFFE ("infor\ufffemation") and
        # drops the break: put both back, so `normalise_text` re-joins the word as it does
        # pypdf's "infor-\nmation".
        text = _JUNK_CHARS.sub(" ", str(textpage.get_text_range())).replace("\ufffe", "-\n")
        lines = _layout_lines(page, textpage, index + 1) if layout else []
        return text, lines
    except pdfium.PdfiumError as exc:
        logger.debug("page %d unreadable by PDFium: %s", index + 1, exc)
        return None, []
    finally:
        # Closed at once, not left to the garbage collector: a 2,000-page PDF would otherwise
        # hold every page's parsed content in memory until the document closes.
        if textpage is not None:
            textpage.close()
        if page is not None:
            page.close()


class _Run:
    """The characters of one line being gathered."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.sizes: list[float] = []
        self.bold = 0
        self.top = float("-inf")
        self.left = float("inf")


def _layout_lines(page: Any, textpage: Any, number: int) -> list[Line]:
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (float(v) for v in page.get_bbox())
    height, width = (top - bottom) or 1.0, (right - left) or 1.0
    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    name = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
    flags = ctypes.c_int()
    styles: dict[tuple[float, bytes, float], tuple[float, bool]] = {}
    lines: list[Line] = []
    run = _Run()
    style = (0.0, False)
    word_start = True
    for i in range(int(pdfium_c.FPDFText_CountChars(textpage))):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage, i))
        if char in "\r\n":
            _close_run(run, lines, number, (top, height, left, width))
            run = _Run()
            word_start = True
            continue
        if char.isspace():
            run.chars.append(" ")
            word_start = True
            continue
        if not word_start and run.sizes:
            # The rest of a word is set like its first letter: four calls into PDFium per
            # character were most of the time a PDF took to read.
            run.chars.append(_JUNK_CHARS.sub(" ", char))
            run.sizes.append(style[0])
            run.bold += style[1]
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(textpage, i, box):
            run.chars.append(" ")
            continue
        word_start = False
        tf_size = float(pdfium_c.FPDFText_GetFontSize(textpage, i))
        pdfium_c.FPDFText_GetFontInfo(textpage, i, name, _FONT_NAME_BUFFER, flags)
        # The Tf size alone is not what is seen: many producers set 1 pt and scale the text
        # matrix. The loose box's height changes with that scale, so it keys the cache.
        key = (tf_size, name.value, round(box.top - box.bottom, 1))
        known = styles.get(key)
        if known is None:
            known = _style(textpage, i, tf_size, matrix, name.value, flags.value)
            styles[key] = known
        style = known
        run.chars.append(_JUNK_CHARS.sub(" ", char))
        run.sizes.append(style[0])
        run.bold += style[1]
        run.top = max(run.top, float(box.top))
        run.left = min(run.left, float(box.left))
    _close_run(run, lines, number, (top, height, left, width))
    return lines


def _style(
    textpage: Any, index: int, tf_size: float, matrix: Any, font: bytes, flags: int
) -> tuple[float, bool]:
    import pypdfium2.raw as pdfium_c

    scale = 1.0
    if pdfium_c.FPDFText_GetMatrix(textpage, index, matrix):
        scale = (float(matrix.c) ** 2 + float(matrix.d) ** 2) ** 0.5 or 1.0
    size = round(tf_size * scale / _SIZE_STEP) * _SIZE_STEP
    weight = int(pdfium_c.FPDFText_GetFontWeight(textpage, index))
    bold = (
        weight >= 600
        or bool(flags & _FORCE_BOLD)
        or bool(_BOLD_NAME.search(font.decode("latin-1")))
    )
    return size, bold


def _close_run(
    run: _Run, lines: list[Line], number: int, frame: tuple[float, float, float, float]
) -> None:
    text = " ".join("".join(run.chars).split())
    if not text or not run.sizes:
        return
    top, height, left, width = frame
    lines.append(
        Line(
            text=text,
            size=statistics.median(run.sizes),
            bold=run.bold * 2 > len(run.sizes),
            top=min(max((top - run.top) / height, 0.0), 1.0),
            page=number,
            left=min(max((run.left - left) / width, 0.0), 1.0),
        )
    )


def _info(document: Any) -> dict[str, str]:
    try:
        raw = document.get_metadata_dict(skip_empty=True)
    except Exception:  # the information dictionary is optional: a broken one is no metadata
        return {}
    return {str(k): _JUNK_CHARS.sub(" ", str(v)).strip() for k, v in raw.items()}
