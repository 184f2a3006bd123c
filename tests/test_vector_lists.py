"""Big vector segments are stored in lists of nearby vectors, and a query scores only the
lists nearest to it (an inverted file, as FAISS's IVF-Flat), without losing what a full scan
would rank first, and without a filter ever hiding a document.

The vectors here are made up (unit vectors around a few hundred topics): what is tested is how
they are stored and searched, which does not depend on what they mean; `bench/README.md`
("Vectors in lists") measures the recall on the model's own vectors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from library import store, vectors
from library.config import Settings
from library.indexing import rebuild, sync, vectorize
from library.search import ReaderPool, SearchRequest, semantic, semantic_search

DIM = 384
TOPICS = 300
Big = tuple[Path, list[tuple[str, int, int]], np.ndarray]


def _made_up(rows: int, seed: int = 3) -> tuple[list[tuple[str, int, int]], np.ndarray]:
    """`rows` passages of 40 documents (about 100 passages each), each near one of `TOPICS`."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(TOPICS, DIM)).astype(np.float32)
    topic = rng.integers(0, TOPICS, rows)
    vecs = centres[topic] + rng.normal(0, 0.6, (rows, DIM)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    keys = [(f"sha{i % 40:02d}", i // 40 + 1, 0) for i in range(rows)]
    return keys, vecs


def _loaded(folder: Path) -> semantic._Loaded:
    """The segment in `folder` as a reader loads it, document `d` being `sha{d}`."""
    docs_of = {f"sha{d:02d}": d for d in range(40)}
    segments = [vectors.read_segment(folder, "seg-000001")]
    row_doc = np.concatenate(
        [np.array([docs_of[seg.shas[i]] for i in seg.sha_of_row]) for seg in segments]
    )
    return semantic._Loaded(
        segments,
        row_doc.astype(np.int64),
        np.concatenate([s.page for s in segments]),
        np.concatenate([s.passage for s in segments]),
    )


def _scored(
    loaded: semantic._Loaded, query: np.ndarray
) -> tuple[semantic.QueryScores, semantic.QueryScores]:
    """The query's scores from its nearest lists, and from a full scan."""
    out = semantic.score_rows(loaded, query)
    exact = (np.asarray(loaded.segments[0].matrix) @ query).astype(np.float32)
    return (
        semantic.QueryScores("q", loaded, query, out),
        semantic.QueryScores("q", loaded, query, exact),
    )


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Big:
    folder = tmp_path_factory.mktemp("vectors")
    keys, vecs = _made_up(vectors.CLUSTER_ROWS)
    vectors.write_segment(folder, "seg-000001", keys, vecs)
    return folder, keys, vecs


def test_a_segment_of_cluster_rows_or_more_is_written_list_by_list(
    big: Big,
) -> None:
    folder, keys, vecs = big
    seg = vectors.read_segment(folder, "seg-000001")
    assert seg.centroids is not None and seg.starts is not None
    assert len(seg.centroids) == round(np.sqrt(len(keys)))  # 64 lists of about 64 rows
    assert seg.starts[0] == 0 and seg.starts[-1] == len(keys)
    assert np.all(np.diff(seg.starts) >= 0)
    np.testing.assert_allclose(np.linalg.norm(seg.centroids, axis=1), 1.0, rtol=1e-5)
    # Every row still carries its own passage's vector, though the rows were reordered.
    stored = {
        (seg.shas[s], int(p), int(n)): row
        for row, (s, p, n) in enumerate(zip(seg.sha_of_row, seg.page, seg.passage, strict=True))
    }
    for i, key in enumerate(keys):
        np.testing.assert_array_equal(seg.matrix[stored[key]], vecs[i])
    # ...and sits in the list whose centroid is nearest to it.
    in_list = np.repeat(np.arange(len(seg.centroids)), np.diff(seg.starts))
    np.testing.assert_array_equal(np.argmax(seg.matrix @ seg.centroids.T, axis=1), in_list)


def test_a_small_segment_is_scanned_whole(tmp_path: Path) -> None:
    keys, vecs = _made_up(vectors.CLUSTER_ROWS - 1)
    vectors.write_segment(tmp_path, "seg-000001", keys, vecs)
    seg = vectors.read_segment(tmp_path, "seg-000001")
    assert seg.centroids is None and seg.starts is None
    assert not (tmp_path / f"seg-000001{vectors.LISTS_SUFFIX}").exists()
    np.testing.assert_array_equal(seg.matrix, vecs)  # in the order written


def test_a_query_scores_a_few_lists_and_finds_what_the_full_scan_ranks_first(
    big: Big,
) -> None:
    folder, keys, vecs = big
    loaded = _loaded(folder)
    rng = np.random.default_rng(9)
    everyone = np.ones(40, dtype=bool)
    agree = 0
    for i in rng.choice(len(keys), 50, replace=False):
        query = vecs[i] + rng.normal(0, 0.02, DIM).astype(np.float32)
        query /= np.linalg.norm(query)
        scored, full = _scored(loaded, query)
        looked_at = np.isfinite(scored.scores).mean()
        # A quarter of the lists (`PROBE_SHARE`), lists being of uneven size: not a full scan.
        assert looked_at < min(0.5, 1.5 * semantic.PROBE_SHARE)
        got, want = semantic.nearest(scored, everyone, 1), semantic.nearest(full, everyone, 1)
        agree += got == want
    # The best passage's document, for nine queries in ten at least: an
    # approximate index, whose recall on the model's own vectors bench/README states.
    assert agree >= 45


def test_a_filter_to_documents_far_from_the_query_still_finds_them(
    big: Big,
) -> None:
    folder, _, vecs = big
    loaded = _loaded(folder)
    scored, full = _scored(loaded, vecs[0])
    # The one document whose best passage is farthest from the query.
    best = np.full(40, -np.inf)
    np.maximum.at(best, loaded.row_doc, full.scores)
    far = int(np.argmin(best))
    only = np.zeros(40, dtype=bool)
    only[far] = True
    got = semantic.nearest(scored, only, 5)
    assert got == semantic.nearest(full, only, 5)
    assert [d.docnum for d in got] == [far]


def test_reindex_carries_the_lists_into_the_new_generation(big: Big, tmp_path: Path) -> None:
    folder, _, _ = big
    old, new = tmp_path / "gen-000001", tmp_path / "gen-000002"
    vectors.folder_of(old).mkdir(parents=True)
    for path in vectors.segment_files(folder, "seg-000001"):
        (vectors.folder_of(old) / path.name).write_bytes(path.read_bytes())
    vectors.write_manifest(vectors.folder_of(old), vectors.Manifest("m", ["seg-000001"]))
    vectorize.carry_over(old, new)
    carried = vectors.read_segment(vectors.folder_of(new), "seg-000001")
    original = vectors.read_segment(folder, "seg-000001")
    assert carried.centroids is not None and original.centroids is not None
    np.testing.assert_array_equal(carried.centroids, original.centroids)
    np.testing.assert_array_equal(carried.starts, original.starts)


def test_the_writer_stores_big_segments_in_lists_and_search_reads_them(
    settings: Settings, make_pdf: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Five one-passage leaflets make a segment "big" once the threshold is four rows.
    monkeypatch.setattr(vectors, "CLUSTER_ROWS", 4)
    settings = replace(settings, embedding_model="")  # the installed model
    leaflets = {
        "bins": "Household bins are emptied every week on the same day.",
        "parking": "Residents may apply for a parking permit for their street.",
        "trees": "A tree preservation order protects trees of amenity value.",
        "council-tax": "Council tax bills are sent out each March for the year ahead.",
        "libraries": "Library opening hours and how to borrow books and e-books.",
    }
    for name, text in leaflets.items():
        make_pdf(f"services/{name}.pdf", [text], title=name.replace("-", " ").title())
    sync(settings)
    gen = store.current_dir(settings.index_dir)
    assert gen is not None
    folder = vectors.folder_of(gen)
    (name,) = vectors.read_manifest(folder).segments
    assert vectors.read_segment(folder, name).centroids is not None
    pool = ReaderPool(settings.index_dir, semantic_search(""))
    try:
        with pool.catalog() as catalog:
            hits = catalog.search(SearchRequest("when is my rubbish collected")).hits
            assert hits[0].path == "services/bins.pdf"
    finally:
        pool.close()
    rebuild(settings)  # reindex: the lists come along into the new generation
    new = store.current_dir(settings.index_dir)
    assert new != gen and new is not None
    assert vectors.read_segment(vectors.folder_of(new), name).centroids is not None
