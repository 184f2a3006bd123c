"""A search asked again of the same index is answered from the worker's answer cache, and a
cached answer is never stale: a commit, a withdrawn document, an edited synonyms or curated
file each make the next search search again."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from library.config import Settings
from library.indexing import indexer
from library.results import ResultsPage
from library.search import Pins, ReaderPool, SearchRequest, Synonyms, default_synonyms
from library.search.answer_cache import AnswerCache


@pytest.fixture
def pool(settings: Settings, make_pdf: Callable[..., Path]) -> Iterator[ReaderPool]:
    make_pdf("services/bulky-waste.pdf", ["Bulky waste collection costs 25 pounds an item."])
    make_pdf("services/parking.pdf", ["Residents parking permits cost 60 pounds a year."])
    indexer.sync(settings)
    reader = ReaderPool(settings.index_dir, answers=16)
    yield reader
    reader.close()


def ask(
    pool: ReaderPool, query: str, synonyms: Synonyms | None = None, pins: Pins | None = None
) -> ResultsPage:
    with pool.catalog() as catalog:
        return catalog.search(SearchRequest(query), synonyms=synonyms, curated=pins)


def paths(page: ResultsPage) -> list[str]:
    return [h.path for h in page.hits]


def test_the_same_search_again_is_answered_without_searching(pool: ReaderPool) -> None:
    first = ask(pool, "bulky waste")
    again = ask(pool, "bulky waste")
    assert again is first
    assert pool.answers is not None and (pool.answers.hits, pool.answers.misses) == (1, 1)
    # The same pins read afresh (a file touched, not changed) are the same search.
    pinned = ask(pool, "bulky waste", pins=Pins.parse("sofa => services/bulky-waste.pdf\n"))
    assert ask(pool, "bulky waste", pins=Pins.parse("sofa => services/bulky-waste.pdf\n")) is pinned


def test_another_page_or_filter_is_another_search(pool: ReaderPool) -> None:
    ask(pool, "pounds")
    with pool.catalog() as catalog:
        catalog.search(SearchRequest("pounds", page=2))
        catalog.search(SearchRequest("pounds", classes=("services",)))
    assert pool.answers is not None and pool.answers.hits == 0


def test_a_commit_makes_the_next_search_search_again(
    pool: ReaderPool, settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    assert paths(ask(pool, "allotment rents")) == []
    make_pdf("services/allotments.pdf", ["Allotment rents rise next April."])
    indexer.sync(settings)
    assert paths(ask(pool, "allotment rents")) == ["services/allotments.pdf"]


def test_a_withdrawn_document_is_never_served_from_the_cache(
    pool: ReaderPool, settings: Settings
) -> None:
    assert "services/parking.pdf" in paths(ask(pool, "parking permits"))
    sidecar = settings.documents_dir / "services" / "parking.pdf.toml"
    sidecar.write_text("public = false\n", encoding="utf-8")
    indexer.sync(settings)
    assert "services/parking.pdf" not in paths(ask(pool, "parking permits"))


def test_other_synonyms_or_pins_are_another_search(pool: ReaderPool) -> None:
    plain = ask(pool, "sofa", synonyms=default_synonyms())
    assert paths(plain) == []
    groups = Synonyms.parse("sofa, bulky waste\n", default_synonyms().analyzer)  # type: ignore[arg-type]
    assert paths(ask(pool, "sofa", synonyms=groups)) == ["services/bulky-waste.pdf"]
    pinned = Pins.parse("sofa => services/bulky-waste.pdf\n")
    assert [h.curated for h in ask(pool, "sofa", pins=pinned).hits] == [True]


def test_the_cache_is_bounded_and_can_be_switched_off(settings: Settings) -> None:
    cache = AnswerCache(2)
    page = ResultsPage(query="q", total=0, hits=(), page=1, page_size=10)
    for n in range(3):
        cache.put(("v", SearchRequest(f"q{n}")), None, None, page)
    assert len(cache) == 2 and cache.get(("v", SearchRequest("q0")), None, None) is None
    cache.put(("newer", SearchRequest("q0")), None, None, page)
    assert len(cache) == 1  # an older index version's pages go
    assert ReaderPool(settings.index_dir).answers is None  # a pool keeps none unless asked
