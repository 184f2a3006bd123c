"""Plain dataclasses passed between the layers (indexing, search, the edges).

A published document has one shape, `Document`; a search `Hit` is that document with how the
search matched it, and a `SeriesMember` another year of it. Their JSON answers (`library
search --json`, `/api/*`) and the OpenAPI schemas describing them are both made from one
field table each (`DOCUMENT_JSON`, `HIT_JSON`, `RESULTS_JSON`, read by `library.shapes`), so
a new field is one edit and the description cannot drift.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, cast

from library.datasets import (
    DATASET_SCHEMA,
    format_name,
    table_from_record,
    table_json,
)
from library.dates import Precision, StatedDate, format_date
from library.extracted import FILE_FORMATS, FORMAT_PROSE, LOCATION_SCHEMA, location_json

# What extraction reads from a file (`library.extracted`), named here too, where the writer's
# modules have always imported it from.
from library.extracted import Description as Description
from library.extracted import ExtractedPdf as ExtractedPdf
from library.extracted import Location as Location
from library.extracted import Metadata as Metadata
from library.extracted import Problem as Problem
from library.extracted import Table as Table
from library.extracted import page_location as page_location
from library.passages import Snippet
from library.shapes import (
    INTEGER,
    NULLABLE_DATE,
    NULLABLE_INTEGER,
    NULLABLE_STRING,
    STRING,
    JsonField,
    JsonObject,
    described,
    iso,
    json_schema,
    to_json,
)

_PRECISIONS = ("day", "month", "year")
DISCLOSURE_FOLDER = "lists-and-registers/disclosure-log/"
# How a document is available unless its sidecar says otherwise (the Guide to Information).
DEFAULT_CHARGE = "Free"
DEFAULT_FORMAT = "PDF, on the website"


def is_series_member(series: str | None, year: object, doc_type: str | None) -> bool:
    """The rule of `Document.in_series`, for a stored record without making a `Document` (a
    search asks it of every ranked record)."""
    return bool(series and year) and doc_type != "foi-response"


@dataclass(frozen=True)
class Document:
    """What is stored about one public document (its text is not carried around)."""

    doc_id: str
    path: str
    title: str
    pub_class: str
    summary: str = ""
    keywords: str = ""  # as the sidecar lists them, comma-separated
    published: dt.date | None = None
    year: int | None = None
    page_count: int = 0
    size: int = 0
    indexed_at: float = 0.0
    mtime_ns: int = 0
    sha256: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    doc_type: str = ""  # minutes, policy... (`library.doctypes`), "" when not known
    # What `published` is (adopted, meeting, financial-year...), how much of it is known
    # (day, month or year) and, for a financial year or period, the year it ends (0: none).
    date_kind: str = ""
    date_precision: str = "day"
    date_end_year: int = 0
    review_by: dt.date | None = None
    series: str = ""  # the yearly versions of one document share it ("" when alone)
    # The file's format: pdf, docx, odt, xlsx, ods, csv, html, txt, md (issue 13).
    file_format: str = "pdf"
    tables: tuple[Table, ...] = ()  # a dataset's tables (a CSV, a spreadsheet's sheets)

    @classmethod
    def from_record(cls, stored: Mapping[str, Any]) -> Document:
        """The document a stored `doc` record describes (see `library.schema`)."""
        return cls(
            doc_id=stored.get("doc_id", ""),
            path=stored["path"],
            title=stored.get("title", "") or stored["path"],
            pub_class=stored.get("pub_class", ""),
            summary=stored.get("summary", "") or "",
            keywords=stored.get("keywords", "") or "",
            published=parse_date(stored.get("published")),
            year=stored.get("year"),
            page_count=int(stored.get("page_count") or 0),
            size=int(stored.get("size") or 0),
            indexed_at=float(stored.get("indexed_at") or 0.0),
            mtime_ns=int(stored.get("mtime_ns") or 0),
            sha256=stored.get("sha256", "") or "",
            extra={str(k): str(v) for k, v in (stored.get("extra") or {}).items()},
            doc_type=stored.get("doc_type", "") or "",
            date_kind=stored.get("date_kind", "") or "",
            date_precision=stored.get("date_precision", "") or "day",
            date_end_year=int(stored.get("date_end_year") or 0),
            review_by=parse_date(stored.get("review_by")),
            series=stored.get("series", "") or "",
            file_format=stored.get("format", "") or "pdf",
            tables=tuple(table_from_record(t) for t in stored.get("tables") or ()),
        )

    @property
    def stated(self) -> StatedDate | None:
        """The published date with what it is; None when the document states none."""
        if self.published is None:
            return None
        precision = self.date_precision if self.date_precision in _PRECISIONS else "day"
        return StatedDate(
            self.published,
            cast(Precision, precision),
            self.date_kind or "published",
            end_year=self.date_end_year or None,
        )

    @property
    def date_label(self) -> str:
        """What the date is, for people: "Adopted 20 August 2018", "Financial year 2025-26"
        ("" when there is no date). A month-precision date is shown without a day."""
        stated = self.stated
        return stated.label if stated else ""

    @property
    def in_series(self) -> bool:
        """One year of a series of yearly versions (a released FOI response never is: it
        answers one request, whatever its file name shares with another's)."""
        return is_series_member(self.series, self.year, self.doc_type)

    @property
    def is_disclosure(self) -> bool:
        """An answer to an earlier FOI request (filed under the disclosure-log folder)."""
        return self.path.startswith(DISCLOSURE_FOLDER)

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    @property
    def reference(self) -> str:
        return self.extra.get("reference", "")

    @property
    def request_date(self) -> dt.date | None:
        return parse_date(self.extra.get("request_date"))

    @property
    def response_date(self) -> dt.date | None:
        return parse_date(self.extra.get("response_date"))

    @property
    def charge(self) -> str:
        return self.extra.get("charge") or DEFAULT_CHARGE

    @property
    def format(self) -> str:
        """How the Guide to Information says it is available ("CSV, machine-readable")."""
        if self.extra.get("format"):
            return self.extra["format"]
        return FORMAT_PROSE.get(self.file_format, DEFAULT_FORMAT)

    @property
    def format_name(self) -> str:
        """The file's format as people know it: "PDF", "CSV", "Word document (DOCX)"."""
        return format_name(self.file_format)

    @property
    def is_dataset(self) -> bool:
        """A CSV or spreadsheet: re-usable data, shown with its tables and licence."""
        return bool(self.tables)

    @property
    def licence(self) -> str:
        """The licence its sidecar names ("" when none: a dataset then has the site's)."""
        return self.extra.get("licence", "")

    @property
    def filename(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def updated(self) -> dt.datetime:
        """When the document last changed in the library (for feeds and sitemaps)."""
        if self.indexed_at:
            return dt.datetime.fromtimestamp(self.indexed_at, tz=dt.UTC)
        return dt.datetime.fromtimestamp(self.mtime_ns / 1e9, tz=dt.UTC)

    def sort_date(self) -> dt.date:
        """Newest-first ordering: the response date of an FOI answer, else publication."""
        return self.response_date or self.published or self.updated.date()

    def to_dict(self) -> JsonObject:
        """The JSON of a document (`/api/documents`), as `DOCUMENT_JSON` lists it."""
        return to_json(self, DOCUMENT_JSON)


@dataclass(frozen=True)
class SeriesMember:
    """Another year of a document's series, as a link: "2022" (or its date, when the series
    has two documents of one year)."""

    year: int
    doc_id: str
    title: str
    published: dt.date | None
    label: str


def series_members(docs: Iterable[Document], *, besides: str = "") -> tuple[SeriesMember, ...]:
    """The documents of one series except the one at path `besides`, newest first, as links.

    Documents without a year are left out: a link to "the other years" needs one.
    """
    members = [d for d in docs if d.in_series]
    years = [d.year for d in members]
    dated = [d for d in members if d.path != besides]
    dated.sort(key=lambda d: (d.year or 0, d.published or dt.date.min), reverse=True)
    return tuple(
        SeriesMember(
            d.year or 0,
            d.doc_id,
            d.title,
            d.published,
            str(d.year)
            if years.count(d.year) == 1 or d.published is None
            else format_date(d.published, d.stated.precision if d.stated else "day"),
        )
        for d in dated
    )


@dataclass(frozen=True, kw_only=True)
class Hit(Document):
    """One document in a result list: the document, and how the search matched it."""

    score: float
    pages: tuple[int, ...] = ()
    snippet: Snippet = field(default_factory=Snippet)
    snippet_page: int | None = None
    # A newer version exists (sidecar `superseded_by`, or the same title for a newer year).
    superseded: bool = False
    # The other years of its series, newest first (shown as links under the hit).
    other_years: tuple[SeriesMember, ...] = ()
    # "strong": it answers the question (search.answers); "weak": it only shares some words.
    match: str = "weak"
    curated: bool = False  # a librarian pinned it to this search (search.curated)
    # Where the matching units are, as a person cites them (a PDF's "Page 4", a sheet, a
    # section), in the order of `pages`; and where the snippet is from.
    locations: tuple[Location, ...] = ()
    snippet_location: Location | None = None

    @classmethod
    def of(
        cls,
        document: Document,
        *,
        score: float,
        pages: tuple[int, ...] = (),
        snippet: Snippet | None = None,
        snippet_page: int | None = None,
        superseded: bool = False,
        other_years: tuple[SeriesMember, ...] = (),
        locations: tuple[Location, ...] = (),
        snippet_location: Location | None = None,
    ) -> Hit:
        """`document` as a search found it."""
        stored: dict[str, Any] = {f.name: getattr(document, f.name) for f in fields(Document)}
        return cls(
            **stored,
            score=score,
            pages=pages,
            snippet=snippet or Snippet(),
            snippet_page=snippet_page,
            superseded=superseded,
            other_years=other_years,
            locations=locations,
            snippet_location=snippet_location,
        )

    @property
    def strong(self) -> bool:
        return self.match == "strong"

    def to_dict(self) -> JsonObject:
        """The JSON shape shared by `library search --json` and the web API (`HIT_JSON`)."""
        return to_json(self, HIT_JSON)


def parse_date(raw: str | None) -> dt.date | None:
    """The date an ISO string (or timestamp) starts with; None when there is none."""
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


# --- JSON answers, each from one table (`library.shapes` makes the JSON and its schema) ------

_DISCLOSURE: tuple[JsonField[Document], ...] = (
    JsonField("reference", NULLABLE_STRING, lambda d: d.reference or None),
    JsonField("request_date", NULLABLE_STRING, lambda d: d.extra.get("request_date")),
    JsonField("response_date", NULLABLE_STRING, lambda d: d.extra.get("response_date")),
)
DISCLOSURE_SCHEMA = json_schema(_DISCLOSURE, "Only on released FOI responses (the disclosure log)")

DOCUMENT_JSON: tuple[JsonField[Document], ...] = (
    JsonField("id", STRING, lambda d: d.doc_id),
    JsonField("path", described(STRING, "Path under the documents folder"), lambda d: d.path),
    JsonField("title", STRING, lambda d: d.title),
    JsonField("class", described(STRING, "Publication-scheme class"), lambda d: d.pub_class),
    JsonField("summary", STRING, lambda d: d.summary),
    JsonField("keywords", {"type": "array", "items": STRING}, lambda d: d.keyword_list),
    JsonField("published", NULLABLE_DATE, lambda d: iso(d.published)),
    JsonField("year", NULLABLE_INTEGER, lambda d: d.year),
    JsonField("page_count", INTEGER, lambda d: d.page_count),
    JsonField("size", described(INTEGER, "Bytes"), lambda d: d.size),
    JsonField(
        "format",
        {**STRING, "enum": sorted(FILE_FORMATS), "description": "The file's format"},
        lambda d: d.file_format,
    ),
    JsonField(
        "disclosure",
        DISCLOSURE_SCHEMA,
        lambda d: to_json(d, _DISCLOSURE) if d.is_disclosure else None,
        required=False,
    ),
    JsonField(
        "type",
        described(NULLABLE_STRING, "What kind of document: minutes, policy, foi-response..."),
        lambda d: d.doc_type or None,
    ),
    JsonField(
        "date_label",
        described(NULLABLE_STRING, "What the published date is, for people"),
        lambda d: d.date_label or None,
    ),
    JsonField(
        "review_by",
        described(NULLABLE_DATE, "When the document says it is next reviewed"),
        lambda d: iso(d.review_by),
    ),
    # -- formats and datasets (issue 13) ---------------------------------------------------
    JsonField(
        "dataset",
        DATASET_SCHEMA,
        lambda d: {"tables": [table_json(t) for t in d.tables]} if d.is_dataset else None,
        required=False,
    ),
)

SERIES_JSON: tuple[JsonField[SeriesMember], ...] = (
    JsonField("year", INTEGER, lambda m: m.year),
    JsonField("id", STRING, lambda m: m.doc_id),
    JsonField("title", STRING, lambda m: m.title),
    JsonField("published", NULLABLE_DATE, lambda m: iso(m.published)),
    JsonField("label", described(STRING, "How the link reads: its year"), lambda m: m.label),
)

HIT_JSON: tuple[JsonField[Hit], ...] = (
    *DOCUMENT_JSON,
    JsonField("score", {"type": "number"}, lambda h: round(h.score, 4)),
    JsonField(
        "pages",
        {"type": "array", "items": INTEGER, "description": "Pages that matched (PDFs only)"},
        lambda h: list(h.pages) if h.file_format == "pdf" else [],
    ),
    JsonField(
        "locations",
        {"type": "array", "items": LOCATION_SCHEMA, "description": "Where it matched"},
        lambda h: [location_json(x) for x in h.locations],
    ),
    JsonField("snippet", STRING, lambda h: h.snippet.text),
    JsonField(
        "snippet_page",
        described(NULLABLE_INTEGER, "The page the snippet is from (PDFs only)"),
        lambda h: h.snippet_page if h.file_format == "pdf" else None,
    ),
    JsonField(
        "snippet_location",
        {**LOCATION_SCHEMA, "type": ["object", "null"], "description": "Where the snippet is"},
        lambda h: location_json(h.snippet_location) if h.snippet_location else None,
    ),
    JsonField(
        "superseded",
        {"type": "boolean", "description": "A newer version of this document is published"},
        lambda h: h.superseded,
    ),
    JsonField(
        "other_years",
        {
            "type": "array",
            "items": json_schema(SERIES_JSON),
            "description": "The other years of this document's series, newest first",
        },
        lambda h: [to_json(m, SERIES_JSON) for m in h.other_years],
    ),
    # -- answers (issue 12): whether the hit answers the question -------------------------
    JsonField(
        "match",
        {
            "type": "string",
            "enum": ["strong", "weak"],
            "description": "strong: it answers the question (most of what it asks, on one page, "
            "or a curated answer); weak: it only shares some of its words",
        },
        lambda h: h.match,
    ),
    JsonField(
        "curated",
        {"type": "boolean", "description": "A librarian pinned this document to the search"},
        lambda h: h.curated,
    ),
)
