"""Choosing a document's title from its first page's layout, as a person would read it.

A person looking at a council's PDF reads the largest, boldest text near the top of the first
page, skips the authority's name above it, the running header, the dates and references, and
reads a title set over two lines as one. This module does that with `Line`s (text, size,
weight, position) from `indexing.pdf_layout`, and says what kind of document it is. It is pure:
no PDF library, so it can be tested with hand-made lines.

This module owns the order in which a title is looked for (a label, the layout, the PDF's
/Title, the file name) and the naming of meeting papers; the parts live beside it and are
re-exported here: `page_lines` (the `Line`), `title_filters` (what is never a title),
`title_heading` (the most prominent heading), `title_case` (how a title is shown),
`title_fallbacks` (/Title and file name) and `doc_types` (what kind of document it is).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from library import dates
from library.indexing.doc_types import document_type
from library.indexing.page_lines import Line, join_lines, key
from library.indexing.title_case import ACRONYMS, MAX_TITLE_WORDS, tidy_title, title_case
from library.indexing.title_fallbacks import readable_file_name, usable_pdf_title
from library.indexing.title_filters import (
    is_authority_name,
    is_boilerplate,
    is_front_matter,
    is_numbered,
    numbered_headers,
    repeated_keys,
)
from library.indexing.title_heading import best_heading, body_size

__all__ = [
    "ACRONYMS",
    "MAX_TITLE_WORDS",
    "Line",
    "Title",
    "TitleSource",
    "choose_title",
    "document_type",
    "is_authority_name",
    "is_boilerplate",
    "key",
    "readable_file_name",
    "repeated_keys",
    "tidy_title",
    "title_case",
    "usable_pdf_title",
]

TitleSource = Literal["label", "layout", "metadata", "file-name"]


@dataclass(frozen=True)
class Title:
    """A chosen title and where it came from (a "Subject:"-style label, the page's layout,
    the PDF's /Title, or the file name)."""

    text: str
    source: TitleSource


_SPACES = re.compile(r"\s+")
_LETTERS = re.compile(r"[^\W\d_]")

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
    numbered = numbered_headers(lines)
    opening = " ".join(_SPACES.sub(" ", t) for t in page_texts[:2])[:3000]
    for page in _title_pages(lines):
        page_lines = sorted((ln for ln in lines if ln.page == page), key=lambda x: (x.top, x.left))
        labelled = _labelled_title(page_lines)
        if labelled is not None:
            titled = _meeting_title(labelled, opening, page_lines, authorities, page_texts)
            return Title(titled, "label")
        heading = best_heading(page_lines, repeated, authorities, body_size(lines), numbered)
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
    if len(pages) > 1 and is_front_matter(opener):
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
                and not is_numbered(follower.text)
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
    return join_lines(Line(p, size=0, bold=False, top=0, page=0) for p in parts)


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
