"""The Whoosh schema: one record per document, one per page, one per file we could not index.

Documents are ranked on `doc` records (title, summary, keywords and the whole text), and the
pages that matched are found on `page` records, which store their text for snippets. Files
that failed (`problem`) or are not public (`private`) keep a record with their hash so they
are not retried until they change; neither kind carries any searchable text.
"""

from __future__ import annotations

from whoosh.analysis import Analyzer, CharsetFilter, StemmingAnalyzer
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

SCHEMA_VERSION = 3

KIND_DOC = "doc"
KIND_PAGE = "page"
KIND_PROBLEM = "problem"
KIND_PRIVATE = "private"
FILE_KINDS = (KIND_DOC, KIND_PROBLEM, KIND_PRIVATE)


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
        page_count=NUMERIC(int, stored=True),
        year=NUMERIC(int, stored=True),
        published=ID(stored=True),
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
