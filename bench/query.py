"""Query latency: p50/p95 of the relevance query set, snippets included, on the real corpus and
on a scaled index built by `bench.scale`.

Each request borrows a `Catalog` from a `ReaderPool` and runs `catalog.search` for the first
page of ten hits, as the web app's `/search` does.

With `--api` the same questions also go to `/api/search` of a real `library serve --workers
1 --no-watch` on loopback (the answer caches off, one keep-alive connection, one request at
a time), so the figure includes the HTTP layer and the JSON, as the issue states its target;
the index folder's `documents` sibling is served.

With `--fresh` each question is timed once, the first time it is asked, after a warm-up
on other questions (the unanswerable and spelling sets): the rounds ask the same questions
again, so they find them parsed already (`engine.parse` keeps parsed queries), where a
visitor's new question is parsed for its search.

With `--semantic` the searches fuse semantic retrieval in (the query embedded on the CPU,
every passage vector scored), as the site does when the model is installed; the vectors'
size is printed. With `--tantivy` the same page texts are also indexed by tantivy (a Rust
engine, `pip install tantivy`: a benchmark-only dependency, the `bench` extra) and the same
queries run there, top 10 with snippets, in the same run, so the ratio is known.

Usage (from the repository root):
    .venv/bin/python -m bench.query                    # the real corpus (indexed in a temp dir)
    .venv/bin/python -m bench.query --index DIR/index  # an existing index, e.g. the scaled one
    .venv/bin/python -m bench.query --index DIR/index --semantic --tantivy
    .venv/bin/python -m bench.query --index DIR/index --semantic --api
    .venv/bin/python -m bench.query --index DIR/index --semantic --api --fresh
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.relevance.run import QUERIES, SPELLING, UNANSWERABLE, load_queries, load_rows
from library import store, vectors
from library.search import ReaderPool, SearchRequest, semantic_search


def plan(queries_file: Path, rounds: int, *, fresh: bool) -> list[tuple[str, bool]]:
    """The questions in the order they are asked, each with whether it is timed: a warm-up
    round of the questions, then `rounds` more; or, `fresh`, a warm-up on other questions,
    then each question once."""
    queries = [q.query for q in load_queries(queries_file)]
    if not fresh:
        return [(q, r > 0) for r in range(rounds + 1) for q in queries]
    timed = set(queries)
    others = [r.query for path in (UNANSWERABLE, SPELLING) for r in load_rows(path)]
    warm = [q for q in dict.fromkeys(others) if q not in timed]
    return [(q, False) for q in warm] + [(q, True) for q in queries]


def measure(
    index_dir: Path,
    rounds: int,
    queries_file: Path = QUERIES,
    *,
    semantic: bool = False,
    fresh: bool = False,
) -> tuple[int, list[float], dict[str, float]]:
    """(pages in the index, every latency in ms, slowest query → ms)."""
    pool = ReaderPool(index_dir, semantic_search("", helper=True) if semantic else None)
    with pool.catalog() as catalog:
        # Every record is a file's (doc, problem, private) or a page's: pages are the rest.
        pages = catalog.doc_count() - sum(1 for _ in catalog.stored_files())
    latencies: list[float] = []
    worst: dict[str, float] = {}
    for query, timed in plan(queries_file, rounds, fresh=fresh):
        started = time.perf_counter()
        with pool.catalog() as catalog:
            catalog.search(SearchRequest(query))
        elapsed = (time.perf_counter() - started) * 1000
        if timed:
            latencies.append(elapsed)
            worst[query] = max(worst.get(query, 0.0), elapsed)
    pool.close()
    return pages, latencies, worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="an existing index folder")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", type=Path, default=QUERIES, help="a queries.tsv to run")
    parser.add_argument("--semantic", action="store_true", help="fuse semantic retrieval in")
    parser.add_argument("--tantivy", action="store_true", help="time tantivy on the same texts")
    parser.add_argument("--api", action="store_true", help="time /api/search over HTTP too")
    parser.add_argument("--fresh", action="store_true", help="each question timed once, new")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.index is None:
            from bench.relevance import corpus  # the indexer is needed only to build

            settings, _ = corpus.build(Path(tmp))
            index_dir = settings.index_dir
        else:
            index_dir = args.index
        pages, latencies, worst = measure(
            index_dir, args.rounds, args.queries, semantic=args.semantic, fresh=args.fresh
        )
        out = sys.stdout
        if args.semantic:
            out.write(vector_size(index_dir))
        print_figures("library" + (" (hybrid)" if args.semantic else ""), pages, latencies, worst)
        if args.api:
            a_lat, a_worst = measure_api(
                index_dir, args.rounds, args.queries, semantic=args.semantic, fresh=args.fresh
            )
            print_figures("/api/search over HTTP", pages, a_lat, a_worst)
        if args.tantivy:
            from bench import tantivy_baseline

            t_lat, t_worst = tantivy_baseline.measure(
                index_dir, Path(tmp), args.rounds, args.queries
            )
            print_figures("tantivy", pages, t_lat, t_worst)
            ours, theirs = _p95(latencies), _p95(t_lat)
            out.write(f"p95 ratio    {ours / theirs:.1f}x tantivy's\n")


def measure_api(
    index_dir: Path, rounds: int, queries_file: Path, *, semantic: bool, fresh: bool = False
) -> tuple[list[float], dict[str, float]]:
    """Every latency of `/api/search` in ms (the warm-up of `plan` not counted), and the
    slowest of each query."""
    import http.client
    import os
    from urllib.parse import urlencode

    from bench.http_throughput import free_port, start_server, stop_server

    port = free_port()
    model = os.environ.get("LIBRARY_EMBEDDING_MODEL", "" if semantic else "off")
    server = start_server(
        index_dir.parent / "documents",
        index_dir,
        port,
        1,
        cache=False,
        env={"LIBRARY_EMBEDDING_MODEL": model},
    )
    latencies: list[float] = []
    worst: dict[str, float] = {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for query, timed in plan(queries_file, rounds, fresh=fresh):
            started = time.perf_counter()
            conn.request("GET", "/api/search?" + urlencode({"q": query}))
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                raise SystemExit(f"/api/search answered {response.status} to {query!r}")
            if timed:
                latencies.append(elapsed)
                worst[query] = max(worst.get(query, 0.0), elapsed)
    finally:
        conn.close()
        stop_server(server)
    return latencies, worst


def _p95(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=100)[94]


def vector_size(index_dir: Path) -> str:
    """Rows, dimensions and bytes of the live generation's passage vectors."""
    gen = store.current_dir(index_dir)
    folder = vectors.folder_of(gen) if gen else index_dir
    manifest = vectors.read_manifest(folder)
    rows, size, lists = 0, 0, 0
    for name in manifest.segments:
        seg = vectors.read_segment(folder, name)
        rows += seg.matrix.shape[0]
        size += seg.matrix.nbytes
        if seg.centroids is not None:
            lists += len(seg.centroids)
            size += seg.centroids.nbytes
    return (
        f"vectors      {rows} passages in {len(manifest.segments)} segments ({lists} lists), "
        f"{size / 1048576:.0f} MB (memory-mapped, shared by reader processes)\n"
    )


def print_figures(label: str, pages: int, latencies: list[float], worst: dict[str, float]) -> None:
    cuts = statistics.quantiles(latencies, n=100)
    out = sys.stdout
    out.write(f"--- {label}\n")
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
