"""The class of a document comes from its folder, and nothing is lost for being misfiled."""

from __future__ import annotations

import pytest

from library.classes import CLASSES, class_for_path, get_class
from library.errors import UnknownClassError


def test_the_seven_ico_classes() -> None:
    assert [c.slug for c in CLASSES] == [
        "who-we-are",
        "what-we-spend",
        "priorities-and-performance",
        "decisions",
        "policies-and-procedures",
        "lists-and-registers",
        "services",
    ]
    assert all(c.name and c.description for c in CLASSES)


@pytest.mark.parametrize(
    ("relpath", "slug"),
    [
        ("decisions/minutes.pdf", "decisions"),
        ("lists-and-registers/disclosure-log/2024/foi-1.pdf", "lists-and-registers"),
        ("loose.pdf", "unclassified"),
        ("misc/decisions/minutes.pdf", "unclassified"),
        ("Decisions/minutes.pdf", "unclassified"),
    ],
)
def test_class_for_path(relpath: str, slug: str) -> None:
    assert class_for_path(relpath) == slug


def test_unknown_slug() -> None:
    with pytest.raises(UnknownClassError):
        get_class("secret-stuff")
