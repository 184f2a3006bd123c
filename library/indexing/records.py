"""Index records: what is stored about each file, built the same way by every indexing path."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import PurePosixPath

from library.classes import class_for_path
from library.indexing.extract import readable_name
from library.indexing.scan import FileState
from library.models import ExtractedPdf, Metadata, Problem
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
    title = (
        meta.title or pdf.pdf_title or pdf.first_heading or readable_name(PurePosixPath(relpath))
    )
    published = meta.published or (pdf.created.date() if pdf.created else None)
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
        "pdf_title": pdf.pdf_title or "",
        "heading": pdf.first_heading or "",
        "created": pdf.created.isoformat() if pdf.created else "",
        "sidecar_problem": sidecar_problem or "",
        "extra": dict(meta.extra),
    }
    year = year_for(meta, relpath, title, pdf.created)
    if year is not None:
        doc["year"] = year
    pages = [
        {"kind": KIND_PAGE, "path": relpath, "doc_id": doc["doc_id"], "page": n, "text": text}
        for n, text in enumerate(pdf.pages, start=1)
        if text
    ]
    return [doc, *pages]


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


def year_for(meta: Metadata, relpath: str, title: str, created: dt.datetime | None) -> int | None:
    """The year a document belongs to: the sidecar's date, else a year in its name or title
    (`minutes-2018-09.pdf`), else when the PDF was made."""
    if meta.published:
        return meta.published.year
    for text in (relpath.rsplit("/", 1)[-1], title):
        match = _YEAR.search(text)
        if match:
            return int(match.group(1))
    return created.year if created else None


def extracted_from_stored(doc: Record, pages: list[Record]) -> ExtractedPdf:
    """Rebuild what extraction gave from stored records, so a moved, touched or re-described
    file is re-indexed without parsing the PDF again."""
    texts = [""] * int(doc.get("page_count") or 0)
    for page in pages:
        number = int(page["page"])
        if 1 <= number <= len(texts):
            texts[number - 1] = page.get("text", "")
    created = doc.get("created") or ""
    return ExtractedPdf(
        pages=tuple(texts),
        pdf_title=doc.get("pdf_title") or None,
        first_heading=doc.get("heading") or None,
        created=dt.datetime.fromisoformat(created) if created else None,
    )
