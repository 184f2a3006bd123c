"""A line of text as laid out on a page, the way the title readers see it.

`indexing.pdf_layout` makes these from a PDF; the title modules read them. Kept apart so that
the filters, the heading reader and the title chooser share one shape without importing each
other, and so tests can build lines by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


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


def key(text: str) -> str:
    """A line's identity across pages: case, digits (page numbers) and punctuation ignored."""
    return " ".join(re.findall(r"[^\W\d_]+|#", re.sub(r"\d+", "#", text.lower())))


def join_lines(lines: Iterable[Line]) -> str:
    """The lines' texts read as one: a word broken by a hyphen at a line's end is joined."""
    out = ""
    for line in lines:
        text = line.text.strip()
        if out.endswith("-") and text[:1].isalnum() and not out.endswith(" -"):
            out += text
        else:
            out = f"{out} {text}" if out else text
    return out
