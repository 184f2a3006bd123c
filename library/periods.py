"""Periods named in text: years, financial years ("2025-26"), months, and the series key
that groups the yearly versions of one document. Shared by the writer (series keys are
stored) and the reader (a query's years filter and boost)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from library.date_forms import MONTHS

_FY = re.compile(r"(?<!\d)((?:19|20)\d\d)\s?[-/\u2013]\s?(\d\d)(?!\d)")
_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d])")
_PERIOD = re.compile(r"(?<!\d)(?:19|20)\d\d(?:\s?[-/\u2013]\s?\d\d(?!\d))?")
_FULL_DATE = re.compile(
    r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\s+\d{4}"
)
_WORDS = re.compile(r"\w+", re.UNICODE)
_MONTH_YEAR = re.compile(
    r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QueryDates:
    """The periods a query names: "minutes 2018" → {2018}; "september 2018" → {(2018, 9)}."""

    years: frozenset[int] = frozenset()
    months: frozenset[tuple[int, int]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.years)


def detect_dates(text: str) -> QueryDates:
    """Years, financial years (2025-26 and 2025/26 count as 2025) and "month year" pairs."""
    years: set[int] = set()
    for match in _FY.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        if (first + 1) % 100 == second:  # 2025-26, not 2025-03 (a month)
            years.add(first)
    years.update(int(m.group(1)) for m in _YEAR.finditer(text))
    months = {(int(m.group(2)), MONTHS[m.group(1).lower()]) for m in _MONTH_YEAR.finditer(text)}
    return QueryDates(frozenset(years), frozenset(months))


def title_key(title: str) -> str | None:
    """What stays of a versioned title without its year: "Budget 2018-19" → "budget"; the
    documents of one series (budgets, annual reports) share it, and the newest is current.

    None when the title names no year, or a full date (minutes of one meeting are a series,
    not versions of one another).
    """
    lowered = title.lower()
    if not _PERIOD.search(lowered) or _FULL_DATE.search(lowered):
        return None
    rest = " ".join(w for w in _WORDS.findall(_PERIOD.sub(" ", lowered)) if not w.isdigit())
    return rest if re.search(r"[a-z]{3}", rest) else None


def series_key(pub_class: str, title: str, stem: str) -> str:
    """The series a document belongs to within its class, from its title or else its file
    name (`stem`, e.g. `budget-2018-19`); "" when it names no year."""
    key = title_key(title) or title_key(stem)
    return f"{pub_class}:{key}" if key else ""
