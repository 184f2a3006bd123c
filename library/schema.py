"""The Whoosh schema: one record per document, one per page, one per file we could not index.

Documents are ranked on `doc` records (title, summary, keywords and the whole text), and the
pages that matched are found on `page` records, which store their text for snippets. Files
that failed (`problem`) or are not public (`private`) keep a record with their hash so they
are not retried until they change; neither kind carries any searchable text.

The writer (indexing) and the readers (search, librarian) both read stored records back
through `stored_files` and `stored_pages` here, so the two sides agree on their shape.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from whoosh.analysis import Analyzer, CharsetFilter, StemmingAnalyzer
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

if TYPE_CHECKING:
    from whoosh.searching import Searcher

SCHEMA_VERSION = 5

KIND_DOC = "doc"
KIND_PAGE = "page"
KIND_PROBLEM = "problem"
KIND_PRIVATE = "private"
FILE_KINDS = (KIND_DOC, KIND_PROBLEM, KIND_PRIVATE)

# One stored record: field name → value, as Whoosh stores it.
Record = dict[str, Any]


def doc_id_for(relpath: str) -> str:
    """A short, stable, URL-safe id for a document's page (`/documents/{id}`)."""
    return hashlib.sha256(relpath.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def text_analyzer() -> Analyzer:
    """English stemming, stop words, lower case, and accents folded (café → cafe)."""
    return StemmingAnalyzer() | CharsetFilter(accent_map)


def build_schema() -> Schema:
    analyzer = text_analyzer()
    return Schema(
        kind=ID(stored=True),
        path=ID(stored=True),
        doc_id=ID(stored=True),
        pub_class=ID(stored=True),
        title=TEXT(analyzer=analyzer, stored=True, field_boost=4.0),
        # The file name's words: often a better title than the PDF's own.
        name=TEXT(analyzer=analyzer, field_boost=2.0),
        summary=TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        # Title (or file name) without its year: the versions of one document share it.
        series=ID(stored=True),
        keywords=TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        body=TEXT(analyzer=analyzer, spelling=True),
        text=TEXT(analyzer=analyzer, stored=True),
        page=NUMERIC(int, stored=True),
        # Where a page record's unit is, for formats whose units are not pages ("Sheet: Q3",
        # anchor `sheet-q3`); empty for a PDF's pages (`models.page_location`).
        label=STORED,
        anchor=STORED,
        # pdf, docx, odt, xlsx, ods, csv, html, txt, md
        format=ID(stored=True),
        # A dataset's tables (`models.Table` as dicts): columns, rows, preview rows.
        tables=STORED,
        page_count=NUMERIC(int, stored=True),
        year=NUMERIC(int, stored=True),
        published=ID(stored=True),
        # What the date is (adopted, meeting, financial-year...), how much of it is known
        # (day, month, year) and, for a financial year or period, the year it ends.
        date_kind=STORED,
        date_precision=STORED,
        date_end_year=STORED,
        review_by=STORED,
        # minutes, agenda, policy... (a facet beside class and year)
        doc_type=ID(stored=True),
        # What extraction read from the document itself (`models.Description`, as a dict),
        # kept apart from the sidecar's overrides so a re-described file reuses it.
        described=STORED,
        sha256=ID(stored=True),
        sidecar_sha=STORED,
        size=STORED,
        mtime_ns=STORED,
        indexed_at=STORED,
        pdf_title=STORED,
        heading=STORED,
        created=STORED,
        reason=ID(stored=True),
        detail=STORED,
        sidecar_problem=STORED,
        extra=STORED,
    )


def stored_files(searcher: Searcher) -> Iterator[Record]:
    """The stored record of every file the index knows (documents, problems, private files),
    without touching the page records: reading those would load every page's text."""
    for kind in FILE_KINDS:
        yield from searcher.documents(kind=kind)


def stored_pages(searcher: Searcher, relpath: str) -> list[Record]:
    """The stored page records (with their text) of one document."""
    return list(searcher.documents(kind=KIND_PAGE, path=relpath))
