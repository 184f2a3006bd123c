"""Plain dataclasses passed between the layers (extraction, indexing, search, the edges).

A published document has one shape, `Document`; a search `Hit` is that document with how the
search matched it. Their JSON answers (`library search --json`, `/api/*`) and the OpenAPI
schemas describing them are both made from one field table each (`DOCUMENT_JSON`,
`HIT_JSON`, `RESULTS_JSON`), so a new field is one edit and the description cannot drift.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Generic, TypeVar

from markupsafe import Markup, escape

from library.dates import StatedDate

# The longest passage shown for one hit.
MAX_SNIPPET_CHARS = 240
DISCLOSURE_FOLDER = "lists-and-registers/disclosure-log/"
# How a document is available unless its sidecar says otherwise (the Guide to Information).
DEFAULT_CHARGE = "Free"
DEFAULT_FORMAT = "PDF, on the website"

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)
JsonObject = dict[str, object]


@dataclass(frozen=True)
class Snippet:
    """A passage as parts marked matched or not, so each edge renders it safely: the CLI as
    plain text, the web escaping every part and wrapping matches in <mark>."""

    parts: tuple[tuple[str, bool], ...] = ()

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.parts)

    @property
    def html(self) -> Markup:
        return Markup("").join(
            Markup("<mark>%s</mark>") % t if hit else escape(t) for t, hit in self.parts
        )

    @classmethod
    def plain(cls, text: str, limit: int = MAX_SNIPPET_CHARS) -> Snippet:
        if len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0] + " …"
        return cls(((text, False),)) if text else cls()


@dataclass(frozen=True)
class Metadata:
    """What a sidecar (`NAME.pdf.toml`) may say about its PDF; None means "not said"."""

    title: str | None = None
    summary: str | None = None
    published: dt.date | None = None
    pub_class: str | None = None
    keywords: tuple[str, ...] = ()
    public: bool = True
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Description:
    """What a document says about itself, read from its own pages (`indexing.describe`).

    `title` is None when no line of the document reads as one (the caller falls back to the
    file name); `title_source` is label, layout or metadata. `stated` is the date the
    document gives itself (adopted, meeting held, a financial year...), None when it states
    none that is believable. `doc_type` is minutes, policy, plan... or None.
    """

    title: str | None = None
    title_source: str = ""
    stated: StatedDate | None = None
    review_by: dt.date | None = None
    doc_type: str | None = None


@dataclass(frozen=True)
class ExtractedPdf:
    """The text of a PDF, page by page, with what the PDF itself says about it."""

    pages: tuple[str, ...]
    pdf_title: str | None
    first_heading: str | None
    created: dt.datetime | None
    description: Description = field(default_factory=Description)

    @property
    def page_count(self) -> int:
        return len(self.pages)


@dataclass(frozen=True)
class Problem:
    """A file that could not be indexed, with a stable reason code and a sentence for people."""

    path: str
    reason: str
    detail: str

    def to_dict(self) -> JsonObject:
        return asdict(self)


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
        )

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
        return self.extra.get("format") or DEFAULT_FORMAT

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


@dataclass(frozen=True, kw_only=True)
class Hit(Document):
    """One document in a result list: the document, and how the search matched it."""

    score: float
    pages: tuple[int, ...] = ()
    snippet: Snippet = Snippet()
    snippet_page: int | None = None
    # A newer version exists (sidecar `superseded_by`, or the same title for a newer year).
    superseded: bool = False
    # "strong": it answers the question (search.answers); "weak": it only shares some words.
    match: str = "weak"
    curated: bool = False  # a librarian pinned it to this search (search.curated)

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
        )

    @property
    def strong(self) -> bool:
        return self.match == "strong"

    def to_dict(self) -> JsonObject:
        """The JSON shape shared by `library search --json` and the web API (`HIT_JSON`)."""
        return to_json(self, HIT_JSON)


@dataclass(frozen=True)
class ResultsPage:
    """One page of search results, with the facet counts and a spelling suggestion."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    suggestion: str | None = None
    page: int = 1
    page_size: int = 10
    class_counts: dict[str, int] = field(default_factory=dict)
    year_counts: dict[int, int] = field(default_factory=dict)
    corrected_from: str | None = None
    # Some result answers the question: a strong match (or a curated answer).
    answered: bool = False

    @property
    def strong_hits(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.strong)

    @property
    def weak_hits(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if not h.strong)

    def to_dict(self) -> JsonObject:
        """The JSON of a results page (`library search --json`, `/api/search`)."""
        return to_json(self, RESULTS_JSON)


@dataclass(frozen=True)
class PageMatch:
    """A page of a document that matched a search, with its best passage."""

    page: int
    snippet: Snippet


def parse_date(raw: str | None) -> dt.date | None:
    """The date an ISO string (or timestamp) starts with; None when there is none."""
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


# --- JSON answers and their schemas, from one table each --------------------------------


@dataclass(frozen=True)
class JsonField(Generic[T_contra]):
    """One key of a JSON answer: its name, its JSON Schema, and how it is read off the object.

    `required` keys are always present; the others are left out when their value is None.
    """

    name: str
    schema: Mapping[str, object]
    value: Callable[[T_contra], object]
    required: bool = True


def to_json(obj: T, table: Iterable[JsonField[T]]) -> JsonObject:
    """`obj` as the JSON object `table` describes."""
    out: JsonObject = {}
    for f in table:
        value = f.value(obj)
        if value is not None or f.required:
            out[f.name] = value
    return out


def json_schema(
    table: Iterable[JsonField[Any]],
    description: str = "",
    *,
    added: Mapping[str, Mapping[str, object]] | None = None,
) -> JsonObject:
    """The JSON Schema of the objects `to_json(obj, table)` makes, with the always-present
    keys an edge `added` to them (the API's links)."""
    table, added = tuple(table), added or {}
    properties = {f.name: dict(f.schema) for f in table} | {k: dict(v) for k, v in added.items()}
    required = [f.name for f in table if f.required] + list(added)
    schema: JsonObject = {"type": "object", "properties": properties, "required": required}
    return {**schema, "description": description} if description else schema


def component(name: str) -> dict[str, str]:
    """A reference to another schema of the API description (`/api/openapi.json`)."""
    return {"$ref": f"#/components/schemas/{name}"}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


_STRING = {"type": "string"}
_INTEGER = {"type": "integer"}
_NULLABLE_STRING = {"type": ["string", "null"]}
_NULLABLE_INTEGER = {"type": ["integer", "null"]}
_DISCLOSURE: tuple[JsonField[Document], ...] = (
    JsonField("reference", _NULLABLE_STRING, lambda d: d.reference or None),
    JsonField("request_date", _NULLABLE_STRING, lambda d: d.extra.get("request_date")),
    JsonField("response_date", _NULLABLE_STRING, lambda d: d.extra.get("response_date")),
)
DISCLOSURE_SCHEMA = json_schema(_DISCLOSURE, "Only on released FOI responses (the disclosure log)")

DOCUMENT_JSON: tuple[JsonField[Document], ...] = (
    JsonField("id", _STRING, lambda d: d.doc_id),
    JsonField(
        "path", {**_STRING, "description": "Path under the documents folder"}, lambda d: d.path
    ),
    JsonField("title", _STRING, lambda d: d.title),
    JsonField(
        "class", {**_STRING, "description": "Publication-scheme class"}, lambda d: d.pub_class
    ),
    JsonField("summary", _STRING, lambda d: d.summary),
    JsonField("keywords", {"type": "array", "items": _STRING}, lambda d: d.keyword_list),
    JsonField("published", {**_NULLABLE_STRING, "format": "date"}, lambda d: _iso(d.published)),
    JsonField("year", _NULLABLE_INTEGER, lambda d: d.year),
    JsonField("page_count", _INTEGER, lambda d: d.page_count),
    JsonField("size", {**_INTEGER, "description": "Bytes"}, lambda d: d.size),
    JsonField(
        "disclosure",
        DISCLOSURE_SCHEMA,
        lambda d: to_json(d, _DISCLOSURE) if d.is_disclosure else None,
        required=False,
    ),
)

HIT_JSON: tuple[JsonField[Hit], ...] = (
    *DOCUMENT_JSON,
    JsonField("score", {"type": "number"}, lambda h: round(h.score, 4)),
    JsonField(
        "pages",
        {"type": "array", "items": _INTEGER, "description": "Pages that matched"},
        lambda h: list(h.pages),
    ),
    JsonField("snippet", _STRING, lambda h: h.snippet.text),
    JsonField(
        "snippet_page",
        {**_NULLABLE_INTEGER, "description": "The page the snippet is from"},
        lambda h: h.snippet_page,
    ),
    JsonField(
        "superseded",
        {"type": "boolean", "description": "A newer version of this document is published"},
        lambda h: h.superseded,
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

_COUNTS = {"type": "object", "additionalProperties": _INTEGER}
_FACETS: tuple[JsonField[ResultsPage], ...] = (
    JsonField("class", _COUNTS, lambda r: dict(r.class_counts)),
    JsonField(
        "year",
        _COUNTS,
        lambda r: {str(k): v for k, v in sorted(r.year_counts.items(), reverse=True)},
    ),
)

RESULTS_JSON: tuple[JsonField[ResultsPage], ...] = (
    JsonField("query", _STRING, lambda r: r.query),
    JsonField("total", _INTEGER, lambda r: r.total),
    JsonField(
        "suggestion",
        {**_NULLABLE_STRING, "description": "A respelling of the query"},
        lambda r: r.suggestion,
    ),
    JsonField("page", _INTEGER, lambda r: r.page),
    JsonField(
        "results",
        {"type": "array", "items": component("Hit")},
        lambda r: [h.to_dict() for h in r.hits],
    ),
    JsonField(
        "corrected_from",
        {**_NULLABLE_STRING, "description": "Set when results are for the suggestion"},
        lambda r: r.corrected_from,
    ),
    JsonField("page_size", _INTEGER, lambda r: r.page_size),
    JsonField(
        "answered",
        {
            "type": "boolean",
            "description": "Some result is a strong match: it answers the question",
        },
        lambda r: r.answered,
    ),
    JsonField(
        "facets",
        json_schema(_FACETS, "Matching documents per class and per year"),
        lambda r: to_json(r, _FACETS),
    ),
)
