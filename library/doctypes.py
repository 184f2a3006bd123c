"""The kinds of document the library recognises (minutes, policy, FOI response...), by the slug
stored as a document's `doc_type`, with the words people read for each.

Indexing recognises them from a document's title and opening text (a sidecar `type` wins);
search filters and counts by them (the Type facet, beside class and year), and the pages
show their names. The slugs are stable: they are in URLs (`/search?type=minutes`) and JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from library.errors import QueryError


@dataclass(frozen=True)
class DocType:
    """A kind of document: `slug` as stored and in URLs, `name` as people read it."""

    slug: str
    name: str


DOC_TYPES: tuple[DocType, ...] = (
    DocType("minutes", "Minutes"),
    DocType("agenda", "Agenda"),
    DocType("policy", "Policy"),
    DocType("procedure", "Procedure"),
    DocType("plan", "Plan"),
    DocType("strategy", "Strategy"),
    DocType("report", "Report"),
    DocType("statement", "Statement"),
    DocType("register", "Register"),
    DocType("notice", "Notice"),
    DocType("guidance", "Guidance"),
    DocType("foi-response", "FOI response"),
    DocType("accounts", "Accounts or budget"),
)
DOC_TYPE_SLUGS: tuple[str, ...] = tuple(t.slug for t in DOC_TYPES)
_NAMES = {t.slug: t.name for t in DOC_TYPES}


def doc_type_name(slug: str | None) -> str:
    """What a type is called on the pages ("FOI response"); a sidecar's own word for a type
    the library does not know is shown as written, and no type as ""."""
    if not slug:
        return ""
    return _NAMES.get(slug) or slug[:1].upper() + slug[1:].replace("-", " ")


def check_doc_type(slug: str) -> str:
    """`slug` when it is a known type.

    Raises:
        QueryError: it is not one of `DOC_TYPE_SLUGS`.
    """
    if slug not in _NAMES:
        raise QueryError(f"unknown document type {slug!r} (use one of {', '.join(DOC_TYPE_SLUGS)})")
    return slug
