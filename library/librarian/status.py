"""What the librarian needs to know about the index: counts, freshness, and every problem."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from library.classes import CLASSES, UNCLASSIFIED
from library.librarian.classify import Suggestion, suggest_classes
from library.models import Problem
from library.schema import KIND_PRIVATE, KIND_PROBLEM
from library.search import Catalog

# What a librarian can do about each reason a file was not indexed.
ADVICE = {
    "not-pdf": "Not a PDF: save or export it as PDF, or remove it from the folder.",
    "corrupt": "The file is damaged: re-export or re-scan it from the original and replace it.",
    "encrypted": "Password protected: save an unprotected copy (publication needs none).",
    "no-text": (
        "Scanned images without text: run OCR (the Run OCR button, or `library ocr`), or "
        "publish a text version."
    ),
    "too-large": "Too large to index: split it, or raise max_file_mb / max_pages.",
    "timeout": "Took too long to read: re-export it (print to PDF) and replace it.",
    "unreadable": "The server cannot read it: check the file's permissions.",
    "ocr-failed": "OCR could not read it: re-scan at a higher resolution or publish as text.",
    "bad-sidecar": "Fix the .toml file beside it (see the detail); the PDF is indexed meanwhile.",
    "unsupported-format": "The library cannot read this format: save as .docx, .xlsx or PDF.",
    "zip-bomb": "Its compressed parts expand to far more than any real document: replace it.",
    "hostile-xml": "Its XML declares entities or a DTD (an attack pattern): re-save it in Office.",
    "bad-encoding": "Text in an unknown encoding: save it as UTF-8 (CSV UTF-8 in Excel).",
    "not-text": "Not text despite its name (binary data): export the real file and replace it.",
    "empty": "The file holds nothing to index: replace it with the finished document.",
}


def advice_for(reason: str) -> str:
    """One sentence on what to do about a problem with this reason code."""
    return ADVICE.get(reason, "Check the file and replace it with a readable PDF.")


@dataclass
class Status:
    documents: int = 0
    pages: int = 0
    classes: dict[str, int] = field(default_factory=dict)
    class_pages: dict[str, int] = field(default_factory=dict)
    private: int = 0
    last_changed: dt.datetime | None = None
    problems: list[Problem] = field(default_factory=list)
    unclassified: list[str] = field(default_factory=list)
    sidecar_problems: list[Problem] = field(default_factory=list)
    suggestions: dict[str, Suggestion] = field(default_factory=dict)
    duplicates: list[list[str]] = field(default_factory=list)
    review_due: list[dict[str, str]] = field(default_factory=list)
    # Semantic search: whether searches use meaning as well as words, the model, why not,
    # and how many public documents have passage vectors.
    semantic: bool = False
    semantic_model: str = ""
    semantic_reason: str = ""
    semantic_documents: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "pages": self.pages,
            "classes": self.classes,
            "class_pages": self.class_pages,
            "private": self.private,
            "last_changed": self.last_changed.isoformat() if self.last_changed else None,
            "problems": [p.to_dict() for p in self.problems],
            "unclassified": self.unclassified,
            "sidecar_problems": [p.to_dict() for p in self.sidecar_problems],
            "advice": {p.reason: advice_for(p.reason) for p in self.all_problems()},
            "suggestions": {path: s.to_dict() for path, s in self.suggestions.items()},
            "duplicates": self.duplicates,
            "review_due": self.review_due,
            "semantic": {
                "on": self.semantic,
                "model": self.semantic_model,
                "reason": self.semantic_reason,
                "documents": self.semantic_documents,
            },
        }

    def all_problems(self) -> list[Problem]:
        return [*self.problems, *self.sidecar_problems]


def read_status(
    catalog: Catalog,
    last_changed: dt.datetime | None = None,
    *,
    today: dt.date | None = None,
    suggest: bool = True,
) -> Status:
    """Counts per class (all seven always listed, so an empty class shows as 0), problems
    sorted by path, and when the index last changed; files with the same content under two
    paths, documents past their sidecar's `review_by` date (on `today`), and a suggested class
    for each unclassified document (unless `suggest` is false)."""
    today = today or dt.date.today()
    by_sha: dict[str, list[str]] = {}
    status = Status(
        classes={c.slug: 0 for c in (*CLASSES, UNCLASSIFIED)},
        class_pages={c.slug: 0 for c in (*CLASSES, UNCLASSIFIED)},
    )
    for fields in catalog.stored_files():
        kind = fields.get("kind")
        path = fields["path"]
        if fields.get("sha256"):
            by_sha.setdefault(fields["sha256"], []).append(path)
        if kind == KIND_PROBLEM:
            status.problems.append(Problem(path, fields["reason"], fields["detail"]))
        elif kind == KIND_PRIVATE:
            status.private += 1
        else:
            slug = fields.get("pub_class", UNCLASSIFIED.slug)
            pages = int(fields.get("page_count") or 0)
            status.documents += 1
            status.pages += pages
            status.classes[slug] = status.classes.get(slug, 0) + 1
            status.class_pages[slug] = status.class_pages.get(slug, 0) + pages
            if slug == UNCLASSIFIED.slug:
                status.unclassified.append(path)
            if fields.get("sidecar_problem"):
                status.sidecar_problems.append(
                    Problem(path, "bad-sidecar", fields["sidecar_problem"])
                )
            review = _review_date(fields)
            if review is not None and review < today:
                status.review_due.append(
                    {"path": path, "review_by": review.isoformat(), "title": fields["title"]}
                )
    status.problems.sort(key=lambda p: p.path)
    status.unclassified.sort()
    status.last_changed = last_changed
    status.duplicates = sorted(sorted(paths) for paths in by_sha.values() if len(paths) > 1)
    status.review_due.sort(key=lambda r: (r["review_by"], r["path"]))
    state = catalog.semantic_state()
    status.semantic, status.semantic_model, status.semantic_reason = (
        state.on,
        state.model,
        state.reason,
    )
    status.semantic_documents = catalog.documents_with_vectors()
    if suggest and status.unclassified:
        status.suggestions = suggest_classes(catalog, status.unclassified)
    return status


def _review_date(fields: dict[str, Any]) -> dt.date | None:
    # The sidecar's `review_by`, else the one the document states ("Next review: ..."): the
    # record's `review_by` holds whichever wins; older records only have the sidecar's.
    raw = str(fields.get("review_by") or (fields.get("extra") or {}).get("review_by") or "")
    try:
        return dt.date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        return None
