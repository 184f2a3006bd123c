"""How a title is shown: title case that keeps acronyms, and the tidying every title gets.

A council's heading is often set in capitals ("PAY POLICY STATEMENT 2025-26") with a label,
an authority's name or a stale year in front of it; whatever the title was read from (a
label, the layout, the PDF's /Title), it is shown the same way.
"""

from __future__ import annotations

import re

from library import dates

MAX_TITLE_WORDS = 16
_SPACES = re.compile(r"\s+")
_LETTERS = re.compile(r"[^\W\d_]")

# "Kent County Council - Pay Policy Statement": the authority's name in front is dropped.
_AUTHORITY_PREFIX = re.compile(
    r"^(?P<name>(?:[\w'\u2019&.-]+\s+){1,5}?(?:council|school|academy|college|university|trust))"
    r"\s*[-\u2013\u2014:|]\s*(?P<rest>.+)$",
    re.I,
)
# "Appendix A: Budget 2025-26": the appendix label in front is dropped.
_LEADING_LABEL = re.compile(
    r"^(?:appendix|annex|annexe|schedule|enclosure|section|part|chapter)\s+[\w.]{1,5}\s*[:\u2013\u2014-]\s*",
    re.I,
)
_SMALL_WORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "over",
        "per",
        "the",
        "to",
        "under",
        "upon",
        "via",
        "with",
        "v",
        "vs",
    )
)
# Written in capitals in a title-cased title: the acronyms councils, schools and the bodies
# over them use. Words without vowels (NBPC, FGB) and words with digits (A466, Q3) are kept too.
ACRONYMS = frozenset(
    (
        "AGAR",
        "AGM",
        "CCTV",
        "COVID",
        "DBS",
        "DfE",
        "DPA",
        "EHCP",
        "EQIA",
        "EqIA",
        "FGB",
        "FOI",
        "GDPR",
        "HM",
        "HMRC",
        "HR",
        "ICO",
        "ICS",
        "KCC",
        "LGA",
        "MTFP",
        "NALC",
        "NHS",
        "PCC",
        "PE",
        "PSED",
        "SEN",
        "SEND",
        "SENCO",
        "SENDCo",
        "UK",
        "US",
        "USA",
        "VAT",
        "WARN",
        "ACAS",
        "CIPFA",
        "SLCC",
        "OVW",
        "CEO",
        "CFO",
        "ICT",
        "IT",
        "LA",
        "LEA",
        "MP",
        "MPS",
        "NB",
        "NBPC",
        "PTA",
        "RAG",
        "SACRE",
        "SEF",
        "SMSC",
        "EYFS",
        "KS1",
        "KS2",
        "QA",
        "Q&A",
    )
)
_ACRONYMS_UPPER = {a.upper(): a for a in ACRONYMS}

# "BUDGET 2015/16 2018-19": a template's stale year left beside the real one.
_STALE_YEARS = re.compile(
    r"\b((?:19|20)\d\d\s?[-/\u2013]\s?\d\d(?:\d\d)?)\s+((?:19|20)\d\d\s?[-/\u2013]\s?\d\d(?:\d\d)?)\b"
)


def title_case(text: str) -> str:
    """All-capitals text in title case, keeping acronyms: "PAY POLICY STATEMENT 2025-26" →
    "Pay Policy Statement 2025-26", "NBPC MEETING DATES" → "NBPC Meeting Dates". Text that
    is not all capitals is returned as it is: it is the document's own capitalisation."""
    letters = _LETTERS.findall(text)
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    out: list[str] = []
    for index, word in enumerate(text.split(" ")):
        out.append(_case_word(word, first=index == 0))
    return " ".join(out)


def _case_word(word: str, *, first: bool) -> str:
    core = word.strip("()[]{}\"'\u2018\u2019\u201c\u201d,.:;!?*")
    if not core:
        return word
    start = word.index(core[0])
    head, tail = word[:start], word[start + len(core) :]
    parts = re.split(r"([-/\u2013])", core)
    cased = []
    for part in parts:
        upper = part.upper()
        if upper in _ACRONYMS_UPPER:
            cased.append(_ACRONYMS_UPPER[upper])
        elif any(c.isdigit() for c in part) or (
            len(part) > 1 and part.isalpha() and not re.search(r"[AEIOUY]", upper)
        ):
            cased.append(part)
        elif part.lower() in _SMALL_WORDS and not first:
            cased.append(part.lower())
        else:
            cased.append(part[:1].upper() + part[1:].lower())
        first = False
    return head + "".join(cased) + tail


def tidy_title(text: str) -> str:
    """A title as shown: spaces collapsed, trailing punctuation and footnote marks dropped,
    an appendix label in front dropped, written dates read as "4 September 2018", all capitals
    title-cased, at most `MAX_TITLE_WORDS` words."""
    text = _SPACES.sub(" ", text).strip(" .,;:*†‡\u2013\u2014-|")
    text = _LEADING_LABEL.sub("", text)
    text = _AUTHORITY_PREFIX.sub(lambda m: m.group("rest"), text)
    text = re.sub(r"\(\s*(?:last\s+)?review(?:ed)?\b[^)]*\)", "", text, flags=re.I).strip()
    text = _STALE_YEARS.sub(r"\2", text)
    text = title_case(text)
    text = _rewrite_dates(text)
    words = text.split()
    if len(words) > MAX_TITLE_WORDS:
        text = " ".join(words[:MAX_TITLE_WORDS])
    return text.strip(" .,;:*\u2013\u2014-")


def _rewrite_dates(text: str) -> str:
    found = dates.find_dates(text)
    for match in reversed(found):
        shown = dates.format_date(match.date, match.precision)
        text = text[: match.start] + shown + text[match.end :]
    return text
