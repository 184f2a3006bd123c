"""Search over the index: the right document, the right pages, filters, and no exceptions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from library.config import Settings
from library.errors import LibraryError
from library.indexing import indexer
from library.results import ResultsPage
from library.search.engine import SearchRequest, search
from library.search.pool import ReaderPool
from library.search.request import allowed_mask, whoosh_filter


@pytest.fixture
def run(settings: Settings, make_pdf: Callable[..., Path]) -> Callable[..., ResultsPage]:
    make_pdf(
        "decisions/cabinet-minutes-2018.pdf",
        [
            "Cabinet minutes. Present: the leader and four members.",
            "Item 4: the pupil premium grant allocation was approved for primary schools.",
            "Item 5: allotment rents will rise next April.",
        ],
        title="Cabinet minutes September 2018",
    )
    make_pdf(
        "what-we-spend/budget-2025.pdf",
        ["Budget 2025-26. Pupil premium funding totals 1.2 million pounds."],
        title="Budget 2025-26",
    )
    make_pdf("services/bins.pdf", ["Bulky waste collection costs 25 pounds."])
    indexer.sync(settings)

    def run(query: str, **kwargs: object) -> ResultsPage:
        reader = ReaderPool(settings.index_dir)
        try:
            with reader.searcher() as s:
                return search(s, SearchRequest(query=query, **kwargs))  # type: ignore[arg-type]
        finally:
            reader.close()

    return run


def test_matching_pages_and_a_snippet_from_the_page(run: Callable[..., ResultsPage]) -> None:
    results = run("pupil premium")
    assert results.total == 2
    minutes = next(h for h in results.hits if h.path == "decisions/cabinet-minutes-2018.pdf")
    assert minutes.pages == (2,)
    assert minutes.snippet_page == 2
    assert "pupil premium" in minutes.snippet.text.lower()
    assert "<mark>" in str(minutes.snippet.html)


def test_a_question_with_missing_words_still_finds_the_document(
    run: Callable[..., ResultsPage],
) -> None:
    results = run("how much does a bulky waste collection cost me")
    assert results.hits[0].path == "services/bins.pdf"


def test_stemming_finds_other_forms(run: Callable[..., ResultsPage]) -> None:
    assert [h.path for h in run("collections").hits] == ["services/bins.pdf"]


def test_filters_by_class_and_year(run: Callable[..., ResultsPage]) -> None:
    assert [h.path for h in run("pupil premium", pub_class="what-we-spend").hits] == [
        "what-we-spend/budget-2025.pdf"
    ]
    assert [h.path for h in run("pupil premium", year=2018).hits] == [
        "decisions/cabinet-minutes-2018.pdf"
    ]
    results = run("pupil premium")
    assert results.class_counts == {"decisions": 1, "what-we-spend": 1}
    assert results.year_counts == {2018: 1, 2025: 1}


def test_misspelling_is_corrected_and_retried(run: Callable[..., ResultsPage]) -> None:
    results = run("allotmnet")
    assert results.suggestion == "allotment"
    assert results.corrected_from == "allotmnet"
    assert [h.path for h in results.hits] == ["decisions/cabinet-minutes-2018.pdf"]


def test_empty_query_lists_everything(run: Callable[..., ResultsPage]) -> None:
    assert run("").total == 3


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "((((",
        "title:",
        "*ment",
        "AND OR NOT",
        'NOT AND"0',  # found by hypothesis: the plain-words retry must not see operators
        "class:",
        "\x00",
        "a" * 400,
        ")",
    ],
)
def test_hostile_queries_never_raise(run: Callable[..., ResultsPage], query: str) -> None:
    assert run(query).total >= 0


@pytest.mark.parametrize(
    "request_args",
    [
        {"query": "x" * 501},
        {"pub_class": "secret"},
        {"page": 0},
        {"page": 10**9},
        {"year": 99999},
        {"sort": "random"},
    ],
)
def test_invalid_requests_are_library_errors(
    run: Callable[..., ResultsPage], request_args: dict[str, object]
) -> None:
    args = {"query": "pupil", **request_args}
    with pytest.raises(LibraryError):
        run(**args)


def _paths(reader: ReaderPool, query: str) -> list[str]:
    with reader.searcher() as s:
        return [h.path for h in search(s, SearchRequest(query=query)).hits]


def test_a_long_lived_reader_sees_every_commit_and_rebuild(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    """The web app keeps one ReaderPool (and reuses its searchers) for its whole life."""
    make_pdf("services/bins.pdf", ["Bulky waste collection costs 25 pounds."])
    indexer.sync(settings)
    reader = ReaderPool(settings.index_dir)
    try:
        assert _paths(reader, "bulky waste") == ["services/bins.pdf"]
        make_pdf("services/parking.pdf", ["Residents parking permits cost 40 pounds."])
        indexer.sync(settings)
        assert _paths(reader, "parking permits") == ["services/parking.pdf"]
        # An update deletes the old record in an existing segment and adds a new one.
        make_pdf("services/bins.pdf", ["Garden waste collection is now fortnightly."])
        indexer.sync(settings)
        assert _paths(reader, "bulky") == []
        assert _paths(reader, "garden waste") == ["services/bins.pdf"]
        (settings.documents_dir / "services/parking.pdf").unlink()
        indexer.sync(settings)
        assert _paths(reader, "parking permits") == []
        indexer.rebuild(settings)
        assert _paths(reader, "garden waste") == ["services/bins.pdf"]
    finally:
        reader.close()


def test_searchers_are_lent_to_one_caller_at_a_time(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    make_pdf("services/bins.pdf", ["Bulky waste collection costs 25 pounds."])
    indexer.sync(settings)
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.searcher() as first, reader.searcher() as second:
            assert first is not second
        with reader.searcher() as again:
            assert again in (first, second)  # returned to the pool, not reopened
    finally:
        reader.close()


def test_ranking_scores_exactly_as_whoosh_does(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    """`library.search.ranking` replaces Whoosh's scoring loop for speed; it must not change a
    score, across several segments, deleted records, phrases and synonyms."""
    from whoosh.searching import Searcher

    from library.search import engine as search_module
    from library.search import ranking
    from library.search.parsing import TEXT_FIELDS

    make_pdf("policies/complaints-policy-2023.pdf", ["How to make a complaint about the council."])
    make_pdf("policies/complaints-policy-2024.pdf", ["Complaints procedure: write to the clerk."])
    indexer.sync(settings)
    make_pdf("decisions/minutes-2024.pdf", ["Freedom of information requests and FOI charges."])
    make_pdf("services/bins.pdf", ["Bulky waste collection costs 25 pounds. Council waste."])
    indexer.sync(settings)
    make_pdf(
        "policies/complaints-policy-2023.pdf", ["Old complaints policy, withdrawn by the council."]
    )
    indexer.sync(settings)  # deletes a record in the first segment
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.searcher() as plain:
            assert len(plain.reader().leaf_readers()) > 1 or plain.reader().has_deletions()
            s = Searcher(plain.reader(), weighting=search_module.WEIGHTING, closereader=False)
            for text in ["complaint council", "foi charges", "council waste collection", "policy"]:
                query = search_module._doc_query(s, text, {}, None)
                request = SearchRequest(query=text)
                allowed = allowed_mask(ranking.view(s), request)
                fast = ranking.rank(s, query, allowed, 10, TEXT_FIELDS)
                assert fast is not None
                slow = s.search(query, limit=None, filter=whoosh_filter(request))
                assert fast.total == len(slow) > 0
                assert [d for _, d in fast.top] == [h.docnum for h in slow][:10]
                for (score, _), hit in zip(fast.top, slow, strict=False):
                    assert score == pytest.approx(hit.score, rel=1e-9)
    finally:
        reader.close()


def test_a_phrase_lists_only_the_pages_that_hold_the_phrase(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    make_pdf(
        "decisions/standing-orders.pdf",
        [
            "Notices give three clear days.",
            "Meetings are held on weekdays; the days are published.",
            "The meaning of clear days is explained in this order.",
        ],
    )
    indexer.sync(settings)
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.searcher() as s:
            phrase = search(s, SearchRequest(query='"meaning of clear days"')).hits[0]
            words = search(s, SearchRequest(query="meaning of clear days")).hits[0]
    finally:
        reader.close()
    assert phrase.pages == (3,)
    assert words.pages == (1, 2, 3)
