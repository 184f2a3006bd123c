"""Lay the shared corpus's real PDFs out as a drop folder and index it, for the benchmarks.

The class of each document (its folder) is guessed from its file name, the way a librarian
would file it; the files are copied into a temporary folder, never into the repository.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from library.config import Settings
from library.indexing import sync

REPO = Path(__file__).resolve().parents[2]

logger = logging.getLogger(__name__)

# First matching word in the file name decides the class.
_CLASS_WORDS = (
    ("minutes", "decisions"),
    ("agenda", "decisions"),
    ("questions-and-answers", "decisions"),
    ("consultation", "decisions"),
    ("eqia", "decisions"),
    ("road-closure", "decisions"),
    ("budget", "what-we-spend"),
    ("precept", "what-we-spend"),
    ("financial-summary", "what-we-spend"),
    ("expenditures", "what-we-spend"),
    ("treasury", "what-we-spend"),
    ("investment", "what-we-spend"),
    ("reserves", "what-we-spend"),
    ("pay-policy", "what-we-spend"),
    ("agar", "what-we-spend"),
    ("premium", "what-we-spend"),
    ("section-25", "what-we-spend"),
    ("register", "lists-and-registers"),
    ("meeting-dates", "lists-and-registers"),
    ("warn-report", "lists-and-registers"),
    ("precinct", "lists-and-registers"),
    ("performance", "priorities-and-performance"),
    ("plan", "priorities-and-performance"),
    ("strategy", "priorities-and-performance"),
    ("covenant", "priorities-and-performance"),
    ("objectives", "priorities-and-performance"),
    ("research", "priorities-and-performance"),
    ("summary", "priorities-and-performance"),
    ("send-information", "services"),
    ("privacy-notice", "services"),
    ("accessibility-statement", "services"),
    ("vacancy", "services"),
    ("federal-register", "services"),
    ("transcript", "services"),
    ("powers", "who-we-are"),
    ("terms-of-reference", "who-we-are"),
    ("standing-orders", "who-we-are"),
    ("publication-scheme", "who-we-are"),
)


def corpus_dir() -> Path:
    return Path(os.environ.get("LIBRARY_TEST_CORPUS", REPO.parent / "shared" / "corpus"))


def class_for(name: str) -> str:
    for word, slug in _CLASS_WORDS:
        if word in name:
            return slug
    return "policies-and-procedures"


def lay_out(documents: Path, source: Path | None = None) -> dict[str, str]:
    """Copy `real/*.pdf` into `documents/<class>/`; returns file name → relative path."""
    source = source or corpus_dir() / "real"
    placed: dict[str, str] = {}
    for pdf in sorted(source.glob("*.pdf")):
        slug = class_for(pdf.name)
        (documents / slug).mkdir(parents=True, exist_ok=True)
        shutil.copy2(pdf, documents / slug / pdf.name)
        placed[pdf.name] = f"{slug}/{pdf.name}"
    return placed


def build(root: Path) -> tuple[Settings, dict[str, str]]:
    """A drop folder and a fresh index of the real corpus under `root`."""
    documents = root / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    placed = lay_out(documents)
    settings = Settings(documents_dir=documents, index_dir=root / "index", jobs=2)
    report = sync(settings)
    logger.info("indexed %s documents, %s pages", report.added, report.pages)
    return settings, placed
