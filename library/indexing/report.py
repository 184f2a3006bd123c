"""What one indexing run changed: counts, problems, and one typed `Change` per file.

The changes are data (kind, path, pages, seconds, reason); the CLI and the watcher's log
turn them into words where they show them, so no caller ever parses a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from library.models import Problem

# What happened to one file (or, for KEPT, to the whole folder).
INDEXED = "indexed"  # searchable now (new, changed, moved or copied)
PRIVATE = "private"  # recorded without text: its sidecar says `public = false`
FAILED = "failed"  # recorded as a problem, with `reason`
REMOVED = "removed"  # gone from the folder, so gone from the index
KEPT = "kept"  # the folder was empty: the index kept its files (an unmounted share?)
CHANGE_KINDS = (INDEXED, PRIVATE, FAILED, REMOVED, KEPT)


class Progress(Protocol):
    """What the indexer tells a progress display; the library never imports UI code."""

    def start(self, total: int) -> None: ...

    def advance(self, relpath: str, pages: int) -> None: ...


@dataclass(frozen=True)
class Change:
    """One file's change in a run, or in a dry run's plan (`planned`).

    Attributes:
        kind: one of `CHANGE_KINDS`.
        path: relative to the documents folder ("" for KEPT).
        pages: pages written (INDEXED, PRIVATE), or files kept (KEPT).
        seconds: from the start of the run to this file's write; None in a plan.
        reason: the problem's reason code (FAILED).
        new: the path was not in the index before.
        same_as: the indexed file whose text was reused (a copy or a move).
    """

    kind: str
    path: str
    pages: int = 0
    seconds: float | None = None
    reason: str = ""
    new: bool = True
    same_as: str = ""
    planned: bool = False


@dataclass
class SyncReport:
    """What one run changed."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: int = 0
    moved: int = 0
    pages: int = 0
    commits: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "moved": self.moved,
            "pages": self.pages,
            "commits": self.commits,
            "seconds": round(self.seconds, 3),
            "problems": [p.to_dict() for p in self.problems],
        }

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.failed)
