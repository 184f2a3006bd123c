"""The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`."""

from __future__ import annotations

from collections.abc import Mapping

from library.classes import CLASSES, UNCLASSIFIED
from library.doctypes import DOC_TYPE_SLUGS
from library.models import DOCUMENT_JSON, HIT_JSON
from library.results import RESULTS_JSON
from library.search import MAX_CHOSEN, MAX_PAGE, MAX_QUERY_CHARS, SORTS
from library.shapes import JsonObject, component, json_schema


def _param(name: str, schema: Mapping[str, object], description: str) -> JsonObject:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


_CLASS = {"type": "string", "enum": [c.slug for c in (*CLASSES, UNCLASSIFIED)]}


def _several(item: Mapping[str, object]) -> JsonObject:
    """A filter that may repeat (`class=a&class=b`, OpenAPI's default `form` explode style):
    the values of one filter are ORed, different filters ANDed."""
    return {"type": "array", "items": dict(item), "maxItems": MAX_CHOSEN, "uniqueItems": True}


def _ok(ref: str, description: str) -> JsonObject:
    return {"description": description, "content": {"application/json": {"schema": component(ref)}}}


_ERROR = _ok("Error", "The request cannot be answered as asked")


# What `/api/*` adds to every document and hit (see `api._with_links`).
LINKS: dict[str, Mapping[str, object]] = {
    "url": {"type": "string", "format": "uri", "description": "The document's page"},
    "file_url": {"type": "string", "format": "uri", "description": "The original file"},
    "text_url": {
        "type": "string",
        "format": "uri",
        "description": "Its text as a web page, unit by unit (#page-4)",
    },
    "licence": {
        "type": ["string", "null"],
        "description": "The licence it may be re-used under (every dataset has one)",
    },
    "licence_url": {"type": ["string", "null"], "format": "uri", "description": "Its address"},
}


def _object(properties: dict[str, object]) -> JsonObject:
    return {"type": "object", "properties": properties, "required": list(properties)}


_CLASS_ENTRY = _object(
    {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "documents": {"type": "integer"},
        "url": {"type": "string", "format": "uri"},
    }
)

# The answers' shapes: the document, hit and results schemas are made from the same field
# tables (`library.models`) as the JSON itself, so the two cannot drift apart.
SCHEMAS: dict[str, JsonObject] = {
    "Error": _object({"error": {"type": "string"}}),
    "Hit": json_schema(HIT_JSON, added=LINKS),
    "SearchResults": json_schema(RESULTS_JSON),
    "Document": json_schema(DOCUMENT_JSON, added=LINKS),
    "DocumentList": _object(
        {
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "page_size": {"type": "integer"},
            "pages": {"type": "integer"},
            "documents": {"type": "array", "items": component("Document")},
        }
    ),
    "Classes": _object({"classes": {"type": "array", "items": _CLASS_ENTRY}}),
    "DatasetList": _object(
        {
            "total": {"type": "integer"},
            "datasets": {"type": "array", "items": component("Document")},
        }
    ),
}


_PAGE = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}
PATHS: JsonObject = {
    "/api/search": {
        "get": {
            "summary": "Search published documents",
            "parameters": [
                _param("q", {"type": "string", "maxLength": MAX_QUERY_CHARS}, "Words to find"),
                _param(
                    "class", _several(_CLASS), "Only these publication-scheme classes (repeat it)"
                ),
                _param(
                    "year",
                    _several({"type": "integer", "minimum": 1000, "maximum": 9999}),
                    "Only documents of these years (repeat it: year=2024&year=2023)",
                ),
                _param(
                    "type",
                    _several({"type": "string", "enum": list(DOC_TYPE_SLUGS)}),
                    "Only these kinds of document (minutes, policy, foi-response...; repeat it)",
                ),
                _param("sort", {"type": "string", "enum": list(SORTS)}, "Result order"),
                _param("page", _PAGE, "Result page"),
                _param(
                    "page_size",
                    {"type": "integer", "minimum": 1, "maximum": 100},
                    "Results per page",
                ),
            ],
            "responses": {
                "200": _ok("SearchResults", "One page of results"),
                "400": _ERROR,
            },
        }
    },
    "/api/documents": {
        "get": {
            "summary": "List published documents",
            "parameters": [
                _param("class", _CLASS, "Only this class (newest first)"),
                _param(
                    "page",
                    {"type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1},
                    "List page",
                ),
                _param(
                    "page_size",
                    {"type": "integer", "minimum": 1, "maximum": 500, "default": 100},
                    "Documents per page",
                ),
            ],
            "responses": {
                "200": _ok("DocumentList", "One page of documents"),
                "400": _ERROR,
            },
        }
    },
    "/api/documents/{id}": {
        "get": {
            "summary": "One published document",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {"200": _ok("Document", "The document"), "404": _ERROR},
        }
    },
    "/api/datasets": {
        "get": {
            "summary": "The published datasets (CSV and spreadsheets) with their licences",
            "responses": {"200": _ok("DatasetList", "Every dataset, newest first")},
        }
    },
    "/api/classes": {
        "get": {
            "summary": "The publication scheme's classes with document counts",
            "responses": {"200": _ok("Classes", "The classes")},
        }
    },
}


def openapi_document(server_url: str) -> JsonObject:
    """The API description, with `server_url` as its server."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Publication scheme library API",
            "version": "1",
            "description": (
                "Search and list the documents this authority publishes. Read-only, no key."
            ),
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
