"""Datasets: what one may be re-used under, its tables as the index stores them and as JSON
says them, and how a file's format is named to people.

The Protection of Freedoms Act 2012 asks that a dataset in the scheme be published in a
re-usable format with a licence: a sidecar's `licence` names one, else the site's default
(`Settings.dataset_licence`, the Open Government Licence). A licence is known by its name
or by its address, so a portal harvesting the DCAT catalogue gets a link either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from library.extracted import Table
from library.shapes import INTEGER, STRING, JsonField, JsonObject, described, json_schema, to_json

OGL_V3 = "Open Government Licence v3.0"
OGL_V3_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

# The licences UK public bodies publish data under, by the name people write.
KNOWN_LICENCES = {
    OGL_V3.lower(): (OGL_V3, OGL_V3_URL),
    "ogl": (OGL_V3, OGL_V3_URL),
    "ogl-uk-3.0": (OGL_V3, OGL_V3_URL),
    "creative commons attribution 4.0": (
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "cc-by-4.0": (
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "cc0": (
        "CC0 1.0 Public Domain Dedication",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
}

# How each format the library reads is named on its pages, and its media type.
FORMAT_NAMES = {
    "pdf": "PDF",
    "docx": "Word document (DOCX)",
    "odt": "OpenDocument text (ODT)",
    "xlsx": "Excel spreadsheet (XLSX)",
    "ods": "OpenDocument spreadsheet (ODS)",
    "csv": "CSV",
    "html": "Web page (HTML)",
    "txt": "Plain text",
    "md": "Markdown text",
}
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "html": "text/html",
    "txt": "text/plain",
    "md": "text/markdown",
}
SPREADSHEETS = frozenset({"xlsx", "ods"})


@dataclass(frozen=True)
class Licence:
    """A licence by name, with its address when it has one ("" when it is not known)."""

    name: str
    url: str = ""


def licence_named(text: str) -> Licence:
    """The licence `text` names: a known name or short code, an address, or any other words
    kept as they are (a librarian may name a licence the library does not know)."""
    text = " ".join(text.split())
    if text.lower() in KNOWN_LICENCES:
        return Licence(*KNOWN_LICENCES[text.lower()])
    for name, url in KNOWN_LICENCES.values():
        if text.rstrip("/") == url.rstrip("/"):
            return Licence(name, url)
    if text.startswith(("https://", "http://")):
        return Licence(text, text)
    return Licence(text)


def licence_of(named: str, default: str, *, dataset: bool) -> Licence | None:
    """The licence a document is under: the one its sidecar `named`, else `default` for a
    dataset (`Settings.dataset_licence`); None for a document that names none."""
    if named.strip():
        return licence_named(named)
    return licence_named(default) if dataset and default.strip() else None


def format_name(file_format: str) -> str:
    """ "PDF", "CSV", "Excel spreadsheet (XLSX)": a format as people know it."""
    return FORMAT_NAMES.get(file_format, file_format.upper() or "PDF")


def media_type(file_format: str) -> str:
    """The media type a file of this format is served and described with."""
    return MEDIA_TYPES.get(file_format, "application/octet-stream")


def table_from_record(fields: Mapping[str, Any]) -> Table:
    """A dataset's table as the `doc` record stores it (`dataclasses.asdict` of a `Table`)."""
    return Table(
        name=str(fields.get("name") or ""),
        columns=tuple(str(c) for c in fields.get("columns") or ()),
        rows=int(fields.get("rows") or 0),
        preview=tuple(tuple(str(c) for c in row) for row in fields.get("preview") or ()),
    )


TABLE_JSON: tuple[JsonField[Table], ...] = (
    JsonField("name", described(STRING, "The sheet's name, empty for a CSV"), lambda t: t.name),
    JsonField("columns", {"type": "array", "items": STRING}, lambda t: list(t.columns)),
    JsonField("rows", described(INTEGER, "Data rows, the header excluded"), lambda t: t.rows),
)
DATASET_SCHEMA: JsonObject = {
    "type": "object",
    "description": "Only on datasets (CSV and spreadsheets): each table (a CSV, or a sheet)",
    "properties": {"tables": {"type": "array", "items": json_schema(TABLE_JSON)}},
    "required": ["tables"],
}


def table_json(table: Table) -> JsonObject:
    """One table of a dataset as the JSON API says it (`TABLE_JSON`)."""
    return to_json(table, TABLE_JSON)
