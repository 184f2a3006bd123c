"""The most prominent heading on a page: the title as a person reads it from the layout.

Each usable line (not boilerplate, an authority's name or a running header) is joined with
the lines above and below it set in the same style, and scored by size against the body
text, weight and height on the page; the best block wins. A heading must stand out or be
set apart from running text: a line of a paragraph is never a title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from library import dates
from library.indexing.page_lines import Line, join_lines, key
from library.indexing.title_case import MAX_TITLE_WORDS, tidy_title
from library.indexing.title_filters import is_authority_name, is_boilerplate, is_numbered

# The most lines one heading is read across.
_MAX_BLOCK_LINES = 8
_LETTERS = re.compile(r"[^\W\d_]")
_YEARS_ONLY = re.compile(r"^(?:19|20)\d\d(?:\s?[-/\u2013\u2014]\s?(?:(?:19|20)?\d\d))?$")
_MEETING_HEADING = re.compile(
    r"^(?:extract\s+of\s+)?(?:minutes|agenda|notice)\s+(?:of|for)\b", re.I
)


def body_size(page_lines: Sequence[Line]) -> float:
    """The size most of the text is set in (weighted by characters): what "large" is judged
    against."""
    weights: Counter[float] = Counter()
    for line in page_lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def best_heading(
    page_lines: Sequence[Line],
    repeated: frozenset[str],
    authorities: tuple[str, ...],
    body: float,
    numbered: frozenset[str] = frozenset(),
) -> str | None:
    """The page's most prominent heading, tidied, or None.

    Args:
        page_lines: one page's lines in reading order (top, then left).
        repeated: keys of the running headers and footers (`repeated_keys`).
        authorities: names of bodies known to the caller.
        body: the body text's size (`body_size`).
        numbered: keys of running headers carrying the page number (`numbered_headers`).
    """
    if not page_lines:
        return None
    body = body or 1.0
    visible = [
        ln.size
        for ln in page_lines
        if ln.top <= 0.92
        and not is_boilerplate(ln.text)
        and not is_authority_name(ln.text, authorities)
    ]
    largest = max(visible, default=0.0)
    usable = [
        key(ln.text) not in numbered
        and _usable(ln, repeated, authorities, largest=largest, body=body)
        for ln in page_lines
    ]
    joinable = [
        ok or is_authority_name(ln.text, authorities) or bool(_YEARS_ONLY.match(ln.text.strip()))
        for ok, ln in zip(usable, page_lines, strict=True)
    ]
    blocks: list[tuple[float, list[int]]] = []
    for index, line in enumerate(page_lines):
        if not usable[index]:
            continue
        block = _extend(page_lines, joinable, index)
        score = _score(page_lines, block, index, body)
        if score is not None:
            if key(line.text) in repeated and line.size < largest:
                score -= 3.0  # a running header, kept only because it is set large
            blocks.append((score, block))
    return _best_block(page_lines, blocks, authorities)


def _best_block(
    page_lines: Sequence[Line], blocks: list[tuple[float, list[int]]], authorities: tuple[str, ...]
) -> str | None:
    # Best first; an authority's name set large ("DECOY COMMUNITY / PRIMARY SCHOOL") is read
    # past to the next best.
    for _score_value, block in sorted(blocks, key=lambda b: -b[0]):
        if is_authority_name(join_lines(page_lines[i] for i in block), authorities):
            continue
        kept = _strip_authority_lines(page_lines, block, authorities)
        if kept and not is_authority_name(join_lines(kept), authorities):
            kept = _with_period_below(page_lines, kept)
            return tidy_title(join_lines(kept))
    return None


def _with_period_below(page_lines: Sequence[Line], kept: list[Line]) -> list[Line]:
    # "Equality Objectives" with "2019 - 2021" set smaller just below: the period is part of
    # the title.
    last = kept[-1]
    below = [ln for ln in page_lines if 0 < ln.top - last.top <= max(0.05, last.size * 3 / 800)]
    if (
        below
        and _YEARS_ONLY.match(below[0].text.strip())
        and not dates.find_dates(join_lines(kept))
        and not _YEARS_ONLY.match(kept[-1].text.strip())
    ):
        return [*kept, below[0]]
    return kept


def _strip_authority_lines(
    page_lines: Sequence[Line], block: list[int], authorities: tuple[str, ...]
) -> list[Line]:
    kept = [page_lines[i] for i in block]
    while kept and is_authority_name(kept[0].text, authorities):
        kept = kept[1:]
    return kept


def _usable(
    line: Line,
    repeated: frozenset[str],
    authorities: tuple[str, ...],
    *,
    largest: float,
    body: float,
) -> bool:
    text = line.text.strip()
    if line.top > 0.92 or is_boilerplate(text):
        return False
    # A running header set large is usually the title repeated on every page.
    at_edge = line.top < 0.15 or line.top > 0.85
    if key(text) in repeated and at_edge and line.size < largest and line.size < 1.3 * body:
        return False
    return not is_authority_name(text, authorities)


def _score(page_lines: Sequence[Line], block: list[int], anchor: int, body: float) -> float | None:
    line = page_lines[anchor]
    lines = [page_lines[i] for i in block]
    text = join_lines(lines).rstrip()
    words = text.split()
    if not 1 <= len(line.text.split()) <= MAX_TITLE_WORDS:
        return None
    ratio = line.size / body
    prominent = ratio >= 1.05 or line.bold
    if ratio < 0.95 and not line.bold:
        return None
    meeting = bool(_MEETING_HEADING.match(text))
    if (
        not prominent
        and not meeting
        and (len(line.text.split()) > 10 or _in_paragraph(page_lines, block) or _is_sentence(text))
    ):
        return None  # a line of running text, not a heading
    top = min(ln.top for ln in lines)
    score = 10.0 * ratio + (2.0 if line.bold else 0.0) + 3.0 * (1.0 - top)
    if text.endswith((".", ":", ",", ";")):
        score -= 4.0
    if text[:1].islower():
        score -= 4.0
    if is_numbered(text):
        score -= 4.0
    if len(words) > 12:
        score -= 2.0
    if meeting:
        score += 8.0  # "Minutes of a meeting of ... held on ..." is what minutes are called
    return score


def _is_sentence(text: str) -> bool:
    # Set like the body and closed by a full stop: a sentence ("Rents for each plot from
    # April."), not a heading; abbreviations and dotted leaders are not full stops.
    return bool(re.search(r"[a-z]{3}\.$", text)) and len(text.split()) >= 4


def _caps_style(text: str) -> bool | None:
    # A heading in capitals does not run on into a line in mixed case ("ANNUAL GENERAL
    # MEETING" / "To the Chairman and Members"); years and numbers go with either.
    letters = _LETTERS.findall(text)
    if len(letters) < 2:
        return None
    return bool(sum(c.isupper() for c in letters) >= 0.8 * len(letters))


def _in_paragraph(page_lines: Sequence[Line], block: list[int]) -> bool:
    before = block[0] - 1
    if before >= 0:
        prev, first = page_lines[before], page_lines[block[0]]
        close = 0 < first.top - prev.top <= max(0.03, first.size * 2.2 / 800)
        ended = prev.text.rstrip().endswith((".", ":", ";", "!", "?"))
        if close and abs(prev.size - first.size) <= 0.6 and not ended and len(prev.text) > 40:
            return True
    after = block[-1] + 1
    if after < len(page_lines):
        nxt = page_lines[after]
        last = page_lines[block[-1]]
        close = 0 < nxt.top - last.top <= max(0.03, last.size * 2.2 / 800)
        if close and abs(nxt.size - last.size) <= 0.6 and nxt.text[:1].islower():
            return True
    return page_lines[block[-1]].text.rstrip().endswith(",")


def _extend(page_lines: Sequence[Line], joinable: list[bool], anchor: int) -> list[int]:
    """The anchor line with the lines above and below it set in the same style, in the same
    column (a three-column page interleaves its columns' lines by height)."""
    block = [anchor]
    index = anchor
    while len(block) < _MAX_BLOCK_LINES:
        up = _neighbour(page_lines, index, -1)
        if up is None or not joinable[up] or not _joins_above(page_lines, block, up, index):
            break
        block.insert(0, up)
        index = up
    index = anchor
    while len(block) < _MAX_BLOCK_LINES:
        down = _neighbour(page_lines, index, 1)
        if down is None or not joinable[down] or not _joins_below(page_lines, block, index, down):
            break
        block.append(down)
        index = down
    return block


def _joins_above(page_lines: Sequence[Line], block: list[int], up: int, index: int) -> bool:
    above = page_lines[up]
    if not _same_style(above, page_lines[index]):
        return False
    if above.text.rstrip().endswith((".", ":")) or dates.parse_date(above.text):
        return False
    return _words(page_lines, block) + len(above.text.split()) <= MAX_TITLE_WORDS


def _joins_below(page_lines: Sequence[Line], block: list[int], index: int, down: int) -> bool:
    here, below = page_lines[index], page_lines[down]
    if not _same_style(here, below):
        return False
    if here.text.rstrip().endswith((".", ":")) or below.text.rstrip().endswith(":"):
        return False
    return _words(page_lines, block) + len(below.text.split()) <= MAX_TITLE_WORDS


def _same_style(a: Line, b: Line) -> bool:
    pitch = max(0.03, a.size * 2.6 / 800)
    return (
        abs(a.size - b.size) <= 0.6
        and a.bold == b.bold
        and 0 <= abs(b.top - a.top) <= pitch
        and _caps_style(a.text) in (_caps_style(b.text), None)
        and _caps_style(b.text) in (_caps_style(a.text), None)
    )


def _neighbour(page_lines: Sequence[Line], index: int, step: int) -> int | None:
    here = page_lines[index]
    other = index + step
    while 0 <= other < len(page_lines):
        line = page_lines[other]
        if abs(line.top - here.top) > 0.1:
            return None
        if line.top != here.top and abs(line.left - here.left) < 0.28:
            return other
        other += step
    return None


def _words(page_lines: Sequence[Line], block: list[int]) -> int:
    return sum(len(page_lines[i].text.split()) for i in block)
