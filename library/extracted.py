"""What the writer reads from a file: its sidecar (`Metadata`), its text and what it says about
itself (`ExtractedPdf`, `Description`), or why it could not be read (`Problem`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from library.dates import StatedDate
from library.shapes import JsonObject


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
