"""Query latency: p50/p95 of the relevance query set, snippets included, on the real corpus and
on a scaled index built by `bench.scale`.

Each request borrows a `Catalog` from a `ReaderPool` and runs `catalog.search` for the first
page of ten hits, as the web app's `/search` does.

Usage (from the repository root):
    .venv/bin/python -m bench.query                    # the real corpus (indexed in a temp dir)
    .venv/bin/python -m bench.query --index DIR/index  # an existing index, e.g. the scaled one
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.relevance.run import QUERIES, load_queries
from library.search import ReaderPool, SearchRequest


def measure(
    index_dir: Path, rounds: int, queries_file: Path = QUERIES
) -> tuple[int, list[float], dict[str, float]]:
    """(pages in the index, every latency in ms, slowest query → ms)."""
    queries = [q.query for q in load_queries(queries_file)]
    pool = ReaderPool(index_dir)
    with pool.catalog() as catalog:
        # Every record is a file's (doc, problem, private) or a page's: pages are the rest.
        pages = catalog.doc_count() - sum(1 for _ in catalog.stored_files())
    latencies: list[float] = []
    worst: dict[str, float] = {}
    for round_ in range(rounds + 1):  # round 0 warms the caches and is not counted
        for query in queries:
            started = time.perf_counter()
            with pool.catalog() as catalog:
                catalog.search(SearchRequest(query))
            elapsed = (time.perf_counter() - started) * 1000
            if round_:
                latencies.append(elapsed)
                worst[query] = max(worst.get(query, 0.0), elapsed)
    pool.close()
    return pages, latencies, worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="an existing index folder")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", type=Path, default=QUERIES, help="a queries.tsv to run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.index is None:
            from bench.relevance import corpus  # the indexer is needed only to build

            settings, _ = corpus.build(Path(tmp))
            index_dir = settings.index_dir
        else:
            index_dir = args.index
        pages, latencies, worst = measure(index_dir, args.rounds, args.queries)
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
