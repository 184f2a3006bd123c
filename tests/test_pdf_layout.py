"""PDFium reading: page texts, layout lines with size and weight, and failures as reasons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fpdf import FPDF
from pdfs import write_pdf

from library.dates import parse_pdf_date, published_date
from library.errors import EncryptedPdfError, ExtractionError
from library.indexing.pdf_layout import read_pdf
from library.indexing.titles import choose_title

Styled = tuple[str, float, bool]  # text, size in points, bold


def layout_pdf(
    target: Path,
    pages: list[list[Styled]],
    *,
    title: str | None = None,
    created: dt.datetime | None = None,
    header: str | None = None,
) -> Path:
    """A PDF whose pages hold the given lines in the given sizes, top to bottom, with an
    optional running header on every page and /Title and creation date in its metadata."""
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if created:
        pdf.set_creation_date(created)
    for lines in pages:
        pdf.add_page()
        if header:
            pdf.set_font("Helvetica", size=9)
            pdf.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(8)
        for text, size, bold in lines:
            pdf.set_font("Helvetica", style="B" if bold else "", size=size)
            pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(target))
    return target


BODY = "The council meets monthly in the village hall and publishes its papers online."


def test_page_texts_come_page_by_page(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "three.pdf", ["alpha page", "bravo page", "charlie page"])
    read = read_pdf(path)
    assert read.page_count == 3
    assert [" ".join(p.split()) for p in read.pages] == ["alpha page", "bravo page", "charlie page"]


def test_lines_carry_size_weight_and_place(tmp_path: Path) -> None:
    path = layout_pdf(tmp_path / "styled.pdf", [[("Standing Orders", 24, True), (BODY, 11, False)]])
    lines = [ln for ln in read_pdf(path).lines if ln.page == 1]
    heading = next(ln for ln in lines if ln.text == "Standing Orders")
    body = next(ln for ln in lines if ln.text.startswith("The council"))
    assert heading.size == pytest.approx(24, abs=0.5)
    assert heading.bold
    assert body.size == pytest.approx(11, abs=0.5)
    assert not body.bold
    assert 0 <= heading.top < body.top < 1


def test_only_the_first_pages_are_laid_out(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "five.pdf", [f"page {n}" for n in range(1, 6)])
    read = read_pdf(path, layout_pages=2)
    assert {ln.page for ln in read.lines} == {1, 2}
    assert read.page_count == 5


def test_the_information_dictionary_is_read(tmp_path: Path) -> None:
    created = dt.datetime(2016, 7, 28, 15, 47, tzinfo=dt.UTC)
    path = layout_pdf(
        tmp_path / "meta.pdf", [[("Minutes", 20, True)]], title="10811.exe", created=created
    )
    info = read_pdf(path).info
    assert info["Title"] == "10811.exe"
    parsed = parse_pdf_date(info["CreationDate"])
    assert parsed is not None
    assert parsed.date() == dt.date(2016, 7, 28)


def test_a_file_that_is_not_a_pdf_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a PDF at all\n" * 20)
    with pytest.raises(ExtractionError) as caught:
        read_pdf(path)
    assert caught.value.reason == "corrupt"


def test_too_many_pages_is_too_large(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "long.pdf", ["a page"] * 4)
    with pytest.raises(ExtractionError) as caught:
        read_pdf(path, max_pages=3)
    assert caught.value.reason == "too-large"


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError) as caught:
        read_pdf(tmp_path / "gone.pdf")
    assert caught.value.reason == "unreadable"


def test_a_password_protected_pdf_is_encrypted(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(tmp_path / "plain.pdf", ["secret minutes"])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="foo", owner_password="bar", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(EncryptedPdfError) as caught:
        read_pdf(locked)
    assert caught.value.reason == "encrypted"


def test_a_pdf_that_opens_with_the_empty_password_is_read(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(tmp_path / "plain.pdf", ["open to all"])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    opened = tmp_path / "owner-only.pdf"
    with opened.open("wb") as fh:
        writer.write(fh)
    assert "open to all" in read_pdf(opened).pages[0]


# From a real PDF to a title and a date, the way the integrator will wire it.


def test_a_title_over_two_lines_is_read_as_one(tmp_path: Path) -> None:
    path = layout_pdf(
        tmp_path / "cr.pdf",
        [[("Charging and Remissions", 20, True), ("Policy", 20, True), (BODY, 11, False)]],
    )
    read = read_pdf(path)
    title = choose_title(read.lines, page_texts=read.pages)
    assert title is not None
    assert title.text == "Charging and Remissions Policy"


def test_the_authority_name_above_the_title_is_read_past(tmp_path: Path) -> None:
    path = layout_pdf(
        tmp_path / "so.pdf",
        [
            [
                ("NEW BRADWELL PARISH COUNCIL", 22, True),
                ("Standing Orders", 18, True),
                (BODY, 11, False),
            ]
        ],
    )
    read = read_pdf(path)
    title = choose_title(read.lines, page_texts=read.pages)
    assert title is not None
    assert title.text == "Standing Orders"


def test_a_running_header_is_not_the_title(tmp_path: Path) -> None:
    pages = [[("Treasury Management Strategy", 18, True), (BODY, 11, False)]]
    pages += [[(BODY, 11, False)] for _ in range(3)]
    path = layout_pdf(tmp_path / "tms.pdf", pages, header="Kent County Council Appendix M")
    read = read_pdf(path)
    title = choose_title(read.lines, page_texts=read.pages)
    assert title is not None
    assert title.text == "Treasury Management Strategy"


def test_a_junk_pdf_title_gives_way_to_the_page(tmp_path: Path) -> None:
    path = layout_pdf(
        tmp_path / "t.pdf",
        [[("Pay Policy Statement 2025-26", 18, True), (BODY, 11, False)]],
        title="Microsoft Word - RiskTriggersReport361",
    )
    read = read_pdf(path)
    title = choose_title(read.lines, pdf_title=read.info.get("Title"), page_texts=read.pages)
    assert title is not None
    assert (title.text, title.source) == ("Pay Policy Statement 2025-26", "layout")


def test_an_implausible_creation_date_is_not_the_published_date(tmp_path: Path) -> None:
    text = "MINUTES of a meeting of the County Council held on Thursday, 13 February 2025."
    path = layout_pdf(
        tmp_path / "m.pdf",
        [[("COUNTY COUNCIL", 14, True), (text, 11, False)]],
        created=dt.datetime(2016, 7, 28, tzinfo=dt.UTC),
    )
    read = read_pdf(path)
    created = parse_pdf_date(read.info["CreationDate"])
    stated = published_date(read.pages, metadata_dates=[created], today=dt.date(2025, 6, 1))
    assert stated is not None
    assert stated.label == "Meeting held 13 February 2025"
    undated = write_pdf(tmp_path / "u.pdf", ["The minutes of 2025 are kept by the clerk."])
    undated_read = read_pdf(undated)
    assert published_date(undated_read.pages, metadata_dates=[created]) is None
