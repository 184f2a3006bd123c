"""Honest answers (issue 12): a result is a strong match when one of its pages holds most of
what the question asks, weak when it only shares some words; strong ones come first, the page
says whether anything answered, and a librarian's pinned answer comes first of all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from library.config import Settings
from library.indexing import indexer
from library.results import ResultsPage
from library.search import Pins, SearchRequest
from library.search.answers import content_words
from library.search.engine import search
from library.search.pool import ReaderPool

Run = Callable[..., ResultsPage]


@pytest.fixture
def run(settings: Settings, make_pdf: Callable[..., Path]) -> Run:
    make_pdf(
        "services/bulky-waste.pdf",
        ["Bulky waste collection. We collect sofas, fridges and beds for a fee of 25 pounds."],
        title="Bulky waste collection",
    )
    make_pdf(
        "decisions/cabinet-minutes.pdf",
        [
            "Cabinet minutes. The waste contract was discussed.",
            "Item 7: the collection of council tax arrears improved.",
        ],
        title="Cabinet minutes",
    )
    make_pdf(
        "services/parking-permits.pdf",
        ["Residents apply online. Permits cost 60 pounds a year."],
        title="Residents zones",
    )
    indexer.sync(settings)

    def run(query: str, pins: Pins | None = None, **kwargs: object) -> ResultsPage:
        reader = ReaderPool(settings.index_dir)
        try:
            with reader.searcher() as s:
                request = SearchRequest(query=query, **kwargs)  # type: ignore[arg-type]
                return search(s, request, curated=pins)
        finally:
            reader.close()

    return run


def matches(results: ResultsPage) -> list[tuple[str, str]]:
    return [(h.path, h.match) for h in results.hits]


def test_a_page_holding_most_of_the_question_is_a_strong_match(run: Run) -> None:
    results = run("how much is a bulky waste collection")
    assert results.answered
    assert matches(results)[0] == ("services/bulky-waste.pdf", "strong")


def test_a_document_that_only_shares_words_is_weak(run: Run) -> None:
    # "waste" on page 1 and "collection" on page 2: never together on one page.
    results = run("waste collection")
    assert ("decisions/cabinet-minutes.pdf", "weak") in matches(results)


def test_strong_matches_always_rank_above_weak_ones(run: Run) -> None:
    kinds = [h.match for h in run("council waste collection fee").hits]
    assert kinds == sorted(kinds, key=lambda k: k != "strong")


def test_a_word_no_document_holds_means_nothing_answers(run: Run) -> None:
    results = run("waste collection for my caravan")
    assert results.hits, "documents sharing words are still listed"
    assert not results.answered
    assert {h.match for h in results.hits} == {"weak"}


def test_words_that_only_frame_a_question_are_not_what_it_asks() -> None:
    assert content_words("how do I get a parking permit about my car") == [
        "parking",
        "permit",
        "car",
    ]


def test_a_pinned_document_comes_first_as_the_curated_strong_answer(run: Run) -> None:
    pins = Pins.parse("residents parking, parking permit => services/parking-permits.pdf\n")
    results = run("how do I get a parking permit", pins)
    first = results.hits[0]
    assert (first.path, first.match, first.curated) == (
        "services/parking-permits.pdf",
        "strong",
        True,
    )
    assert results.answered
    assert first.to_dict()["curated"] is True


def test_a_pin_needs_most_of_the_search(run: Run) -> None:
    pins = Pins.parse("parking permit => services/parking-permits.pdf")
    assert pins.for_query("parking permits") == ("services/parking-permits.pdf",)
    assert pins.for_query("parking") == ()
    assert pins.for_query("parking permit for a bulky waste lorry in the zone") == ()


def test_a_pin_to_a_missing_document_or_a_filtered_class_is_left_out(run: Run) -> None:
    pins = Pins.parse("parking permit => services/gone.pdf, services/parking-permits.pdf")
    assert [h.path for h in run("parking permit", pins).hits if h.curated] == [
        "services/parking-permits.pdf"
    ]
    assert not [h for h in run("parking permit", pins, pub_class="decisions").hits if h.curated]


def test_a_malformed_pin_line_is_skipped() -> None:
    pins = Pins.parse("no arrow here\n => nothing.pdf\nfine => a.pdf  # a comment\n")
    assert [p.paths for p in pins.pins] == [("a.pdf",)]


def test_json_carries_match_curated_and_answered(run: Run) -> None:
    body = run("bulky waste").to_dict()
    assert body["answered"] is True
    assert {r["match"] for r in body["results"]} <= {"strong", "weak"}  # type: ignore[union-attr]
    assert all(r["curated"] is False for r in body["results"])  # type: ignore[union-attr]
