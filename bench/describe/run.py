"""Describe benchmark: is every document described right (title, year, type)?

Copies every PDF of the shared corpus into a temporary drop folder as `decisions/document-001.pdf`,
`decisions/document-002.pdf`, ... (sorted by original name), indexes it with `library index` in
a subprocess, reads every document back from `library guide --format csv`, and compares its
title, published year and (when the guide has a `type` column) type with bench/describe/judged.tsv.

Opaque names, because the indexer falls back to the file name for the title and the year, and the
corpus names give both away. One class folder for all, because the guide lists only documents
filed in one of the seven classes (an unclassified PDF is not in it), and a class per document
would hint at its type; `decisions` is as good as any and is the same for every file.

Usage (from the repository root):
    .venv/bin/python -m bench.describe.run             # fresh index in a temporary folder
    .venv/bin/python -m bench.describe.run --keep DIR  # build (or reuse) DIR/documents, DIR/index
    .venv/bin/python -m bench.describe.run --json      # the figures as JSON
"""

from __future__ import annotations

import argparse
import calendar
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
JUDGED = HERE / "judged.tsv"
CORPUS = Path(os.environ.get("LIBRARY_TEST_CORPUS", HERE.parents[2] / "shared" / "corpus")) / "real"
CLASS = "decisions"
Row = dict[str, str]  # one row of the guide CSV
MONTHS = frozenset(m.lower() for m in calendar.month_name if m)  # the C locale: English
RULE = (
    "title right when, after normalising (Unicode NFKC, lower case, '&' -> 'and', ordinals "
    "'20th' -> '20', every run of punctuation, dashes, slashes and white space -> one space), it "
    "equals the judged title or an `accept` alternative; or equals it once dates (years, "
    "'2025 26', month names, day numbers beside a month) are dropped from both, provided every "
    "year and month named in one is named in the other; or it contains a wanted title, or the "
    "judged title contains it, as whole words, where the shorter has at least 3 words besides "
    "dates and the longer at most twice as many words. Year right when the years agree; judged "
    "`none` is right only when no date is shown. Type right when equal."
)


@dataclass(frozen=True)
class Judged:
    file: str
    title: str
    accept: tuple[str, ...]
    date: str
    type: str


def read_judged(path: Path) -> list[Judged]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Judged(r["file"], r["title"], tuple(a.strip() for a in (r["accept"] or "").split(" | ")
                   if a.strip()), r["date"].strip(), r["type"].strip())
            for r in rows
        ]  # fmt: skip


def normalise(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("&", " and ")
    text = re.sub(r"(\d+)(st|nd|rd|th)\b", r"\1", text)
    return re.sub(r"[\W_]+", " ", text).split()


def _is_year(token: str) -> bool:
    return re.fullmatch(r"(19|20)\d\d", token) is not None


def undated(words: list[str]) -> list[str]:
    """`words` without dates: 'budget 2018 19' -> 'budget', 'minutes 26 may 2018' -> 'minutes'."""

    def date_word(i: int, w: str) -> bool:
        near = {words[k] for k in (i - 1, i + 1) if 0 <= k < len(words)}
        day = w.isdigit() and len(w) <= 2 and bool(near & MONTHS)
        year_end = len(w) == 2 and w.isdigit() and i > 0 and _is_year(words[i - 1])
        return w in MONTHS or _is_year(w) or day or year_end

    return [w for i, w in enumerate(words) if not date_word(i, w)]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def title_right(got: str, judged: Judged) -> bool:
    g = normalise(got)
    for want in (judged.title, *judged.accept):
        w = normalise(want)
        if g == w:
            return True
        gy, wy = ({t for t in x if _is_year(t) or t in MONTHS} for x in (g, w))
        if (gy <= wy or wy <= gy) and undated(g) and undated(g) == undated(w):
            return True
        # got may add words to any wanted title, or be a cut of the judged title itself
        for short, long_ in [(w, g), *([(g, w)] if want == judged.title else [])]:
            fits = len(undated(short)) >= 3 and len(long_) <= 2 * len(short)
            if fits and _contains(long_, short):
                return True
    return False


def year_right(got: str, judged: Judged) -> bool:
    if judged.date == "none":
        return not got
    return got[:4] == judged.date[:4]


def library(work: Path, *args: str) -> str:
    """Runs `library ARGS --documents WORK/documents --index WORK/index`; returns its stdout."""
    exe = Path(sys.executable).parent / "library"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "library"]
    dirs = ["--documents", str(work / "documents"), "--index", str(work / "index")]
    done = subprocess.run([*command, *args, *dirs], check=True, cwd=work, stdout=subprocess.PIPE)
    return done.stdout.decode("utf-8")  # stderr (progress, errors) goes to ours


def build(work: Path, files: list[Path], jobs: int) -> dict[str, str]:
    """Lay the corpus out under opaque names and index it; returns opaque path -> original."""
    folder = work / "documents" / CLASS
    folder.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    for n, src in enumerate(files, start=1):
        dest = folder / f"document-{n:03d}.pdf"
        if not dest.exists() or dest.stat().st_size != src.stat().st_size:
            shutil.copyfile(src, dest)
        names[f"{CLASS}/{dest.name}"] = src.name
    library(work, "index", "--jobs", str(jobs))
    return names


def read_guide(work: Path) -> list[Row]:
    rows = list(csv.DictReader(io.StringIO(library(work, "guide", "--format", "csv"))))
    for row in rows:  # the guide guards cells against spreadsheet formulas with a quote
        for key in ("title", "path"):
            value = row.get(key) or ""
            if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@", "\t", "\r"):
                row[key] = value[1:]
    return rows


def measure(judged: list[Judged], names: dict[str, str], rows: list[Row]) -> dict[str, Any]:
    by_file = {names[r["path"]]: r for r in rows if r.get("path") in names}
    fields = ["title", "year", *(["type"] if rows and "type" in rows[0] else [])]
    right = dict.fromkeys(fields, 0)
    misses = []
    for j in judged:
        row = by_file.get(j.file) or {}
        got = {
            "title": row.get("title", "(not in the guide)"),
            "year": row.get("published") or "",
            "type": row.get("type") or "",
        }
        ok = {
            "title": bool(row) and title_right(got["title"], j),
            "year": bool(row) and year_right(got["year"], j),
            # `other` is judged "none of the kinds": right when the library names none.
            "type": bool(row) and got["type"] == ("" if j.type == "other" else j.type),
        }
        want = {"title": j.title, "year": j.date, "type": j.type}
        for f in fields:
            right[f] += ok[f]
            if not ok[f]:
                misses.append({"file": j.file, "field": f, "expected": want[f], "got": got[f]})
    n = len(judged)
    rates = {f: round(right[f] / n, 3) if f in right else None for f in ("title", "year", "type")}
    return {"documents": n, "in_guide": len(by_file), **rates, "right": right, "misses": misses}


def report(figures: dict[str, Any]) -> None:
    out, n = sys.stdout, figures["documents"]
    out.write(f"rule: {RULE}\n\ndocuments: {n} judged, {figures['in_guide']} in the guide\n")
    for f in ("title", "year", "type"):
        if figures[f] is None:
            out.write(f"{f}: n/a (the guide has no {f} column yet)\n")
        else:
            out.write(f"{f + ':':<6} {figures[f]:.3f} ({figures['right'][f]}/{n})\n")
    out.write(
        f"\nmisses ({len(figures['misses'])}):\n{'file':<58} {'field':<5} {'expected':<44} got\n"
    )
    for m in figures["misses"]:
        want = m["expected"] if len(m["expected"]) <= 44 else m["expected"][:41] + "..."
        out.write(f"{m['file']:<58} {m['field']:<5} {want:<44} {m['got'][:90] or '(none)'}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR and reuse it")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of corpus PDFs")
    parser.add_argument("--judged", type=Path, default=JUDGED)
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    judged = read_judged(args.judged)
    files = sorted(args.corpus.glob("*.pdf"))
    missing = {j.file for j in judged} - {f.name for f in files}
    if missing:
        sys.exit(f"judged files not in {args.corpus}: {', '.join(sorted(missing))}")
    with tempfile.TemporaryDirectory(prefix="describe-") as tmp:
        work = args.keep.resolve() if args.keep else Path(tmp)
        names = build(work, files, args.jobs)
        figures = measure(judged, names, read_guide(work))
    if args.json:
        sys.stdout.write(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    else:
        report(figures)


if __name__ == "__main__":
    main()
