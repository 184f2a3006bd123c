"""Choosing a document's title from its first page's layout, as a person would read it.

A person looking at a council's PDF reads the largest, boldest text near the top of the first
page, skips the authority's name above it, the running header, the dates and references, and
reads a title set over two lines as one. This module does that with `Line`s (text, size,
weight, position) from `indexing.pdf_layout`, and says what kind of document it is. It is pure:
no PDF library, so it can be tested with hand-made lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from library import dates


@dataclass(frozen=True)
class Line:
    """One line of text as laid out on a page.

    `size` is the effective font size in points (the text matrix applied), `top` the distance
    of the line's top edge from the top of the page as a fraction of the page's height (0 is
    the top edge, 1 the bottom), `left` the same across the width; `page` counts from 1.
    """

    text: str
    size: float
    bold: bool
    top: float
    page: int
    left: float = 0.0


TitleSource = Literal["label", "layout", "metadata", "file-name"]


@dataclass(frozen=True)
class Title:
    """A chosen title and where it came from (a "Subject:"-style label, the page's layout,
    the PDF's /Title, or the file name)."""

    text: str
    source: TitleSource


MAX_TITLE_WORDS = 16
_MAX_BLOCK_LINES = 8

_SPACES = re.compile(r"\s+")
_LETTERS = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['\u2019.-][^\W_]+)*")

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
_AUTHORITY_PREFIX = re.compile(
    r"^(?P<name>(?:[\w'\u2019&.-]+\s+){1,5}?(?:council|school|academy|college|university|trust))"
    r"\s*[-\u2013\u2014:|]\s*(?P<rest>.+)$",
    re.I,
)

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$|^page\s+\d+", re.I)
_SECTION_LABEL = re.compile(
    r"^(?:appendix|annex|annexe|schedule|part|section|chapter|question|item|agenda\s+item|"
    r"enclosure|item\s+no\.?|exhibit)\b\s*[\w.]{0,5}\s*[:.]?$",
    re.I,
)
_LEADING_LABEL = re.compile(
    r"^(?:appendix|annex|annexe|schedule|enclosure|section|part|chapter)\s+[\w.]{1,5}\s*[:\u2013\u2014-]\s*",
    re.I,
)
_WATERMARK = re.compile(
    r"^(?:draft|confidential|official(?:[- ]sensitive)?|restricted|unclassified|copy|sample|"
    r"not\s+protectively\s+marked|official\s*-\s*subject\s+to\s+final\s+review)$",
    re.I,
)
_YEARS_ONLY = re.compile(r"^(?:19|20)\d\d(?:\s?[-/\u2013\u2014]\s?(?:(?:19|20)?\d\d))?$")
_NUMBERED = re.compile(r"^\d+(?:\.\d+)*[.)]\s|^(?:\d{1,3}|[a-z]|[ivx]+)\)\s", re.I)
_MEETING_HEADING = re.compile(
    r"^(?:extract\s+of\s+)?(?:minutes|agenda|notice)\s+(?:of|for)\b", re.I
)
_MINUTES_MARKERS = re.compile(
    r"\bpresent\s*:|\bapologies\b|\bin\s+attendance\b|\bchaired\s+by\b|\bclerked\s+by\b|"
    r"\bresolved\b|\bit\s+was\s+(?:agreed|resolved|noted)\b|\bgovernor\s+attendance\b|"
    r"\bdeclarations?\s+of\s+interests?\b",
    re.I,
)
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

_PLACEHOLDER = re.compile(
    r"^(?:untitled(?:\s*document)?|document\s*\d*|doc\d*|scan\s*_?\d*|img[\s_-]*\d*|image\s*\d*|"
    r"file\s*\d*|new\s+document|title|pdf|slide\s*\d+|powerpoint\s+presentation|presentation\d*|"
    r"the\s+report|report|executive\s+decision|draft|final|copy|print|test|temp|\W*|\d+)$",
    re.I,
)
_FILE_NAME = re.compile(
    r"\.(?:docx?|pdf|odt|rtf|xlsx?|pptx?|exe|pages|numbers|key|php|html?|txt|indd|pub|qxd)\b"
    r"|^(?i:microsoft\s+(?:word|excel|powerpoint))\s*-"
    r"|^\S+_\S+$"  # snake_case, no spaces
    r"|^[A-Za-z][a-z]+(?:[A-Z][a-z]+){2,}\d*$"  # CamelCaseReport361
    r"|^[a-z0-9-]+$",  # one lower-case token: "complaints", "standingorders", "20181126"
)
# "BUDGET 2015/16 2018-19": a template's stale year left beside the real one.
_STALE_YEARS = re.compile(
    r"\b((?:19|20)\d\d\s?[-/\u2013]\s?\d\d(?:\d\d)?)\s+((?:19|20)\d\d\s?[-/\u2013]\s?\d\d(?:\d\d)?)\b"
)
_ELLIPSIS = re.compile(r"…|\.{3,}")
# Citations and codes: "[Docket No. FAA-2020-0686; ...]", "RIN 2120-AA64", "14 CFR Part 39".
_CITATION = re.compile(
    r"^\[|\]$|^RIN\s|^\d+\s+[A-Z]{2,6}\s+(?:part|section|§)\s*\d+|^(?:docket|file|case)\s+no\b",
    re.I,
)

# Meeting headings: "Minutes of a meeting of the above Council held on Monday 26th November".
_MEETING_HELD = re.compile(r"\s+(?:held|to\s+be\s+held|which\s+took\s+place)\b.*$", re.I)
_ABOVE_BODY = re.compile(r"\bof\s+the\s+above\s+(?:council|committee|body|board)\b", re.I)
_LABELLED_TITLE = re.compile(
    r"^(?:\d+\.?\s*)?(?:subject|title|re|[^:]{0,40}\btitle\)?|name\s+of\s+(?:activity|policy|"
    r"document))\s*:\s*(?P<value>.+)$",
    re.I,
)
_COMMITTEE = re.compile(
    r"^(?P<label>committee|meeting|board)\s*(?::\s*|\s+(?=.*\bdate\b))(?P<value>.+?)"
    r"(?:\s+date\b\s*:?.*)?$",
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


def key(text: str) -> str:
    """A line's identity across pages: case, digits (page numbers) and punctuation ignored."""
    return " ".join(re.findall(r"[^\W\d_]+|#", re.sub(r"\d+", "#", text.lower())))


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


def usable_pdf_title(raw: str | None, file_stem: str = "") -> str | None:
    """The PDF's /Title when it reads as a title: not a file name ("10811.exe",
    "Microsoft Word - RiskTriggersReport361", "anonymised_minutes"), not a placeholder
    ("Untitled", "THE REPORT"), not an authority's name alone, not boilerplate."""
    if not raw:
        return None
    text = _SPACES.sub(" ", raw).strip()
    if not 3 <= len(text) <= 200 or _FILE_NAME.search(text) or _PLACEHOLDER.match(text):
        return None
    if _ELLIPSIS.search(text) or text.lower() == file_stem.lower():
        return None
    if is_boilerplate(text) or is_authority_name(text):
        return None
    return tidy_title(text)


def readable_file_name(stem: str) -> str | None:
    """`annual-report_2024` → `Annual report 2024`, or None for a name that says nothing
    ("Document 011", "scan0003", "untitled", "IMG_2041")."""
    words = _SPACES.sub(" ", re.sub(r"(?<!\d)-|-(?!\d)|[_.+]+", " ", stem)).strip()
    if not words or _PLACEHOLDER.match(words) or _PLACEHOLDER.match(words.replace(" ", "")):
        return None
    if len(_LETTERS.findall(words)) < 4:
        return None
    return words[:1].upper() + words[1:]


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


@dataclass(frozen=True)
class _Candidate:
    lines: tuple[Line, ...]
    score: float

    @property
    def text(self) -> str:
        return _join(self.lines)


def _join(lines: Iterable[Line]) -> str:
    out = ""
    for line in lines:
        text = line.text.strip()
        if out.endswith("-") and text[:1].isalnum() and not out.endswith(" -"):
            out += text
        else:
            out = f"{out} {text}" if out else text
    return out


def choose_title(
    lines: Sequence[Line],
    *,
    pdf_title: str | None = None,
    file_stem: str = "",
    page_texts: Sequence[str] = (),
    authorities: Iterable[str] = (),
) -> Title | None:
    """The title a person would read on the document's first page.

    In order: a labelled title on the first page ("Subject: Pay Policy Statement 2025/26",
    "(EQIA Title): ..."); the most prominent heading near the top (size, weight, position),
    joined across the lines it is set on, past the authority's name, running headers,
    dates, references and other boilerplate; the PDF's /Title when `usable_pdf_title`
    accepts it; a readable file name. Meeting papers get "Minutes"/"Agenda" and the meeting's
    date when their heading lacks them. The sidecar's title is the caller's and comes first.

    Args:
        lines: layout lines of the first pages (`library.indexing.pdf_layout.read_pdf`).
        pdf_title: the PDF's /Title, raw.
        file_stem: the file name without its suffix.
        page_texts: every page's text, raw (with line breaks) if possible: for running
            headers and footers, the document type and the meeting date.
        authorities: names of bodies known to the caller (the library's own authority).

    Returns:
        The title and its source, or None when nothing readable is found.
    """
    authorities = tuple(authorities)
    repeated = repeated_keys(lines, page_texts)
    numbered = _numbered_headers(lines)
    opening = " ".join(_SPACES.sub(" ", t) for t in page_texts[:2])[:3000]
    for page in _title_pages(lines):
        page_lines = sorted((ln for ln in lines if ln.page == page), key=lambda x: (x.top, x.left))
        labelled = _labelled_title(page_lines)
        if labelled is not None:
            titled = _meeting_title(labelled, opening, page_lines, authorities, page_texts)
            return Title(titled, "label")
        heading = _heading(page_lines, repeated, authorities, _body_size(lines), numbered)
        if heading is not None:
            titled = _meeting_title(heading, opening, page_lines, authorities, page_texts)
            return Title(titled, "layout")
    usable = usable_pdf_title(pdf_title, file_stem)
    if usable is not None:
        return Title(usable, "metadata")
    readable = readable_file_name(file_stem) if file_stem else None
    return Title(readable, "file-name") if readable else None


def _title_pages(lines: Sequence[Line]) -> list[int]:
    # A first page that opens with a version-control log or a contents list is not the
    # title page; nor is an image-only cover (no lines at all): the next page may be.
    pages = sorted({ln.page for ln in lines})[:2]
    if not pages:
        return []
    first = sorted((ln for ln in lines if ln.page == pages[0]), key=lambda x: x.top)
    opener = first[0].text if first else ""
    if len(pages) > 1 and (_CONTROL.search(opener) or _CONTENTS.match(opener.strip())):
        return pages[1:]
    return pages[:1] if pages[0] == 1 or len(pages) == 1 else pages


def _labelled_title(page_lines: Sequence[Line]) -> str | None:
    for index, line in enumerate(page_lines):
        if line.top > 0.5:
            break
        match = _LABELLED_TITLE.match(line.text.strip())
        committee = _COMMITTEE.match(line.text.strip())
        if committee and not match:
            value = committee.group("value").strip()
            if 1 <= len(value.split()) <= 8 and not is_boilerplate(value):
                return tidy_title(value)
        if not match:
            continue
        parts = [match.group("value").strip()]
        # A subject set over two lines goes on in the same style, without a label of its own.
        for follower in page_lines[index + 1 : index + 3]:
            if (
                abs(follower.size - line.size) <= 0.5
                and follower.bold == line.bold
                and follower.top - line.top < 0.05
                and ":" not in follower.text
                and not _NUMBERED.match(follower.text)
                and not is_boilerplate(follower.text)
                and len(" ".join(parts).split()) + len(follower.text.split()) <= MAX_TITLE_WORDS
                and not follower.text.rstrip().endswith(".")
            ):
                parts.append(follower.text.strip())
                line = follower
            else:
                break
        value = _join_texts(parts)
        if len(_LETTERS.findall(value)) >= 3 and not is_boilerplate(value):
            return tidy_title(value)
    return None


def _join_texts(parts: Sequence[str]) -> str:
    return _join(Line(p, size=0, bold=False, top=0, page=0) for p in parts)


def _body_size(page_lines: Sequence[Line]) -> float:
    weights: Counter[float] = Counter()
    for line in page_lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _heading(
    page_lines: Sequence[Line],
    repeated: frozenset[str],
    authorities: tuple[str, ...],
    body: float,
    numbered: frozenset[str] = frozenset(),
) -> str | None:
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
    # Best first; an authority's name set large ("DECOY COMMUNITY / PRIMARY SCHOOL") is read
    # past to the next best.
    for _score_value, block in sorted(blocks, key=lambda b: -b[0]):
        if is_authority_name(_join(page_lines[i] for i in block), authorities):
            continue
        kept = _strip_authority_lines(page_lines, block, authorities)
        if kept and not is_authority_name(_join(kept), authorities):
            kept = _with_period_below(page_lines, kept)
            return tidy_title(_join(kept))
    return None


def _numbered_headers(lines: Sequence[Line]) -> frozenset[str]:
    # "Sample page 1", "Sample page 2"...: a line repeated on every page with its number
    # changing is a running header carrying the page number, never the title.
    numbers: dict[str, set[tuple[str, ...]]] = {}
    for line in lines:
        k = key(line.text)
        if "#" in k:
            numbers.setdefault(k, set()).add(tuple(re.findall(r"\d+", line.text)))
    return frozenset(k for k, seen in numbers.items() if len(seen) > 1)


def _with_period_below(page_lines: Sequence[Line], kept: list[Line]) -> list[Line]:
    # "Equality Objectives" with "2019 - 2021" set smaller just below: the period is part of
    # the title.
    last = kept[-1]
    below = [ln for ln in page_lines if 0 < ln.top - last.top <= max(0.05, last.size * 3 / 800)]
    if (
        below
        and _YEARS_ONLY.match(below[0].text.strip())
        and not dates.find_dates(_join(kept))
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
    text = _join(lines).rstrip()
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
    if _NUMBERED.match(text):
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

    def same_style(a: Line, b: Line) -> bool:
        pitch = max(0.03, a.size * 2.6 / 800)
        return (
            abs(a.size - b.size) <= 0.6
            and a.bold == b.bold
            and 0 <= abs(b.top - a.top) <= pitch
            and _caps_style(a.text) in (_caps_style(b.text), None)
            and _caps_style(b.text) in (_caps_style(a.text), None)
        )

    def neighbour(index: int, step: int) -> int | None:
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

    def words() -> int:
        return sum(len(page_lines[i].text.split()) for i in block)

    index = anchor
    while len(block) < _MAX_BLOCK_LINES:
        up = neighbour(index, -1)
        if up is None or not joinable[up] or not same_style(page_lines[up], page_lines[index]):
            break
        above = page_lines[up]
        if above.text.rstrip().endswith((".", ":")) or dates.parse_date(above.text):
            break
        if words() + len(above.text.split()) > MAX_TITLE_WORDS:
            break
        block.insert(0, up)
        index = up
    index = anchor
    while len(block) < _MAX_BLOCK_LINES:
        down = neighbour(index, 1)
        if (
            down is None
            or not joinable[down]
            or not same_style(page_lines[index], page_lines[down])
        ):
            break
        below = page_lines[down]
        if page_lines[index].text.rstrip().endswith((".", ":")) or below.text.rstrip().endswith(
            ":"
        ):
            break
        if words() + len(below.text.split()) > MAX_TITLE_WORDS:
            break
        block.append(down)
        index = down
    return block


def _meeting_title(
    title: str,
    opening: str,
    page_lines: Sequence[Line],
    authorities: tuple[str, ...],
    raw_pages: Sequence[str],
) -> str:
    kind = document_type(title, opening)
    if kind not in ("minutes", "agenda"):
        return title
    held = [
        d
        for d in dates.stated_dates(raw_pages[:1])
        if d.kind in ("meeting", "dated", "stated") and d.precision == "day"
    ]
    meeting = held[0] if held else None
    if meeting is None:
        lone = dates.lone_dates(ln.text for ln in page_lines[:30])
        meeting = lone[0] if lone else None
    held_on = re.search(r"\s+held\s+on\s+(?P<rest>.+)$", title, re.I)
    if held_on and dates.parse_date(held_on.group("rest")):
        base = title  # "... Held on 4 September 2018" says it all
    else:
        base = _MEETING_HELD.sub("", title)
    body = next((ln.text for ln in page_lines[:4] if is_authority_name(ln.text, authorities)), "")
    if _ABOVE_BODY.search(base):
        # "Minutes of a meeting of the above Council" needs the council's name to say
        # anything; "Minutes of the Annual General Meeting" says enough without it.
        generic = re.search(r"\b(?:a|the)\s+meeting\s+of\s+the\s+above\b", base, re.I)
        name = f"of {title_case(body)}" if body and generic else ""
        base = _ABOVE_BODY.sub(name, base)
    base = _SPACES.sub(" ", base).strip(" ,.;:")
    if kind not in base.lower():
        base = f"{base} {kind.capitalize()}"
    has_date = bool(dates.find_dates(base))
    if meeting is not None and not has_date and meeting.precision == "day":
        base = f"{base} {dates.format_date(meeting.date)}"
    return tidy_title(base)


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
