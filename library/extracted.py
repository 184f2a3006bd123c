"""What the writer reads from a file: its sidecar (`Metadata`), its text, where each part of it is
and what it says about itself (`ExtractedPdf`, `Location`, `Table`, `Description`), or why it
could not be read (`Problem`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from library.dates import StatedDate
from library.shapes import STRING, JsonField, JsonObject, json_schema, to_json

# What `ExtractedPdf.format` may be (`indexing.formats` maps file extensions to these).
FILE_FORMATS = frozenset({"pdf", "docx", "odt", "xlsx", "ods", "csv", "html", "txt", "md"})
# How the Guide to Information states each file format (a sidecar's `format` overrides it).
FORMAT_PROSE = {
    "docx": "Word document, on the website",
    "odt": "OpenDocument text, on the website",
    "xlsx": "Excel spreadsheet, machine-readable",
    "ods": "OpenDocument spreadsheet, machine-readable",
    "csv": "CSV, machine-readable",
    "html": "Web page, on the website",
    "txt": "Plain text, on the website",
    "md": "Plain text (Markdown), on the website",
}


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
class Location:
    """Where one unit of a document is, as a person would cite it: a PDF's page ("Page 4",
    anchor `page-4`), a spreadsheet's sheet ("Sheet: Q3 2025, rows 2-41"), a Word or web
    document's section ("Section: Fees"). `anchor` is the unit's fragment id in the reading
    view (`/documents/{id}/text#page-4`): lower-case letters, digits and hyphens only."""

    label: str
    anchor: str


# A unit of a document as a person cites it: {"label": "Sheet: Q3 2025", "anchor": "sheet-q3"}.
LOCATION_JSON: tuple[JsonField[Location], ...] = (
    JsonField("label", STRING, lambda x: x.label),
    JsonField("anchor", STRING, lambda x: x.anchor),
)
LOCATION_SCHEMA = json_schema(LOCATION_JSON)


def location_json(location: Location) -> JsonObject:
    return to_json(location, LOCATION_JSON)


def page_location(number: int) -> Location:
    """The location of a PDF's page `number` (1-based): what every PDF unit is."""
    return Location(f"Page {number}", f"page-{number}")


@dataclass(frozen=True)
class Table:
    """The shape of one table of a dataset (a CSV, or one sheet of a spreadsheet): what its
    page shows (columns, the number of rows, the first rows) without reading the file again.
    `name` is the sheet's name, "" for a CSV; `rows` counts data rows, the header excluded."""

    name: str
    columns: tuple[str, ...]
    rows: int
    preview: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class ExtractedPdf:
    """The text of a document, unit by unit, with what the file itself says about it.

    For a PDF (`format` "pdf") each unit is a page and `locations` is empty (every unit is
    `page_location(n)`). Other formats (issue 13) give one unit per sheet or section, each
    with its `Location`; `tables` describes a dataset's sheets (empty for other documents).
    The name stays for the PDFs it first described.
    """

    pages: tuple[str, ...]
    pdf_title: str | None
    first_heading: str | None
    created: dt.datetime | None
    description: Description = field(default_factory=Description)
    format: str = "pdf"
    locations: tuple[Location, ...] = ()
    tables: tuple[Table, ...] = ()

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def is_dataset(self) -> bool:
        return bool(self.tables)

    def location(self, number: int) -> Location:
        """The location of unit `number` (1-based)."""
        if self.locations and 1 <= number <= len(self.locations):
            return self.locations[number - 1]
        return page_location(number)


@dataclass(frozen=True)
class Problem:
    """A file that could not be indexed, with a stable reason code and a sentence for people."""

    path: str
    reason: str
    detail: str

    def to_dict(self) -> JsonObject:
        return asdict(self)
