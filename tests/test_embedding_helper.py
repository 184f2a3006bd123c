"""The query embedding helper: a second process embeds a search's query while the search
ranks its words, giving the very vector the search would have made itself, so answers never
change; busy, not ready, broken or gone, it is simply not used, and it never outlives the
process that started it.

These tests use the installed all-MiniLM-L6-v2, as test_semantic.py does.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from conftest import REPO

from library import embedding_helper
from library.config import Settings
from library.embedding import load_model
from library.embedding_helper import EmbeddingHelper, spare_core
from library.indexing import sync
from library.search import ReaderPool, SearchRequest, semantic, semantic_search

QUERIES = (
    "can the council take away my old sofa",
    "how do I get a permit to park outside my house",
    "what is the most senior pay at the council",
    "parking permits",
)


def _model_id() -> str:
    model, state = load_model("")
    assert model is not None, state.reason
    return state.model_id


def _ready(helper: EmbeddingHelper) -> EmbeddingHelper:
    """The helper once it has loaded its model (a few tenths of a second)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        asked = helper.ask("warming up")
        if asked is not None:
            asked.finish()
            return helper
        time.sleep(0.05)
    raise AssertionError("the helper never became ready")


def _gone(pid: int, within: float = 10) -> bool:
    """Whether process `pid` ends within `within` seconds (a zombie, ended but not yet
    reaped by its parent, counts as ended)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return True
        if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def _helper_of(pool: ReaderPool) -> EmbeddingHelper:
    """The helper `pool`'s semantic search started."""
    assert pool.semantic is not None and pool.semantic.helper is not None
    return pool.semantic.helper


@pytest.fixture(autouse=True)
def _a_core_to_spare(monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper is only asked when a core is idle; the test suite keeps this machine's busy
    (its own servers), and these tests are of what happens when it is asked."""
    monkeypatch.setattr(embedding_helper, "spare_core", lambda: True)


@pytest.fixture
def helper() -> Iterator[EmbeddingHelper]:
    started = _ready(EmbeddingHelper("", _model_id()))
    yield started
    started.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("helper")
    for relpath in (
        "services/bulky-waste-collection.pdf",
        "services/parking-permits.pdf",
        "what-we-spend/pay-policy-statement-2025-26.pdf",
    ):
        target = root / "documents" / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "documents" / relpath, target)
    settings = Settings(
        documents_dir=root / "documents", index_dir=root / "index", jobs=2, embedding_model=""
    )
    sync(settings)
    return settings


def test_the_helper_gives_the_very_vector_the_search_would_make(
    helper: EmbeddingHelper,
) -> None:
    model, _ = load_model("")
    assert model is not None
    for text in (*QUERIES, "ünïcode — and a very long question " * 40):
        asked = helper.ask(text)
        assert asked is not None
        vector = asked.vector()
        assert vector is not None
        assert np.array_equal(vector, model.embed([text])[0])


def test_a_search_with_the_helper_answers_exactly_as_one_without(
    demo: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "worth_it", lambda: True)  # whatever this machine's cores
    pages = {}
    for use in (False, True):
        pool = ReaderPool(demo.index_dir, semantic_search("", helper=use))
        pool.warm()
        try:
            if use:
                _ready(_helper_of(pool))
            with pool.catalog() as catalog:
                pages[use] = [catalog.search(SearchRequest(q)) for q in QUERIES]
            if use:
                assert _helper_of(pool).answered >= len(QUERIES)
        finally:
            pool.close()
    assert pages[True] == pages[False]
    assert "services/bulky-waste-collection.pdf" in [h.path for h in pages[True][0].hits[:3]]


def test_a_busy_helper_is_passed_by_and_free_again_once_its_answer_is_read(
    helper: EmbeddingHelper,
) -> None:
    first = helper.ask(QUERIES[0])
    assert first is not None
    assert helper.ask(QUERIES[1]) is None  # another thread's search embeds its own query
    first.finish()
    first.finish()  # idempotent: the answer is read once
    second = helper.ask(QUERIES[1])
    assert second is not None
    # An answer nobody read (a search that ended early) is read by `finish`, so the next
    # query gets its own vector, not the one before.
    second.finish()
    third = helper.ask(QUERIES[2])
    assert third is not None
    model, _ = load_model("")
    assert model is not None
    vector = third.vector()
    assert vector is not None
    assert np.array_equal(vector, model.embed([QUERIES[2]])[0])


def test_a_killed_helper_leaves_searches_embedding_their_own_queries(
    demo: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(semantic, "worth_it", lambda: True)
    pool = ReaderPool(demo.index_dir, semantic_search("", helper=True))
    try:
        with pool.catalog() as catalog:
            before = catalog.search(SearchRequest(QUERIES[0]))
        helper = _ready(_helper_of(pool))
        assert helper.pid is not None
        os.kill(helper.pid, signal.SIGKILL)
        assert _gone(helper.pid)
        warnings = caplog.at_level(logging.WARNING, logger="library.embedding_helper")
        with warnings, pool.catalog() as catalog:
            after = catalog.search(SearchRequest(QUERIES[0]))
        assert after == before
        assert "helper not used any more: it stopped" in caplog.text
        assert helper.ask(QUERIES[1]) is None  # broken: never used again
    finally:
        pool.close()


def test_a_helper_holding_other_weights_is_never_used(caplog: pytest.LogCaptureFixture) -> None:
    helper = EmbeddingHelper("", "0" * 64)
    pid = helper.pid
    assert pid is not None
    try:
        deadline = time.monotonic() + 30
        with caplog.at_level(logging.WARNING, logger="library.embedding_helper"):
            while "other weights" not in caplog.text and time.monotonic() < deadline:
                assert helper.ask(QUERIES[0]) is None
                time.sleep(0.05)
        assert "it holds other weights" in caplog.text
        assert _gone(pid)
    finally:
        helper.close()


def test_the_helper_stops_with_its_pool(demo: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "worth_it", lambda: True)
    pool = ReaderPool(demo.index_dir, semantic_search("", helper=True))
    pool.warm()  # a web worker's start-up starts the helper, so it is ready for the first visitor
    pid = _helper_of(pool).pid
    assert pid is not None
    pool.close()
    assert _gone(pid)
    try:
        with pool.catalog() as catalog:  # a closed pool's searches embed their own queries
            assert catalog.search(SearchRequest(QUERIES[0])).hits
    finally:
        pool.close()


def test_the_helper_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from library.embedding_helper import EmbeddingHelper\n"
        "h = EmbeddingHelper('', sys.argv[1])\n"
        "print(h.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script, _model_id()], stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        os.kill(child, 0)  # running
        parent.kill()
        parent.wait()
        assert _gone(child), "the helper outlived its parent"
    finally:
        parent.kill()
        parent.wait()
        if parent.stdout is not None:
            parent.stdout.close()


def test_the_helper_is_not_asked_while_every_core_is_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    spinners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(len(os.sched_getaffinity(0)))
    ]
    try:
        time.sleep(0.2)
        busy = [spare_core() for _ in range(50)]
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
    assert not any(busy)  # this test's own thread runs too: no core is idle
    monkeypatch.setattr(embedding_helper, "spare_core", lambda: False)
    started = EmbeddingHelper("", _model_id())
    try:
        time.sleep(0.5)
        assert started.ask(QUERIES[0]) is None  # the search embeds its query itself
    finally:
        started.close()
