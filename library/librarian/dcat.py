"""The authority's datasets as a DCAT catalogue (JSON-LD), so that a portal can harvest them.

data.gov.uk and other CKAN portals harvest with ckanext-dcat, whose RDF harvester reads a
`dcat:Catalog` of `dcat:Dataset`s: title, description, keywords, identifier, issued and
modified dates, landing page, publisher, licence, and each `dcat:Distribution` with its
download address, format, media type and size. This gives exactly those, for the public
datasets only (a private file is never a `Document`), with the site's links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from library.datasets import Licence, licence_of, media_type
from library.models import Document
from library.shapes import JsonObject
from library.templating import class_name

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
IANA = "https://www.iana.org/assignments/media-types/"


def dcat_catalog(
    docs: Sequence[Document],
    *,
    authority: str,
    default_licence: str,
    catalog_url: str,
    homepage: str,
    page_url: Callable[[Document], str],
    file_url: Callable[[Document], str],
    sheet_urls: Callable[[Document], list[tuple[str, str]]] = lambda doc: [],
) -> JsonObject:
    """The DCAT catalogue of `docs` (the datasets), links made absolute by the callers;
    `sheet_urls` gives a spreadsheet's sheets as CSV (name, address), each a distribution."""
    publisher: JsonObject = {"@type": "foaf:Organization", "foaf:name": authority}
    datasets = [
        _dataset(d, publisher, licence_of(d.licence, default_licence, dataset=True),
                 page_url(d), file_url(d), sheet_urls(d))
        for d in docs
    ]  # fmt: skip
    modified = max((d.updated for d in docs), default=None)
    catalog: JsonObject = {
        "@context": CONTEXT,
        "@id": catalog_url,
        "@type": "dcat:Catalog",
        "dct:title": f"Datasets published by {authority}",
        "dct:description": (
            f"The datasets {authority} publishes under its publication scheme, in re-usable, "
            "machine-readable formats, with their licences."
        ),
        "dct:publisher": publisher,
        "foaf:homepage": {"@id": homepage},
        "dct:language": {"@id": "http://id.loc.gov/vocabulary/iso639-1/en"},
        "dcat:dataset": datasets,
    }
    if modified is not None:
        catalog["dct:modified"] = _datetime(modified)
    return catalog


def _dataset(
    doc: Document,
    publisher: JsonObject,
    licence: Licence | None,
    page: str,
    download: str,
    sheets: list[tuple[str, str]],
) -> JsonObject:
    dataset: JsonObject = {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:identifier": doc.doc_id,
        "dct:title": doc.title,
        "dct:description": doc.summary or _described(doc),
        "dcat:keyword": [*doc.keyword_list, class_name(doc.pub_class)],
        "dcat:landingPage": {"@id": page},
        "dct:publisher": publisher,
        "dct:modified": _datetime(doc.updated),
        "dcat:distribution": [
            _distribution(doc, licence, download),
            *(_sheet_distribution(doc, licence, name, url) for name, url in sheets),
        ],
    }
    if doc.published:
        dataset["dct:issued"] = {"@value": doc.published.isoformat(), "@type": "xsd:date"}
    if licence is not None:
        dataset["dct:license"] = _licence(licence)
    return dataset


def _distribution(doc: Document, licence: Licence | None, download: str) -> JsonObject:
    fmt = doc.file_format.upper()
    out = _download(f"{doc.title} ({fmt})", download, fmt, media_type(doc.file_format), licence)
    out["dcat:byteSize"] = {"@value": str(doc.size), "@type": "xsd:nonNegativeInteger"}
    return out


def _sheet_distribution(doc: Document, licence: Licence | None, sheet: str, url: str) -> JsonObject:
    return _download(f"{doc.title}: {sheet} (CSV)", url, "CSV", "text/csv", licence)


def _download(title: str, url: str, fmt: str, kind: str, licence: Licence | None) -> JsonObject:
    """A DCAT distribution: one file a harvester can fetch, in one format."""
    out: JsonObject = {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": fmt,
        "dcat:mediaType": {"@id": IANA + kind},
    }
    if licence is not None:
        out["dct:license"] = _licence(licence)
    return out


def _described(doc: Document) -> str:
    # Without a summary, what a harvester's reader most needs: what the table holds.
    tables = "; ".join(
        f"{t.name + ': ' if t.name else ''}{t.rows} rows, columns {', '.join(t.columns)}"
        for t in doc.tables
    )
    return f"{doc.title}. {tables}." if tables else doc.title


def _licence(licence: Licence) -> JsonObject | str:
    # A licence with an address is a resource; one known only by name stays a name.
    return {"@id": licence.url, "dct:title": licence.name} if licence.url else licence.name


def _datetime(value: dt.datetime) -> JsonObject:
    return {"@value": value.isoformat(timespec="seconds"), "@type": "xsd:dateTime"}
