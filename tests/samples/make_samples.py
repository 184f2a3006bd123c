"""Regenerate the small PDFs in tests/samples/ that unit tests use without the demo corpus.

Run from the repository root::

    .venv/bin/python tests/samples/make_samples.py

Every file is built from text written for this project, so there is nothing to license.
Output is deterministic (fixed creation date, fixed producer, and for the encrypted
files a fixed pseudo-random IV source) so rerunning leaves ``git diff`` clean for a
given fpdf2 version.

What each sample is for, and what pypdf does with it:

three-pages.pdf        3 pages, /Title "Sample Three Pages"; one known sentence per page:
                       p1 "The parish council meets on the first Monday of each month."
                       p2 "Allotment rents rise to forty pounds from April."
                       p3 "Complaints about councillors go to the monitoring officer."
ligatures.pdf          1 page; a word hyphenated across a line break ("infor-" / "mation")
                       and the words "financial officer" (core fonts have no fi/fl glyphs,
                       so this exercises de-hyphenation instead of ligature folding).
encrypted-password.pdf AES-128, user password "secret": cannot be read without it.
encrypted-empty.pdf    AES-128, owner password only, empty user password: opens without
                       a password; contains "rate sheet for hall hire".
corrupt.pdf            three-pages.pdf with its body overwritten and its tail cut off:
                       pypdf raises on open.
not-a-pdf.pdf          plain text with a .pdf name.
empty.pdf              zero bytes.
image-only.pdf         one page of drawn shapes and no text: extraction yields "".
no-title.pdf           1 page, no /Title; first line "Hedge Cutting Schedule 2025".
"""

# A script, not library code: printing progress is its job.
# ruff: noqa: T201

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.encryption import StandardSecurityHandler
from fpdf.enums import EncryptionMethod, XPos, YPos

HERE = Path(__file__).resolve().parent
CREATED = datetime(2025, 1, 6, 9, 0, 0, tzinfo=UTC)

THREE_PAGE_SENTENCES = (
    "The parish council meets on the first Monday of each month.",
    "Allotment rents rise to forty pounds from April.",
    "Complaints about councillors go to the monitoring officer.",
)


def _deterministic_bytes() -> Iterator[int]:
    # fpdf2 draws AES IVs from os.urandom, which would make every run differ.  These
    # files are test fixtures, not secrets, so a hash chain is good enough and keeps
    # the committed bytes stable.
    block = b"harrowdene-test-samples"
    while True:
        block = hashlib.sha256(block).digest()
        yield from block


def _pin_encryption_randomness() -> None:
    stream = _deterministic_bytes()

    def fixed_random_bytes(cls: type[StandardSecurityHandler], size: int) -> bytes:
        return bytes(next(stream) for _ in range(size))

    StandardSecurityHandler.get_random_bytes = classmethod(fixed_random_bytes)  # type: ignore[method-assign,assignment]


def new_pdf(title: str | None) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATED)
    pdf.set_producer("Harrowdene test sample generator (fpdf2)")
    if title is not None:
        pdf.set_title(title)
    pdf.set_auto_page_break(auto=False)
    pdf.set_font("Helvetica", size=12)
    return pdf


def line(pdf: FPDF, text: str, *, size: int = 12, style: str = "") -> None:
    # One cell per line so that line breaks (and the hyphen in ligatures.pdf) sit exactly
    # where the test expects them rather than where multi_cell decides to wrap.
    pdf.set_font("Helvetica", style=style, size=size)
    pdf.cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def three_pages() -> bytes:
    pdf = new_pdf("Sample Three Pages")
    for number, sentence in enumerate(THREE_PAGE_SENTENCES, start=1):
        pdf.add_page()
        line(pdf, f"Sample page {number}", size=16, style="B")
        line(pdf, sentence)
    return bytes(pdf.output())


def ligatures() -> bytes:
    pdf = new_pdf("Hyphenation Sample")
    pdf.add_page()
    line(pdf, "Spending Transparency Note", size=16, style="B")
    line(pdf, "The chief financial officer publishes infor-")
    line(pdf, "mation about every payment over five hundred pounds.")
    line(pdf, "Questions go to the financial officer at the town hall.")
    return bytes(pdf.output())


def encrypted(*, user_password: str, sentence: str, title: str) -> bytes:
    pdf = new_pdf(title)
    pdf.set_encryption(
        owner_password="harrowdene-owner",
        user_password=user_password,
        encryption_method=EncryptionMethod.AES_128,
    )
    pdf.add_page()
    line(pdf, title, size=16, style="B")
    line(pdf, sentence)
    return bytes(pdf.output())


def corrupt(valid: bytes) -> bytes:
    # Keep the %PDF header so it still looks like a PDF to a file sniffer, wipe the
    # objects and drop the xref/trailer so there is nothing left to recover.
    head = valid[:16]
    junk = b"\x00garbled-bytes\xff" * 40
    return head + junk + valid[len(head) + len(junk) : len(valid) // 2]


def image_only() -> bytes:
    pdf = new_pdf(None)
    pdf.add_page()
    pdf.set_fill_color(30, 90, 160)
    pdf.rect(20, 20, 80, 50, style="F")
    pdf.set_fill_color(220, 160, 30)
    pdf.ellipse(110, 30, 60, 40, style="F")
    pdf.set_draw_color(0, 0, 0)
    pdf.line(20, 100, 190, 100)
    return bytes(pdf.output())


def no_title() -> bytes:
    pdf = new_pdf(None)
    pdf.add_page()
    line(pdf, "Hedge Cutting Schedule 2025", size=16, style="B")
    line(pdf, "Verges and hedges on council land are cut between September and February,")
    line(pdf, "outside the bird nesting season. Parkside ward is cut in October.")
    return bytes(pdf.output())


def main() -> None:
    _pin_encryption_randomness()
    valid = three_pages()
    outputs: dict[str, bytes] = {
        "three-pages.pdf": valid,
        "ligatures.pdf": ligatures(),
        "encrypted-password.pdf": encrypted(
            user_password="secret",
            sentence="Confidential draft of the allotment tenancy agreement.",
            title="Encrypted Sample",
        ),
        "encrypted-empty.pdf": encrypted(
            user_password="",
            sentence="This is the rate sheet for hall hire in 2025.",
            title="Hall Hire Rates",
        ),
        "corrupt.pdf": corrupt(valid),
        "not-a-pdf.pdf": b"This is a plain text file that only pretends to be a PDF.\n",
        "empty.pdf": b"",
        "image-only.pdf": image_only(),
        "no-title.pdf": no_title(),
    }
    for name, data in outputs.items():
        (HERE / name).write_bytes(data)
        print(f"wrote tests/samples/{name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
