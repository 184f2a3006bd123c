"""Search that understands what people type: the right document first for questions,
other word forms, abbreviations, misspellings and dates, with superseded versions marked,
the best passage as the snippet, and related documents."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pdfs import write_pdf

from library.config import Settings
from library.indexing import indexer
from library.results import ResultsPage
from library.search.engine import SearchRequest, related, search, synonyms_for
from library.search.pool import ReaderPool

FILLER = "The council met in the town hall and considered the reports before it. " * 3

DOCUMENTS: dict[str, tuple[list[str], str | None, str]] = {
    # path: (page texts, PDF title, sidecar TOML)
    "policies-and-procedures/complaints-procedure.pdf": (
        ["How to make a complaint about the council. Complaints are answered in 10 days."],
        "Complaints procedure",
        "",
    ),
    "policies-and-procedures/whistleblowing-policy.pdf": (
        ["Whistleblowing: staff may raise concerns about wrongdoing in confidence."],
        "Whistleblowing policy",
        "",
    ),
    "policies-and-procedures/grievance-policy.pdf": (
        ["A member of staff with a grievance speaks to their manager first. " + FILLER],
        "Grievance policy",
        "",
    ),
    "who-we-are/information-guide.pdf": (
        ["Requests under the Freedom of Information Act are free; copies cost 10p a sheet."],
        "Guide to information",
        "",
    ),
    "what-we-spend/allotments-report.pdf": (
        [FILLER * 4 + " Allotment rents are listed in the appendix. " + FILLER * 4],
        "Annual review of council services",
        "",
    ),
    "what-we-spend/allotment-rents.pdf": (
        ["Rents for each plot from April."],
        "Allotment rents",
        "",
    ),
    "decisions/minutes-2018-09-04.pdf": (
        ["Minutes of the council meeting. " + FILLER],
        "Council minutes",
        "",
    ),
    "decisions/minutes-2019-09-03.pdf": (
        ["Minutes of the council meeting. " + FILLER],
        "Council minutes",
        "",
    ),
    "what-we-spend/budget-2018-19.pdf": (
        ["The budget for the year: precept, grants and spending on parks."],
        None,
        "",
    ),
    "what-we-spend/budget-2019-20.pdf": (
        ["The budget for the year: precept, grants and spending on parks."],
        None,
        "",
    ),
    "policies-and-procedures/lettings-old.pdf": (
        ["Hiring the village hall: lettings charges and bookings."],
        "Hall lettings policy",
        'superseded_by = "policies-and-procedures/lettings.pdf"\n',
    ),
    "policies-and-procedures/lettings.pdf": (
        ["Hiring the village hall: lettings charges and bookings."],
        "Hall lettings policy",
        "",
    ),
    "services/tree-works.pdf": (
        [
            "Trees on council land are inspected every year.",
            FILLER,
            "Tree works: to report a dangerous tree, call us. Dangerous tree works are done "
            "within a day; tree works on other trees within a month.",
        ],
        "Trees",
        "",
    ),
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReaderPool]:
    root = tmp_path_factory.mktemp("relevance")
    settings = Settings(
        documents_dir=root / "documents",
        index_dir=root / "index",
        jobs=2,
        embedding_model="off",  # the words' ranking; bench/relevance measures the hybrid
    )
    for relpath, (pages, title, sidecar) in DOCUMENTS.items():
        pdf = settings.documents_dir / relpath
        write_pdf(pdf, pages, title=title)
        if sidecar:
            pdf.with_name(pdf.name + ".toml").write_text(sidecar, encoding="utf-8")
    report = indexer.sync(settings)
    assert report.added == len(DOCUMENTS)
    reader = ReaderPool(settings.index_dir)
    yield reader
    reader.close()


@pytest.fixture
def run(library: ReaderPool) -> Callable[..., ResultsPage]:
    def run(query: str, **kwargs: object) -> ResultsPage:
        synonyms = kwargs.pop("synonyms", None)
        with library.searcher() as searcher:
            request = SearchRequest(query=query, **kwargs)  # type: ignore[arg-type]
            return search(searcher, request, synonyms=synonyms)  # type: ignore[arg-type]

    return run


def paths(results: ResultsPage) -> list[str]:
    return [h.path.rsplit("/", 1)[-1] for h in results.hits]


def test_a_question_finds_the_document_though_most_words_are_missing(run) -> None:  # type: ignore[no-untyped-def]
    assert paths(run("how do I complain about the council"))[0] == "complaints-procedure.pdf"


def test_other_forms_of_a_word_match(run) -> None:  # type: ignore[no-untyped-def]
    assert paths(run("complaining"))[0] == "complaints-procedure.pdf"
    assert paths(run("rent"))[0] == "allotment-rents.pdf"


def test_a_title_match_beats_a_mention_in_a_long_body(run) -> None:  # type: ignore[no-untyped-def]
    found = paths(run("allotment rents"))
    assert found[0] == "allotment-rents.pdf"
    assert "allotments-report.pdf" in found


def test_an_abbreviation_finds_the_words_it_stands_for(run) -> None:  # type: ignore[no-untyped-def]
    assert paths(run("FOI charges"))[0] == "information-guide.pdf"


def test_a_librarians_synonyms_file_applies_without_reindexing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("arboriculture, tree works\n", encoding="utf-8")
    assert paths(run("arboriculture", synonyms=synonyms_for(synonyms))) == ["tree-works.pdf"]
    synonyms.write_text("arboriculture, allotment\n", encoding="utf-8")
    stat = synonyms.stat()
    os.utime(synonyms, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert paths(run("arboriculture", synonyms=synonyms_for(synonyms)))[0] == "allotment-rents.pdf"


def test_a_misspelling_is_suggested_and_its_correction_searched(run) -> None:  # type: ignore[no-untyped-def]
    results = run("whistelblowing policy")
    assert results.suggestion == "whistleblowing policy"
    assert results.corrected_from is None  # "policy" matched as typed
    assert paths(results)[0] == "whistleblowing-policy.pdf"


def test_a_misspelling_alone_is_retried_with_the_correction(run) -> None:  # type: ignore[no-untyped-def]
    results = run("complants")
    assert results.corrected_from == "complants"
    assert results.suggestion == "complaints"
    assert paths(results)[0] == "complaints-procedure.pdf"


def test_a_year_in_the_query_favours_documents_of_that_year(run) -> None:  # type: ignore[no-untyped-def]
    assert paths(run("council minutes 2018"))[0] == "minutes-2018-09-04.pdf"
    assert paths(run("minutes september 2018"))[0] == "minutes-2018-09-04.pdf"


def test_of_equally_relevant_documents_the_newer_comes_first(run) -> None:  # type: ignore[no-untyped-def]
    results = run("council minutes")
    assert paths(results)[:2] == ["minutes-2019-09-03.pdf", "minutes-2018-09-04.pdf"]
    assert not any(h.superseded for h in results.hits[:2])  # a series of meetings


def test_the_year_filter_keeps_only_that_year(run) -> None:  # type: ignore[no-untyped-def]
    assert paths(run("council minutes", year=2018)) == ["minutes-2018-09-04.pdf"]


def test_the_older_years_of_a_series_fold_into_the_newest(run) -> None:  # type: ignore[no-untyped-def]
    results = run("budget")
    assert paths(results)[:1] == ["budget-2019-20.pdf"]
    assert "budget-2018-19.pdf" not in paths(results)
    newest = results.hits[0]
    assert not newest.superseded
    assert [(m.year, m.label) for m in newest.other_years] == [(2018, "2018")]


def test_a_year_in_the_query_shows_that_years_version_still_marked_superseded(run) -> None:  # type: ignore[no-untyped-def]
    results = run("budget 2018")
    assert paths(results)[0] == "budget-2018-19.pdf"
    assert "budget-2019-20.pdf" not in paths(results)
    assert results.hits[0].superseded
    assert [m.year for m in results.hits[0].other_years] == [2019]


def test_a_sidecar_can_say_a_document_is_superseded(run) -> None:  # type: ignore[no-untyped-def]
    results = run("hall lettings")
    assert paths(results)[:2] == ["lettings.pdf", "lettings-old.pdf"]
    assert [h.superseded for h in results.hits[:2]] == [False, True]
    assert results.hits[1].to_dict()["superseded"] is True


def test_the_snippet_is_the_best_passage_on_the_page_where_it_occurs(run) -> None:  # type: ignore[no-untyped-def]
    hit = run("dangerous tree works").hits[0]
    assert hit.path.endswith("tree-works.pdf")
    assert hit.pages == (1, 3)
    assert hit.snippet_page == 3
    marked = [text.lower() for text, matched in hit.snippet.parts if matched]
    assert {"dangerous", "tree", "works"} <= set(marked)
    assert "<mark>dangerous</mark>" in str(hit.snippet.html).lower()


def test_advanced_syntax_still_works(run) -> None:  # type: ignore[no-untyped-def]
    assert paths(run('"allotment rents"'))[0] == "allotment-rents.pdf"
    assert "allotments-report.pdf" not in paths(run("allotment -appendix"))
    assert set(paths(run("class:decisions council"))) == {
        "minutes-2018-09-04.pdf",
        "minutes-2019-09-03.pdf",
    }
    assert paths(run("title:whistleblowing")) == ["whistleblowing-policy.pdf"]
    assert "whistleblowing-policy.pdf" in paths(run("whistle*"))


def test_related_documents_share_what_the_document_is_about(library: ReaderPool) -> None:
    with library.searcher() as searcher:
        found = related(searcher, "decisions/minutes-2018-09-04.pdf")
        assert found
        assert found[0].path == "decisions/minutes-2019-09-03.pdf"
        assert "decisions/minutes-2018-09-04.pdf" not in [h.path for h in found]
        assert related(searcher, "no/such.pdf") == ()
