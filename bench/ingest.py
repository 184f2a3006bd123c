"""Ingest speed: pages per second of `library index` at --jobs 1 and 2, beside pypdf's raw
extraction speed on the same files in the same run (the ratio is what indexing costs on top).
The library rows index words only (semantic search off); `--vectors` adds a `--jobs 2` row
with passage vectors made too (the installed model), as `library index` does by default.

    .venv/bin/python -m bench.ingest [--corpus ../shared/corpus/real] [--repeat 1] [--vectors]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from library.config import Settings
from library.indexing import sync

REPO = Path(__file__).resolve().parents[1]


def raw_pypdf(files: list[Path]) -> tuple[int, float]:
    """Plain pypdf text extraction in this process: the floor any indexer stands on."""
    from pypdf import PdfReader

    pages = 0
    started = time.perf_counter()
    for path in files:
        reader = PdfReader(path)
        for page in reader.pages:
            page.extract_text()
            pages += 1
    return pages, time.perf_counter() - started


def index_once(corpus: Path, jobs: int, *, vectors: bool = False) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "documents" / "policies-and-procedures"
        shutil.copytree(corpus, docs)
        settings = Settings(
            documents_dir=Path(tmp) / "documents",
            index_dir=Path(tmp) / "index",
            jobs=jobs,
            embedding_model="" if vectors else "off",
        )
        started = time.perf_counter()
        report = sync(settings)
        return report.pages, time.perf_counter() - started


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "real")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--vectors", action="store_true", help="add a row with passage vectors")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.pdf"))
    emit(f"corpus: {args.corpus} ({len(files)} files)")
    rows = []
    for _ in range(args.repeat):
        pages, seconds = raw_pypdf(files)
        rows.append(("pypdf extract_text, 1 process", pages, seconds))
        for jobs in (1, 2):
            pages, seconds = index_once(args.corpus, jobs)
            rows.append((f"library index --jobs {jobs}", pages, seconds))
        if args.vectors:
            pages, seconds = index_once(args.corpus, 2, vectors=True)
            rows.append(("library index --jobs 2, vectors", pages, seconds))
    raw_rate = rows[0][1] / rows[0][2]
    emit(f"{'what':34} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'vs pypdf':>9}")
    for name, pages, seconds in rows:
        rate = pages / seconds
        emit(f"{name:34} {pages:>6} {seconds:>8.2f} {rate:>8.1f} {rate / raw_rate:>8.2f}x")


if __name__ == "__main__":
    main()
