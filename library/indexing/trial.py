"""Reading a file the way the indexer would, without writing anything: staff uploads are
extracted before they are accepted, so an encrypted, corrupt, empty, image-only or non-PDF
file is refused with its reason instead of becoming a problem nobody asked for."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from library.errors import ExtractionError
from library.indexing.planning import limits
from library.indexing.workers import ExtractionPool
from library.models import Problem

if TYPE_CHECKING:
    from library.config import Settings


def examine(settings: Settings, path: Path, *, relpath: str = "") -> Problem | None:
    """Extract `path` in a worker process with the indexer's limits (time, memory, pages);
    None when it would be indexed, else the problem it would be recorded as.

    Args:
        relpath: the name to report the problem under (the file's name when empty).
    """
    name = relpath or path.name
    size = path.stat().st_size
    if size > settings.max_file_mb * 1024 * 1024:
        mb = size / 1048576
        return Problem(name, "too-large", f"{mb:.1f} MB is over {settings.max_file_mb:g} MB")
    with ExtractionPool(1, limits(settings)) as pool:
        for _, outcome in pool.extract_many([path]):
            if isinstance(outcome, ExtractionError):
                return Problem(name, outcome.reason, outcome.detail)
    return None
