"""Saved web pages (`.html`, `.htm`) → their main text, without menus, banners and footers,
one unit per top-level section heading, the way a GOV.UK-style page is cut.

lxml's HTML parser reads the page (it never fetches anything: `no_network`, and HTML has no
DTD processing); the main content is the `<main>` (or `role="main"`, or the first
`<article>`, else the body) with navigation, headers, footers, asides, forms, scripts and
styles dropped. A full readability-style extractor was not needed: council pages are built
from templates that mark their landmarks, which is what screen readers rely on too.
Title from `<title>`/`<h1>` (by the title rules), dates from `<meta>` (`date`,
`dcterms.created`, `dcterms.issued`, `article:published_time`, `dcterms.modified`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from library.errors import ExtractionError
from library.indexing.plain_text import decode_text
from library.indexing.units import Block, FileMeta, from_parts, from_sections, row_line

if TYPE_CHECKING:
    from library.models import ExtractedPdf

_DROPPED = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "dialog",
)
_DROPPED_ROLES = ("navigation", "banner", "contentinfo", "search", "complementary", "dialog")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LEAVES = frozenset(
    {"p", "li", "dt", "dd", "blockquote", "pre", "figcaption", "caption", "address", "summary"}
)
# Elements that hold blocks; an element with none of these as children is read as one block.
_CONTAINERS = (
    frozenset(
        {
            "div",
            "section",
            "article",
            "main",
            "body",
            "table",
            "thead",
            "tbody",
            "tfoot",
            "tr",
            "ul",
            "ol",
            "dl",
            "figure",
            "details",
            "center",
            "html",
        }
    )
    | _LEAVES
    | set(_HEADINGS)
)
_CREATED = ("dcterms.created", "dcterms.issued", "dc.date", "date", "article:published_time")
_MODIFIED = ("dcterms.modified", "article:modified_time", "last-modified")
# A saved page is often one long line; its size is still bounded by `max_file_mb`.
_ANY_LINE = 1 << 62
_PROLOG_CHARS = 64 * 1024


def extract_html(path: Path) -> ExtractedPdf:
    """Read a saved web page's main text.

    Raises:
        ExtractionError: `empty`, `not-text`, `bad-encoding`, `hostile-xml` or `corrupt`.
    """
    import lxml.html
    from lxml import etree

    text, _ = decode_text(path.read_bytes(), max_line_bytes=_ANY_LINE)
    if "<!ENTITY" in text[:_PROLOG_CHARS].upper():
        # HTML has no entity declarations: one is an XML attack; lxml would not expand it,
        # but nor should its declarations be indexed as the page's text.
        raise ExtractionError("hostile-xml", "the page declares XML entities: refused unread")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError("corrupt", f"the page cannot be parsed: {exc}") from None
    meta = _meta(root)
    main = _main(root)
    blocks = list(_blocks(main))
    if not any(b.level for b in blocks) and meta.title:
        blocks.insert(0, Block(meta.title, 0))
    if not any(b.text.strip() for b in blocks):
        raise ExtractionError("empty", "the page has no main text")
    if any(b.level for b in blocks):
        return from_sections("html", blocks, meta, path.stem)
    return from_parts("html", blocks, meta, path.stem)


def _meta(root: Any) -> FileMeta:
    values: dict[str, str] = {}
    for tag in root.iter("meta"):
        name = (tag.get("name") or tag.get("property") or "").strip().lower()
        if name and name not in values and tag.get("content"):
            values[name] = tag.get("content").strip()
    title = root.find(".//title")
    heading = (title.text_content().strip() if title is not None else "") or values.get(
        "dc.title", ""
    )
    return FileMeta(
        title=heading or None,
        created=_first_date(values, _CREATED),
        modified=_first_date(values, _MODIFIED),
    )


def _first_date(values: dict[str, str], names: tuple[str, ...]) -> dt.datetime | None:
    for name in names:
        raw = values.get(name, "")
        try:
            return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")) if raw else None
        except ValueError:
            continue
    return None


def _main(root: Any) -> Any:
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        role = (element.get("role") or "").lower()
        hidden = element.get("hidden") is not None or element.get("aria-hidden") == "true"
        if element.tag in _DROPPED or role in _DROPPED_ROLES or hidden:
            element.drop_tree()
    for query in (".//main", ".//*[@role='main']", ".//article", ".//body"):
        found = root.find(query)
        if found is not None:
            return found
    return root


def _tag(element: Any) -> str:
    return element.tag if isinstance(element.tag, str) else ""


def _blocks(element: Any) -> Iterator[Block]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _HEADINGS:
        yield Block(element.text_content(), _HEADINGS[tag])
        return
    if tag == "tr":
        yield Block(row_line([c.text_content() for c in element if c.tag in ("td", "th")]))
        return
    if tag in _LEAVES or not any(_tag(child) in _CONTAINERS for child in element):
        yield Block(element.text_content())
        return
    if element.text and element.text.strip():
        yield Block(element.text)
    for child in element:
        yield from _blocks(child)
        if child.tail and child.tail.strip():
            yield Block(child.tail)
