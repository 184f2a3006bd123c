"""Generate the demo publication scheme for the fictional Harrowdene Borough Council.

Run from the repository root::

    .venv/bin/python scripts/make_demo_documents.py

Writes 23 PDFs (plus TOML sidecars) into documents/, then reads every one back with
pypdf and checks the facts below, so a content edit that moves a phrase to another page
fails here rather than in the test suite.  All text is our own (scripts/_demo_content.py);
only the core Helvetica font is used.  Output is deterministic for a given fpdf2 version:
fixed creation dates, fixed producer, no randomness, so a rerun leaves ``git diff`` clean.

Facts tests may rely on: PAGE_FACTS below, as (path under documents/, 1-based page,
phrase).  Each phrase appears on that page and on no other page of any demo document
(matching ignores case and line breaks):

  complaints-procedure.pdf (policies-and-procedures/)
      p3 "Local Government and Social Care Ombudsman"; the word "Ombudsman" is only on p3
      p5 "unreasonably persistent complainants"
  pay-policy-statement-2025-26.pdf (what-we-spend/)   p2 "returning officer fees", "£178,450"
  statement-of-accounts-2024-25.pdf (what-we-spend/)  p3 "net pensions liability"
  budget-2025-26.pdf (what-we-spend/)                 p3 "Thornbury Leisure Centre refurbishment"
  annual-report-2024-25.pdf (priorities-and-performance/)
      p4 "Millbrook Household Waste Recycling Centre"
  cabinet-minutes-2024-09-18.pdf (decisions/)         p2 "Oakfield Road regeneration"
  planning-committee-minutes-2025-01-22.pdf (decisions/) p2 "Harrowdene Civic Society"
  register-of-members-interests.pdf (lists-and-registers/) p2 "Greystones Allotment Society"
  send-local-offer.pdf (services/)    p3 "Education, Health and Care needs assessment"
  tree-preservation-orders-guidance.pdf (top level)   p2 "section 211 notice"

Other fixtures:

  Not public: who-we-are/draft-restructuring-proposal.pdf (sidecar public = false). Its
    secret word "zephyrine" (as in "zephyrine restructuring") occurs in no other document
    and must never be findable.
  Unclassified: tree-preservation-orders-guidance.pdf, at the top level of documents/.
  No /Title metadata: who-we-are/councillors-and-wards.pdf ("Councillors and Wards"),
    decisions/planning-committee-minutes-2025-01-22.pdf ("Planning Committee Minutes -
    22 January 2025"), lists-and-registers/asset-register-2025.pdf ("Land and Property
    Asset Register 2025"); in each the first line of page 1 is that heading.
  Sidecars (NAME.pdf.toml): budget-2025-26 (title differs from the PDF /Title "Budget
    2025-26"), corporate-plan-2025-2029, data-protection-policy, send-local-offer,
    draft-restructuring-proposal, and the two disclosure-log entries under
    lists-and-registers/disclosure-log/ (reference, request_date, response_date, title,
    summary).
"""

# A script, not library code: printing progress is its job.
# ruff: noqa: T201

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pypdf

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _demo_content import ALL_DOCUMENTS
from _pdfkit import Doc, render

from library.classes import CLASSES

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "documents"

CLASS_SLUGS = frozenset(c.slug for c in CLASSES)
SIDECAR_KEYS = frozenset(
    {
        "title",
        "summary",
        "published",
        "keywords",
        "class",
        "public",
        "reference",
        "request_date",
        "response_date",
    }
)

# (path, 1-based page, phrase): kept in step with the module docstring above.
PAGE_FACTS: tuple[tuple[str, int, str], ...] = (
    (
        "policies-and-procedures/complaints-procedure.pdf",
        3,
        "Local Government and Social Care Ombudsman",
    ),
    ("policies-and-procedures/complaints-procedure.pdf", 3, "Ombudsman"),
    ("policies-and-procedures/complaints-procedure.pdf", 5, "unreasonably persistent complainants"),
    ("what-we-spend/pay-policy-statement-2025-26.pdf", 2, "returning officer fees"),
    ("what-we-spend/pay-policy-statement-2025-26.pdf", 2, "£178,450"),
    ("what-we-spend/statement-of-accounts-2024-25.pdf", 3, "net pensions liability"),
    ("what-we-spend/budget-2025-26.pdf", 3, "Thornbury Leisure Centre refurbishment"),
    (
        "priorities-and-performance/annual-report-2024-25.pdf",
        4,
        "Millbrook Household Waste Recycling Centre",
    ),
    ("decisions/cabinet-minutes-2024-09-18.pdf", 2, "Oakfield Road regeneration"),
    ("decisions/planning-committee-minutes-2025-01-22.pdf", 2, "Harrowdene Civic Society"),
    ("lists-and-registers/register-of-members-interests.pdf", 2, "Greystones Allotment Society"),
    ("services/send-local-offer.pdf", 3, "Education, Health and Care needs assessment"),
    ("tree-preservation-orders-guidance.pdf", 2, "section 211 notice"),
)
SECRET_DOCUMENT = "who-we-are/draft-restructuring-proposal.pdf"
SECRET_WORD = "zephyrine"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def write_all(documents_dir: Path) -> list[Path]:
    """Render every demo document (and its sidecar) under ``documents_dir``."""
    written: list[Path] = []
    for doc in ALL_DOCUMENTS:
        target = documents_dir / doc.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render(doc))
        written.append(target)
        if doc.sidecar is not None:
            sidecar = target.with_name(target.name + ".toml")
            sidecar.write_text(doc.sidecar, encoding="utf-8")
            written.append(sidecar)
    return written


def _check_sidecar(doc: Doc, documents_dir: Path) -> None:
    if doc.sidecar is None:
        return
    data = tomllib.loads(doc.sidecar)
    unknown = set(data) - SIDECAR_KEYS
    if unknown:
        raise AssertionError(f"{doc.path}: unexpected sidecar keys {sorted(unknown)}")
    if "class" in data and data["class"] not in CLASS_SLUGS:
        raise AssertionError(f"{doc.path}: unknown class {data['class']!r}")
    on_disk = (documents_dir / (doc.path + ".toml")).read_text(encoding="utf-8")
    if tomllib.loads(on_disk) != data:
        raise AssertionError(f"{doc.path}: sidecar on disk differs from source")


def verify(documents_dir: Path) -> None:
    """Read the generated PDFs back with pypdf and check every documented fact.

    Raises:
        AssertionError: describing the first fact that does not hold.
    """
    pages: dict[str, list[str]] = {}
    for doc in ALL_DOCUMENTS:
        reader = pypdf.PdfReader(documents_dir / doc.path)
        if len(reader.pages) != len(doc.pages):
            raise AssertionError(
                f"{doc.path}: {len(reader.pages)} pages, expected {len(doc.pages)}"
            )
        title = reader.metadata.title if reader.metadata else None
        if title != doc.title:
            raise AssertionError(f"{doc.path}: /Title {title!r}, expected {doc.title!r}")
        pages[doc.path] = [_normalise(p.extract_text()) for p in reader.pages]
        _check_sidecar(doc, documents_dir)
        top_level = doc.path.split("/", 1)[0]
        if "/" in doc.path and top_level not in CLASS_SLUGS:
            raise AssertionError(f"{doc.path}: not in a class folder")

    for path, page_no, phrase in PAGE_FACTS:
        needle = _normalise(phrase)
        found = [
            (p, i) for p, texts in pages.items() for i, t in enumerate(texts, 1) if needle in t
        ]
        if found != [(path, page_no)]:
            raise AssertionError(f"{phrase!r}: expected only {path} p{page_no}, found {found}")

    for path, texts in pages.items():
        has_secret = any(SECRET_WORD in t for t in texts)
        if has_secret != (path == SECRET_DOCUMENT):
            raise AssertionError(f"secret word placement wrong in {path}")
    secret_sidecar = tomllib.loads(
        (documents_dir / (SECRET_DOCUMENT + ".toml")).read_text(encoding="utf-8")
    )
    if secret_sidecar.get("public") is not False:
        raise AssertionError("the restricted draft must have public = false")


def main() -> None:
    written = write_all(DOCUMENTS)
    verify(DOCUMENTS)
    pdfs = [p for p in written if p.suffix == ".pdf"]
    for path in written:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    print(f"{len(pdfs)} PDFs and {len(written) - len(pdfs)} sidecars; all facts verified")


if __name__ == "__main__":
    main()
