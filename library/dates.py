"""The dates a document states about itself: when it was adopted, held, dated or published.

A PDF's creation date is often years away from the document's own date (a council's minutes
of February 2025 in a file made in 2016), so the published date comes first from what the
text says with a cue ("adopted 20 August 2018", "held on 26 November 2018", "Date: 13 March
2025"), then from a year or financial year in the title, and from the PDF's metadata only when
the text backs it up. No date is better than a wrong one. "Next review" dates are kept apart:
they are never when a document was published.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<{0}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (
    r"(?:(?<![^\W\d_])(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
)
_ORD = r"(?:\s*(?:st|nd|rd|th)\b)?"
_YEAR4 = r"(?P<{0}>(?:19|20)\d\d)(?!\d)"
# Each form names its groups d (day), m (month name), n (month number) and y (year).
_DATE_FORMS = (
    # 20th August 2018, Monday 26th November 2018, 4 October, 2021, 20 of May 2019
    r"(?<!\d)"
    + _WEEKDAY
    + r"(?P<d1>\d{1,2})"
    + _ORD
    + r",?\s+(?:of\s+)?"
    + _MONTH.format("m1")
    + r",?\s+"
    + _YEAR4.format("y1"),
    # January 13, 2009 (US order, with the comma that marks it)
    r"(?<!\w)"
    + _WEEKDAY
    + _MONTH.format("m2")
    + r"\s+(?P<d2>\d{1,2})"
    + _ORD
    + r",\s*"
    + _YEAR4.format("y2"),
    # 2018-08-20
    r"(?<![\d./-])(?P<y3>(?:19|20)\d\d)-(?P<n3>\d\d)-(?P<d3>\d\d)(?![\d-])",
    # 20/08/2018, 18.02.22, 09.05/2022 (day first: this is a UK library)
    r"(?<![\d./-])(?P<d4>\d{1,2})[./-](?P<n4>\d{1,2})[./-](?P<y4>(?:19|20)\d\d|\d\d)(?![\d./-]*\d)",
    # 3rd 12.2020 (an ordinal day over a month.year, as some councils write it)
    r"(?<!\d)(?P<d5>\d{1,2})\s*(?:st|nd|rd|th)\s+(?P<n5>\d{1,2})[./](?P<y5>(?:19|20)\d\d)(?!\d)",
    # August 2018
    r"(?<![\w])" + _MONTH.format("m6") + r",?\s+" + _YEAR4.format("y6"),
)
_DATE = re.compile("|".join(f"(?:{form})" for form in _DATE_FORMS), re.I)

# A financial or academic year, or a period of years: 2025-26, 2024/25, 2019-2022, 2019 - 2021.
_YEAR_SPAN = re.compile(
    r"(?<![\d/.])((?:19|20)\d\d)\s?[-/\u2013\u2014]\s?((?:19|20)?\d\d)(?![\d/.])"
)
_YEAR = re.compile(r"(?<![\d/.£$-])((?:19|20)\d\d)(?![\d/.%-])")

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


@dataclass(frozen=True)
class DateMatch:
    """A date written in a text, with where it stands."""

    date: dt.date
    precision: Precision
    start: int
    end: int


def format_date(value: dt.date, precision: Precision = "day") -> str:
    """`20 August 2018`, `August 2018` or `2018`: how the library shows a date."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{value:%B} {value.year}"
    return f"{value.day} {value:%B} {value.year}"


def find_dates(text: str) -> list[DateMatch]:
    """Every date written in `text`, in order; impossible ones (31/02/2020) are skipped.

    Numeric dates are read day first (20/08/2018), unless only the month-first reading is
    possible (03/25/2016); a two-digit year is 20YY.
    """
    found: list[DateMatch] = []
    for match in _DATE.finditer(text):
        parsed = _parse_match(match)
        if parsed is not None:
            found.append(DateMatch(parsed[0], parsed[1], match.start(), match.end()))
    return found


def without_dates(text: str) -> str:
    """`text` with every written date blanked out (for telling a date line from a title)."""
    return _DATE.sub(" ", text)


def parse_date(text: str) -> tuple[dt.date, Precision] | None:
    """The date `text` consists of ("Monday 20th May 2019", "13.02.25"), or None."""
    text = text.strip(" \t\r\n.,;:()[]")
    match = _DATE.fullmatch(text)
    return _parse_match(match) if match else None


def _parse_match(match: re.Match[str]) -> tuple[dt.date, Precision] | None:
    groups = {k[0]: v for k, v in match.groupdict().items() if v is not None}
    year = int(groups["y"])
    if year < 100:
        year += 2000
    month = _MONTHS[groups["m"].lower().rstrip(".")] if "m" in groups else int(groups["n"])
    day = int(groups.get("d") or 1)
    if "n" in groups and "d" in groups and month > 12 >= day:
        day, month = month, day  # 03/25/2016 can only be month first
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value, ("day" if "d" in groups else "month")


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
        for order, (kind, prose, match) in enumerate(_cued_dates(text)):
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
        for kind, _prose, match in _cued_dates(text):
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
    for match in _YEAR_SPAN.finditer(title):
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
    without_dates = _DATE.sub(" ", title)
    named = _YEAR.findall(without_dates)
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
    years = {int(y) for y in _YEAR.findall(text)}
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


def parse_pdf_date(raw: str) -> dt.datetime | None:
    """A PDF date string ("D:20160728154700Z", "D:20220526135111-07'00'") as a naive
    datetime in its own local time, or None when it cannot be read."""
    match = re.match(r"\s*(?:D:)?(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?", raw)
    if not match:
        return None
    year, month, day, hour, minute, second = (
        int(p) if p else d for p, d in zip(match.groups(), (0, 1, 1, 0, 0, 0), strict=True)
    )
    try:
        # The offset is dropped: a day's accuracy is all a published date needs.
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _pages_to_read(pages: Sequence[str]) -> list[tuple[int, str]]:
    numbers = list(range(min(_HEAD_PAGES, len(pages))))
    numbers += [n for n in range(max(_HEAD_PAGES, len(pages) - _TAIL_PAGES), len(pages))]
    return [(n + 1, pages[n]) for n in numbers]


def _cued_dates(text: str) -> list[tuple[str, int, DateMatch]]:
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
