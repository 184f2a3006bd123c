"""Series in a result list: the yearly versions of one document (budgets, annual statements,
pay policy statements) shown as one result, the newest first, with links to its other years.

A document belongs to a series when its stored `series` key is set and it has a year (the
key is its title or file name without the year, `library.periods.series_key`); any other
document is a series of its own, and so is every released FOI response: it answers one
request, and is never a version of another (`foi-2024-0012.pdf` and `foi-2025-0143.pdf`
share a file name but for the year).
"""

from __future__ import annotations

import numpy as np
from whoosh.searching import Searcher

from library.models import Document, SeriesMember, is_series_member, series_members
from library.schema import KIND_DOC, Record
from library.search import ranking

# A ranked document: its score and its stored `doc` record.
Scored = tuple[float, Record]


FOI_RESPONSE = "foi-response"


def in_series(fields: Record) -> bool:
    """Whether the stored `doc` record is one year of a series (`Document.in_series`)."""
    return is_series_member(fields.get("series"), fields.get("year"), fields.get("doc_type"))


def group_key(fields: Record) -> str:
    """The series of a stored `doc` record, or its own path when it stands alone."""
    return str(fields["series"]) if in_series(fields) else "path:" + fields["path"]


def collapse(ranked: list[Scored], *, as_ranked: bool = False) -> list[Scored]:
    """One entry per series, in the place of its best-ranked member: the newest member that
    matched (with its own score), or the best-ranked one when `as_ranked` (the visitor
    named a year, so the version of that year is the one they want)."""
    groups: dict[str, list[Scored]] = {}
    for item in ranked:
        groups.setdefault(group_key(item[1]), []).append(item)
    out: list[Scored] = []
    for members in groups.values():  # dicts keep the order of first insertion: best first
        if as_ranked or len(members) == 1:
            out.append(members[0])
            continue
        out.append(max(members, key=lambda sf: (_year(sf[1]), sf[1].get("published") or "")))
    return out


def group_count(v: ranking.View, matched: np.ndarray) -> int:
    """How many results `matched` documents make once each series is one result."""
    codes = v.codes["series"][matched]
    grouped = (codes >= 0) & (v.codes["year"][matched] >= 0)
    if "" in v.values["series"]:
        grouped &= codes != v.values["series"].index("")
    if FOI_RESPONSE in v.values["doc_type"]:
        grouped &= v.codes["doc_type"][matched] != v.values["doc_type"].index(FOI_RESPONSE)
    return int((~grouped).sum()) + int(np.unique(codes[grouped]).size)


def other_years(searcher: Searcher, fields: Record) -> tuple[SeriesMember, ...]:
    """The other public documents of the series of the stored record `fields`, newest first."""
    # Most documents are alone in their series; only `doc` records carry one.
    v = ranking.view(searcher)
    if not in_series(fields) or ranking.series_size(searcher, v, fields["series"]) < 2:
        return ()
    found = (ranking.record(searcher, v, d) for d in _series_docs(searcher, v, fields["series"]))
    return series_members((Document.from_record(f) for f in found), besides=fields["path"])


def _series_docs(searcher: Searcher, v: ranking.View, series: str) -> list[int]:
    """The live `doc` record numbers of a series, ascending (Whoosh's `documents(kind=...,
    series=...)` walked the postings of every document to find them, for each hit of every
    search: 80 ms a search at 100,000 pages)."""
    ids = ranking.records_with(searcher, v, "series", series)
    kinds = ranking.values_of(v, "kind", ids.tolist())
    return [int(d) for d, kind in zip(ids, kinds, strict=True) if kind == KIND_DOC]


def _year(fields: Record) -> int:
    return int(fields.get("year") or 0)
