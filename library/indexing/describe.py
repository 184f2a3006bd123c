"""A document described from its own pages: title, the date it gives itself, review-by date
and kind, as a `Description`.

Runs in the extraction worker, where the first pages' layout lines exist (they are not
stored); what it decides is stored with the document, so a moved or re-described file keeps
its description without being read again. The sidecar, which always wins, and the file-name
fallback are applied later, when the records are built (`records.document_records`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from library import dates
from library.indexing.titles import Line, choose_title, document_type
from library.models import Description

# How much opening text the document type is judged on.
_OPENING_CHARS = 4000


def describe(
    raw_pages: Sequence[str],
    lines: Sequence[Line],
    info: Mapping[str, str],
    *,
    today: dt.date | None = None,
) -> Description:
    """The description of a PDF from its raw page texts (with line breaks), its first pages'
    layout lines (empty when only pypdf could read it) and its information dictionary."""
    title = choose_title(lines, pdf_title=info.get("Title"), page_texts=raw_pages)
    text = title.text if title is not None else ""
    cover = sorted((ln for ln in lines if ln.page == 1), key=lambda ln: (ln.top, ln.left))
    stamps = [dates.parse_pdf_date(info.get(k, "")) for k in ("CreationDate", "ModDate")]
    stated = dates.published_date(
        raw_pages,
        title=text,
        cover_lines=[ln.text for ln in cover],
        metadata_dates=[s for s in stamps if s is not None],
        today=today,
    )
    review = dates.review_by(raw_pages)
    return Description(
        title=text or None,
        title_source=title.source if title is not None else "",
        stated=stated,
        review_by=review.date if review is not None else None,
        doc_type=document_type(text, " ".join(raw_pages[:2])[:_OPENING_CHARS]),
    )
