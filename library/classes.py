"""The seven classes of the ICO model publication scheme, and which class a path belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from library.errors import UnknownClassError


@dataclass(frozen=True)
class PublicationClass:
    """One class of information in the publication scheme; `slug` is also its folder name."""

    slug: str
    name: str
    description: str


CLASSES: tuple[PublicationClass, ...] = (
    PublicationClass(
        "who-we-are",
        "Who we are and what we do",
        "Organisational information, locations and contacts, constitutional and legal governance.",
    ),
    PublicationClass(
        "what-we-spend",
        "What we spend and how we spend it",
        "Financial information relating to projected and actual income and expenditure, "
        "tendering, procurement and contracts.",
    ),
    PublicationClass(
        "priorities-and-performance",
        "What our priorities are and how we are doing",
        "Strategy and performance information, plans, assessments, inspections and reviews.",
    ),
    PublicationClass(
        "decisions",
        "How we make decisions",
        "Policy proposals and decisions. Decision making processes, internal criteria and "
        "procedures, consultations.",
    ),
    PublicationClass(
        "policies-and-procedures",
        "Our policies and procedures",
        "Current written protocols for delivering our functions and responsibilities.",
    ),
    PublicationClass(
        "lists-and-registers",
        "Lists and registers",
        "Information held in registers required by law and other lists and registers relating "
        "to the functions of the authority.",
    ),
    PublicationClass(
        "services",
        "The services we offer",
        "Advice and guidance, booklets and leaflets, transactions and media releases. "
        "A description of the services offered.",
    ),
)

UNCLASSIFIED = PublicationClass(
    "unclassified",
    "Not yet classified",
    "Documents placed outside the class folders, waiting for a librarian to file them.",
)

_BY_SLUG = {c.slug: c for c in (*CLASSES, UNCLASSIFIED)}


def get_class(slug: str) -> PublicationClass:
    """Look a class up by slug.

    Raises:
        UnknownClassError: the slug is not one of the scheme's classes.
    """
    try:
        return _BY_SLUG[slug]
    except KeyError:
        raise UnknownClassError(f"unknown class {slug!r}") from None


def is_class_slug(slug: str) -> bool:
    """True for the seven scheme classes (not for `unclassified`)."""
    return slug in _BY_SLUG and slug != UNCLASSIFIED.slug


def class_for_path(relpath: str) -> str:
    """The class a file belongs to from its folder: the first folder of its path, at any depth.

    A file outside the class folders is `unclassified`, never dropped: a document must not
    become invisible because it was saved in the wrong place.
    """
    parts = PurePosixPath(relpath).parts
    if len(parts) > 1 and is_class_slug(parts[0]):
        return parts[0]
    return UNCLASSIFIED.slug
