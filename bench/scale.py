"""Build a scaled-up index for the latency benchmark: the real corpus's pages replicated, with
varied text, to at least `--pages` pages.

Each copy of a document keeps its class and layout but gets a new name, its years shifted, and
about one word in six replaced by another word of the corpus, so term statistics, snippets
and spelling look like a larger library's rather than one document repeated. Records are
made by `library.indexing.records.document_records` (what the indexer writes) and go straight
into a Whoosh writer: no PDFs are written.

With `--vectors` every copy also gets passage vectors for semantic search, made up from the
real documents' vectors (see `add_vectors`), so `bench.query --semantic` can time it at size.

Usage (from the repository root):
    .venv/bin/python -m bench.scale DIR [--pages 100000] [--vectors]
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import time
from collections import defaultdict
from pathlib import Path

from bench.relevance import corpus
from library import store
from library.indexing import FileState

# Private on purpose: the indexing package has no API for writing made-up records, and this
# bench must write exactly the records the indexer writes (`document_records`) for text that
# was never a PDF, rebuilt from the stored records of the real corpus (`extracted_from_stored`).
from library.indexing.records import document_records, extracted_from_stored
from library.models import ExtractedPdf, Metadata
from library.schema import KIND_DOC, KIND_PAGE, Record
from library.search import ReaderPool

logger = logging.getLogger("scale")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_TOKEN = re.compile(r"\S+")
REPLACE_SHARE = 1 / 6


def real_documents(root: Path) -> list[tuple[str, ExtractedPdf]]:
    """(relative path, extracted text) of each real document, from a fresh index of them (or
    the one already in `root`, e.g. the relevance bench's `--keep` folder copied there)."""
    if not (root / "index").exists():
        corpus.build(root)
    docs: list[Record] = []
    pages: defaultdict[str, list[Record]] = defaultdict(list)
    pool = ReaderPool(root / "index")
    with pool.catalog() as catalog:
        for record in catalog.all_records():
            if record["kind"] == KIND_DOC:
                docs.append(record)
            elif record["kind"] == KIND_PAGE:
                pages[record["path"]].append(record)
    pool.close()
    return sorted((doc["path"], extracted_from_stored(doc, pages[doc["path"]])) for doc in docs)


def vary(text: str, rng: random.Random, vocabulary: list[str], shift: int) -> str:
    """`text` with its years moved by `shift` and some words swapped for others."""
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    words = text.split(" ")
    for _ in range(int(len(words) * REPLACE_SHARE)):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words)


def replica(
    relpath: str, pdf: ExtractedPdf, copy: int, vocabulary: list[str]
) -> tuple[FileState, ExtractedPdf]:
    rng = random.Random(f"{relpath}:{copy}")
    shift = -(copy % 8)
    folder, name = relpath.split("/", 1)
    new_name = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), name)
    new_path = f"{folder}/copy-{copy:04d}-{new_name}"
    pages = tuple(vary(p, rng, vocabulary, shift) if p else p for p in pdf.pages)
    varied = ExtractedPdf(
        pages=pages,
        pdf_title=vary(pdf.pdf_title, rng, vocabulary, shift) if pdf.pdf_title else None,
        first_heading=pdf.first_heading,
        created=pdf.created.replace(year=max(1990, pdf.created.year + shift))
        if pdf.created
        else None,
    )
    state = FileState(new_path, Path(new_path), sum(len(p) for p in pages), 0, "")
    return state, varied


def build(directory: Path, target_pages: int) -> int:
    """Index the real documents and as many varied copies as reach `target_pages`."""
    started = time.monotonic()
    real = real_documents(directory / "real")
    real_pages = sum(sum(1 for p in pdf.pages if p) for _, pdf in real)
    vocabulary = sorted({w for _, pdf in real for p in pdf.pages for w in _TOKEN.findall(p)})
    copies = max(0, -(-(target_pages - real_pages) // real_pages))
    index_dir = directory / "index"
    gen, ix = store.create_generation(index_dir)
    written = 0
    writer = ix.writer(limitmb=512)
    try:
        for copy in range(copies + 1):
            for relpath, pdf in real:
                if copy:
                    state, pdf = replica(relpath, pdf, copy, vocabulary)
                else:
                    state = FileState(relpath, Path(relpath), 0, 0, "")
                for record in document_records(state, f"sha-{copy}-{relpath}", Metadata(), pdf):
                    writer.add_document(**record)
                    written += record["kind"] == KIND_PAGE
            logger.info("copy %s/%s: %s pages", copy, copies, written)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    ix.close()
    store.make_current(index_dir, gen)
    logger.info("%s pages in %.0f s", written, time.monotonic() - started)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument(
        "--vectors",
        action="store_true",
        help="also give every copy made-up passage vectors (from the real documents' own)",
    )
    parser.add_argument(
        "--vectors-only", action="store_true", help="add the vectors to an index already built"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(relativeCreated)7.0f ms  %(message)s")
    if not args.vectors_only:
        build(args.directory, args.pages)
    if args.vectors or args.vectors_only:
        add_vectors(args.directory)


def add_vectors(directory: Path, noise: float = 0.03, seed: int = 12) -> int:
    """Passage vectors for the scaled index, made up from the real ones: each copy of a real
    document gets that document's vectors with a little noise (cosine about 0.85 to the
    original), renormalised. Embedding 300,000 passages for real would take hours on this
    machine; latency and memory depend only on the rows, not on what they mean.
    Returns the number of rows written."""
    import numpy as np

    from library import vectors
    from library.indexing import vectorize

    real_gen = store.current_dir(directory / "real" / "index")
    gen = store.current_dir(directory / "index")
    assert real_gen is not None and gen is not None, "build the scaled index first"
    source = vectors.folder_of(real_gen)
    manifest = vectors.read_manifest(source)
    by_sha: dict[str, list[tuple[int, int, np.ndarray]]] = defaultdict(list)
    for name in manifest.segments:
        seg = vectors.read_segment(source, name)
        for row, sha_index in enumerate(seg.sha_of_row):
            by_sha[seg.shas[sha_index]].append(
                (int(seg.page[row]), int(seg.passage[row]), np.asarray(seg.matrix[row]))
            )
    pool = ReaderPool(directory / "real" / "index")
    with pool.catalog() as catalog:
        real_sha = {f["path"]: f["sha256"] for f in catalog.stored_files() if f.get("sha256")}
    pool.close()
    target = vectors.folder_of(gen)
    target.mkdir(parents=True, exist_ok=True)
    out = vectors.Manifest(manifest.model, [])
    rng = np.random.default_rng(seed)
    rows: list[tuple[str, int, int]] = []
    vecs: list[np.ndarray] = []
    written = 0
    pool = ReaderPool(directory / "index")
    with pool.catalog() as catalog:
        files = [f for f in catalog.stored_files() if f.get("kind") == KIND_DOC]
    pool.close()
    for fields in files:
        # Copies are named copy-NNNN-<name> beside the original: find the original's rows.
        folder, name = fields["path"].split("/", 1)
        copy = re.match(r"^copy-(\d{4})-", name)
        original = name
        if copy:  # undo `replica`'s name: its prefix and its years moved back by copy % 8
            back = int(copy.group(1)) % 8
            original = _YEAR.sub(
                lambda m, back=back: str(int(m.group(1)) + back), name[copy.end() :]
            )
        source_rows = by_sha.get(real_sha.get(f"{folder}/{original}", ""), [])
        for page, passage, vec in source_rows:
            varied = vec + rng.normal(0, noise, vec.shape).astype(np.float32)
            rows.append((fields["sha256"], page, passage))
            vecs.append(varied / np.linalg.norm(varied))
        if len(rows) >= vectorize.FLUSH_ROWS:  # segments as the writer makes them
            written += _flush(target, out, rows, vecs)
            rows, vecs = [], []
    written += _flush(target, out, rows, vecs)
    vectors.write_manifest(target, out)
    logger.info("%s made-up passage vectors in %s segments", written, len(out.segments))
    return written


def _flush(target: Path, manifest: object, rows: list[tuple[str, int, int]], vecs: list) -> int:
    import numpy as np

    from library import vectors

    assert isinstance(manifest, vectors.Manifest)
    if not rows:
        return 0
    name = vectors.next_segment_name(target, manifest.segments)
    vectors.write_segment(target, name, rows, np.stack(vecs))
    manifest.segments.append(name)
    return len(rows)


if __name__ == "__main__":
    main()
