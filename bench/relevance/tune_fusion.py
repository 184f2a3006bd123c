"""The fusion sweep behind bench/README.md's "Fusion" table: each method and weight on the
tuning half only (the held-out half is never looked at while choosing).

    .venv/bin/python -m bench.relevance.tune_fusion --keep DIR   # DIR as for run.py --keep
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.relevance import run
from library.search import fusion

RRF_WEIGHTS = (0.5, 1.0, 1.5, 2.0, 3.0)
MIX_WEIGHTS = (0.2, 0.35, 0.5)


def tune_figures(index: Path, mode: str) -> str:
    reader = run.open_reader(index, mode)
    try:
        q = run.evaluate_queries(reader, run.load_queries(run.QUERIES))["tune"]
        u = run.evaluate_unanswerable(reader, run.load_rows(run.UNANSWERABLE))["tune"]
    finally:
        run.close_reader(reader)
    keys = ("s@1", "s@3", "mrr", "ndcg", "answered@3")
    return " | ".join(run._fmt(q[k]) for k in keys) + f" | {run._fmt(u['honest_rate'])}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, required=True, help="a corpus folder with index/")
    args = parser.parse_args()
    index = args.keep / "index"
    out = sys.stdout
    out.write("| fusion | s@1 | s@3 | MRR@10 | nDCG@10 | answered@3 | honest-rate |\n")
    out.write(f"| words alone | {tune_figures(index, 'lexical')} |\n")
    for weight in RRF_WEIGHTS:
        fusion.SEMANTIC_WEIGHT = weight
        out.write(f"| RRF, weight {weight} | {tune_figures(index, 'rrf')} |\n")
    for weight in MIX_WEIGHTS:
        fusion.MIX_WEIGHT = weight
        out.write(f"| mix, cosine weight {weight} | {tune_figures(index, 'mix')} |\n")


if __name__ == "__main__":
    main()
