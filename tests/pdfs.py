"""Writing small real PDFs for tests (fpdf2, core fonts), so every test makes them one way."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF


def write_pdf(
    target: Path, pages: list[str], *, title: str | None = None, width_mm: float | None = None
) -> Path:
    """Write a PDF with one page per text (and `title` in its metadata) to `target`, making
    its folder. The core fonts only cover Latin-1, so other characters become "?".
    `width_mm` makes the pages that wide (A4 height), so a long unbroken string (a URL)
    stays on one line of the text layer."""
    pdf = FPDF(format=(width_mm, 297)) if width_mm else FPDF()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text.encode("latin-1", "replace").decode("latin-1"))
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(target))
    return target


def write_scanned_pdf(target: Path, lines: list[str]) -> Path:
    """Write a one-page PDF whose only content is a picture of `lines` (as a scanner makes
    it): no text layer, so only OCR can read the words."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 2200), 255)  # A4-ish at 200 dpi
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=64)
    for n, line in enumerate(lines):
        draw.text((150, 200 + n * 110), line, fill=0, font=font)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210, h=297)
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(target))
    return target
