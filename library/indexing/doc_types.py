"""What kind of document a document is (minutes, agenda, policy, report...), from its
title and opening text.

The kind is judged on the words a person would go by: the head noun of the title, then how
the document opens ("Minutes of the meeting of...", "You are summoned..."), then the
markers of minutes ("Present:", "Apologies") and a committee report's cover sheet.
"""

from __future__ import annotations

import re

_MINUTES_MARKERS = re.compile(
    r"\bpresent\s*:|\bapologies\b|\bin\s+attendance\b|\bchaired\s+by\b|\bclerked\s+by\b|"
    r"\bresolved\b|\bit\s+was\s+(?:agreed|resolved|noted)\b|\bgovernor\s+attendance\b|"
    r"\bdeclarations?\s+of\s+interests?\b",
    re.I,
)

_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("minutes", r"\bminutes\b"),
    ("agenda", r"\bagenda\b|\bsummons\b"),
    (
        "foi-response",
        r"\b(?:foi|freedom\s+of\s+information|eir)\s+(?:request\s+)?response\b|"
        r"\bresponse\s+to\s+(?:an?\s+|your\s+)?(?:foi|freedom\s+of\s+information)\s+request\b|"
        r"\bdisclosure\s+log\b",
    ),
    ("policy", r"\bpolic(?:y|ies)\b|\bcode\s+of\s+(?:conduct|practice)\b"),
    (
        "procedure",
        r"\bprocedures?\b|\bstanding\s+orders\b|\bfinancial\s+regulations\b|"
        r"\brules\s+of\s+procedure\b",
    ),
    ("plan", r"\bplan\b|\bplans\b"),
    ("strategy", r"\bstrateg(?:y|ies)\b"),
    (
        "report",
        r"\breports?\b|\bassessment\b|\bappraisal\b|\bbulletins?\b|"
        r"\bsurvey\b|\bevaluation\b|\bsummary\s+report\b|\boutcome\s+of\s+consultation\b",
    ),
    ("statement", r"\bstatement\b"),
    ("register", r"\bregisters?\b|\bassets\b|\binventory\b|\blog\b"),
    (
        "notice",
        r"\bnotices?\b|\bmeeting\s+dates\b|\bdates\s+of\s+meetings\b|\bcalendar\b|"
        r"\bproposed\s+rules\b",
    ),
    ("guidance", r"\bguid(?:e|ance)\b|\bpublication\s+scheme\b|\bhandbook\b|\bfaqs?\b"),
    (
        "accounts",
        r"\baccounts\b|\bbudgets?\b|\bprecept\b|\bexpenditures?\b|\bfinancial\s+summary"
        r"\b|\bannual\s+(?:governance\s+and\s+accountability\s+)?return\b|\bagar\b|"
        r"\bspend(?:ing)?\s+(?:over|report)\b|\bincome\s+and\s+expenditure\b",
    ),
)
_TYPE_PATTERNS = tuple((kind, re.compile(pattern, re.I)) for kind, pattern in _TYPE_WORDS)
_OPENING_TYPE = re.compile(
    r"\bthis\s+(policy|procedure|plan|strategy|report|statement|register|notice|guidance|guide)\b",
    re.I,
)
_COVER_SHEET = re.compile(r"\bsubject\s*:", re.I)
_OPENING_MINUTES = re.compile(r"\bminutes\s+of\s+(?:the|a|an)\b[^.]{0,80}\bmeeting\b", re.I)
_OPENING_AGENDA = re.compile(r"\byou\s+are\s+(?:hereby\s+)?summoned\b|^\W*agenda\b", re.I)


def document_type(title: str, opening_text: str = "") -> str | None:
    """What kind of document this is, from its title first, then its opening text: minutes,
    agenda, policy, procedure, plan, strategy, report, statement, register, notice,
    guidance, foi-response or accounts; None when neither says.

    In a title the last kind named wins, because English puts the head noun last ("Budget
    Risks Register" is a register, "Pupil Premium Strategy Statement" a statement). A
    committee report's cover sheet ("Subject: ...") about a plan or strategy is a report.
    """
    kind = _head_kind(title)
    opening = opening_text[:2000]
    cover_sheet = bool(_COVER_SHEET.search(opening[:1200]))
    if kind in ("plan", "strategy") and cover_sheet:
        return "report"
    if kind is not None:
        return kind
    if _OPENING_MINUTES.search(opening[:600]):
        return "minutes"
    if _OPENING_AGENDA.search(opening[:600]):
        return "agenda"
    if len(set(m.group(0).lower() for m in _MINUTES_MARKERS.finditer(opening))) >= 2:
        return "minutes"
    if cover_sheet:
        return "report"
    head = _last_kind(opening[:300])
    if head is not None:
        return head
    match = _OPENING_TYPE.search(opening)
    if match:
        word = match.group(1).lower()
        return "guidance" if word == "guide" else word
    return None


def _head_kind(title: str) -> str | None:
    # The head noun comes before the first preposition: "Summary of the Kent Minerals and
    # Waste Local Plan" is a summary (a report), "Notice of Vacancy" a notice.
    head = re.split(r"\s(?:of|for|on|to|into|from|under|about)\s", title, maxsplit=1)[0]
    return _last_kind(head) or _last_kind(title)


def _last_kind(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for kind, pattern in _TYPE_PATTERNS:
        for match in pattern.finditer(text):
            if best is None or match.start() > best[0]:
                best = (match.start(), kind)
    return best[1] if best else None
