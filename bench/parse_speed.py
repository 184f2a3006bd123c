"""What parsing a question costs, the first time it is asked: Whoosh's own normalisation
against `parsing.normalized` (the same query, without deep copies), interleaved question by
question in one process so that a busy machine slows both alike.

Nothing is cached here: every question is parsed afresh, as a search of a new question is
(`engine.parse` keeps parsed queries, so a benchmark that asks the same questions again sees
none of this). Also: `bound`, which every search ran on its parsed query before the bound
query was kept (`engine._doc_query`), on the same questions.

    .venv/bin/python -m bench.parse_speed [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from whoosh.filedb.filestore import RamStorage

from bench.relevance.run import QUERIES, UNANSWERABLE, load_queries, load_rows
from library.schema import build_schema, text_analyzer
from library.search import engine
from library.search.parsing import bound, build_parser, normalized, proximity


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="times through every question")
    args = parser.parse_args()
    questions = [q.query for q in load_queries(QUERIES)]
    questions += [r.query for r in load_rows(UNANSWERABLE)]
    synonyms = engine.default_synonyms()
    schema = build_schema()
    words = build_parser(schema, engine.FIELD_BOOSTS)
    whooshs: list[float] = []
    ours: list[float] = []
    bound_ms: list[float] = []
    analyzer = text_analyzer()
    reader = RamStorage().create_index(schema).reader()
    for round_ in range(args.rounds + 1):
        for text in questions:
            expanded = f"{synonyms.expand(text)} {proximity(text, analyzer)}"
            started = time.perf_counter()
            theirs = words.parse(expanded)
            middle = time.perf_counter()
            mine = normalized(words.parse(expanded, normalize=False))
            ended = time.perf_counter()
            bound(mine, reader)
            after = time.perf_counter()
            if round_:  # the first round warms the analyzers' caches
                whooshs.append((middle - started) * 1000)
                ours.append((ended - middle) * 1000)
                bound_ms.append((after - ended) * 1000)
            assert theirs == mine, text
    for name, values in (
        ("parse, Whoosh's normalize", whooshs),
        ("parse, parsing.normalized", ours),
        ("bound (per search, before)", bound_ms),
    ):
        cuts = statistics.quantiles(values, n=100)
        sys.stdout.write(
            f"{name:28} p50 {cuts[49]:6.2f} ms  p95 {cuts[94]:6.2f} ms  ({len(values)} parses)\n"
        )
    ratio = statistics.median(w / o for w, o in zip(whooshs, ours, strict=True))
    sys.stdout.write(f"median ratio per question: {ratio:.2f}x\n")


if __name__ == "__main__":
    main()
