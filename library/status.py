"""What the librarian needs to know about the index: counts, freshness, and every problem."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from whoosh.searching import Searcher

from library.classes import CLASSES, UNCLASSIFIED
from library.models import Problem
from library.schema import KIND_DOC, KIND_PRIVATE, KIND_PROBLEM


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
        }


def read_status(searcher: Searcher, last_changed: dt.datetime | None = None) -> Status:
    """Counts per class (all seven always listed, so an empty class shows as 0), problems
    sorted by path, and when the index last changed."""
    status = Status(
        classes={c.slug: 0 for c in (*CLASSES, UNCLASSIFIED)},
        class_pages={c.slug: 0 for c in (*CLASSES, UNCLASSIFIED)},
    )
    for fields in searcher.all_stored_fields():
        kind = fields.get("kind")
        if kind not in (KIND_DOC, KIND_PROBLEM, KIND_PRIVATE):
            continue
        path = fields["path"]
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
    status.problems.sort(key=lambda p: p.path)
    status.unclassified.sort()
    status.last_changed = last_changed
    return status
