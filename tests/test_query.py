"""Understanding the search box: synonyms, dates, series of documents and the query language's
limits, checked on the parsed queries themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.filedb.filestore import RamStorage
from whoosh.query import NullQuery, Or, Prefix, Query, Term

from library.periods import detect_dates, series_key, title_key
from library.schema import build_schema, text_analyzer
from library.search.engine import parse
from library.search.parsing import (
    MAX_EXPANSIONS,
    Synonyms,
    bound,
    page_query,
)

ANALYZER = text_analyzer()
SYNONYMS = Synonyms.parse(
    "# comment\nfoi, freedom of information\npay, salary, remuneration\nh&s, health and safety\n",
    ANALYZER,
)


def terms(query: Query) -> set[tuple[str, str]]:
    return {(f, t) for f, t in query.iter_all_terms() if isinstance(t, str)}


# Synonyms


def test_an_abbreviation_brings_its_expansion() -> None:
    assert SYNONYMS.expand("foi charges") == '(foi OR "freedom of information"^0.7) charges'


def test_a_phrase_brings_its_abbreviation() -> None:
    assert SYNONYMS.expand("Freedom of Information act") == (
        "(Freedom of Information OR foi^0.7) act"
    )


def test_synonyms_match_other_word_forms() -> None:
    assert "remuneration" in SYNONYMS.expand("salaries of officers")


def test_symbols_in_abbreviations_are_matched() -> None:
    assert '"health and safety"' in SYNONYMS.expand("H&S policy")


def test_words_in_quotes_or_after_a_field_are_left_as_typed() -> None:
    assert SYNONYMS.expand('"foi" title:pay') == '"foi" title:pay'


def test_the_parsed_query_searches_the_synonym_in_every_text_field() -> None:
    found = terms(parse("salary", SYNONYMS))
    assert ("body", "remuner") in found
    assert ("title", "pai") in found


def test_a_missing_synonyms_file_means_no_synonyms(tmp_path: Path) -> None:
    empty = Synonyms.load(tmp_path / "missing.txt", ANALYZER)
    assert empty.expand("foi charges") == "foi charges"


def test_the_default_synonyms_ship_with_the_package() -> None:
    default = Synonyms.load(None, ANALYZER)
    assert "freedom of information" in default.expand("FOI")
    assert "special educational needs and disabilities" in default.expand("SEND report")


# Dates


@pytest.mark.parametrize(
    ("text", "years", "months"),
    [
        ("minutes 2018", {2018}, set()),
        ("budget 2025-26", {2025}, set()),
        ("AGAR 2020/21", {2020}, set()),
        ("minutes september 2018", {2018}, {(2018, 9)}),
        ("Sept 2018 and March 2019", {2018, 2019}, {(2018, 9), (2019, 3)}),
        ("meeting 2025-03-13", {2025}, set()),
        ("room 101 for 20 people", set(), set()),
    ],
)
def test_dates_in_a_query(text: str, years: set[int], months: set[tuple[int, int]]) -> None:
    dates = detect_dates(text)
    assert dates.years == years
    assert dates.months == months


# Series: versions of one document over the years


def test_a_title_without_its_year_names_a_series() -> None:
    assert (
        title_key("Annual Precept 2017-18")
        == title_key("Annual precept 2018/19")
        == ("annual precept")
    )


def test_minutes_of_a_dated_meeting_are_not_a_series() -> None:
    assert title_key("Minutes 26 November 2018") is None
    assert series_key("decisions", "Council", "minutes-2018-11-26") == ""


def test_the_file_name_names_the_series_when_the_title_does_not() -> None:
    assert series_key("what-we-spend", "Budget", "budget-2018-19") == "what-we-spend:budget"


# The query language and its limits


@pytest.fixture
def reader():  # type: ignore[no-untyped-def]
    ix = RamStorage().create_index(build_schema())
    with ix.writer() as writer:
        for n in range(MAX_EXPANSIONS + 20):
            writer.add_document(kind="doc", path=f"p{n}", body=f"policy{n:03d} police")
    with ix.reader() as r:
        yield r


def test_phrases_exclusions_or_and_fields() -> None:
    query = parse('"pay policy" -draft OR budget class:decisions title:budget', SYNONYMS)
    text = str(query)
    assert 'body:"pai polici"' in text
    assert "NOT" in text
    assert "pub_class:decisions" in text
    assert "title:budget" in text


def test_a_hyphenated_year_is_not_an_exclusion() -> None:
    assert "NOT" not in str(parse("budget 2025-26", SYNONYMS))


def test_a_trailing_wildcard_expands_to_a_bounded_number_of_words(reader) -> None:  # type: ignore[no-untyped-def]
    query = bound(parse("body:polic*", SYNONYMS), reader)
    words = {t for f, t in terms(query) if f == "body"}
    assert "polic" in words  # police, stemmed as the index stores it
    assert len(words) == MAX_EXPANSIONS
    assert not any(isinstance(q, Prefix) for q in query.leaves())


def test_a_leading_wildcard_is_searched_as_a_plain_word(reader) -> None:  # type: ignore[no-untyped-def]
    query = bound(parse("*olice", SYNONYMS), reader)
    assert ("body", "olic") in terms(query)
    assert not any(isinstance(q, Prefix) for q in query.leaves())


def test_a_short_prefix_is_searched_as_a_word(reader) -> None:  # type: ignore[no-untyped-def]
    query = bound(parse("body:po*", SYNONYMS), reader)
    assert terms(query) == {("body", "po")}


def test_fields_a_visitor_may_not_name_are_dropped(reader) -> None:  # type: ignore[no-untyped-def]
    assert bound(Term("kind", "private"), reader) is NullQuery
    query = bound(parse("kind:private budget", SYNONYMS), reader)
    assert ("kind", "private") not in terms(query)
    assert ("body", "budget") in terms(query)


def test_the_page_query_keeps_wanted_words_only() -> None:
    query = page_query(parse("budget -draft", SYNONYMS))
    assert isinstance(query, Or)
    assert ("text", "budget") in terms(query)
    assert ("text", "draft") not in terms(query)


def test_neighbouring_words_add_optional_phrases() -> None:
    from library.search.parsing import proximity

    assert proximity("the treasury management strategy", ANALYZER).count('"') == 4
    assert '"treasury management"~2' in proximity("treasury management strategy", ANALYZER)
    assert proximity('"exact phrase" words', ANALYZER) == ""
    assert proximity("budget", ANALYZER) == ""


# Parsing fast: the same query as Whoosh's own normalisation, field by field

WRITTEN = (
    "how do I complain about the council",
    "foi charges",
    "h&s policy 2025-26",
    "children paid salaries",
    '"pay policy" -draft OR budget class:decisions title:budget',
    "(budget OR spending) AND (kent NOT surrey)",
    "budget AND (council AND (minutes AND 2024))",
    "+budget +report ^2 year:2024",
    "the a of",
    "polic* foi",
    "café naïve façade",
    "don't won't o'clock",
    "((((foi))))",
    "organisation organization colour color",
    '"" "unfinished',
    "title:(budget OR report) summary:foi",
    "NOT",
    "budget OR OR OR",
)


def _signature(query: Query) -> object:
    """Everything a query is, recursively: its type and every attribute, children included
    (Whoosh's `==` leaves out an OR's scale and a phrase's character ranges)."""
    fields = []
    for name, value in sorted(vars(query).items()):
        if isinstance(value, Query):
            value = _signature(value)
        elif isinstance(value, list) and value and isinstance(value[0], Query):
            value = [_signature(v) for v in value]
        fields.append((name, repr(value) if not isinstance(value, list | tuple) else value))
    return (type(query).__name__, tuple(fields))


def _questions() -> list[str]:
    bench = Path(__file__).resolve().parent.parent / "bench" / "relevance"
    rows = []
    for name in ("queries.tsv", "unanswerable.tsv", "spelling.tsv"):
        for line in (bench / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                rows.append(line.split("\t")[0])
    return rows


def test_the_parsed_query_is_whooshs_own_normalised_query() -> None:
    from library.search import engine
    from library.search.parsing import build_parser, proximity

    shipped = engine.default_synonyms()
    parser = build_parser(build_schema(), engine.FIELD_BOOSTS)
    questions = [*WRITTEN, *_questions()]
    assert len(questions) > 300
    for synonyms in (shipped, SYNONYMS):
        for text in questions:
            expanded = f"{synonyms.expand(text)} {proximity(text, ANALYZER)}"
            whooshs = parser.parse(expanded)  # Whoosh's own normalize()
            ours = engine._parse(text, synonyms)
            assert _signature(ours) == _signature(whooshs), text


def test_a_query_without_prefixes_is_bound_the_same_whatever_the_index(reader) -> None:  # type: ignore[no-untyped-def]
    from library.search.parsing import normalized, reader_free

    assert reader_free(parse("budget foi 2024", SYNONYMS))
    assert not reader_free(parse("polic* budget", SYNONYMS))
    plain = parse("budget foi 2024", SYNONYMS)
    assert _signature(bound(plain, reader)) == _signature(plain.normalize())
    assert _signature(normalized(plain)) == _signature(plain.normalize())
