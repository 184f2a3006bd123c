"""A document described end to end: the indexer reads the title, the date and the kind from
the document's own pages, the sidecar still wins, and a moved or re-described file keeps its
description without being read again."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from test_pdf_layout import BODY, layout_pdf

from library.config import Settings
from library.indexing import indexer
from library.librarian import read_status
from library.models import Document
from library.search import ReaderPool


def documents(settings: Settings) -> dict[str, Document]:
    pool = ReaderPool(settings.index_dir)
    try:
        with pool.catalog() as catalog:
            return {d.path: d for d in catalog.all_documents()}
    finally:
        pool.close()


def pay_policy(target: Path) -> Path:
    return layout_pdf(
        target,
        [
            [
                ("HARROWDENE BOROUGH COUNCIL", 12, True),
                ("PAY POLICY STATEMENT 2025-26 FOR SEND AND FOI STAFF", 20, True),
                ("Adopted by Full Council on 26 February 2025.", 10, False),
                (BODY, 10, False),
            ],
            [(BODY, 10, False), ("Next review: February 2026.", 10, False)],
        ],
        title="Microsoft Word - paypol_v3_final.docx",
        created=dt.datetime(2016, 7, 28, tzinfo=dt.UTC),
    )


def test_the_indexer_describes_a_document_from_its_pages(settings: Settings) -> None:
    pay_policy(settings.documents_dir / "what-we-spend" / "document-011.pdf")
    indexer.sync(settings)
    doc = documents(settings)["what-we-spend/document-011.pdf"]
    # The authority's name above is read past, capitals become title case, acronyms stay.
    assert doc.title == "Pay Policy Statement 2025-26 for SEND and FOI Staff"
    # The stated adoption, not the 2016 creation date nor the review date.
    assert doc.published == dt.date(2025, 2, 26)
    assert doc.date_label == "Adopted 26 February 2025"
    assert doc.year == 2025
    assert doc.doc_type == "statement"
    assert doc.review_by is not None and doc.review_by.year == 2026


def test_no_date_is_better_than_a_wrong_one(settings: Settings) -> None:
    layout_pdf(
        settings.documents_dir / "services" / "scan0003.pdf",
        [[("Bulky Waste Collection", 18, True), (BODY, 10, False)]],
        created=dt.datetime(2016, 7, 28, tzinfo=dt.UTC),
    )
    indexer.sync(settings)
    doc = documents(settings)["services/scan0003.pdf"]
    assert doc.title == "Bulky Waste Collection"
    assert doc.published is None and doc.date_label == ""


def test_the_sidecar_wins_and_its_removal_brings_the_documents_own_back(
    settings: Settings,
) -> None:
    pdf = pay_policy(settings.documents_dir / "what-we-spend" / "pay.pdf")
    sidecar = pdf.with_name("pay.pdf.toml")
    sidecar.write_text('title = "Pay policy"\npublished = 2025-03-01\ntype = "policy"\n')
    indexer.sync(settings)
    doc = documents(settings)["what-we-spend/pay.pdf"]
    assert (doc.title, doc.published, doc.doc_type) == (
        "Pay policy",
        dt.date(2025, 3, 1),
        "policy",
    )
    assert doc.date_label == "Published 1 March 2025"
    sidecar.unlink()
    report = indexer.sync(settings)
    # A sidecar-only change reuses the stored text and description: nothing re-extracted.
    assert report.updated == 1
    doc = documents(settings)["what-we-spend/pay.pdf"]
    assert doc.title == "Pay Policy Statement 2025-26 for SEND and FOI Staff"
    assert doc.date_label == "Adopted 26 February 2025"


def test_a_moved_document_keeps_its_description(settings: Settings) -> None:
    pay_policy(settings.documents_dir / "what-we-spend" / "pay.pdf")
    indexer.sync(settings)
    (settings.documents_dir / "policies-and-procedures").mkdir()
    shutil.move(
        settings.documents_dir / "what-we-spend" / "pay.pdf",
        settings.documents_dir / "policies-and-procedures" / "pay.pdf",
    )
    report = indexer.sync(settings)
    assert report.moved == 1
    doc = documents(settings)["policies-and-procedures/pay.pdf"]
    assert doc.title == "Pay Policy Statement 2025-26 for SEND and FOI Staff"
    assert doc.date_label == "Adopted 26 February 2025"


def test_a_stated_review_date_that_has_passed_is_on_the_librarians_list(
    settings: Settings,
) -> None:
    pay_policy(settings.documents_dir / "what-we-spend" / "pay.pdf")
    indexer.sync(settings)
    pool = ReaderPool(settings.index_dir)
    try:
        with pool.catalog() as catalog:
            status = read_status(catalog, today=dt.date(2026, 6, 1))
    finally:
        pool.close()
    assert [r["path"] for r in status.review_due] == ["what-we-spend/pay.pdf"]
