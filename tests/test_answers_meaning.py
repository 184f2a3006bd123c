"""Meaning as evidence for a strong match (issue 12): the one document semantic retrieval
singles out (the closest to the question, by a clear margin) answers it with fewer of its
words than the words alone would need; meaning alone never does, nor when several documents
are about as close; and without the model the words alone decide."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from whoosh.searching import Searcher

from library.config import Settings
from library.indexing import indexer
from library.schema import KIND_DOC
from library.search import SearchRequest, answers
from library.search.engine import default_synonyms, search
from library.search.pool import ReaderPool
from library.search.semantic import SemanticDoc

BULKY = "services/bulky-waste.pdf"
MINUTES = "decisions/cabinet-minutes.pdf"
# Lay words: the leaflet holds "collect" and "sofa" but not "old"; the minutes only "old".
QUESTION = "can you collect my old sofa"


@pytest.fixture
def searcher(settings: Settings, make_pdf: Callable[..., Path]) -> Iterator[Searcher]:
    make_pdf(
        BULKY,
        ["Bulky waste collection. We collect sofas, fridges and beds for a fee of 25 pounds."],
        title="Bulky waste collection",
    )
    make_pdf(
        MINUTES,
        ["Cabinet minutes. The old depot was sold and the fee for hall hire was agreed."],
        title="Cabinet minutes",
    )
    indexer.sync(settings)
    pool = ReaderPool(settings.index_dir)
    try:
        with pool.searcher() as s:
            yield s
    finally:
        pool.close()


def strong(searcher: Searcher, question: str, closeness: dict[str, float] | None) -> set[str]:
    asked = answers.asked(searcher, question, default_synonyms())
    docs = [searcher.document(kind=KIND_DOC, path=p) for p in (BULKY, MINUTES)]
    return answers.strong_paths(searcher, asked, [d for d in docs if d], closeness)


def test_the_question_is_one_the_words_alone_do_not_answer(searcher: Searcher) -> None:
    asked = answers.asked(searcher, QUESTION, default_synonyms())
    docs = [searcher.document(kind=KIND_DOC, path=BULKY)]
    held = answers.shares(searcher, asked, [d for d in docs if d])[BULKY]
    assert answers.CLOSE_SHARE <= held < answers.STRONG_SHARE
    assert strong(searcher, QUESTION, None) == set()


def test_the_document_meaning_singles_out_answers_with_fewer_words(searcher: Searcher) -> None:
    close = answers.CLOSE_COSINE + 0.1
    far = close - answers.CLOSE_MARGIN - 0.05
    assert strong(searcher, QUESTION, {BULKY: close, MINUTES: far}) == {BULKY}


def test_meaning_vouches_for_no_one_when_two_documents_are_about_as_close(
    searcher: Searcher,
) -> None:
    close = answers.CLOSE_COSINE + 0.1
    near_too = close - answers.CLOSE_MARGIN / 2
    assert strong(searcher, QUESTION, {BULKY: close, MINUTES: near_too}) == set()


def test_a_document_only_a_little_close_in_meaning_still_needs_the_words(
    searcher: Searcher,
) -> None:
    assert strong(searcher, QUESTION, {BULKY: answers.CLOSE_COSINE - 0.05, MINUTES: 0.1}) == set()


def test_meaning_alone_never_makes_a_match_strong(searcher: Searcher) -> None:
    # Of this question the leaflet holds only "fridge".
    question = "how do I get rid of a broken fridge freezer"
    assert strong(searcher, question, {BULKY: 0.95, MINUTES: 0.1}) == set()


def test_a_search_marks_the_document_meaning_singles_out_strong(searcher: Searcher) -> None:
    docnum = searcher.document_number(kind=KIND_DOC, path=BULKY)
    assert docnum is not None

    def near(text: str, allowed: np.ndarray, limit: int) -> list[SemanticDoc]:
        return [SemanticDoc(docnum, answers.CLOSE_COSINE + 0.1, page=1, passage=0)]

    page = search(searcher, SearchRequest(QUESTION), near=near)
    assert page.answered
    assert (page.hits[0].path, page.hits[0].match) == (BULKY, "strong")
    # The same search by words alone (no model) does not claim an answer.
    lexical = search(searcher, SearchRequest(QUESTION))
    assert not lexical.answered
    assert {h.match for h in lexical.hits} == {"weak"}
