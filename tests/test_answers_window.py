"""Proximity in the strong/weak decision (issue 12): a page answers a question when the
question's words stand together on it, within a couple of sentences, not when a long page
holds each of them in a different paragraph (a consultation report listing many services
shares every word of many questions it does not answer)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from whoosh.searching import Searcher

from library.config import Settings
from library.indexing import indexer
from library.schema import KIND_DOC
from library.search import SearchRequest, answers
from library.search.engine import default_synonyms, search
from library.search.pool import ReaderPool

REPORT = "decisions/consultation-report.pdf"
CHARGES = "services/charges.pdf"
QUESTION = "how much are library fines"

# One long page: "library" opens it and "fines" closes it, many sentences apart.
SCATTERED = (
    "The library in the high street was praised by many residents who answered. "
    "Respondents also wrote about road repairs, school transport, street lighting, "
    "recycling centres, bus routes, youth clubs, care homes, parks, allotments, "
    "markets, public toilets, grass cutting, gritting, flooding and drainage, "
    "footpaths, cycle lanes, housing advice and the registration of births. "
    "Several asked whether parking fines had gone up."
)


@pytest.fixture
def searcher(settings: Settings, make_pdf: Callable[..., Path]) -> Iterator[Searcher]:
    make_pdf(REPORT, [SCATTERED], title="What residents told us")
    make_pdf(CHARGES, ["Overdue books: library fines are 20p a day."], title="Charges")
    indexer.sync(settings)
    pool = ReaderPool(settings.index_dir)
    try:
        with pool.searcher() as s:
            yield s
    finally:
        pool.close()


def _docs(searcher: Searcher) -> list[dict[str, object]]:
    found = [searcher.document(kind=KIND_DOC, path=p) for p in (REPORT, CHARGES)]
    return [d for d in found if d]


def test_both_pages_hold_every_word_of_the_question(searcher: Searcher) -> None:
    asked = answers.asked(searcher, QUESTION, default_synonyms())
    held = answers.shares(searcher, asked, _docs(searcher))
    assert held[REPORT] >= answers.STRONG_SHARE
    assert held[CHARGES] >= answers.STRONG_SHARE


def test_only_the_page_with_the_words_together_holds_them_within_a_window(
    searcher: Searcher,
) -> None:
    asked = answers.asked(searcher, QUESTION, default_synonyms())
    near = answers.window_shares(searcher, asked, _docs(searcher))
    assert near[CHARGES] >= answers.WINDOW_SHARE
    assert near[REPORT] < answers.WINDOW_SHARE
    # A window as long as the page holds all of it again.
    assert answers.window_shares(searcher, asked, _docs(searcher), width=200)[REPORT] == 1.0


def test_the_words_scattered_over_a_long_page_are_a_weak_match(searcher: Searcher) -> None:
    asked = answers.asked(searcher, QUESTION, default_synonyms())
    assert answers.strong_paths(searcher, asked, _docs(searcher)) == {CHARGES}


def test_a_search_marks_the_scattered_page_weak_and_puts_the_answer_first(
    searcher: Searcher,
) -> None:
    page = search(searcher, SearchRequest(QUESTION))
    assert page.answered
    assert [(h.path, h.match) for h in page.hits] == [(CHARGES, "strong"), (REPORT, "weak")]


def test_an_unanswered_question_whose_words_only_one_long_page_scatters_is_not_answered(
    searcher: Searcher,
) -> None:
    page = search(searcher, SearchRequest("respondents and parking"))
    assert page.hits and page.hits[0].path == REPORT
    assert not page.answered
