"""The dates a document states about itself: when it was adopted, held, dated or published.

A PDF's creation date is often years away from the document's own date (a council's minutes
of February 2025 in a file made in 2016), so the published date comes first from what the
text says with a cue ("adopted 20 August 2018", "held on 26 November 2018", "Date: 13 March
2025"), then from a year or financial year in the title, and from the PDF's metadata only when
the text backs it up. No date is better than a wrong one. "Next review" dates are kept apart:
they are never when a document was published.

This module owns that choice and the `StatedDate` it makes; how dates are written and read
is `library.date_forms` (re-exported here, so `library.dates` stays the one place to import
from), and which cue stands before a date is `library.date_cues`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from library.date_cues import cued_dates
from library.date_forms import (
    YEAR,
    YEAR_SPAN,
    DateMatch,
    Precision,
    find_dates,
    format_date,
    parse_date,
    parse_pdf_date,
    without_dates,
)

__all__ = [
    "DateMatch",
    "Precision",
    "StatedDate",
    "find_dates",
    "format_date",
    "lone_dates",
    "parse_date",
    "parse_pdf_date",
    "plausible_metadata_date",
    "published_date",
    "review_by",
    "stated_dates",
    "title_period",
    "without_dates",
]

# When two cues fall on the same page, the firmer statement wins.
_KIND_RANK = {
    kind: rank
    for rank, kind in enumerate(
        (
            "adopted",
            "approved",
            "agreed",
            "meeting",
            "published",
            "issued",
            "dated",
            "reviewed",
            "updated",
            "as-at",
            "stated",
        )
    )
}
_WEAK_KINDS = frozenset({"reviewed", "updated", "as-at"})
_LABELS = {
    "adopted": "Adopted",
    "approved": "Approved",
    "agreed": "Agreed",
    "meeting": "Meeting held",
    "published": "Published",
    "issued": "Issued",
    "dated": "Dated",
    "stated": "Dated",
    "reviewed": "Reviewed",
    "updated": "Updated",
    "as-at": "As at",
    "review-by": "Review by",
    "created": "Published",
    "year": "Year",
}
# Adoption statements often close a policy ("Adopted 9th May 2022 min ref: 32/23").
_HEAD_PAGES = 3
_TAIL_PAGES = 2


@dataclass(frozen=True)
class StatedDate:
    """A date with what it is.

    `precision` says how much of `date` is known ("month": the day is 1 and means nothing).
    `kind` is adopted, approved, agreed, meeting, published, issued, dated, reviewed,
    updated, review-by, financial-year, academic-year, period, year or created (the PDF's
    metadata). `end_year` closes a financial year or period. `page` is where the text says
    it (0: the title or the metadata).
    """

    date: dt.date
    precision: Precision
    kind: str
    page: int = 0
    end_year: int | None = None

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def label(self) -> str:
        """For display: "Adopted 20 August 2018", "Financial year 2025-26"."""
        if self.end_year is not None:
            span = f"{self.date.year}-{self.end_year % 100:02d}"
            if self.end_year - self.date.year > 1:
                span = f"{self.date.year}-{self.end_year}"
            prefix = {"financial-year": "Financial year", "academic-year": "Academic year"}
            return f"{prefix.get(self.kind, 'Covers')} {span}"
        return f"{_LABELS.get(self.kind, 'Dated')} {format_date(self.date, self.precision)}"


def stated_dates(pages: Sequence[str]) -> list[StatedDate]:
    """The dates the document states about itself with a cue, best first.

    Looks at the first pages and the last ones (where adoption is often recorded). The
    review-by dates are left out (see `review_by`). Page texts may be raw (with line breaks)
    or normalised.

    Returns:
        Firm statements (adopted, approved, meeting, published, dated...) before weak ones
        (reviewed, updated, as at); within each, the earliest page first, then labels
        ("DATE OF ADOPTION: ...") before prose ("this was agreed in March 2024"), then the
        firmer kind, then the first in the text.
    """
    found: list[tuple[int, int, int, int, int, StatedDate]] = []
    for number, text in _pages_to_read(pages):
        for order, (kind, prose, match) in enumerate(cued_dates(text)):
            # "As at 31 March 2024 the debt was..." dates a figure; only a first page's
            # "Values as at 15 October 2017" dates the document.
            if kind == "review-by" or (kind == "as-at" and number != 1):
                continue
            stated = StatedDate(match.date, match.precision, kind, page=number)
            weak = 1 if kind in _WEAK_KINDS else 0
            found.append((weak, number, prose, _KIND_RANK.get(kind, 99), order, stated))
    found.sort(key=lambda item: item[:5])
    return [item[5] for item in found]


def review_by(pages: Sequence[str]) -> StatedDate | None:
    """When the document says it is next to be reviewed ("DATE OF NEXT REVIEW: October
    2022"), or None. Kept for display, never used as the published date."""
    for number, text in _pages_to_read(pages):
        for kind, _prose, match in cued_dates(text):
            if kind == "review-by":
                return StatedDate(match.date, match.precision, kind, page=number)
    return None


def lone_dates(lines: Iterable[str], *, page: int = 1) -> list[StatedDate]:
    """Lines that are only a date ("July 2015" under a report's title on its cover): the date
    a cover or letter head gives without a cue."""
    found: list[StatedDate] = []
    for line in lines:
        parsed = parse_date(line)
        if parsed is not None:
            found.append(StatedDate(parsed[0], parsed[1], "stated", page=page))
    return found


def title_period(title: str, opening_text: str = "") -> StatedDate | None:
    """A financial year, academic year or period named in a title ("Pay Policy Statement
    2025-26" → financial year 2025-26; "Equality Objectives 2019 - 2021" → 2019-2021), else a
    single year in it ("Meeting Dates 2022"). Its date is 1 January of the first year, with
    year precision: the title says which year, not when it was published."""
    spans: list[tuple[int, int]] = []
    for match in YEAR_SPAN.finditer(title):
        start, end_text = int(match.group(1)), match.group(2)
        end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
        if end < start:
            end += 100
        if 0 < end - start <= 15:
            spans.append((start, end))
    if spans:
        # A title naming several years is about the latest financial year it names (a stale
        # "BUDGET 2015/16 2018-19" template header), else its first period.
        years = [s for s in spans if s[1] - s[0] == 1]
        start, end = max(years) if years else spans[0]
        if end - start == 1:
            academic = "academic year" in opening_text.lower()
            kind = "academic-year" if academic else "financial-year"
        else:
            kind = "period"
        return StatedDate(dt.date(start, 1, 1), "year", kind, end_year=end)
    named = YEAR.findall(without_dates(title))
    if len(named) == 1:
        return StatedDate(dt.date(int(named[0]), 1, 1), "year", "year")
    return None


def plausible_metadata_date(
    value: dt.date | dt.datetime, text: str, *, today: dt.date | None = None
) -> bool:
    """Whether a PDF's creation or modification date can stand as the published date.

    It cannot be in the future, nor before the latest year the text talks about (a file made
    in 2016 holding minutes of 2025), and the text must back it up: it writes a date in the
    same month (the letter's own date, the meeting it records, the "as at" of a table).
    Files are re-saved, converted and re-exported long after their documents were written,
    so a metadata date alone proves nothing.
    """
    day = value.date() if isinstance(value, dt.datetime) else value
    if day > (today or dt.date.today()):
        return False
    years = {int(y) for y in YEAR.findall(text)}
    if 2 * sum(y > day.year for y in years) > len(years):
        return False
    for match in find_dates(text):
        if match.precision == "year":
            continue
        if (match.date.year, match.date.month) == (day.year, day.month):
            return True
        lag = (day - match.date).days
        if match.precision == "day" and 0 <= lag <= 31:
            return True
    return False


def published_date(
    pages: Sequence[str],
    *,
    title: str = "",
    cover_lines: Iterable[str] = (),
    metadata_dates: Iterable[dt.date | dt.datetime | None] = (),
    today: dt.date | None = None,
) -> StatedDate | None:
    """The date to show as a document's own (the sidecar's `published` is the caller's).

    In order: a firm statement with a cue on the first page; a date standing alone on the
    cover (`cover_lines`, the first page's lines); a financial year, period or year in the
    title; a firm statement on the next or last pages; a weak one (reviewed, updated, as at);
    the PDF's creation or modification date when `plausible_metadata_date` accepts it. None
    when nothing holds.

    Args:
        pages: page texts, raw or normalised.
        title: the chosen title; not one made from the file name (a year in a file name is
            not something the document states).
        cover_lines: the first page's lines in reading order (layout lines or raw text lines).
        metadata_dates: the PDF's creation and modification dates, best first.
        today: for tests; the real date otherwise.
    """
    stated = stated_dates(pages)
    firm = [s for s in stated if s.kind not in _WEAK_KINDS]
    if firm and firm[0].page == 1:
        return firm[0]
    lone = lone_dates(list(cover_lines)[:40])
    if lone:
        return lone[0]
    # A year the title names beats what later pages say of other things ("following County
    # Council approval on 13 February 2024" in the 2025-26 budget).
    in_title = title_period(title, " ".join(pages[:1]))
    if in_title is not None:
        return in_title
    if stated:
        return firm[0] if firm else stated[0]
    text = " ".join(pages[:_HEAD_PAGES])
    for value in metadata_dates:
        if value is not None and plausible_metadata_date(value, text, today=today):
            day = value.date() if isinstance(value, dt.datetime) else value
            return StatedDate(day, "day", "created")
    return None


def _pages_to_read(pages: Sequence[str]) -> list[tuple[int, str]]:
    numbers = list(range(min(_HEAD_PAGES, len(pages))))
    numbers += [n for n in range(max(_HEAD_PAGES, len(pages) - _TAIL_PAGES), len(pages))]
    return [(n + 1, pages[n]) for n in numbers]
