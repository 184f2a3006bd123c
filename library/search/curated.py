"""Curated answers: the librarian's file pinning documents to searches.

One pin a line, searches before `=>`, documents (paths under the documents folder) after,
both separated by commas; `#` starts a comment:

    residents parking, parking permit => services/parking-permits.pdf

A pin answers a search when every content word of one of its searches is among the search's
content words (stemmed, so "parking permits" is "parking permit"), and they are at least half
of them: "how do I get a parking permit" is answered by the pin above, "parking" alone is not.
A pinned document comes first, as a strong match marked curated. The file is read again
whenever it changes, so a pin applies to the next search, without a reindex.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from library.schema import text_analyzer
from library.search.answers import content_words

logger = logging.getLogger(__name__)

ARROW = "=>"
_ANALYZER = text_analyzer()


def _key(text: str) -> frozenset[str]:
    return frozenset(t.text for w in content_words(text) for t in _ANALYZER(w))


@dataclass(frozen=True)
class Pin:
    searches: tuple[str, ...]
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Pins:
    """The pins of one curated-answers file."""

    pins: tuple[Pin, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Pins:
        pins: list[Pin] = []
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            searches, arrow, paths = line.partition(ARROW)
            found = Pin(_items(searches), _items(paths))
            if not arrow or not found.searches or not found.paths:
                logger.warning("curated answers line %d is not `searches => documents`", number)
                continue
            pins.append(found)
        return cls(tuple(pins))

    @classmethod
    def load(cls, path: Path | None) -> Pins:
        """The pins in `path`; none when it is unset, missing or unreadable (logged)."""
        if path is None or not path.is_file():
            return cls()
        try:
            return cls.parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            logger.warning("curated answers %s cannot be read (%s); searching without", path, exc)
            return cls()

    def for_query(self, text: str) -> tuple[str, ...]:
        """The documents pinned to a search for `text`, in the file's order."""
        asked = _key(text)
        if not asked:
            return ()
        found: list[str] = []
        for pin in self.pins:
            for search in pin.searches:
                key = _key(search)
                if key and key <= asked and 2 * len(key) >= len(asked):
                    found.extend(pin.paths)
                    break
        return tuple(dict.fromkeys(found))


def _items(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))


# Parsed pins by file, with the file's mtime: re-read when the librarian saves it.
_PINS: dict[Path, tuple[tuple[int, int], Pins]] = {}


def pins_for(path: Path | None) -> Pins:
    """The pins in `path` (`Settings.curated_path`), read again whenever the file changes."""
    if path is None:
        return Pins()
    try:
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
    except OSError:
        return Pins()
    cached = _PINS.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, Pins.load(path))
        _PINS[path] = cached
    return cached[1]
