"""How a JSON answer and the JSON Schema describing it are both made from one field table.

`library.models` declares a table per answer (`DOCUMENT_JSON`, `HIT_JSON`, `RESULTS_JSON`):
`to_json` reads an object through it for `library search --json` and `/api/*`, and
`json_schema` makes the OpenAPI schema from the same rows, so a new field is one edit and the
description cannot drift from the answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)
JsonObject = dict[str, object]

STRING: Mapping[str, object] = {"type": "string"}
INTEGER: Mapping[str, object] = {"type": "integer"}
NULLABLE_STRING: Mapping[str, object] = {"type": ["string", "null"]}
NULLABLE_INTEGER: Mapping[str, object] = {"type": ["integer", "null"]}
NULLABLE_DATE: Mapping[str, object] = {**NULLABLE_STRING, "format": "date"}


@dataclass(frozen=True)
class JsonField(Generic[T_contra]):
    """One key of a JSON answer: its name, its JSON Schema, and how it is read off the object.

    `required` keys are always present; the others are left out when their value is None.
    """

    name: str
    schema: Mapping[str, object]
    value: Callable[[T_contra], object]
    required: bool = True


def to_json(obj: T, table: Iterable[JsonField[T]]) -> JsonObject:
    """`obj` as the JSON object `table` describes."""
    out: JsonObject = {}
    for f in table:
        value = f.value(obj)
        if value is not None or f.required:
            out[f.name] = value
    return out


def json_schema(
    table: Iterable[JsonField[Any]],
    description: str = "",
    *,
    added: Mapping[str, Mapping[str, object]] | None = None,
) -> JsonObject:
    """The JSON Schema of the objects `to_json(obj, table)` makes, with the always-present
    keys an edge `added` to them (the API's links)."""
    table, added = tuple(table), added or {}
    properties = {f.name: dict(f.schema) for f in table} | {k: dict(v) for k, v in added.items()}
    required = [f.name for f in table if f.required] + list(added)
    schema: JsonObject = {"type": "object", "properties": properties, "required": required}
    return {**schema, "description": description} if description else schema


def component(name: str) -> dict[str, str]:
    """A reference to another schema of the API description (`/api/openapi.json`)."""
    return {"$ref": f"#/components/schemas/{name}"}


def described(schema: Mapping[str, object], description: str) -> Mapping[str, object]:
    """`schema` with a description for the API's readers."""
    return {**schema, "description": description}


def iso(value: dt.date | None) -> str | None:
    """A date as JSON carries it (ISO 8601), None for none."""
    return value.isoformat() if value else None
