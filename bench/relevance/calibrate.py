"""The strong/weak calibration behind bench/README.md's "Meaning as evidence" and
"Proximity and meaning" tables: each question of the tuning half is searched once (the
default fusion), the lexical share, the share within windows of a few widths and the best
passage cosine of every ranked document are recorded, and every rule of the grid is
replayed on them (strong first, then answered@3 and honest-rate). The held-out half is
never searched here.

    .venv/bin/python -m bench.relevance.calibrate --keep DIR   # DIR as for run.py --keep
    .venv/bin/python -m bench.relevance.calibrate --keep DIR --rows  # and each question's figures
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

from bench.relevance import run
from library.search import answers

SHARES = (0.75, 0.8, 0.85)
CLOSE_SHARES = (0.2, 0.3, 0.4, 0.5, 0.6)
COSINES = (0.4, 0.45, 0.5, 0.55, 0.6)
MARGINS = (None, 0.0, 0.03, 0.05, 0.07, 0.1)
# Windows (in words) for the share within one stretch of a page, and the least page share
# for which it is worked out.
WIDTHS = (15, 30, 60, 120, 240)
WINDOW_SHARES = (0.5, 0.6, 0.7, 0.8)
LEAST = 0.2


@dataclass(frozen=True)
class Ranked:
    """One ranked document of a search, before strong matches are put first."""

    name: str
    share: float
    cosine: float | None
    # The share within a window of so many words of one page (answers.window_shares).
    windows: tuple[tuple[int, float], ...] = ()

    def window(self, width: int) -> float:
        return dict(self.windows).get(width, self.share)


@contextmanager
def recording() -> Iterator[list[list[Ranked]]]:
    """Record each search's ranked documents (the last search is the one the page shows)."""
    calls: list[list[Ranked]] = []
    original = answers.order

    def order(searcher: Any, question: Any, results: Any, *args: Any, **kwargs: Any) -> Any:
        docs = [f for _, f in results]
        held = answers.shares(searcher, question, docs) if question.groups else {}
        close = kwargs.get("closeness") or {}
        near = {
            w: answers.window_shares(searcher, question, docs, width=w, least=LEAST) for w in WIDTHS
        }
        calls.append(
            [
                Ranked(
                    run._name(d["path"]),
                    held.get(d["path"], 0.0),
                    close.get(d["path"]),
                    tuple((w, near[w].get(d["path"], 0.0)) for w in WIDTHS),
                )
                for d in docs
            ]
        )
        return original(searcher, question, results, *args, **kwargs)

    answers.order = order  # type: ignore[assignment]
    try:
        yield calls
    finally:
        answers.order = original  # type: ignore[assignment]


def capture(index: Path, mode: str = "mix") -> tuple[list[tuple[run.Judged, list[Ranked]]], ...]:
    judged = [q for q in run.load_queries(run.QUERIES) if q.split == "tune"]
    unanswerable = [r for r in run.load_rows(run.UNANSWERABLE) if r.split == "tune"]
    reader = run.open_reader(index, mode)
    out_q: list[tuple[run.Judged, list[Ranked]]] = []
    out_u: list[tuple[run.Judged, list[Ranked]]] = []
    try:
        with recording() as calls:
            for q in judged:
                calls.clear()
                run.run_search(reader, q.query, run.K)
                out_q.append((q, calls[-1] if calls else []))
            for r in unanswerable:
                calls.clear()
                run.run_search(reader, r.query, run.K)
                out_u.append((run.Judged(r.query, {}, r.split), calls[-1] if calls else []))
    finally:
        run.close_reader(reader)
    return out_q, out_u


Rule = Callable[[list[Ranked]], set[str]]


def rule(
    a: float,
    b: float | None = None,
    c: float = 1.0,
    margin: float | None = None,
    window: tuple[int, float] | None = None,
) -> Rule:
    """Strong when the share is at least `a` (and, with `window` (width, share), that share
    within so many words); or, for a document at least `c` close in meaning and holding the
    share `b`: any such (`margin` None), or only the closest of all, ahead of the next by
    `margin` (answers.singled_out)."""

    def strong(ranked: list[Ranked]) -> set[str]:
        out = {
            r.name
            for r in ranked
            if r.share >= a and (window is None or r.window(window[0]) >= window[1])
        }
        if b is None:
            return out
        near = sorted((r for r in ranked if r.cosine is not None), key=lambda r: -(r.cosine or 0))
        if margin is not None:
            gap = (near[0].cosine or 0) - (near[1].cosine or 0) if len(near) > 1 else 1.0
            near = near[:1] if gap >= margin else []
        return out | {r.name for r in near if (r.cosine or 0) >= c and r.share >= b}

    return strong


def kept_rule() -> Rule:
    """The rule `answers.strong_paths` applies."""
    return rule(
        answers.STRONG_SHARE,
        answers.CLOSE_SHARE,
        answers.CLOSE_COSINE,
        answers.CLOSE_MARGIN,
        (answers.WINDOW_WORDS, answers.WINDOW_SHARE),
    )


def figures(
    queries: list[tuple[run.Judged, list[Ranked]]],
    unanswerable: list[tuple[run.Judged, list[Ranked]]],
    strong: Rule,
) -> dict[str, float]:
    rows = []
    for judged, ranked in queries:
        first = _strong_first(ranked, strong(ranked))
        names = [r.name for r, _ in first]
        rows.append(run.score(judged, names, [m for _, m in first]))
    honest = [not strong(ranked) for _, ranked in unanswerable]
    out = {k: sum(float(r[k]) for r in rows) / len(rows) for k in ("s@1", "s@3", "mrr", "ndcg")}
    out["answered@3"] = sum(float(r["answered@3"]) for r in rows) / len(rows)
    out["honest"] = sum(honest) / len(honest)
    return out


def _strong_first(ranked: list[Ranked], strong: set[str]) -> list[tuple[Ranked, str]]:
    return [(r, "strong") for r in ranked if r.name in strong] + [
        (r, "weak") for r in ranked if r.name not in strong
    ]


def _cell(f: dict[str, float]) -> str:
    return f"{f['answered@3']:.3f} / {f['honest']:.3f}"


def grid(
    queries: list[tuple[run.Judged, list[Ranked]]],
    unanswerable: list[tuple[run.Judged, list[Ranked]]],
) -> str:
    lines = ["answered@3 / honest-rate, tuning half", ""]
    lines.append("| words alone | " + " | ".join(f"share >= {a}" for a in SHARES) + " |")
    lines.append("|---|" + "---|" * len(SHARES))
    cells = " | ".join(_cell(figures(queries, unanswerable, rule(a))) for a in SHARES)
    lines.append(f"| | {cells} |")
    lines.append("")
    kept = (answers.WINDOW_WORDS, answers.WINDOW_SHARE)
    lines.append(
        f"share >= {answers.STRONG_SHARE} (and {kept[1]} within {kept[0]} words), or close in "
        "meaning (cosine) with a smaller share:"
    )
    lines.append("")
    heads = ["any close document" if m is None else f"closest, margin {m}" for m in MARGINS]
    lines.append("| cosine, share | " + " | ".join(heads) + " |")
    lines.append("|---|" + "---|" * len(MARGINS))
    for c, b in product(COSINES, CLOSE_SHARES):
        cells = " | ".join(
            _cell(figures(queries, unanswerable, rule(answers.STRONG_SHARE, b, c, m, kept)))
            for m in MARGINS
        )
        lines.append(f"| {c}, {b} | {cells} |")
    lines.extend(proximity(queries, unanswerable))
    return "\n".join(lines) + "\n"


def proximity(
    queries: list[tuple[run.Judged, list[Ranked]]],
    unanswerable: list[tuple[run.Judged, list[Ranked]]],
) -> list[str]:
    """The share within a window of so many words, on top of the kept meaning rule."""
    close = (answers.CLOSE_SHARE, answers.CLOSE_COSINE, answers.CLOSE_MARGIN)
    lines = ["", f"share >= {answers.STRONG_SHARE} and, within a window of so many words:", ""]
    lines.append("| window | " + " | ".join(f"share >= {b}" for b in WINDOW_SHARES) + " |")
    lines.append("|---|" + "---|" * len(WINDOW_SHARES))
    for width in WIDTHS:
        cells = " | ".join(
            _cell(figures(queries, unanswerable, rule(answers.STRONG_SHARE, *close, (width, b))))
            for b in WINDOW_SHARES
        )
        lines.append(f"| {width} words | {cells} |")
    return lines


def rows(
    queries: list[tuple[run.Judged, list[Ranked]]],
    unanswerable: list[tuple[run.Judged, list[Ranked]]],
    strong: Rule,
) -> str:
    lines = ["", "tuning questions not answered@3: query | first three (share/cosine) | best"]
    for judged, ranked in queries:
        first = _strong_first(ranked, strong(ranked))
        top = first[:3]
        if any(judged.grades.get(r.name) == 2 and m == "strong" for r, m in top):
            continue
        best = [(i + 1, r) for i, (r, _) in enumerate(first) if judged.grades.get(r.name) == 2]
        shown = ", ".join(f"{r.name[:28]} {r.share:.2f}/{_cos(r)} {m}" for r, m in top)
        b = f"#{best[0][0]} {best[0][1].share:.2f}/{_cos(best[0][1])}" if best else "-"
        lines.append(f"{judged.query[:40]:<40} | {shown} | {b}")
    lines.append("")
    lines.append("tuning unanswerable with a strong match: query | strong documents (share/cosine)")
    for judged, ranked in unanswerable:
        found = strong(ranked)
        hit = [r for r in ranked if r.name in found]
        if hit:
            shown = ", ".join(f"{r.name[:30]} {r.share:.2f}/{_cos(r)}" for r in hit[:4])
            lines.append(f"{judged.query[:40]:<40} | {shown}")
    return "\n".join(lines) + "\n"


def _cos(r: Ranked) -> str:
    return "-" if r.cosine is None else f"{r.cosine:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, required=True, help="a corpus folder with index/")
    parser.add_argument("--rows", action="store_true", help="each question under the kept rule")
    args = parser.parse_args()
    queries, unanswerable = capture(args.keep / "index")
    sys.stdout.write(grid(queries, unanswerable))
    if args.rows:
        sys.stdout.write(rows(queries, unanswerable, kept_rule()))


if __name__ == "__main__":
    main()
