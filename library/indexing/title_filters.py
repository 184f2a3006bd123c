"""The lines that are never a title, as a person reading a first page skips them.

Page numbers, dates and date statements, references and field labels, contact lines,
copyright, version control, contents and table headers (`is_boilerplate`); the name of the
authority that publishes the document (`is_authority_name`); and the running headers and
footers repeated from page to page (`repeated_keys`, `numbered_headers`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from library import dates
from library.indexing.page_lines import Line, key

_SPACES = re.compile(r"\s+")
_LETTERS = re.compile(r"[^\W\d_]")

# The names of bodies, standing alone: "NEW BRADWELL PARISH COUNCIL", "Kent County Council",
# "Decoy Community Primary School", "COUNTY COUNCIL", "Local Government Association".
_AUTHORITY = re.compile(
    r"^(?:the\s+)?(?:(?!(?:of|for|to|the|on|in|with|from|under|by)\s)[\w'\u2019&.,-]+\s+){0,6}?"
    r"(?:(?:parish|town|community|county|city|district|borough|metropolitan|unitary|combined)\s+)?"
    r"(?:council|school|academy|college|university|trust|authority|association|"
    r"school\s+district|board\s+of\s+governors|governing\s+body|federation|department|"
    r"administration|agency|commission|ministry|executive|(?:police|fire)\s+service)$"
    r"|^(?:the\s+)?(?:department|ministry)\s+(?:of|for)\s+[\w\s,&'\u2019-]+$",
    re.I,
)

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$|^page\s+\d+", re.I)
_SECTION_LABEL = re.compile(
    r"^(?:appendix|annex|annexe|schedule|part|section|chapter|question|item|agenda\s+item|"
    r"enclosure|item\s+no\.?|exhibit)\b\s*[\w.]{0,5}\s*[:.]?$",
    re.I,
)
_WATERMARK = re.compile(
    r"^(?:draft|confidential|official(?:[- ]sensitive)?|restricted|unclassified|copy|sample|"
    r"not\s+protectively\s+marked|official\s*-\s*subject\s+to\s+final\s+review)$",
    re.I,
)
_NUMBERED = re.compile(r"^\d+(?:\.\d+)*[.)]\s|^(?:\d{1,3}|[a-z]|[ivx]+)\)\s", re.I)
_FIELD_LABEL = re.compile(
    r"^(?:from|to|by|cc|date|classification|electoral\s+divisions?|past\s+pathway|"
    r"future\s+pathway|decision\s+(?:no|number)|key\s+decision|ref|our\s+ref|your\s+ref|"
    r"reference|version|contact|tel|telephone|phone|mobile|fax|e-?mail|web(?:site)?|address|"
    r"author|owner|status|summary|recommendations?|case\s+tracking\s+number|agency|present|"
    r"apologies|in\s+attendance)\s*(?:\(s\))?\s*:",
    re.I,
)
_STATEMENT_START = re.compile(
    r"^\(?(?:date\b|adopted|adoption|approved|agreed|ratified|reviewed|last\s+review|"
    r"next\s+review|to\s+be\s+(?:reviewed|ratified|approved)|review\s+date|updated|"
    r"amended|last\s+amended|revised|issued|published|dated|version\b|policy\s+date|"
    r"produced\s+by|prepared\s+by|written\s+by|compiled\s+by|person\s+responsible|"
    r"responsible\s+officer|min(?:ute)?\s+ref|revision\s+number)",
    re.I,
)
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|\bwww\.|https?://|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b|"
    r"\btel(?:ephone)?\b\s*[:.]|\.(?:gov|org|co|com|net)\.?(?:uk)?\b",
    re.I,
)
_COPYRIGHT = re.compile(r"©|\(c\)\s|\bcopyright\b|all\s+rights\s+reserved|terms\s+of\s+use", re.I)
_CONTROL = re.compile(
    r"\b(?:document\s+)?version\s+(?:control|history)|\bdocument\s+control\b|"
    r"\brevision\s+history\b|\bchange\s+log\b|\bamendment\s+history\b",
    re.I,
)
_CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents?$|^index$|^section\s+contents\s+page$", re.I)
_LEADER_DOTS = re.compile(r"\.{4,}|…{2,}|(?:\.\s){4,}")
_TABLE_WORDS = frozenset(
    (
        "no",
        "no.",
        "date",
        "payee",
        "name",
        "amount",
        "description",
        "ref",
        "value",
        "total",
        "qty",
        "item",
        "location",
        "unit",
        "budget",
        "spent",
        "directorate",
        "risk",
        "source",
        "cause",
        "event",
        "consequence",
        "likelihood",
        "function",
        "powers",
        "duties",
        "statute",
        "risks",
        "identified",
        "version",
        "city",
        "company",
        "effective",
        "received",
        "notice",
        "type",
        "term",
        "category",
        "custodian",
        "acquired",
        "identification",
        "document",
        "cost",
        "£",
        "£m",
        "£k",
        "page",
        "section",
        "vat",
        "net",
        "gross",
        "reference",
        "details",
        "action",
        "owner",
        "target",
        "status",
        "impact",
        "rating",
        "score",
        "code",
        "account",
        "period",
        "qty.",
        "quantity",
        "price",
        "invoice",
        "supplier",
        "start",
        "end",
        "posted",
        "dates",
        "from",
        "to",
        "payment",
        "paid",
    )
)
# Citations and codes: "[Docket No. FAA-2020-0686; ...]", "RIN 2120-AA64", "14 CFR Part 39".
_CITATION = re.compile(
    r"^\[|\]$|^RIN\s|^\d+\s+[A-Z]{2,6}\s+(?:part|section|§)\s*\d+|^(?:docket|file|case)\s+no\b",
    re.I,
)


def repeated_keys(lines: Sequence[Line], page_texts: Sequence[str] = ()) -> frozenset[str]:
    """The running headers and footers: line texts found on several pages.

    From layout lines, a line repeated on two of the laid-out pages; from raw page texts (with
    their line breaks), one of the first or last three lines of a page that opens or closes
    at least two pages and two in five of them.
    """
    pages_by_key: dict[str, set[int]] = {}
    for line in lines:
        pages_by_key.setdefault(key(line.text), set()).add(line.page)
    repeated = {k for k, pages in pages_by_key.items() if k and len(pages) >= 2}
    edges: Counter[str] = Counter()
    for text in page_texts:
        page_lines = [ln for ln in (s.strip() for s in text.splitlines()) if ln]
        edges.update({key(ln) for ln in page_lines[:3] + page_lines[-3:] if key(ln)})
    threshold = max(2, (2 * len(page_texts) + 4) // 5)
    repeated.update(k for k, count in edges.items() if count >= threshold)
    return frozenset(repeated)


def is_authority_name(text: str, authorities: Iterable[str] = ()) -> bool:
    """True when the text is only the name of a body ("NEW BRADWELL PARISH COUNCIL"), which a
    person reads past to the title below it. `authorities` adds names known to the caller."""
    clean = _SPACES.sub(" ", text).strip(" .,:;\u2013\u2014-")
    if not clean:
        return False
    if any(key(clean) == key(name) for name in authorities):
        return True
    return bool(_AUTHORITY.match(clean)) and len(clean.split()) <= 9


def is_boilerplate(text: str) -> bool:
    """True for lines that are never a title: page numbers, dates and date statements,
    references and field labels, contact lines, copyright, version control, contents and
    table headers. Public so the integrator can filter first headings the same way."""
    clean = _SPACES.sub(" ", text).strip()
    letters = len(_LETTERS.findall(clean))
    if letters < 3 or letters < len(clean.replace(" ", "")) * 0.4:
        return True
    if _PAGE_NUMBER.match(clean) or _SECTION_LABEL.match(clean) or _CONTENTS.match(clean):
        return True
    if _FIELD_LABEL.match(clean) or _STATEMENT_START.match(clean):
        return True
    if _CONTACT.search(clean) or _COPYRIGHT.search(clean) or _CONTROL.search(clean):
        return True
    if _LEADER_DOTS.search(clean) or _WATERMARK.match(clean) or _is_only_date(clean):
        return True
    if _CITATION.search(clean):
        return True
    return _is_table_header(clean)


def _is_only_date(text: str) -> bool:
    if dates.parse_date(text) is not None:
        return True
    rest = dates.without_dates(text)
    rest = re.sub(r"\b(?:19|20)\d\d\b|[\d:./-]+|\b(?:am|pm|at)\b", " ", rest, flags=re.I)
    return len(_LETTERS.findall(rest)) < 3


def _is_table_header(text: str) -> bool:
    words = [w.lower().strip(".,:;()*") for w in text.split()]
    words = [w for w in words if w]
    if len(words) < 3:
        return False
    hits = sum(w in _TABLE_WORDS for w in words)
    return hits >= 3 and hits * 2 >= len(words)


def numbered_headers(lines: Sequence[Line]) -> frozenset[str]:
    """The keys of running headers that carry the page number ("Sample page 1", "Sample page
    2"...): a line repeated on every page with its number changing is never the title."""
    numbers: dict[str, set[tuple[str, ...]]] = {}
    for line in lines:
        k = key(line.text)
        if "#" in k:
            numbers.setdefault(k, set()).add(tuple(re.findall(r"\d+", line.text)))
    return frozenset(k for k, seen in numbers.items() if len(seen) > 1)


def is_front_matter(text: str) -> bool:
    """True when a page opening with this line is a version-control log or a contents list,
    not the title page."""
    return bool(_CONTROL.search(text) or _CONTENTS.match(text.strip()))


def is_numbered(text: str) -> bool:
    """True for a numbered paragraph or list item ("3.2 ", "b) "), which a title seldom is."""
    return bool(_NUMBERED.match(text))
