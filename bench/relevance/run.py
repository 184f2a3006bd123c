"""Relevance benchmark: index the real corpus, run the judged questions, the unanswerable
questions and the spelling pairs, and report each figure for the tuning half, the held-out half
and both.

- queries.tsv: success@1, success@3 (a grade-2 document first / in the first three), MRR@10,
  nDCG@10, answered@3 (a grade-2 document in the first three whose hit says `match == "strong"`;
  n/a while hits carry no `match`), and a table per half of the questions whose best answer is
  not first;
- unanswerable.tsv: honest-rate, the share that come back without a strong match (the page's
  `answered` is false; while pages carry no `answered`, hits' `match` is used, and while hits
  carry neither, "zero results" is the fallback, and the report says which was used);
- spelling.tsv: false-suggestion (a `-` row got a suggestion), wrong-suggestion (a suggestion
  other than the expected one), missed-suggestion (none where one was expected), correct.

The split into `tune` and `heldout` is drawn once by split.py and never changed; tune on
`tune`, report `heldout`.

Usage (from the repository root):
    .venv/bin/python -m bench.relevance.run            # fresh index in a temporary folder
    .venv/bin/python -m bench.relevance.run --keep DIR  # build (or reuse) the index in DIR
    .venv/bin/python -m bench.relevance.run --json      # every figure and row as JSON
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# --- The library's search API: the only place this file names library modules. --------------
from library.search import ReaderPool, SearchRequest, fusion, semantic_search

# What each mode searches with: words alone, or fused with meaning by one of the two methods.
MODES = ("lexical", "rrf", "mix")


def open_reader(index_dir: Path, mode: str = "lexical") -> Any:
    if mode == "lexical":
        return ReaderPool(index_dir)
    fusion.METHOD = mode  # the bench compares both; the library keeps the better as default
    return ReaderPool(index_dir, semantic_search(""))


def run_search(reader: Any, query: str, page_size: int) -> Any:
    with reader.catalog() as catalog:
        return catalog.search(SearchRequest(query, page_size=page_size))


def close_reader(reader: Any) -> None:
    close = getattr(reader, "close", None)
    if close is not None:
        close()


# ----------------------------------------------------------------------------------------------

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.tsv"
UNANSWERABLE = HERE / "unanswerable.tsv"
SPELLING = HERE / "spelling.tsv"
K = 10
HALVES = ("tune", "heldout")
GROUPS = (*HALVES, "all")


@dataclass(frozen=True)
class Judged:
    query: str
    grades: dict[str, int]  # file name (no .pdf) → 2 answers it, 1 partly
    split: str = ""


@dataclass(frozen=True)
class Row:
    query: str
    value: str  # unanswerable: the note; spelling: the expected suggestion or "-"
    split: str = ""


def _rows(path: Path) -> list[list[str]]:
    out: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


def load_queries(path: Path = QUERIES) -> list[Judged]:
    out: list[Judged] = []
    for cells in _rows(path):
        query, docs = cells[0], cells[1]
        grades: dict[str, int] = {}
        for item in docs.split():
            name, _, grade = item.partition(":")
            grades[name] = int(grade or 2)
        out.append(Judged(query, grades, cells[2] if len(cells) > 2 else ""))
    return out


def load_rows(path: Path) -> list[Row]:
    return [Row(c[0], c[1], c[2] if len(c) > 2 else "") for c in _rows(path)]


def _name(path: str) -> str:
    return str(path).rsplit("/", 1)[-1].removesuffix(".pdf")


def _dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def _hits(page: Any) -> list[Any]:
    return list(getattr(page, "hits", None) or [])


def _match(hit: Any) -> str | None:
    return getattr(hit, "match", None)


def score(judged: Judged, ranked: list[str], matches: list[str | None]) -> dict[str, Any]:
    gains = [judged.grades.get(n, 0) for n in ranked[:K]]
    first = next((i for i, g in enumerate(gains) if g == 2), None)
    ideal = _dcg(sorted(judged.grades.values(), reverse=True)[:K])
    # No hits: answered@3 is 0 whether or not hits carry `match`.
    has_match = not matches or any(m is not None for m in matches)
    answered = any(g == 2 and m == "strong" for g, m in zip(gains[:3], matches[:3], strict=False))
    return {
        "s@1": float(first is not None and first < 1),
        "s@3": float(first is not None and first < 3),
        "mrr": 1.0 / (first + 1) if first is not None else 0.0,
        "ndcg": _dcg(gains) / ideal if ideal else 0.0,
        "answered@3": float(answered) if has_match else None,
    }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _groups(split: str) -> tuple[str, ...]:
    return (split, "all") if split in HALVES else ("all",)


def evaluate_queries(reader: Any, queries: list[Judged]) -> dict[str, Any]:
    per: dict[str, list[dict[str, Any]]] = {g: [] for g in GROUPS}
    for judged in queries:
        page = run_search(reader, judged.query, K)
        hits = _hits(page)
        ranked = [_name(getattr(h, "path", "")) for h in hits]
        matches = [_match(h) for h in hits]
        figures = score(judged, ranked, matches)
        best = next(iter(judged.grades))
        row = {
            "query": judged.query,
            "split": judged.split,
            **figures,
            "best": best,
            "rank_of_best": ranked.index(best) + 1 if best in ranked else None,
            "first": ranked[0] if ranked else None,
            "first_match": matches[0] if matches else None,
            "top": ranked[:3],
        }
        for group in _groups(judged.split):
            per[group].append(row)
    out: dict[str, Any] = {}
    for group, rows in per.items():
        answered = [r["answered@3"] for r in rows if r["answered@3"] is not None]
        out[group] = {
            "n": len(rows),
            "s@1": _mean([r["s@1"] for r in rows]),
            "s@3": _mean([r["s@3"] for r in rows]),
            "mrr": _mean([r["mrr"] for r in rows]),
            "ndcg": _mean([r["ndcg"] for r in rows]),
            # n/a unless every question's hits carried `match` (or it found nothing at all)
            "answered@3": (
                _mean(answered)
                if rows and len(answered) == len(rows) and any(r["first_match"] for r in rows)
                else None
            ),
            "misses": [r for r in rows if r["s@1"] < 1],
        }
    out["rows"] = per["all"]
    return out


def evaluate_unanswerable(reader: Any, rows: list[Row]) -> dict[str, Any]:
    per: dict[str, list[dict[str, Any]]] = {g: [] for g in GROUPS}
    methods: set[str] = set()
    for row in rows:
        page = run_search(reader, row.query, K)
        hits = _hits(page)
        answered = getattr(page, "answered", None)
        matches = [_match(h) for h in hits]
        total = getattr(page, "total", len(hits))
        if answered is not None:
            method, honest = "answered", not answered
        elif any(m is not None for m in matches):
            method, honest = "match", "strong" not in matches
        else:
            method, honest = "zero results", not hits and not total
        methods.add(method)
        result = {
            "query": row.query,
            "split": row.split,
            "honest": honest,
            "method": method,
            "total": total,
            "first": _name(getattr(hits[0], "path", "")) if hits else None,
            "first_match": matches[0] if matches else None,
        }
        for group in _groups(row.split):
            per[group].append(result)
    out: dict[str, Any] = {
        g: {"n": len(r), "honest_rate": _mean([float(x["honest"]) for x in r])}
        for g, r in per.items()
    }
    out["method"] = ", ".join(sorted(methods)) or "-"
    out["rows"] = per["all"]
    return out


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def evaluate_spelling(reader: Any, rows: list[Row]) -> dict[str, Any]:
    per: dict[str, list[dict[str, Any]]] = {g: [] for g in GROUPS}
    for row in rows:
        page = run_search(reader, row.query, K)
        got = getattr(page, "suggestion", None) or None
        expected = None if row.value.strip() == "-" else row.value
        if expected is None:
            outcome = "false" if got else "correct"
        elif not got:
            outcome = "missed"
        else:
            outcome = "correct" if _norm(got) == _norm(expected) else "wrong"
        result = {
            "query": row.query,
            "split": row.split,
            "expected": expected,
            "suggestion": got,
            "outcome": outcome,
        }
        for group in _groups(row.split):
            per[group].append(result)
    out: dict[str, Any] = {}
    for group, results in per.items():
        counts = {k: sum(r["outcome"] == k for r in results) for k in ("false", "wrong", "missed")}
        out[group] = {
            "n": len(results),
            "no_suggestion_rows": sum(r["expected"] is None for r in results),
            "correction_rows": sum(r["expected"] is not None for r in results),
            "false_suggestion": counts["false"],
            "wrong_suggestion": counts["wrong"],
            "missed_suggestion": counts["missed"],
            "correct": sum(r["outcome"] == "correct" for r in results),
        }
    out["rows"] = per["all"]
    return out


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def report(q: dict[str, Any], u: dict[str, Any], s: dict[str, Any], *, quiet: bool) -> str:
    lines: list[str] = []
    head = f"{'':<22}" + "".join(f"{g:>10}" for g in GROUPS)

    def line(label: str, values: list[str]) -> None:
        lines.append(f"{label:<22}" + "".join(f"{v:>10}" for v in values))

    lines.append(head)
    line("questions", [str(q[g]["n"]) for g in GROUPS])
    for key, label in (
        ("s@1", "success@1"),
        ("s@3", "success@3"),
        ("mrr", "MRR@10"),
        ("ndcg", "nDCG@10"),
        ("answered@3", "answered@3"),
    ):
        line(label, [_fmt(q[g][key]) for g in GROUPS])
    lines.append("")
    line("unanswerable", [str(u[g]["n"]) for g in GROUPS])
    line("honest-rate", [_fmt(u[g]["honest_rate"]) for g in GROUPS])
    lines.append(f"  (honest = no strong match, judged by: {u['method']})")
    if u["method"] == "zero results":
        lines.append("  (pages carry no `answered` and hits no `match` yet: honest = zero results)")
    lines.append("")
    line("spelling pairs", [str(s[g]["n"]) for g in GROUPS])
    line("  expecting none", [str(s[g]["no_suggestion_rows"]) for g in GROUPS])
    line("  expecting one", [str(s[g]["correction_rows"]) for g in GROUPS])
    line("false-suggestion", [str(s[g]["false_suggestion"]) for g in GROUPS])
    line("wrong-suggestion", [str(s[g]["wrong_suggestion"]) for g in GROUPS])
    line("missed-suggestion", [str(s[g]["missed_suggestion"]) for g in GROUPS])
    line("correct", [str(s[g]["correct"]) for g in GROUPS])
    if quiet:
        return "\n".join(lines) + "\n"
    for group in HALVES:
        misses = q[group]["misses"]
        if not misses:
            continue
        lines.append("")
        lines.append(
            f"misses, {group} ({len(misses)}): query, rank of best answer, best answer, first hit"
        )
        for r in misses:
            rank = r["rank_of_best"] or "-"
            top = r["first"] or "(nothing)"
            lines.append(f"{r['query'][:38]:<38} {rank!s:>4}  {r['best'][:40]:<40} {top[:40]}")
    for group in HALVES:
        bad = [r for r in u["rows"] if r["split"] == group and not r["honest"]]
        if bad:
            lines.append("")
            lines.append(
                f"unanswerable that got an answer, {group} ({len(bad)}): query, results, first hit"
            )
            for r in bad:
                lines.append(f"{r['query'][:46]:<46} {r['total']!s:>5}  {(r['first'] or '')[:44]}")
    for group in HALVES:
        bad = [r for r in s["rows"] if r["split"] == group and r["outcome"] != "correct"]
        if bad:
            lines.append("")
            lines.append(
                f"spelling not as expected, {group} ({len(bad)}): outcome, query, expected, got"
            )
            for r in bad:
                lines.append(
                    f"{r['outcome']:<7} {r['query'][:30]:<30} {(r['expected'] or '-')[:30]:<30} "
                    f"{(r['suggestion'] or '-')[:30]}"
                )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="build or reuse the corpus index here")
    parser.add_argument("--quiet", action="store_true", help="figures only, no tables")
    parser.add_argument("--json", action="store_true", help="print every figure and row as JSON")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="the judged questions")
    parser.add_argument(
        "--modes",
        default=",".join(MODES),
        help="comma-separated: lexical (words alone), rrf / mix (fused with semantic retrieval "
        "by reciprocal-rank fusion / a linear mix); one report each, then a comparison",
    )
    args = parser.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    unknown = set(modes) - set(MODES)
    if unknown:
        parser.error(f"unknown mode(s): {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        if not (root / "index").exists():
            from bench.relevance import corpus  # the indexer is needed only to build

            corpus.build(root)
        results = {mode: _evaluate(root / "index", mode, args.queries) for mode in modes}
    if args.json:
        json.dump(results, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return
    for mode, (q, u, s) in results.items():
        sys.stdout.write(f"\n=== {mode} ===\n")
        sys.stdout.write(report(q, u, s, quiet=args.quiet))
    if len(results) > 1:
        sys.stdout.write("\n" + compare(results))


def _evaluate(index: Path, mode: str, queries: Path) -> tuple[dict[str, Any], ...]:
    reader = open_reader(index, mode)
    try:
        q = evaluate_queries(reader, load_queries(queries))
        u = evaluate_unanswerable(reader, load_rows(UNANSWERABLE))
        s = evaluate_spelling(reader, load_rows(SPELLING))
    finally:
        close_reader(reader)
    return q, u, s


def compare(results: dict[str, tuple[dict[str, Any], ...]]) -> str:
    """One table: each mode's figures on each half."""
    keys = ("s@1", "s@3", "mrr", "ndcg", "answered@3")
    lines = ["| mode | half | s@1 | s@3 | MRR@10 | nDCG@10 | answered@3 | honest-rate |"]
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|")
    for mode, (q, u, _) in results.items():
        for half in HALVES:
            figures = " | ".join(_fmt(q[half][k]) for k in keys)
            lines.append(f"| {mode} | {half} | {figures} | {_fmt(u[half]['honest_rate'])} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
