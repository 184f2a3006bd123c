"""The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`."""

from __future__ import annotations

from typing import Any

from library.classes import CLASSES, UNCLASSIFIED
from library.search import MAX_PAGE, MAX_QUERY_CHARS, SORTS


def _param(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


_CLASS = {"type": "string", "enum": [c.slug for c in (*CLASSES, UNCLASSIFIED)]}
_ERROR = {
    "description": "The request cannot be answered as asked",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def _ok(ref: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


_NULLABLE_STR = {"type": ["string", "null"]}
_NULLABLE_INT = {"type": ["integer", "null"]}

SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]},
    "Hit": {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "path": {"type": "string", "description": "Path under the documents folder"},
            "title": {"type": "string"},
            "class": {"type": "string"},
            "score": {"type": "number"},
            "pages": {
                "type": "array",
                "items": {"type": "integer"},
                "description": "Pages that matched",
            },
            "snippet": {"type": "string"},
            "snippet_page": _NULLABLE_INT,
            "published": {**_NULLABLE_STR, "format": "date"},
            "year": _NULLABLE_INT,
            "page_count": {"type": "integer"},
            "size": {"type": "integer", "description": "Bytes"},
            "url": {"type": "string", "format": "uri", "description": "The document's page"},
            "file_url": {"type": "string", "format": "uri", "description": "The PDF"},
        },
    },
    "SearchResults": {
        "type": "object",
        "properties": {
            "query": {"type": "string"},
            "total": {"type": "integer"},
            "suggestion": {**_NULLABLE_STR, "description": "A respelling of the query"},
            "corrected_from": {
                **_NULLABLE_STR,
                "description": "Set when results are for the suggestion",
            },
            "page": {"type": "integer"},
            "page_size": {"type": "integer"},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            "facets": {
                "type": "object",
                "properties": {
                    "class": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "year": {"type": "object", "additionalProperties": {"type": "integer"}},
                },
            },
        },
    },
    "Document": {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "path": {"type": "string"},
            "title": {"type": "string"},
            "class": {"type": "string"},
            "summary": {"type": "string"},
            "keywords": {"type": "array", "items": {"type": "string"}},
            "published": {**_NULLABLE_STR, "format": "date"},
            "year": _NULLABLE_INT,
            "page_count": {"type": "integer"},
            "size": {"type": "integer"},
            "disclosure": {
                "type": "object",
                "description": "Only on released FOI responses (the disclosure log)",
                "properties": {
                    "reference": _NULLABLE_STR,
                    "request_date": _NULLABLE_STR,
                    "response_date": _NULLABLE_STR,
                },
            },
            "url": {"type": "string", "format": "uri"},
            "file_url": {"type": "string", "format": "uri"},
        },
    },
    "DocumentList": {
        "type": "object",
        "properties": {
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "page_size": {"type": "integer"},
            "pages": {"type": "integer"},
            "documents": {"type": "array", "items": {"$ref": "#/components/schemas/Document"}},
        },
    },
    "Classes": {
        "type": "object",
        "properties": {
            "classes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "slug": {"type": "string"},
                        "name": {"type": "string"},
                        "description": {"type": "string"},
                        "documents": {"type": "integer"},
                        "url": {"type": "string", "format": "uri"},
                    },
                },
            }
        },
    },
}


def openapi_document(server_url: str) -> dict[str, Any]:
    """The API description, with `server_url` as its server."""
    page = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}
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
        "paths": {
            "/api/search": {
                "get": {
                    "summary": "Search published documents",
                    "parameters": [
                        _param(
                            "q", {"type": "string", "maxLength": MAX_QUERY_CHARS}, "Words to find"
                        ),
                        _param("class", _CLASS, "Only this publication-scheme class"),
                        _param(
                            "year",
                            {"type": "integer", "minimum": 1000, "maximum": 9999},
                            "Only documents of this year",
                        ),
                        _param("sort", {"type": "string", "enum": list(SORTS)}, "Result order"),
                        _param("page", page, "Result page"),
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
            "/api/classes": {
                "get": {
                    "summary": "The publication scheme's classes with document counts",
                    "responses": {"200": _ok("Classes", "The classes")},
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
