"""One page of search results: the hits, the facet counts, the spelling suggestion and
whether anything answers the question, with the JSON shape `library search --json` and
`/api/search` share (and the OpenAPI schema made from it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from library.models import Hit
from library.shapes import (
    INTEGER,
    NULLABLE_STRING,
    STRING,
    JsonField,
    JsonObject,
    component,
    described,
    json_schema,
    to_json,
)


@dataclass(frozen=True)
class ResultsPage:
    """One page of search results, with the facet counts and a spelling suggestion."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    suggestion: str | None = None
    page: int = 1
    page_size: int = 10
    class_counts: dict[str, int] = field(default_factory=dict)
    year_counts: dict[int, int] = field(default_factory=dict)
    corrected_from: str | None = None
    type_counts: dict[str, int] = field(default_factory=dict)
    # Some result answers the question: a strong match (or a curated answer).
    answered: bool = False

    @property
    def strong_hits(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.strong)

    @property
    def weak_hits(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if not h.strong)

    def to_dict(self) -> JsonObject:
        """The JSON of a results page (`library search --json`, `/api/search`)."""
        return to_json(self, RESULTS_JSON)


_COUNTS = {"type": "object", "additionalProperties": INTEGER}
_FACETS: tuple[JsonField[ResultsPage], ...] = (
    JsonField("class", _COUNTS, lambda r: dict(r.class_counts)),
    JsonField(
        "year",
        _COUNTS,
        lambda r: {str(k): v for k, v in sorted(r.year_counts.items(), reverse=True)},
    ),
    JsonField("type", _COUNTS, lambda r: dict(r.type_counts)),
)

RESULTS_JSON: tuple[JsonField[ResultsPage], ...] = (
    JsonField("query", STRING, lambda r: r.query),
    JsonField("total", INTEGER, lambda r: r.total),
    JsonField(
        "suggestion",
        described(NULLABLE_STRING, "A respelling of the query"),
        lambda r: r.suggestion,
    ),
    JsonField("page", INTEGER, lambda r: r.page),
    JsonField(
        "results",
        {"type": "array", "items": component("Hit")},
        lambda r: [h.to_dict() for h in r.hits],
    ),
    JsonField(
        "corrected_from",
        described(NULLABLE_STRING, "Set when results are for the suggestion"),
        lambda r: r.corrected_from,
    ),
    JsonField("page_size", INTEGER, lambda r: r.page_size),
    JsonField(
        "answered",
        {
            "type": "boolean",
            "description": "Some result is a strong match: it answers the question",
        },
        lambda r: r.answered,
    ),
    JsonField(
        "facets",
        json_schema(_FACETS, "Matching documents per class, per year and per type"),
        lambda r: to_json(r, _FACETS),
    ),
)
