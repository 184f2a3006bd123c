"""The cue before a written date, which says what the date is: "adopted", "held on", "Date:".

`library.dates` ranks what these find; this module only reads, for each date in a text, the
words just before it, and whether they open a statement ("Adopted 9th May 2022") or stand in
prose that speaks of the document itself ("this policy was agreed in March 2024"). A cue in
the middle of other prose ("guidance issued by the government in January 2018") dates
something else and is not a cue at all.
"""

from __future__ import annotations

import re

from library.date_forms import DateMatch, find_dates

# Cues, nearest first: the text just before a date says what the date is. Order matters: the
# review-by cues are tried before "review", "date of adoption" before "date".
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        (
            "review-by",
            r"next\s+(?:review|revision)(?:\s+date)?|review(?:ed)?\s+(?:by|due|before)|"
            r"review\s+date|date\s+(?:of|for)\s+(?:next\s+)?(?:review|revision)|"
            r"to\s+be\s+reviewed|renewal\s+date|\breview\s+(?=(?:spring|summer|autumn|winter)\b)",
        ),
        ("adopted", r"adopt(?:ed|ion)|minuted"),
        ("approved", r"approv(?:ed|al)|ratifi(?:ed|cation)"),
        ("agreed", r"\bagreed\b"),
        ("published", r"publish(?:ed)?|publication\s+date"),
        ("issued", r"\bissued?\b|date\s+of\s+issue"),
        ("reviewed", r"(?:last\s+)?review(?:ed)?\b|date\s+reviewed"),
        ("updated", r"\bupdated\b|\bamended\b|\brevised\b|\bdate\s+updated\b"),
        (
            "meeting",
            r"\bheld\s+(?:on|at|in|virtually|remotely|online|via)\b|\bmeeting\s+(?:on|of)\b|"
            r"\bto:\s*[^:\n]{2,40}?[,\u2013\u2014-]\s*$",
        ),
        ("dated", r"\bdated\b|\bdate\b\s*:?\s*$|\b(?:report|policy|version)\s+date\b"),
        ("as-at", r"\bas\s+at\b"),
    )
)
# How far before a date its cue may stand ("held in the Council Chamber, Sessions House,
# County Hall, Maidstone on Thursday, 13 February 2025" needs the full width).
_CUE_WINDOW = 110
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]")
_MEETING_CONTEXT = re.compile(r"\b(?:meeting|minutes|agm|council|committee|board|cabinet)\b", re.I)
_SAID_OF_ITSELF = re.compile(
    r"\b(?:this|these|the)\s+(?:[\w-]+\s+){0,3}(?:was|is|were|are|has\s+been|have\s+been)\b", re.I
)
# "Date of Incident:", "date of birth": a date of something else is not the document's date.
_DATE_OF_OTHER = re.compile(r"\bdate\s+of\s+(?!adoption|issue|approval|publication)\w+", re.I)


def cued_dates(text: str) -> list[tuple[str, int, DateMatch]]:
    """Each date in `text` that has a cue before it, in order, as (kind, prose, date): `prose`
    is 1 when the cue stands in running prose about the document, 0 when it opens a
    statement or a label."""
    cued: list[tuple[str, int, DateMatch]] = []
    previous_end = 0
    for match in find_dates(text):
        window_start = max(previous_end, match.start - _CUE_WINDOW)
        previous_end = match.end
        found = _cue(text[window_start : match.start], text[:window_start])
        if found is not None:
            cued.append((found[0], found[1], match))
    return cued


def _cue(before: str, earlier: str) -> tuple[str, int] | None:
    """The kind of the cue just before a date, and 1 when it stands in running prose."""
    # The cue nearest the date decides: "Adopted 2017, next review 2019" reads each right.
    best: tuple[int, int, str] | None = None
    for kind, pattern in _CUES:
        for found in pattern.finditer(before):
            if kind == "dated" and _DATE_OF_OTHER.match(before, found.start()):
                continue
            end = found.start() + len(found.group(0).rstrip(" :\t\r\n"))
            # Ties go to the kind tried first: "date of next review" is review-by.
            if best is None or end > best[1]:
                best = (found.start(), end, kind)
    if best is None:
        return None
    start, end, kind = best
    gap = before[end:]
    if _SENTENCE_END.search(gap):
        return None  # the cue belongs to the sentence before
    if kind == "meeting":
        context = _MEETING_CONTEXT.search(before[:end]) or "to:" in before.lower()
        return (kind, 0) if context else None
    if len(gap) > 60:
        return None
    if _opens_statement(earlier + before[:start]):
        return kind, 0
    return (kind, 1) if _SAID_OF_ITSELF.search(_last_sentence(before[:start])) else None


def _last_sentence(lead: str) -> str:
    return re.split(r"(?<=[.;!?])\s+(?=[A-Z])", lead)[-1]


def _opens_statement(lead: str) -> bool:
    # A cue opening its line or sentence ("Adopted 9th May 2022", "DATE OF ADOPTION:")
    # dates the document; one in the middle of prose ("guidance issued by the government in
    # January 2018") dates something else. A line that only continues the sentence of the
    # line above (wrapped prose) does not open anything.
    lines = re.split(r"\r\n|\r|\n", lead)
    line = _last_sentence(lines[-1])
    if len(line.split()) > 4:
        return False
    if line is not lines[-1] or len(lines) == 1:
        return True
    above = lines[-2].rstrip()
    return len(above) < 50 or above.endswith((".", ":", ";", "!", "?"))
