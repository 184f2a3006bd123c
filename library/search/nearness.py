"""How much of a question one stretch of a page holds, not the page as a whole.

A long page (a consultation report listing many services, the minutes of a long meeting)
can hold every content word of a question it does not answer, each in a different
paragraph. The words of a page that answers a question stand near one another: within one
passage, the stretch of text the vectors are made of. `window_weights` gives, per document,
the largest weight of the question found within `width` consecutive indexed words of one page
(positions count the words the index keeps, stop words left out; the
document's title, summary and keywords count as found in every stretch), for `answers`
to weigh beside the whole page's share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from whoosh.searching import Searcher

from library.search import term_positions

# One thing the question asks: its alternatives, each the stems that must all be present.
Group = tuple[tuple[str, ...], ...]


def window_weights(
    searcher: Searcher,
    groups: tuple[Group, ...],
    weights: tuple[float, ...],
    pages: Mapping[str, np.ndarray],
    described: Mapping[str, set[str]],
    *,
    width: int,
) -> dict[str, float]:
    """Per path of `pages` (the page records to look at, by document), the largest weight of
    `groups` that `width` consecutive words of one page hold with the document's
    `described` stems. Only the pages given are read, so the caller passes those whose
    whole-page weight could matter."""
    stems = {s for g in groups for alt in g for s in alt}
    every = np.unique(np.concatenate([np.zeros(0, dtype=np.int64), *pages.values()]))
    places = {s: term_positions.positions_in(searcher, "text", s, every) for s in stems}
    out: dict[str, float] = {}
    for path, mine in pages.items():
        known = described.get(path, set())
        best = 0.0
        for page in map(int, mine):
            got = _best_window(groups, weights, page, places, known, width)
            best = max(best, got)
        out[path] = best
    return out


def _best_window(
    groups: tuple[Group, ...],
    weights: tuple[float, ...],
    page: int,
    places: Mapping[str, Mapping[int, np.ndarray]],
    known: set[str],
    width: int,
) -> float:
    fixed = 0.0
    events: list[tuple[int, int]] = []  # (position, group number)
    for n, (group, weight) in enumerate(zip(groups, weights, strict=True)):
        if any(all(s in known for s in alt) for alt in group):
            fixed += weight
            continue
        at = np.unique(
            np.concatenate(
                [
                    np.zeros(0, dtype=np.int64),
                    *(_alt_at(alt, page, places, known, width) for alt in group),
                ]
            )
        )
        events.extend((int(p), n) for p in at)
    return fixed + _densest(sorted(events), weights, width)


def _alt_at(
    alt: tuple[str, ...],
    page: int,
    places: Mapping[str, Mapping[int, np.ndarray]],
    known: set[str],
    width: int,
) -> np.ndarray:
    """Where on `page` all the stems of `alt` stand within `width` words (at its first
    stem not in the description)."""
    wanted = [s for s in alt if s not in known]
    at = [np.asarray(places[s].get(page, np.zeros(0, dtype=np.int64))) for s in wanted]
    if not at or any(len(a) == 0 for a in at):
        return np.zeros(0, dtype=np.int64)
    first = at[0]
    for other in at[1:]:
        # Keep the places of the first stem with the other stem within `width` either side.
        rows = np.searchsorted(other, first)
        after = np.abs(other[np.minimum(rows, len(other) - 1)] - first)
        before = np.abs(other[np.maximum(rows - 1, 0)] - first)
        first = first[np.minimum(after, before) < width]
    return first


def _densest(events: Iterable[tuple[int, int]], weights: tuple[float, ...], width: int) -> float:
    """The largest weight of distinct groups with an event within `width` positions."""
    items = list(events)
    count: dict[int, int] = {}
    held = best = 0.0
    start = 0
    for pos, group in items:
        count[group] = count.get(group, 0) + 1
        if count[group] == 1:
            held += weights[group]
        while items[start][0] <= pos - width:
            old = items[start][1]
            count[old] -= 1
            if count[old] == 0:
                held -= weights[old]
            start += 1
        best = max(best, held)
    return best
