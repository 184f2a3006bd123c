"""Tiny layout helper shared by the demo-document generator: markup in, deterministic PDF out.

Kept separate from the content so that the content module reads like the documents
themselves.  Only the core Helvetica font is used, so pypdf extracts the text cleanly
and nothing has to be embedded or licensed.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

PRODUCER = "Harrowdene demo document generator (fpdf2)"
AUTHOR = "Harrowdene Borough Council"
FOOTER = "Harrowdene Borough Council"

# Core fonts are latin-1 only; typographic punctuation would otherwise come out as "?".
_REPLACEMENTS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
    }
)


def latin1(text: str) -> str:
    """Map text onto latin-1, failing loudly rather than printing replacement marks."""
    cleaned = text.translate(_REPLACEMENTS)
    cleaned.encode("latin-1")  # raises UnicodeEncodeError on anything we forgot
    return cleaned


@dataclass(frozen=True)
class Doc:
    """One demo document: where it goes, its metadata, and its pages in light markup.

    Markup per page (blocks separated by blank lines): ``# `` title, ``## `` heading,
    ``### `` subheading, lines starting ``- `` are bullets, lines starting ``|`` are a
    table (first row is the header), anything else is a paragraph.
    """

    path: str
    title: str | None
    published: date
    pages: tuple[str, ...]
    sidecar: str | None = None
    subject: str | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)


class _CouncilPdf(FPDF):
    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{FOOTER} - page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _blocks(page: str) -> list[str]:
    return [b.strip("\n") for b in textwrap.dedent(page).strip().split("\n\n") if b.strip()]


def _column_widths(pdf: FPDF, rows: list[list[str]]) -> tuple[float, ...]:
    # Every column is at least as wide as its longest word, so fpdf never breaks a word
    # (a reference split into "HB / C00 / 01" would be unsearchable); spare width goes to
    # the columns whose text would otherwise wrap the most.
    pad = 2 * 1.2 + 1.0
    ncols = len(rows[0])
    floor = [
        max(pdf.get_string_width(w) for r in rows for w in r[i].split() or [""]) + pad
        for i in range(ncols)
    ]
    want = [max(pdf.get_string_width(r[i]) for r in rows) + pad for i in range(ncols)]
    spare = pdf.epw - sum(floor)
    if spare <= 0:
        return tuple(floor)
    wish = [w - f for w, f in zip(want, floor, strict=True)]
    if sum(wish) <= spare:
        return tuple(w * pdf.epw / sum(want) for w in want)
    return tuple(f + spare * x / sum(wish) for f, x in zip(floor, wish, strict=True))


def _table(pdf: FPDF, lines: list[str]) -> None:
    rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in lines]
    ncols = len(rows[0])
    if any(len(r) != ncols for r in rows):
        raise ValueError(f"ragged table starting {rows[0]!r}")
    pdf.set_font("Helvetica", size=9)
    with pdf.table(
        col_widths=_column_widths(pdf, rows), line_height=5, text_align="LEFT", padding=1.2
    ) as table:
        for r in rows:
            row = table.row()
            for c in r:
                row.cell(latin1(c))
    pdf.ln(3)


def _render_block(pdf: FPDF, block: str) -> None:
    lines = block.split("\n")
    if block.startswith("# "):
        pdf.set_font("Helvetica", style="B", size=17)
        pdf.multi_cell(0, 8, latin1(block[2:]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
    elif block.startswith("## "):
        pdf.ln(1)
        pdf.set_font("Helvetica", style="B", size=13)
        pdf.multi_cell(0, 6.5, latin1(block[3:]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)
    elif block.startswith("### "):
        pdf.set_font("Helvetica", style="B", size=11)
        pdf.multi_cell(0, 5.5, latin1(block[4:]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(0.5)
    elif all(ln.startswith("- ") for ln in lines):
        pdf.set_font("Helvetica", size=10.5)
        for ln in lines:
            pdf.set_x(pdf.l_margin + 3)
            pdf.cell(4, 5.3, "-")
            pdf.multi_cell(0, 5.3, latin1(ln[2:]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    elif all(ln.lstrip().startswith("|") for ln in lines):
        _table(pdf, lines)
    else:
        pdf.set_font("Helvetica", size=10.5)
        text = " ".join(ln.strip() for ln in lines)
        pdf.multi_cell(0, 5.3, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2.5)


def _date_line(pdf: FPDF, published: date) -> None:
    # Under the title, as councils print it: the document states its own date, which is
    # where the library reads "Published" from (a PDF's creation date proves nothing).
    pdf.set_font("Helvetica", size=9)
    pdf.set_text_color(70, 70, 70)
    stamp = f"Published {published.day} {published.strftime('%B')} {published.year}"
    pdf.multi_cell(0, 5, stamp, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def render(doc: Doc) -> bytes:
    """Lay out ``doc`` with one markup page per PDF page.

    Raises:
        ValueError: if a markup page overflowed onto a second PDF page, because the
            documented phrase-on-page facts would silently become wrong.
    """
    pdf = _CouncilPdf(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_creation_date(datetime(*doc.published.timetuple()[:3], 9, 30, tzinfo=UTC))
    pdf.set_producer(PRODUCER)
    pdf.set_creator(PRODUCER)
    pdf.set_author(AUTHOR)
    if doc.title is not None:
        pdf.set_title(latin1(doc.title))
    if doc.subject:
        pdf.set_subject(latin1(doc.subject))
    if doc.keywords:
        pdf.set_keywords(latin1(", ".join(doc.keywords)))
    for number, page in enumerate(doc.pages, start=1):
        pdf.add_page()
        for index, block in enumerate(_blocks(page)):
            _render_block(pdf, block)
            if number == 1 and index == 0 and block.startswith("# "):
                _date_line(pdf, doc.published)
        if pdf.page != number:
            raise ValueError(f"{doc.path}: markup page {number} overflowed; shorten it")
    return bytes(pdf.output())
