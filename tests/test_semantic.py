"""Semantic search: passage vectors made by the one writer, reused by content hash, kept out
of reach for private documents, carried by reindex into the new generation, and fused with the
words' ranking, so a question in lay words finds its document while an exact title still
comes first. Without a model, search is by words alone and says so.

These tests use the installed all-MiniLM-L6-v2 (`make` installs it); other test modules index
with semantic search off (see conftest.py).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import REPO, run_cli

from library import store, vectors
from library.config import Settings
from library.embedding import WEIGHTS_SHA256, ModelUnusable, load_model
from library.indexing import rebuild, sync
from library.results import ResultsPage
from library.search import ReaderPool, SearchRequest, semantic_search

DEMO = REPO / "documents"
# A few of the demo documents: enough for meaning to matter, few passages to embed.
DEMO_FILES = (
    "services/bulky-waste-collection.pdf",
    "services/parking-permits.pdf",
    "tree-preservation-orders-guidance.pdf",
    "policies-and-procedures/whistleblowing-policy.pdf",
    "policies-and-procedures/complaints-procedure.pdf",
    "what-we-spend/pay-policy-statement-2025-26.pdf",
)


def _semantic(settings: Settings) -> Settings:
    return replace(settings, embedding_model="")  # the installed model


def _rows(settings: Settings) -> dict[str, int]:
    """Content hash → vector rows, in the live generation's committed segments."""
    gen = store.current_dir(settings.index_dir)
    assert gen is not None
    folder = vectors.folder_of(gen)
    counts: dict[str, int] = {}
    for name in vectors.read_manifest(folder).segments:
        seg = vectors.read_segment(folder, name)
        for i in seg.sha_of_row:
            counts[seg.shas[i]] = counts.get(seg.shas[i], 0) + 1
    return counts


def _sha(settings: Settings, relpath: str) -> str:
    from library.indexing import file_sha256

    return file_sha256(settings.documents_dir / relpath)


def _search(settings: Settings, query: str) -> list[str]:
    pool = ReaderPool(settings.index_dir, semantic_search(settings.embedding_model))
    try:
        with pool.catalog() as catalog:
            return [h.path for h in catalog.search(SearchRequest(query)).hits]
    finally:
        pool.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("semantic")
    for relpath in DEMO_FILES:
        target = root / "documents" / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEMO / relpath, target)
    settings = Settings(
        documents_dir=root / "documents", index_dir=root / "index", jobs=2, embedding_model=""
    )
    sync(settings)
    return settings


def test_the_installed_model_is_upstreams_and_embeds_unit_vectors() -> None:
    model, state = load_model("")
    assert state.on and model is not None, state.reason
    assert state.model_id == WEIGHTS_SHA256
    vecs = model.embed(["council tax bands", "how do I complain about the council"])
    assert vecs.shape == (2, 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    near = model.embed(["where can I leave my car overnight", "residents parking permit"])
    far = model.embed(["where can I leave my car overnight", "tree preservation order"])
    assert float(near[0] @ near[1]) > float(far[0] @ far[1])


def test_weights_whose_bytes_differ_from_upstream_are_refused(tmp_path: Path) -> None:
    from library.embedding import _load

    installed = Path(load_model("")[1].model)
    for name in ("config.json", "vocab.txt"):
        shutil.copyfile(installed / name, tmp_path / name)
    (tmp_path / "model.safetensors").write_bytes(b"\x08" + b"\0" * 7 + b"{}")
    with pytest.raises(ModelUnusable, match="not the published all-MiniLM-L6-v2"):
        _load(tmp_path, verify=True)


def test_every_public_document_gets_vectors_and_status_says_semantic_is_on(
    demo: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIBRARY_EMBEDDING_MODEL", "")
    rows = _rows(demo)
    assert set(rows) == {_sha(demo, p) for p in DEMO_FILES}
    result = run_cli(demo, "status", "--json")
    semantic = json.loads(result.output)["semantic"]
    assert semantic["on"] is True and semantic["documents"] == len(DEMO_FILES)


def test_a_lay_words_question_finds_its_document_by_meaning(demo: Settings) -> None:
    # No page says "settee", "sofa" or "get rid of": the words alone cannot find it.
    assert (
        "services/bulky-waste-collection.pdf"
        not in _search(replace(demo, embedding_model="off"), "getting rid of an old settee")[:3]
    )
    assert (
        "services/bulky-waste-collection.pdf" in _search(demo, "getting rid of an old settee")[:3]
    )


def test_an_exact_title_still_comes_first(demo: Settings) -> None:
    assert _search(demo, "Whistleblowing policy")[0] == (
        "policies-and-procedures/whistleblowing-policy.pdf"
    )
    assert _search(demo, '"parking permits"')[0] == "services/parking-permits.pdf"


def test_a_hit_found_only_by_meaning_has_a_snippet_and_its_page(demo: Settings) -> None:
    pool = ReaderPool(demo.index_dir, semantic_search(""))
    try:
        with pool.catalog() as catalog:
            page = catalog.search(SearchRequest("getting rid of an old settee"))
    finally:
        pool.close()
    hit = next(h for h in page.hits if h.path == "services/bulky-waste-collection.pdf")
    assert hit.snippet.text and hit.snippet_page in hit.pages
    assert hit.match == "weak"  # meaning alone never claims to answer the question


def _page(settings: Settings, query: str) -> ResultsPage:
    pool = ReaderPool(settings.index_dir, semantic_search(settings.embedding_model))
    try:
        with pool.catalog() as catalog:
            return catalog.search(SearchRequest(query))
    finally:
        pool.close()


def test_the_document_meaning_singles_out_answers_with_fewer_of_the_words(
    demo: Settings,
) -> None:
    # The leaflet holds "parking permit" but nothing of "outside my house": too little of the
    # question for the words alone, enough when meaning singles the leaflet out.
    query = "how do I get a parking permit for outside my house"
    words = _page(replace(demo, embedding_model="off"), query)
    assert ("services/parking-permits.pdf", "weak") in [(h.path, h.match) for h in words.hits]
    assert not words.answered
    meaning = _page(demo, query)
    assert (meaning.hits[0].path, meaning.hits[0].match) == (
        "services/parking-permits.pdf",
        "strong",
    )
    assert meaning.answered
    assert [h.match for h in meaning.hits[1:]] == ["weak"] * (len(meaning.hits) - 1)


def test_a_moved_file_reuses_its_vectors(settings: Settings, make_pdf: Callable[..., Path]) -> None:
    settings = _semantic(settings)
    make_pdf("services/bins.pdf", ["Household bins are emptied every week."], title="Bins")
    sync(settings)
    before = _rows(settings)
    segments = vectors.read_manifest(vectors.folder_of(store.current_dir(settings.index_dir)))
    (settings.documents_dir / "decisions").mkdir()
    (settings.documents_dir / "services/bins.pdf").rename(
        settings.documents_dir / "decisions/bins.pdf"
    )
    sync(settings)
    after = vectors.read_manifest(vectors.folder_of(store.current_dir(settings.index_dir)))
    assert _rows(settings) == before  # the same rows, by content hash
    assert after.segments == segments.segments  # nothing embedded again
    assert _search(settings, "rubbish collection")[:1] == ["decisions/bins.pdf"]


def test_a_private_document_has_no_vectors_and_loses_them_when_made_private(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    settings = _semantic(settings)
    make_pdf("who-we-are/secret.pdf", ["Redundancy plans for the housing team."], title="Plans")
    (settings.documents_dir / "who-we-are/secret.pdf.toml").write_text("public = false\n")
    make_pdf("who-we-are/open.pdf", ["Our staff structure and senior officers."], title="Staff")
    sync(settings)
    assert _sha(settings, "who-we-are/secret.pdf") not in _rows(settings)
    assert "who-we-are/secret.pdf" not in _search(settings, "job losses in housing")
    (settings.documents_dir / "who-we-are/open.pdf.toml").write_text("public = false\n")
    sync(settings)
    assert _rows(settings) == {}  # purged from disk, not only hidden
    assert _search(settings, "senior officers structure") == []


def test_reindex_makes_vectors_in_the_new_generation(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    settings = _semantic(settings)
    make_pdf("services/bins.pdf", ["Household bins are emptied every week."], title="Bins")
    sync(settings)
    old = store.current_dir(settings.index_dir)
    rows = _rows(settings)
    rebuild(settings)
    new = store.current_dir(settings.index_dir)
    assert new != old and _rows(settings) == rows
    assert vectors.read_manifest(vectors.folder_of(new)).model == WEIGHTS_SHA256


def test_a_killed_vector_write_leaves_the_last_good_set(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    settings = _semantic(settings)
    make_pdf("services/bins.pdf", ["Household bins are emptied every week."], title="Bins")
    sync(settings)
    folder = vectors.folder_of(store.current_dir(settings.index_dir))
    good = vectors.read_manifest(folder)
    # What a writer killed between writing a segment and committing it leaves behind.
    (folder / "seg-000099.npy").write_bytes(b"half a segment")
    (folder / ".manifest.json.12345").write_text('{"model": "x", "segm')
    assert vectors.read_manifest(folder) == good
    assert _search(settings, "rubbish collection") == ["services/bins.pdf"]
    make_pdf("services/parking.pdf", ["Residents may apply for a parking permit."], title="Parking")
    sync(settings)
    assert not (folder / "seg-000099.npy").exists()
    assert not (folder / ".manifest.json.12345").exists()
    assert len(_rows(settings)) == 2


def test_without_a_model_search_is_lexical_and_status_says_why(
    settings: Settings,
    make_pdf: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = replace(settings, embedding_model=str(tmp_path / "no-model"))
    make_pdf("services/bins.pdf", ["Household bins are emptied every week."], title="Bins")
    sync(settings)  # indexing does not fail
    assert _search(settings, "household bins") == ["services/bins.pdf"]
    pool = ReaderPool(settings.index_dir, semantic_search(settings.embedding_model))
    try:
        with pool.catalog() as catalog:
            state = catalog.semantic_state()
    finally:
        pool.close()
    assert not state.on and "no-model has no config.json" in state.reason
    monkeypatch.setenv("LIBRARY_EMBEDDING_MODEL", settings.embedding_model)
    result = run_cli(settings, "status")
    assert (
        "semantic search off:" in result.output and "no-model has no config.json" in result.output
    )


def test_a_file_extracted_again_is_embedded_again(
    settings: Settings, make_pdf: Callable[..., Path]
) -> None:
    # `library ocr` re-extracts a file whose bytes did not change: its text may have.
    settings = _semantic(settings)
    make_pdf("services/bins.pdf", ["Household bins are emptied every week."], title="Bins")
    make_pdf("services/parking.pdf", ["Residents may apply for a parking permit."], title="Parking")
    sync(settings)
    folder = vectors.folder_of(store.current_dir(settings.index_dir))
    before, rows = vectors.read_manifest(folder).segments, _rows(settings)
    sync(settings, force=["services/bins.pdf"])
    assert vectors.read_manifest(folder).segments != before
    assert _rows(settings) == rows
