"""The Guide to Information: what the authority publishes, class by class, how, and at what cost.

`build_guide` makes the guide once, as plain data: the public `/guide` page renders it, and so
does `library guide --format` (`render_guide`), as CSV, as Markdown, or as HTML through the
site's own guide templates (`web/templates/_guide.html`) in a standalone page. Only public,
indexed documents appear: non-public ones are never in the index as documents, and files
that could not be indexed are for the librarian's problem list, not the public guide.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from library import templating
from library.classes import CLASSES, UNCLASSIFIED
from library.errors import QueryError
from library.models import Document

if TYPE_CHECKING:
    from library.config import Settings
    from library.search import Catalog

FORMATS = ("html", "csv", "md")
UNFILED_DESCRIPTION = "Published documents waiting to be filed in one of the classes above."


@dataclass(frozen=True)
class GuideClass:
    """One section of the guide: a class of the scheme and its documents, newest first."""

    slug: str
    name: str
    description: str
    entries: tuple[Document, ...]


@dataclass(frozen=True)
class Guide:
    """The whole guide: the seven classes in scheme order (empty ones too, so the public sees
    the whole scheme), then the published documents not yet filed in a class, if any."""

    authority: str
    foi_email: str
    foi_address: str
    generated: dt.date
    classes: tuple[GuideClass, ...]
    unfiled: GuideClass | None = None

    @property
    def sections(self) -> tuple[GuideClass, ...]:
        return (*self.classes, self.unfiled) if self.unfiled else self.classes

    @property
    def total(self) -> int:
        return sum(len(c.entries) for c in self.sections)


def build_guide(catalog: Catalog, settings: Settings, *, today: dt.date | None = None) -> Guide:
    """The guide from the index, each class's documents in the catalog's order (newest first)."""
    unfiled = tuple(catalog.documents_in_class(UNCLASSIFIED.slug))
    return Guide(
        authority=settings.authority_name,
        foi_email=settings.foi_email,
        foi_address=settings.foi_address,
        generated=today or dt.date.today(),
        classes=tuple(
            GuideClass(c.slug, c.name, c.description, tuple(catalog.documents_in_class(c.slug)))
            for c in CLASSES
        ),
        unfiled=GuideClass(UNCLASSIFIED.slug, UNCLASSIFIED.name, UNFILED_DESCRIPTION, unfiled)
        if unfiled
        else None,
    )


def document_url(doc: Document, base_url: str = "") -> str:
    """The document's public page (`/documents/{id}`), under `base_url` when given."""
    return f"{base_url.rstrip('/')}/documents/{doc.doc_id}"


def render_guide(guide: Guide, fmt: str, *, web_dir: Path, base_url: str = "") -> str:
    """The guide as `html` (the site's guide templates in `web_dir`, standalone), `csv` or
    `md`, with links under `base_url`.

    Raises:
        QueryError: `fmt` is not one of `FORMATS`.
    """
    if fmt == "csv":
        return _csv(guide, base_url)
    if fmt == "md":
        return _markdown(guide, base_url)
    if fmt == "html":
        return _html(guide, web_dir, base_url)
    raise QueryError(f"unknown guide format {fmt!r} (use one of {', '.join(FORMATS)})")


def _html(guide: Guide, web_dir: Path, base_url: str) -> str:
    base = base_url.rstrip("/")
    stylesheet = (web_dir / "static" / "app.css").read_text(encoding="utf-8")
    template = templating.environment(web_dir).get_template("guide_export.html")
    return template.render(
        guide=guide,
        # The site's own stylesheet, inline, so the saved file looks and prints like /guide.
        stylesheet=Markup(stylesheet),
        document_url=lambda doc: document_url(doc, base_url),
        pdf_url=lambda doc: base + templating.file_path(doc.path),
        request_url=f"{base}/request" if base else "",
    )


def _csv(guide: Guide, base_url: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["class", "class_name", "title", "summary", "published", "pages", "format", "charge",
         "url", "path"]
    )  # fmt: skip
    for cls in guide.sections:
        for d in cls.entries:
            writer.writerow(
                [cls.slug, cls.name, _cell(d.title), _cell(d.summary), _iso(d.published),
                 d.page_count, d.format, d.charge, document_url(d, base_url), _cell(d.path)]
            )  # fmt: skip
    return out.getvalue()


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _cell(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets: keep it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def _markdown(guide: Guide, base_url: str) -> str:
    lines = [
        f"# Guide to Information: {_md(guide.authority)}",
        "",
        f"Information we publish routinely, by class of the publication scheme. "
        f"Generated {guide.generated.isoformat()}; {guide.total} documents.",
        "",
        f"To ask for information not listed here, write to {_md(guide.foi_email)} or "
        f"{_md(guide.foi_address)}.",
    ]
    for cls in guide.sections:
        lines += ["", f"## {_md(cls.name)}", "", _md(cls.description), ""]
        if not cls.entries:
            lines.append("Nothing is published in this class yet.")
            continue
        lines += ["| Document | Published | Format | Charge |", "| --- | --- | --- | --- |"]
        for d in cls.entries:
            title = f"[{_md(d.title)}]({document_url(d, base_url)})"
            published = _iso(d.published) or "-"
            lines.append(f"| {title} | {published} | {_md(d.format)} | {_md(d.charge)} |")
    return "\n".join(lines) + "\n"
