"""Text engines compared in one run: pypdf's `extract_text`, PDFium's page text, and
`library.indexing.pdf_layout.read_pdf` (PDFium text plus the first pages' layout lines), single
process, over the real corpus; then every edge-case file through each engine in its own
subprocess with a time limit, reporting its pages or its error. Figures only, no assertions.

    .venv/bin/python -m bench.extract_engines [--corpus ../shared/corpus] [--timeout 30]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

ENGINES = ("pypdf", "pdfium", "read_pdf")


def pypdf_pages(path: Path) -> int:
    """Every page through pypdf's `extract_text`, as `library/extract.py` does today."""
    from pypdf import PdfReader

    reader = PdfReader(path, strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    for page in reader.pages:
        page.extract_text()
    return len(reader.pages)


def pdfium_pages(path: Path) -> int:
    """Every page's text through PDFium, pages and text pages closed as they go."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    with pdfium.PdfDocument(path) as document:
        count = len(document)
        for index in range(count):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    return int(count)


def read_pdf_pages(path: Path) -> int:
    """`read_pdf`: PDFium text of every page and layout lines of the first three."""
    from library.indexing.pdf_layout import read_pdf

    return read_pdf(path).page_count


RUNNERS: dict[str, Callable[[Path], int]] = {
    "pypdf": pypdf_pages,
    "pdfium": pdfium_pages,
    "read_pdf": read_pdf_pages,
}


def timed(engine: str, files: list[Path]) -> tuple[int, float, int]:
    """Pages read, seconds taken and files that failed, for one engine over `files`."""
    run = RUNNERS[engine]
    pages = failed = 0
    started = time.perf_counter()
    for path in files:
        try:
            pages += run(path)
        except Exception:  # a benchmark counts failures, it does not stop on them
            failed += 1
    return pages, time.perf_counter() - started, failed


def one_file(engine: str, path: Path) -> None:
    """Child-process entry: print {"pages": n} or {"error": "..."} as JSON."""
    try:
        result: dict[str, object] = {"pages": RUNNERS[engine](path)}
    except Exception as exc:  # reported, not raised: the parent prints it
        reason = getattr(exc, "reason", None)
        result = {"error": f"{reason or type(exc).__name__}: {str(exc)[:80]}"}
    sys.stdout.write(json.dumps(result))


def edge_report(edge: Path, timeout: float) -> None:
    """Each edge file through each engine in a subprocess with a time limit."""
    files = sorted(edge.glob("*.pdf"))
    sys.stdout.write(
        f"\nedge files ({len(files)}), each engine in a subprocess, {timeout}s limit\n"
    )
    sys.stdout.write(f"{'file':52} " + " ".join(f"{e:24}" for e in ENGINES) + "\n")
    for path in files:
        cells = []
        for engine in ENGINES:
            command = [sys.executable, "-m", "bench.extract_engines", "--one", engine, str(path)]
            try:
                done = subprocess.run(
                    command, capture_output=True, text=True, timeout=timeout, check=False
                )
                answer = json.loads(done.stdout or "{}") if done.returncode == 0 else {}
                cell = (
                    f"{answer['pages']} pages"
                    if "pages" in answer
                    else answer.get("error", f"crashed (exit {done.returncode})")
                )
            except subprocess.TimeoutExpired:
                cell = "timeout"
            cells.append(str(cell)[:24].ljust(24))
        sys.stdout.write(f"{path.name[:52]:52} " + " ".join(cells) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--one", nargs=2, metavar=("ENGINE", "PDF"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # pypdf warns on every malformed file it recovers
    import logging

    logging.disable(logging.CRITICAL)
    if args.one:
        one_file(args.one[0], Path(args.one[1]))
        return
    files = sorted((args.corpus / "real").glob("*.pdf"))
    results = {engine: timed(engine, files) for engine in ENGINES}
    base = results["pypdf"][0] / results["pypdf"][1]
    sys.stdout.write(f"real corpus: {len(files)} files, single process\n")
    for engine, (pages, seconds, failed) in results.items():
        rate = pages / seconds
        sys.stdout.write(
            f"  {engine:9} {pages:5d} pages {seconds:7.2f} s {rate:8.1f} pages/s"
            f"  x{rate / base:5.1f} vs pypdf  failed {failed}\n"
        )
    edge_report(args.corpus / "edge", args.timeout)


if __name__ == "__main__":
    main()
