"""Plain dataclasses passed between the layers (extraction, indexing, search, the edges)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from markupsafe import Markup, escape

from library.dates import StatedDate

# The longest passage shown for one hit.
MAX_SNIPPET_CHARS = 240


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Hit:
    """One document in a result list."""

    path: str
    title: str
    pub_class: str
    score: float
    pages: tuple[int, ...]
    snippet: Snippet
    snippet_page: int | None = None
    published: dt.date | None = None
    year: int | None = None
    page_count: int = 0
    size: int = 0
    summary: str = ""
    doc_id: str = ""
    # A newer version exists (sidecar `superseded_by`, or the same title for a newer year).
    superseded: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape shared by `library search --json` and the web API."""
        return {
            "id": self.doc_id,
            "path": self.path,
            "title": self.title,
            "class": self.pub_class,
            "score": round(self.score, 4),
            "pages": list(self.pages),
            "snippet": self.snippet.text,
            "snippet_page": self.snippet_page,
            "published": self.published.isoformat() if self.published else None,
            "year": self.year,
            "page_count": self.page_count,
            "size": self.size,
            "superseded": self.superseded,
        }


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "page": self.page,
            "results": [h.to_dict() for h in self.hits],
        }


@dataclass(frozen=True)
class PageMatch:
    """A page of a document that matched a search, with its best passage."""

    page: int
    snippet: Snippet
