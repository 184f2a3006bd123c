""" "Did you mean" only when it means something (issue 12): a word is corrected only when the
index does not know it and it is not an English word; real words are never "corrected" into
other words, and stop words are not marked in snippets."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO

from library.config import Settings
from library.indexing import indexer
from library.results import ResultsPage
from library.search import wordlist
from library.search.engine import SearchRequest, search
from library.search.pool import ReaderPool
from library.search.snippets import best_passage, index_form
from library.search.spelling import words_within
from library.search.wordlist import WordList

needs_words = pytest.mark.skipif(not wordlist.available(), reason="no English word list")


@pytest.fixture
def run(settings: Settings, make_pdf: Callable[..., Path]) -> Callable[[str], ResultsPage]:
    make_pdf(
        "services/streets.pdf",
        ["Slip roads and payment of fees. Orders for standing orders. Key cutting."],
        title="Street services",
    )
    indexer.sync(settings)

    def run(query: str) -> ResultsPage:
        reader = ReaderPool(settings.index_dir)
        try:
            with reader.searcher() as s:
                return search(s, SearchRequest(query=query))
        finally:
            reader.close()

    return run


@needs_words
@pytest.mark.parametrize("query", ["skip hire", "pavement repairs", "dropped kerb"])
def test_real_words_the_library_lacks_get_no_suggestion(
    run: Callable[[str], ResultsPage], query: str
) -> None:
    assert run(query).suggestion is None


@needs_words
def test_a_misspelling_gets_the_documents_word(run: Callable[[str], ResultsPage]) -> None:
    assert run("standing ordres").suggestion == "standing orders"


def test_a_british_word_list_knows_inflections_and_british_spellings() -> None:
    words = WordList.parse(
        "3\nkerb/SM\norganisation/M\ncolour/SM\n",
        "SFX S Y 1\nSFX S 0 s .\nSFX M Y 1\nSFX M 0 's .\n",
    )
    assert "kerbs" in words and "kerb's" in words and "colours" in words
    assert "Organisation" in words
    assert "kerbz" not in words and "color" not in words


@needs_words
def test_the_shipped_list_is_british() -> None:
    for word in ("kerb", "organisations", "gritting", "accommodation", "neighbour"):
        assert wordlist.is_english(word), word
    for typo in ("accomodation", "councilor", "procurment"):
        assert not wordlist.is_english(typo), typo


def test_stop_words_are_not_marked_in_snippets() -> None:
    terms = {index_form(w) for w in ("how", "do", "about", "bins")}
    marked = [t for t, hit in best_passage("How do I ask about bins?", terms).parts if hit]
    assert marked == ["bins"]


def test_without_a_word_list_only_a_search_that_finds_nothing_gets_a_suggestion(
    run: Callable[[str], ResultsPage], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wordlist, "english", lambda: None)
    assert run("skip roads").suggestion is None, "it found the slip roads page: leave it be"
    assert run("skip").suggestion == "slip", "nothing found: a correction is the best help"


def test_the_words_near_a_typo_are_those_whoosh_finds_within_one_or_two_edits(
    settings: Settings,
) -> None:
    # The corrector compares only the words with the typo's initial (`words_within`); every
    # word of a real leaflet, mistyped at random, must find what Whoosh's own Levenshtein
    # automaton (`terms_within`, first letter kept) finds, no more and no less.
    for name in ("bulky-waste-collection.pdf", "parking-permits.pdf"):
        target = settings.documents_dir / "services" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "documents" / "services" / name, target)
    indexer.sync(settings)
    rng = random.Random(12)
    letters = "abcdefghijklmnopqrstuvwxyz"
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.searcher() as s:
            leaf = s.reader().leaf_readers()[0][0]
            words = [t.decode() for t in leaf.lexicon("spell_body") if len(t) >= 4]
            assert len(words) > 100
            for word in rng.sample(words, 150):
                at = rng.randrange(1, len(word))
                typo = rng.choice(
                    [
                        word[:at] + word[at + 1 :],  # a letter left out
                        word[:at] + rng.choice(letters) + word[at:],  # one too many
                        word[:at] + rng.choice(letters) + word[at + 1 :],  # one wrong
                        word[:at] + word[at + 1 : at + 2] + word[at] + word[at + 2 :],  # swapped
                    ]
                )
                for maxdist in (1, 2):
                    whoosh = set(leaf.terms_within("spell_body", typo, maxdist, prefix=1))
                    assert words_within(leaf, "spell_body", typo, maxdist) == whoosh, typo
                    assert maxdist == 1 or word in whoosh
    finally:
        reader.close()
