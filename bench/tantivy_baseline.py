"""tantivy over the same page texts, for the query-latency ratio (`bench/query.py --tantivy`).

One tantivy document per page record of the library's index (its path, the document's title
and the page's text, English stemming), built once in a temporary folder; each query is parsed
leniently over title and text and answered with the top 10 and a snippet each, as our search
answers with a page of ten hits and their snippets. tantivy is a benchmark-only dependency
(the `bench` extra); the library never imports it.
"""

from __future__ import annotations

import time
from pathlib import Path

import tantivy

from bench.relevance.run import load_queries
from library.search import ReaderPool


def build(index_dir: Path, folder: Path) -> tuple[tantivy.Index, tantivy.Schema]:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("path", stored=True)
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("text", stored=True, tokenizer_name="en_stem")
    schema = builder.build()
    folder.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(schema, path=str(folder))
    writer = index.writer(heap_size=256_000_000, num_threads=1)
    pool = ReaderPool(index_dir)
    try:
        with pool.catalog() as catalog:
            titles = {f["path"]: f.get("title", "") for f in catalog.stored_files()}
            for record in catalog.all_records():
                if record.get("kind") == "page":
                    writer.add_document(
                        tantivy.Document(
                            path=record["path"],
                            title=titles.get(record["path"], ""),
                            text=record.get("text", ""),
                        )
                    )
    finally:
        pool.close()
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, schema


def measure(
    index_dir: Path, tmp: Path, rounds: int, queries_file: Path
) -> tuple[list[float], dict[str, float]]:
    """Every latency in ms (after a warm-up round) and the slowest query → ms."""
    index, schema = build(index_dir, tmp / "tantivy")
    searcher = index.searcher()
    queries = [q.query for q in load_queries(queries_file)]
    latencies: list[float] = []
    worst: dict[str, float] = {}
    for round_ in range(rounds + 1):
        for text in queries:
            started = time.perf_counter()
            query, _errors = index.parse_query_lenient(text, ["title", "text"])
            hits = searcher.search(query, 10).hits
            snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
            for _score, address in hits:
                snippets.snippet_from_doc(searcher.doc(address)).to_html()
            elapsed = (time.perf_counter() - started) * 1000
            if round_:
                latencies.append(elapsed)
                worst[text] = max(worst.get(text, 0.0), elapsed)
    return latencies, worst
