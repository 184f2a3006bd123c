"""The fence around Whoosh's internals.

`library/search/ranking.py` scores with numpy over postings it reads straight from Whoosh's
segment readers and block matchers, and the reader pool checks a searcher's index; none of
that is public API. pyproject pins whoosh-reloaded to the tested minor range, and this test
fails loudly, naming the attribute, the day a release moves one of them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from whoosh.filedb.filestore import RamStorage
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from library.schema import KIND_DOC, build_schema
from library.search.engine import WEIGHTING

# (what, attribute) pairs, grouped by the object that must have them.
LEAF_READER = ("_terms", "schema", "doc_field_length", "segment", "_perdoc")
PER_DOC = ("_cached_reader",)
LENGTHS_READER = ("_fixedlen", "_dbfile", "_basepos", "_count", "_default")
SEGMENT = ("segment_id", "deleted_count", "deleted_docs")
TERMS = ("matcher",)
BLOCK_MATCHER = (
    "is_active",
    "_read_ids",
    "_read_weights",
    "_read_values",
    "_next_block",
    "_ids",
    "_weights",
    "_values",
    "format",
)
MULTI_READER = ("leaf_readers", "doc_count_all", "has_deletions", "lexicon", "postings", "schema")
SEARCHER = ("_ix", "up_to_date", "reader", "idf", "avg_field_length", "schema")
WEIGHTING_FIELDS = ("_field_B", "B", "K1")


@pytest.fixture
def searcher() -> Iterator[Searcher]:
    ix = RamStorage().create_index(build_schema())
    with ix.writer() as w:
        for n in range(3):
            w.add_document(kind=KIND_DOC, path=f"d{n}.pdf", title="budget", body="the budget")
    with ix.writer() as w:  # a second segment, so the reader is a multi-segment reader
        w.add_document(kind=KIND_DOC, path="e.pdf", title="budget", body="another budget")
    with ix.searcher() as s:
        yield s


def missing(obj: object, names: tuple[str, ...]) -> list[str]:
    return [f"{type(obj).__name__}.{name}" for name in names if not hasattr(obj, name)]


def test_the_searcher_and_its_reader_have_what_the_ranker_and_the_pool_read(
    searcher: Searcher,
) -> None:
    assert missing(searcher, SEARCHER) == []
    assert missing(searcher.reader(), MULTI_READER) == []


def test_each_segment_reader_and_its_postings_matcher_have_what_ranking_reads(
    searcher: Searcher,
) -> None:
    leaves = list(searcher.reader().leaf_readers())
    assert len(leaves) == 2
    for leaf, _offset in leaves:
        assert missing(leaf, LEAF_READER) == []
        assert missing(leaf.segment(), SEGMENT) == []
        assert missing(leaf._terms, TERMS) == []
        btext = leaf.schema["body"].to_bytes("budget")
        matcher = leaf._terms.matcher("body", btext, leaf.schema["body"].format)
        matcher._read_ids()  # the attributes below exist once a block is read
        matcher._read_weights()
        matcher._read_values()
        assert missing(matcher, BLOCK_MATCHER) == []


def test_the_bm25f_weighting_keeps_its_per_field_b_and_k1() -> None:
    assert isinstance(WEIGHTING, BM25F)
    assert missing(WEIGHTING, WEIGHTING_FIELDS) == []
    assert WEIGHTING._field_B["body"] == pytest.approx(0.9)


def test_the_lengths_column_is_read_in_one_piece_as_whoosh_reads_it(searcher: Searcher) -> None:
    """`postings.field_lengths` reads a segment's field lengths column whole; each value is
    what Whoosh's own `doc_field_length` gives, for every document and field."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

    from library.search.postings import field_lengths

    for leaf, _offset in searcher.reader().leaf_readers():
        assert missing(leaf._perdoc, PER_DOC) == []
        column = leaf._perdoc._cached_reader(_lenfield("body"), LENGTHS_COLUMN)
        assert missing(column, LENGTHS_READER) == []
        assert column._fixedlen == 1
        for name in ("body", "title", "summary", "text"):
            whooshs = [leaf.doc_field_length(d, name, 1) or 1 for d in range(leaf.doc_count_all())]
            assert field_lengths(leaf, name).tolist() == whooshs, name
