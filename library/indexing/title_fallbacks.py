"""The titles used when the first page gives none: the PDF's /Title, then the file name.

Both are often junk ("Microsoft Word - RiskTriggersReport361", "Untitled", "scan0003"), so
each is taken only when it reads as a title.
"""

from __future__ import annotations

import re

from library.indexing.title_case import tidy_title
from library.indexing.title_filters import is_authority_name, is_boilerplate

_SPACES = re.compile(r"\s+")
_LETTERS = re.compile(r"[^\W\d_]")

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
_ELLIPSIS = re.compile(r"…|\.{3,}")


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
