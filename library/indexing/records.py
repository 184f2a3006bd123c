"""Index records: what is stored about each file, built the same way by every indexing path."""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import asdict
from pathlib import PurePosixPath

from library.classes import class_for_path
from library.dates import StatedDate
from library.indexing.extract import readable_name
from library.indexing.scan import FileState
from library.indexing.titles import readable_file_name
from library.models import (
    Description,
    ExtractedPdf,
    Location,
    Metadata,
    Problem,
    Table,
    page_location,
)
from library.periods import series_key
from library.schema import KIND_DOC, KIND_PAGE, KIND_PRIVATE, KIND_PROBLEM, Record, doc_id_for

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def _file_fields(state: FileState, sha: str) -> Record:
    return {
        "path": state.relpath,
        "doc_id": doc_id_for(state.relpath),
        "sha256": sha,
        "sidecar_sha": state.sidecar_sha,
        "size": state.size,
        "mtime_ns": state.mtime_ns,
        "indexed_at": time.time(),
    }


def document_records(
    state: FileState,
    sha: str,
    meta: Metadata,
    pdf: ExtractedPdf,
    sidecar_problem: str | None = None,
) -> list[Record]:
    """The `doc` record and one `page` record per page that has text."""
    relpath = state.relpath
    described = pdf.description
    title = meta.title or described.title or _file_title(relpath)
    stated = None if meta.published else described.stated
    published = meta.published or (stated.date if stated else None)
    doc_type = meta.extra.get("type") or described.doc_type or ""
    doc: Record = {
        **_file_fields(state, sha),
        "kind": KIND_DOC,
        "pub_class": meta.pub_class or class_for_path(relpath),
        "title": title,
        # The file name is often the best title a PDF has (`pay-policy-2025-26.pdf`).
        "name": readable_name(PurePosixPath(relpath)),
        # Versions of one document over the years share it; search ranks the newest first.
        "series": series_key(
            meta.pub_class or class_for_path(relpath), title, PurePosixPath(relpath).stem
        ),
        "summary": meta.summary or "",
        "keywords": ", ".join(meta.keywords),
        "body": "\n".join(pdf.pages),
        "page_count": pdf.page_count,
        "published": published.isoformat() if published else "",
        "date_kind": stated.kind if stated else ("published" if published else ""),
        "date_precision": stated.precision if stated else "day",
        "date_end_year": stated.end_year if stated and stated.end_year else 0,
        "review_by": meta.extra.get("review_by")
        or (described.review_by.isoformat() if described.review_by else ""),
        "doc_type": doc_type,
        "described": _described_fields(described),
        "pdf_title": pdf.pdf_title or "",
        "heading": pdf.first_heading or "",
        "created": pdf.created.isoformat() if pdf.created else "",
        "sidecar_problem": sidecar_problem or "",
        "extra": dict(meta.extra),
        "format": pdf.format,
        "tables": [asdict(table) for table in pdf.tables],
    }
    year = published.year if published else year_for(relpath)
    if year is not None:
        doc["year"] = year
    pages = [
        {
            "kind": KIND_PAGE,
            "path": relpath,
            "doc_id": doc["doc_id"],
            "page": n,
            "text": text,
            **_location_fields(pdf, n),
        }
        for n, text in enumerate(pdf.pages, start=1)
        if text
    ]
    return [doc, *pages]


def _location_fields(pdf: ExtractedPdf, number: int) -> Record:
    # A PDF's pages need none: readers give every unit without a label `page_location(n)`.
    if not pdf.locations:
        return {}
    location = pdf.location(number)
    return {"label": location.label, "anchor": location.anchor}


def problem_record(state: FileState, sha: str, problem: Problem) -> Record:
    """A file that could not be indexed: remembered so it is retried only when it changes."""
    return {
        **_file_fields(state, sha),
        "kind": KIND_PROBLEM,
        "pub_class": class_for_path(state.relpath),
        "reason": problem.reason,
        "detail": problem.detail,
    }


def private_record(state: FileState, sha: str) -> Record:
    """A non-public document: known to the librarian, with no text anyone could search."""
    return {**_file_fields(state, sha), "kind": KIND_PRIVATE, "pub_class": "private"}


def year_for(relpath: str) -> int | None:
    """The year of a document that states no date of its own: one in its file name
    (`minutes-2018-09.pdf`), for the Year filter only; it is never shown as a date."""
    match = _YEAR.search(relpath.rsplit("/", 1)[-1])
    return int(match.group(1)) if match else None


def _file_title(relpath: str) -> str:
    # A readable file name ("Pay policy 2025-26"), unless it is a placeholder ("scan0003").
    stem = PurePosixPath(relpath).stem
    return readable_file_name(stem) or readable_name(PurePosixPath(relpath))


def extracted_from_stored(doc: Record, pages: list[Record]) -> ExtractedPdf:
    """Rebuild what extraction gave from stored records, so a moved, touched or re-described
    file is re-indexed without parsing the PDF again."""
    count = int(doc.get("page_count") or 0)
    texts = [""] * count
    locations = [page_location(n) for n in range(1, count + 1)]
    labelled = False
    for page in pages:
        number = int(page["page"])
        if 1 <= number <= len(texts):
            texts[number - 1] = page.get("text", "")
            if page.get("label"):
                labelled = True
                locations[number - 1] = Location(page["label"], page.get("anchor") or "")
    created = doc.get("created") or ""
    return ExtractedPdf(
        pages=tuple(texts),
        pdf_title=doc.get("pdf_title") or None,
        first_heading=doc.get("heading") or None,
        created=dt.datetime.fromisoformat(created) if created else None,
        description=_stored_description(doc),
        format=doc.get("format") or "pdf",
        locations=tuple(locations) if labelled else (),
        tables=tuple(_stored_table(t) for t in doc.get("tables") or ()),
    )


def _stored_table(fields: Record) -> Table:
    return Table(
        name=fields.get("name") or "",
        columns=tuple(fields.get("columns") or ()),
        rows=int(fields.get("rows") or 0),
        preview=tuple(tuple(row) for row in fields.get("preview") or ()),
    )


def _described_fields(described: Description) -> Record:
    stated = described.stated
    return {
        "title": described.title or "",
        "title_source": described.title_source,
        "date": stated.date.isoformat() if stated else "",
        "precision": stated.precision if stated else "",
        "kind": stated.kind if stated else "",
        "end_year": stated.end_year if stated else None,
        "review_by": described.review_by.isoformat() if described.review_by else "",
        "type": described.doc_type or "",
    }


def _stored_description(doc: Record) -> Description:
    """The description extraction gave, as stored (without the sidecar's overrides)."""
    fields = doc.get("described") or {}
    stated = None
    if fields.get("date"):
        stated = StatedDate(
            dt.date.fromisoformat(fields["date"]),
            fields.get("precision") or "day",
            fields.get("kind") or "dated",
            end_year=fields.get("end_year"),
        )
    review = fields.get("review_by") or ""
    return Description(
        title=fields.get("title") or None,
        title_source=fields.get("title_source") or "",
        stated=stated,
        review_by=dt.date.fromisoformat(review) if review else None,
        doc_type=fields.get("type") or None,
    )
