"""Dates as documents write them: "20th August 2018", "January 13, 2009", "13.02.25", "2025-26".

The ground under `library.dates` (which says what a date in a text is *of*): finding every
written date in a text and reading it, blanking dates out, showing a date the library's way,
and reading a PDF's own date strings. Only the standard library, so any module can use it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]

# Month names and their short forms, as documents and searches write them.
MONTHS = {
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
_MONTH = r"(?P<{0}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
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
YEAR_SPAN = re.compile(
    r"(?<![\d/.])((?:19|20)\d\d)\s?[-/\u2013\u2014]\s?((?:19|20)?\d\d)(?![\d/.])"
)
# A year on its own: not part of a span, a number, a price or a percentage.
YEAR = re.compile(r"(?<![\d/.£$-])((?:19|20)\d\d)(?![\d/.%-])")


@dataclass(frozen=True)
class DateMatch:
    """A date written in a text, with where it stands."""

    date: dt.date
    precision: Precision
    start: int
    end: int


# Not strftime's %B: that follows the server's locale, and the site is in English.
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(value: dt.date, precision: Precision = "day") -> str:
    """`20 August 2018`, `August 2018` or `2018`: how the library shows a date (GOV.UK
    style, and the site's `longdate` filter)."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{MONTH_NAMES[value.month]} {value.year}"
    return f"{value.day} {MONTH_NAMES[value.month]} {value.year}"


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
    month = MONTHS[groups["m"].lower().rstrip(".")] if "m" in groups else int(groups["n"])
    day = int(groups.get("d") or 1)
    if "n" in groups and "d" in groups and month > 12 >= day:
        day, month = month, day  # 03/25/2016 can only be month first
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value, ("day" if "d" in groups else "month")


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
