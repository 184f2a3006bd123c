"""Extraction: text page by page, normalised for search; every failure has a reason code."""

from __future__ import annotations

from pathlib import Path

import pytest

from library.errors import ExtractionError
from library.indexing.extract import extract_pdf, first_heading, normalise_text, readable_name

SAMPLES = Path(__file__).resolve().parent / "samples"


def test_pages_come_back_in_order_with_their_text() -> None:
    pdf = extract_pdf(SAMPLES / "three-pages.pdf")
    assert pdf.page_count == 3
    assert "first Monday of each month" in pdf.pages[0]
    assert "forty pounds" in pdf.pages[1]
    assert "monitoring officer" in pdf.pages[2]
    assert pdf.pdf_title == "Sample Three Pages"


def test_words_broken_across_lines_are_joined() -> None:
    text = " ".join(extract_pdf(SAMPLES / "ligatures.pdf").pages)
    assert "information" in text
    assert "infor- mation" not in text and "infor-mation" not in text


def test_normalise_folds_ligatures_hyphenation_and_space() -> None:
    assert normalise_text("ﬁnancial  ofﬁcer\nﬂoor") == "financial officer floor"
    assert normalise_text("infor-\nmation") == "information"
    assert normalise_text("well-\nKnown") == "well- Known"  # a capital means a real hyphen
    assert normalise_text("soft\u00adhyphen") == "softhyphen"


def test_empty_password_pdfs_are_opened() -> None:
    pdf = extract_pdf(SAMPLES / "encrypted-empty.pdf")
    assert "rate sheet for hall hire" in pdf.pages[0]


@pytest.mark.parametrize(
    ("sample", "reason"),
    [
        ("encrypted-password.pdf", "encrypted"),
        ("corrupt.pdf", "corrupt"),
        ("not-a-pdf.pdf", "not-pdf"),
        ("empty.pdf", "not-pdf"),
        ("image-only.pdf", "no-text"),
    ],
)
def test_failures_have_a_reason_and_a_sentence(sample: str, reason: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(SAMPLES / sample)
    assert caught.value.reason == reason
    assert len(caught.value.detail) > 10


def test_page_limit_is_too_large() -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(SAMPLES / "three-pages.pdf", max_pages=2)
    assert caught.value.reason == "too-large"


def test_title_fallbacks() -> None:
    assert extract_pdf(SAMPLES / "no-title.pdf").first_heading == "Hedge Cutting Schedule 2025"
    assert first_heading("Page 1 of 4\n\n12\nAnnual Governance Statement\n") == (
        "Annual Governance Statement"
    )
    assert readable_name(Path("annual-report_2024.pdf")) == "Annual report 2024"
