"""Split the relevance bench's rows into a tuning half and a held-out half, once.

Each of queries.tsv, unanswerable.tsv and spelling.tsv gets a last column, `split`, holding
`tune` or `heldout`. Rows that already have one keep it: the split is drawn once and never
redrawn, so a figure on the held-out half stays comparable across changes. Rows added later get
a split when this script is run again (only they are shuffled, with the same seed and the file
name, and dealt out alternately so that the halves stay within one row of each other).

Tune ranking and spelling against `tune` only; `heldout` is for reporting.

    .venv/bin/python -m bench.relevance.split          # fill in missing splits (no-op when none)
    .venv/bin/python -m bench.relevance.split --check  # exit 1 if a row lacks a split
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20251201
FILES = ("queries.tsv", "unanswerable.tsv", "spelling.tsv")
HALVES = ("tune", "heldout")
# Columns before `split` in each file.
WIDTH = {"queries.tsv": 2, "unanswerable.tsv": 2, "spelling.tsv": 2}


def fill(path: Path) -> int:
    """Give every row of `path` lacking one a split; returns how many were assigned."""
    lines = path.read_text(encoding="utf-8").splitlines()
    width = WIDTH[path.name]
    rows = [i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    todo: list[int] = []
    counts = dict.fromkeys(HALVES, 0)
    for i in rows:
        cells = lines[i].split("\t")
        if len(cells) > width and cells[width] in HALVES:
            counts[cells[width]] += 1
        elif len(cells) == width:
            todo.append(i)
        else:
            raise SystemExit(f"{path.name}:{i + 1}: expected {width} or {width + 1} columns")
    rng = random.Random(f"{SEED}:{path.name}")
    rng.shuffle(todo)
    # Start dealing with the smaller half, so the halves stay balanced.
    order = sorted(HALVES, key=lambda h: (counts[h], HALVES.index(h)))
    for n, i in enumerate(todo):
        lines[i] = f"{lines[i]}\t{order[n % 2]}"
    if todo:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(todo)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that every row has one")
    args = parser.parse_args()
    missing = 0
    for name in FILES:
        path = HERE / name
        if args.check:
            width = WIDTH[name]
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    cells = line.split("\t")
                    missing += len(cells) <= width or cells[width] not in HALVES
        else:
            sys.stdout.write(f"{name}: {fill(path)} rows assigned (seed {SEED})\n")
    if args.check and missing:
        sys.stderr.write(f"{missing} rows have no split; run {Path(__file__).name}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
