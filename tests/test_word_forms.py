"""Word forms the stemmer misses: irregular forms (paid/pay, bought/buy, children/child) and
British and American spellings (organisation/organization) find each other, both ways, on a
real index; and a word form brings the synonyms of its word along."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from library.config import Settings
from library.indexing import sync
from library.search import ReaderPool, SearchRequest, default_synonyms
from library.search.word_forms import base_form, forms_of

PAGES = {
    "what-we-spend/allowances.pdf": "Councillors were paid a basic allowance last year.",
    "what-we-spend/purchases.pdf": "We buy stationery through a framework contract.",
    "services/young-people.pdf": "Support for every child with special needs.",
    "who-we-are/structure.pdf": "Our organization chart shows every directorate.",
    "who-we-are/colours.pdf": "The colour scheme of the town hall signs.",
}


@pytest.fixture
def indexed(settings: Settings, make_pdf: Callable[..., Path]) -> Settings:
    for relpath, text in PAGES.items():
        make_pdf(relpath, [text], title=relpath.rsplit("/", 1)[1].removesuffix(".pdf"))
    sync(settings)
    return settings


def _paths(settings: Settings, query: str) -> list[str]:
    pool = ReaderPool(settings.index_dir)
    try:
        with pool.catalog() as catalog:
            return [h.path for h in catalog.search(SearchRequest(query)).hits]
    finally:
        pool.close()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("pay", "what-we-spend/allowances.pdf"),  # the page says "paid"
        ("bought", "what-we-spend/purchases.pdf"),  # "buy"
        ("children", "services/young-people.pdf"),  # "child"
        ("organisation chart", "who-we-are/structure.pdf"),  # "organization"
        ("color", "who-we-are/colours.pdf"),  # "colour"
    ],
)
def test_a_word_finds_its_other_forms(indexed: Settings, query: str, found: str) -> None:
    assert _paths(indexed, query)[:1] == [found]


def test_forms_are_read_as_their_first_form_and_join_both_ways() -> None:
    assert base_form("paid") == "pay" and base_form("Children") == "child"
    assert base_form("color") == "colour"
    assert set(forms_of("pay")) == {"pay", "paid"} == set(forms_of("paid"))
    # -ise/-ize words by rule, whatever follows the suffix.
    assert set(forms_of("organizations")) == {"organisations", "organizations"}
    assert set(forms_of("prioritised")) == {"prioritised", "prioritized"}
    assert forms_of("council") == ("council",)
    assert forms_of("size") == ("size",)  # too short for the rule


def test_a_word_form_brings_its_words_synonyms() -> None:
    expanded = default_synonyms().expand("paid")
    assert "pay" in expanded and "salary" in expanded
