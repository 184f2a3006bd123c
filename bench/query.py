"""Query latency: p50/p95 of the relevance query set, snippets included, on the real corpus and
on a scaled index built by `bench/scale.py`.

Each request takes a searcher from `ReaderPool` (its pool), as the web app does, and runs
`library.search.search` for the first page of ten hits.

Usage:
    .venv/bin/python bench/query.py                    # the real corpus (indexed in a temp dir)
    .venv/bin/python bench/query.py --index DIR/index  # an existing index, e.g. the scaled one
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# bench/ itself must not shadow the standard library (bench/http.py is another benchmark).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench" / "relevance"))

from run import load_queries  # noqa: E402

from library.schema import KIND_PAGE  # noqa: E402
from library.search.engine import SearchRequest, search  # noqa: E402
from library.search.pool import ReaderPool  # noqa: E402


def measure(index_dir: Path, rounds: int) -> tuple[int, list[float], dict[str, float]]:
    """(pages in the index, every latency in ms, slowest query → ms)."""
    queries = [q.query for q in load_queries()]
    reader = ReaderPool(index_dir)
    with reader.searcher() as searcher:
        pages = searcher.doc_frequency("kind", KIND_PAGE)
    latencies: list[float] = []
    worst: dict[str, float] = {}
    for round_ in range(rounds + 1):  # round 0 warms the caches and is not counted
        for query in queries:
            started = time.perf_counter()
            with reader.searcher() as searcher:
                search(searcher, SearchRequest(query))
            elapsed = (time.perf_counter() - started) * 1000
            if round_:
                latencies.append(elapsed)
                worst[query] = max(worst.get(query, 0.0), elapsed)
    reader.close()
    return pages, latencies, worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="an existing index folder")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.index is None:
            import corpus

            settings, _ = corpus.build(Path(tmp))
            index_dir = settings.index_dir
        else:
            index_dir = args.index
        pages, latencies, worst = measure(index_dir, args.rounds)
    cuts = statistics.quantiles(latencies, n=100)
    out = sys.stdout
    out.write(f"pages        {pages}\n")
    out.write(f"requests     {len(latencies)}\n")
    out.write(f"p50          {cuts[49]:.1f} ms\n")
    out.write(f"p95          {cuts[94]:.1f} ms\n")
    out.write(f"max          {max(latencies):.1f} ms\n")
    out.write("slowest:\n")
    for query, ms in sorted(worst.items(), key=lambda kv: -kv[1])[:5]:
        out.write(f"  {ms:7.1f} ms  {query}\n")


if __name__ == "__main__":
    main()
