"""What a visitor asks for (`SearchRequest`) and what its filters mean: which documents a
search may return, and the facet counts shown beside its results.

A filter may name several values (`class=decisions&class=services`): the values of one facet
are ORed, the facets are ANDed, as on GOV.UK's finders. Each facet's counts are taken with
the *other* facets' filters applied and not its own, so choosing "Minutes" does not make the
other types vanish from the list: they stay, with what choosing them as well would add.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from whoosh.query import And, NumericRange, Or, Query, Term

from library.classes import get_class
from library.doctypes import check_doc_type
from library.errors import QueryError
from library.schema import KIND_DOC
from library.search import ranking

MAX_QUERY_CHARS = 500
MAX_PAGE = 500
SORTS = ("relevance", "newest")
MAX_CHOSEN = 20  # values of one filter; more is not a person choosing
# The facets: the index field each filters on, as the engine and the counts name them.
FACET_FIELDS = ("pub_class", "year", "doc_type")

T = TypeVar("T")


def _unique(values: Iterable[T | None]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(v for v in values if v is not None and v != ""))


@dataclass(frozen=True)
class SearchRequest:
    """What a visitor asked for; `validate` turns nonsense into a `QueryError` (a 400).

    `pub_class`, `year` and `doc_type` are the one-value filters the CLI and older callers
    pass; `classes`, `years` and `doc_types` add more values to the same filters (the site's
    checkboxes). `chosen(field)` is the union either way.
    """

    query: str = ""
    pub_class: str | None = None
    year: int | None = None
    page: int = 1
    page_size: int = 10
    sort: str = "relevance"
    doc_type: str | None = None  # minutes, policy... (`library.doctypes`)
    classes: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    doc_types: tuple[str, ...] = ()

    @property
    def wanted_classes(self) -> tuple[str, ...]:
        return _unique((self.pub_class, *self.classes))

    @property
    def wanted_years(self) -> tuple[int, ...]:
        return _unique((self.year, *self.years))

    @property
    def wanted_types(self) -> tuple[str, ...]:
        return _unique((self.doc_type, *self.doc_types))

    def chosen(self, name: str) -> tuple[Any, ...]:
        """The values chosen for the facet on index field `name` (`FACET_FIELDS`)."""
        return {
            "pub_class": self.wanted_classes,
            "year": self.wanted_years,
            "doc_type": self.wanted_types,
        }[name]

    @property
    def filtered(self) -> bool:
        return any(self.chosen(name) for name in FACET_FIELDS)

    def validate(self) -> SearchRequest:
        if len(self.query) > MAX_QUERY_CHARS:
            raise QueryError(f"the search is too long (at most {MAX_QUERY_CHARS} characters)")
        if any(len(self.chosen(name)) > MAX_CHOSEN for name in FACET_FIELDS):
            raise QueryError(f"choose at most {MAX_CHOSEN} values of one filter")
        for slug in self.wanted_classes:
            get_class(slug)  # raises UnknownClassError, a LibraryError
        for kind in self.wanted_types:
            check_doc_type(kind)  # raises QueryError
        if any(not 1000 <= year <= 9999 for year in self.wanted_years):
            raise QueryError("the year must have four digits")
        if not 1 <= self.page <= MAX_PAGE:
            raise QueryError(f"the page must be between 1 and {MAX_PAGE}")
        if not 1 <= self.page_size <= 100:
            raise QueryError("the page size must be between 1 and 100")
        if self.sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}")
        return self


def whoosh_filter(request: SearchRequest) -> Query:
    """The request's filters as a Whoosh query, for searches Whoosh runs itself."""
    filters: list[Query] = [Term("kind", KIND_DOC)]
    for name in FACET_FIELDS:
        values = request.chosen(name)
        if values:
            filters.append(Or([_value_query(name, v) for v in values]))
    return And(filters)


def _value_query(name: str, value: Any) -> Query:
    return NumericRange(name, value, value) if name == "year" else Term(name, value)


def facet_mask(view: ranking.View, name: str, values: tuple[Any, ...]) -> np.ndarray:
    """Live documents whose field `name` is one of `values` (all live ones when none)."""
    if not values:
        mask: np.ndarray = view.live.copy()
        return mask
    mask = np.zeros(view.doc_count, dtype=bool)
    for value in values:
        mask |= ranking.equals(view, name, value)
    return mask


def allowed_mask(view: ranking.View, request: SearchRequest, *, besides: str = "") -> np.ndarray:
    """Mask of the documents a search may return: public `doc` records, not deleted, of the
    requested classes, years and types; `besides` leaves that one facet's filter out."""
    mask = ranking.equals(view, "kind", KIND_DOC)
    for name in FACET_FIELDS:
        if name != besides:
            mask &= facet_mask(view, name, request.chosen(name))
    return mask


def facet_counts(
    view: ranking.View, request: SearchRequest, unfiltered: np.ndarray
) -> dict[str, dict[Any, int]]:
    """Each facet's counts among `unfiltered` (the documents the words match, whatever the
    filters) with the other facets' filters applied, so a chosen filter's siblings stay."""
    counts: dict[str, dict[Any, int]] = {}
    for name in FACET_FIELDS:
        counts[name] = ranking.counts(
            view, name, unfiltered & allowed_mask(view, request, besides=name)
        )
    return counts
