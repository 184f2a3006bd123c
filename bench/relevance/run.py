"""Relevance benchmark: index the real corpus, run the query set, print success@1, success@3,
MRR@10 and nDCG@10, and a table of the queries whose best answer is not first.

Usage:
    .venv/bin/python bench/relevance/run.py            # fresh index in a temporary folder
    .venv/bin/python bench/relevance/run.py --keep DIR  # build (or reuse) the index in DIR
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from library.search.engine import SearchRequest, search  # noqa: E402
from library.search.pool import ReaderPool  # noqa: E402

QUERIES = HERE / "queries.tsv"
K = 10


@dataclass(frozen=True)
class Judged:
    query: str
    grades: dict[str, int]  # file name (no .pdf) → 2 answers it, 1 partly


def load_queries(path: Path = QUERIES) -> list[Judged]:
    out: list[Judged] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, docs = line.split("\t")
        grades: dict[str, int] = {}
        for item in docs.split():
            name, _, grade = item.partition(":")
            grades[name] = int(grade or 2)
        out.append(Judged(query, grades))
    return out


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".pdf")


def _dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def score(judged: Judged, ranked: list[str]) -> dict[str, float]:
    gains = [judged.grades.get(n, 0) for n in ranked[:K]]
    first = next((i for i, g in enumerate(gains) if g == 2), None)
    ideal = _dcg(sorted(judged.grades.values(), reverse=True)[:K])
    return {
        "s@1": float(first is not None and first < 1),
        "s@3": float(first is not None and first < 3),
        "mrr": 1.0 / (first + 1) if first is not None else 0.0,
        "ndcg": _dcg(gains) / ideal if ideal else 0.0,
    }


def evaluate(reader: ReaderPool, queries: list[Judged]) -> tuple[dict[str, float], list[str]]:
    totals = {"s@1": 0.0, "s@3": 0.0, "mrr": 0.0, "ndcg": 0.0}
    misses: list[str] = []
    for judged in queries:
        with reader.searcher() as searcher:
            page = search(searcher, SearchRequest(judged.query, page_size=K))
        ranked = [_name(h.path) for h in page.hits]
        figures = score(judged, ranked)
        for key, value in figures.items():
            totals[key] += value
        if figures["s@1"] < 1:
            best = next(iter(judged.grades))
            rank = ranked.index(best) + 1 if best in ranked else "-"
            top = ranked[0] if ranked else "(nothing)"
            misses.append(f"{judged.query[:38]:<38} {rank!s:>4}  {best[:40]:<40} {top[:40]}")
    n = len(queries)
    return {k: v / n for k, v in totals.items()}, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="build or reuse the corpus index here")
    parser.add_argument("--quiet", action="store_true", help="figures only, no table of misses")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        if not (root / "index").exists():
            import corpus  # the indexer is needed only to build

            corpus.build(root)
        reader = ReaderPool(root / "index")
        queries = load_queries()
        figures, misses = evaluate(reader, queries)
        reader.close()
    out = sys.stdout
    out.write(f"queries      {len(queries)}\n")
    out.write(f"success@1    {figures['s@1']:.3f}\n")
    out.write(f"success@3    {figures['s@3']:.3f}\n")
    out.write(f"MRR@10       {figures['mrr']:.3f}\n")
    out.write(f"nDCG@10      {figures['ndcg']:.3f}\n")
    if misses and not args.quiet:
        out.write(f"\nmisses ({len(misses)}): query, rank of best answer, best answer, first hit\n")
        for line in misses:
            out.write(line + "\n")


if __name__ == "__main__":
    main()
