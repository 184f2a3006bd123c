"""The Guide to Information: what the authority publishes, class by class, how, and at what cost.

`build_guide` makes the guide once, as plain data: the public `/guide` page renders it, and so
does `library guide --format` (`render_guide`), as CSV, as Markdown, or as HTML through the
site's own guide templates (`web/templates/_guide.html`) in a standalone page. Only public,
indexed documents appear: non-public ones are never in the index as documents, and files
that could not be indexed are for the librarian's problem list, not the public guide.

A series (the yearly versions of one document) is one entry, its newest document, with links
to its other years; the CSV keeps a row per document (a spreadsheet sorts and filters them),
each naming the entry it is listed under. Every format carries the schedule of charges
(`librarian.charges`): the HTML and Markdown as a section, the JSON as `charges`, the CSV as
rows whose class is `schedule-of-charges` (what, when it applies, and the amount in `charge`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from library import templating
from library.classes import CLASSES, UNCLASSIFIED
from library.datasets import Licence, licence_of
from library.errors import QueryError
from library.librarian.charges import ANCHOR, MODEL_SCHEDULE, Schedule, load_schedule
from library.models import Document, SeriesMember, series_members

if TYPE_CHECKING:
    from library.config import Settings
    from library.search import Catalog

FORMATS = ("html", "csv", "md", "json")
CHARGES_SLUG = "schedule-of-charges"
UNFILED_DESCRIPTION = "Published documents waiting to be filed in one of the classes above."


@dataclass(frozen=True)
class GuideClass:
    """One section of the guide: a class of the scheme and its entries, newest first; an
    entry is a document alone, or the newest of a series with its other years."""

    slug: str
    name: str
    description: str
    entries: tuple[Document, ...]
    # The older documents of each entry's series, newest first, by the entry's id.
    older: Mapping[str, tuple[Document, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, slug: str, name: str, description: str, docs: Iterable[Document]) -> GuideClass:
        """The section listing `docs` (newest first), each series as one entry."""
        series: dict[str, list[Document]] = {}
        entries: list[Document] = []
        for doc in docs:
            if not doc.in_series:
                entries.append(doc)
                continue
            if doc.series not in series:
                entries.append(doc)
            series.setdefault(doc.series, []).append(doc)
        older = {m[0].doc_id: tuple(m[1:]) for m in series.values() if len(m) > 1}
        return cls(slug, name, description, tuple(entries), older)

    def years_of(self, doc: Document) -> tuple[SeriesMember, ...]:
        """The other years of an entry's series, newest first (none for a document alone)."""
        older = self.older.get(doc.doc_id, ())
        return series_members((doc, *older), besides=doc.path) if older else ()

    @property
    def documents(self) -> int:
        return len(self.entries) + sum(len(o) for o in self.older.values())


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
    charges: Schedule = MODEL_SCHEDULE
    dataset_licence: str = ""  # a dataset's licence when its sidecar names none

    def licence(self, doc: Document) -> Licence | None:
        """The licence `doc` is listed with: every dataset has one (issue 13)."""
        return licence_of(doc.licence, self.dataset_licence, dataset=doc.is_dataset)

    @property
    def sections(self) -> tuple[GuideClass, ...]:
        return (*self.classes, self.unfiled) if self.unfiled else self.classes

    @property
    def total(self) -> int:
        """Documents listed, the other years of a series included."""
        return sum(c.documents for c in self.sections)


def build_guide(catalog: Catalog, settings: Settings, *, today: dt.date | None = None) -> Guide:
    """The guide from the index, each class's documents in the catalog's order (newest first),
    with the authority's schedule of charges.

    Raises:
        ConfigError: the charges file cannot be used.
    """
    unfiled = catalog.documents_in_class(UNCLASSIFIED.slug)
    return Guide(
        authority=settings.authority_name,
        foi_email=settings.foi_email,
        foi_address=settings.foi_address,
        generated=today or dt.date.today(),
        classes=tuple(
            GuideClass.of(c.slug, c.name, c.description, catalog.documents_in_class(c.slug))
            for c in CLASSES
        ),
        unfiled=GuideClass.of(UNCLASSIFIED.slug, UNCLASSIFIED.name, UNFILED_DESCRIPTION, unfiled)
        if unfiled
        else None,
        charges=load_schedule(settings.charges_file),
        dataset_licence=settings.dataset_licence,
    )


def document_url(doc: Document | SeriesMember, base_url: str = "") -> str:
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
    if fmt == "json":
        return _json(guide, base_url)
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
        charges_url=f"#{ANCHOR}",
    )


def _json(guide: Guide, base_url: str) -> str:
    def entry(d: Document) -> dict[str, object]:
        return {"title": d.title, "summary": d.summary, "date": d.date_label,
                "published": _iso(d.published), "type": d.doc_type, "format": d.format,
                "charge": d.charge, "url": document_url(d, base_url), "path": d.path}  # fmt: skip

    body = {
        "authority": guide.authority,
        "generated": guide.generated.isoformat(),
        "foi_email": guide.foi_email,
        "foi_address": guide.foi_address,
        "charges": guide.charges.to_dict(),
        "classes": [
            {
                "slug": c.slug,
                "name": c.name,
                "description": c.description,
                "documents": [entry(d) for _, d in _rows(c)],
            }
            for c in guide.sections
        ],
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def _csv(guide: Guide, base_url: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["class", "class_name", "title", "summary", "published", "pages", "format", "charge",
         "url", "path", "type", "date", "entry_url", "licence"]
    )  # fmt: skip
    for cls in guide.sections:
        for entry, d in _rows(cls):
            writer.writerow(
                [cls.slug, cls.name, _cell(d.title), _cell(d.summary), _iso(d.published),
                 d.page_count, d.format, d.charge, document_url(d, base_url), _cell(d.path),
                 d.doc_type, d.date_label, document_url(entry, base_url), _licence(guide, d)]
            )  # fmt: skip
    for c in guide.charges.charges:
        writer.writerow(
            [CHARGES_SLUG, "Schedule of charges", _cell(c.what), _cell(c.applies), "", "", "",
             _cell(c.amount), "", "", "", "", "", ""]
        )  # fmt: skip
    return out.getvalue()


def _rows(cls: GuideClass) -> Iterable[tuple[Document, Document]]:
    # (the entry, a document listed under it): every document, after its series' entry.
    for entry in cls.entries:
        yield entry, entry
        for older in cls.older.get(entry.doc_id, ()):
            yield entry, older


def _licence(guide: Guide, doc: Document) -> str:
    licence = guide.licence(doc)
    return _cell(licence.name) if licence else ""


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
        lines += ["| Document | Date | Format | Charge |", "| --- | --- | --- | --- |"]
        for d in cls.entries:
            title = f"[{_md(d.title)}]({document_url(d, base_url)})"
            years = [f"[{_md(m.label)}]({document_url(m, base_url)})" for m in cls.years_of(d)]
            if years:
                title += f" (other years: {', '.join(years)})"
            date = _md(d.date_label) or "-"
            how = _md(d.format) + (f"; {_md(lic)}" if (lic := _licence(guide, d)) else "")
            lines.append(f"| {title} | {date} | {how} | {_md(d.charge)} |")
    lines += ["", "## Schedule of charges", "", _md(guide.charges.notice), ""]
    lines += ["| What | Charge | When it applies |", "| --- | --- | --- |"]
    for c in guide.charges.charges:
        lines.append(f"| {_md(c.what)} | {_md(c.amount)} | {_md(c.applies)} |")
    return "\n".join(lines) + "\n"
