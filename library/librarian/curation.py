"""Closing the gaps the insight report shows: pin a document to a search (a curated answer),
or add a synonym, from the staff pages. Both append a line to a plain file that search reads
again when it changes (`search.curated`, `search.synonyms_for`): no reindex, no restart."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from library.config import Settings
from library.errors import FilingError

ARROW = "=>"
_FORBIDDEN = (",", "#", "\n", "\r", ARROW)


def _clean(value: str, what: str) -> str:
    value = " ".join(value.split())
    if not value or any(c in value for c in _FORBIDDEN):
        raise FilingError(f"{what} must be words, without commas, # or =>")
    return value


def _append(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    prefix = "" if not existing or existing.endswith("\n") else "\n"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"{prefix}{line}\n")


def add_pin(settings: Settings, search: str, document: str) -> Path:
    """Pin the public document at `document` (a path under the documents folder) to
    `search`, in `settings.curated_path`; returns the file written.

    Raises:
        FilingError: the search or the path is empty, or holds `,`, `#` or `=>`.
    """
    search = _clean(search, "the search")
    document = _clean(document, "the document").strip("/")
    path = settings.curated_path
    _append(path, f"{search} {ARROW} {document}")
    return path


def add_synonym(settings: Settings, words: str, same: str) -> Path:
    """Make `words` and `same` synonyms; returns the file written: `synonyms_file`, or else
    index/synonyms.txt, which starts as a copy of the list shipped with the package.

    Raises:
        FilingError: either side is empty, the same, or holds `,`, `#` or `=>`.
    """
    words, same = _clean(words, "the search"), _clean(same, "the synonym")
    if words.lower() == same.lower():
        raise FilingError("a synonym must differ from the words it stands for")
    path = settings.synonyms_file or settings.local_synonyms
    if not path.is_file() and settings.synonyms_file is None:
        shipped = resources.files("library").joinpath("synonyms.txt").read_text("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(shipped, encoding="utf-8")
    _append(path, f"{words.lower()}, {same.lower()}")
    return path
