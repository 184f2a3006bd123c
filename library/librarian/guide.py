"""The Guide to Information: what the authority publishes, class by class, how, and at what cost.

`build_guide` returns plain data (the public /guide page can render it); `render` turns it into
CSV, Markdown or a standalone HTML page for `library guide --format`. Only public, indexed
documents appear: non-public ones are never in the index as documents, and files that could
not be indexed are for the librarian's problem list, not the public guide.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jinja2 import Environment

from library.classes import CLASSES
from library.errors import QueryError

if TYPE_CHECKING:
    from library.config import Settings
    from library.search import Catalog

FORMATS = ("html", "csv", "md")


@dataclass(frozen=True)
class GuideEntry:
    title: str
    path: str
    doc_id: str
    summary: str
    published: str
    pages: int
    size: int
    format: str
    charge: str

    def url(self, base_url: str = "") -> str:
        """The document's public page (`/documents/{id}`), under `base_url` when given."""
        return f"{base_url.rstrip('/')}/documents/{self.doc_id}"


@dataclass(frozen=True)
class GuideClass:
    slug: str
    name: str
    description: str
    entries: tuple[GuideEntry, ...]


@dataclass(frozen=True)
class Guide:
    authority: str
    foi_email: str
    foi_address: str
    generated: dt.date
    classes: tuple[GuideClass, ...]

    @property
    def total(self) -> int:
        return sum(len(c.entries) for c in self.classes)

    def to_dict(self, base_url: str = "") -> dict[str, Any]:
        return {
            "authority": self.authority,
            "foi_email": self.foi_email,
            "foi_address": self.foi_address,
            "generated": self.generated.isoformat(),
            "classes": [
                {
                    "slug": c.slug,
                    "name": c.name,
                    "description": c.description,
                    "documents": [{**e.__dict__, "url": e.url(base_url)} for e in c.entries],
                }
                for c in self.classes
            ],
        }


def build_guide(catalog: Catalog, settings: Settings, *, today: dt.date | None = None) -> Guide:
    """The guide from the index: all seven classes in scheme order (empty ones too, so the
    public sees the whole scheme), documents newest first, then by title."""
    by_class: dict[str, list[GuideEntry]] = {c.slug: [] for c in CLASSES}
    for doc in catalog.all_documents():
        if doc.pub_class not in by_class:
            continue
        by_class[doc.pub_class].append(
            GuideEntry(
                title=doc.title,
                path=doc.path,
                doc_id=doc.doc_id,
                summary=doc.summary,
                published=doc.published.isoformat() if doc.published else "",
                pages=doc.page_count,
                size=doc.size,
                format=doc.format,
                charge=doc.charge,
            )
        )
    for entries in by_class.values():
        entries.sort(key=lambda e: e.title.lower())
        entries.sort(key=lambda e: e.published, reverse=True)
    return Guide(
        authority=settings.authority_name,
        foi_email=settings.foi_email,
        foi_address=settings.foi_address,
        generated=today or dt.date.today(),
        classes=tuple(
            GuideClass(c.slug, c.name, c.description, tuple(by_class[c.slug])) for c in CLASSES
        ),
    )


def render_guide(guide: Guide, fmt: str, *, base_url: str = "") -> str:
    """The guide as `html`, `csv` or `md`."""
    if fmt == "csv":
        return _csv(guide, base_url)
    if fmt == "md":
        return _markdown(guide, base_url)
    if fmt == "html":
        return _HTML.render(guide=guide, base_url=base_url)
    raise QueryError(f"unknown guide format {fmt!r} (use one of {', '.join(FORMATS)})")


def _csv(guide: Guide, base_url: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["class", "class_name", "title", "summary", "published", "pages", "format", "charge",
         "url", "path"]
    )  # fmt: skip
    for cls in guide.classes:
        for e in cls.entries:
            writer.writerow(
                [cls.slug, cls.name, _cell(e.title), _cell(e.summary), e.published, e.pages,
                 e.format, e.charge, e.url(base_url), _cell(e.path)]
            )  # fmt: skip
    return out.getvalue()


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
    for cls in guide.classes:
        lines += ["", f"## {_md(cls.name)}", "", _md(cls.description), ""]
        if not cls.entries:
            lines.append("Nothing is published in this class yet.")
            continue
        lines += ["| Document | Published | Format | Charge |", "| --- | --- | --- | --- |"]
        for e in cls.entries:
            title = f"[{_md(e.title)}]({e.url(base_url)})"
            lines.append(f"| {title} | {e.published or '-'} | {_md(e.format)} | {_md(e.charge)} |")
    return "\n".join(lines) + "\n"


_HTML = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Guide to Information &ndash; {{ guide.authority }}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
 line-height:1.5}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.3rem;border-bottom:1px solid #ccc}
</style>
</head>
<body>
<h1>Guide to Information</h1>
<p>{{ guide.authority }}: information we publish routinely, by class of the publication scheme.
Generated {{ guide.generated.isoformat() }}; {{ guide.total }} documents.</p>
<p>To ask for information not listed here, email <a href="mailto:{{ guide.foi_email }}">
{{ guide.foi_email }}</a> or write to {{ guide.foi_address }}.</p>
{% for cls in guide.classes %}
<section id="{{ cls.slug }}">
<h2>{{ cls.name }}</h2>
<p>{{ cls.description }}</p>
{% if cls.entries %}
<table>
<thead><tr><th>Document</th><th>Published</th><th>Format</th><th>Charge</th></tr></thead>
<tbody>
{% for e in cls.entries %}
<tr><td><a href="{{ e.url(base_url) }}">{{ e.title }}</a>{% if e.summary %}<br>
<small>{{ e.summary }}</small>{% endif %}</td>
<td>{{ e.published or "-" }}</td><td>{{ e.format }}</td><td>{{ e.charge }}</td></tr>
{% endfor %}
</tbody>
</table>
{% else %}
<p>Nothing is published in this class yet.</p>
{% endif %}
</section>
{% endfor %}
</body>
</html>
"""
)
