"""Ingest speed: pages per second of `library index` at --jobs 1 and 2, beside pypdf's raw
extraction speed on the same files in the same run (the ratio is what indexing costs on top);
then units per second (pages, sheets and blocks of rows, sections) of every other format,
beside PDFs made in the same run, and the Excel reader against openpyxl's read-only mode.

The library rows index words only (semantic search off); `--vectors` adds a `--jobs 2` row
with passage vectors made too (the installed model), as `library index` does by default.

    .venv/bin/python -m bench.ingest [--corpus ../shared/corpus/real] [--repeat 1] [--vectors]
    .venv/bin/python -m bench.ingest --formats-only [--files 30]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from library.config import Settings
from library.indexing import sync

REPO = Path(__file__).resolve().parents[1]


def raw_pypdf(files: list[Path]) -> tuple[int, float]:
    """Plain pypdf text extraction in this process: the floor any indexer stands on."""
    from pypdf import PdfReader

    pages = 0
    started = time.perf_counter()
    for path in files:
        reader = PdfReader(path)
        for page in reader.pages:
            page.extract_text()
            pages += 1
    return pages, time.perf_counter() - started


def index_once(corpus: Path, jobs: int, *, vectors: bool = False) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "documents" / "policies-and-procedures"
        shutil.copytree(corpus, docs)
        settings = Settings(
            documents_dir=Path(tmp) / "documents",
            index_dir=Path(tmp) / "index",
            jobs=jobs,
            embedding_model="" if vectors else "off",
        )
        started = time.perf_counter()
        report = sync(settings)
        return report.pages, time.perf_counter() - started


def format_files(folder: Path, fmt: str, count: int) -> None:
    """`count` files of `fmt` as the tests write them, each of a few pages' worth of text."""
    from tests import formats as f
    from tests.pdfs import write_pdf

    words = ["council", "residents", "service", "charge", "review", "budget", "parking"]
    words += ["waste", "housing"]

    def para(n: int, i: int) -> str:
        return " ".join(words[(n * 7 + i * 3 + k) % len(words)] for k in range(60)) + "."

    sections = {f"Section {i}": [para(n, i) for n in range(4)] for i in range(12)}
    rows: list[list[object]] = [["Supplier", "Amount", "Service", "Notes"]]
    rows += [[f"Supplier {n}", n * 3.5, words[n % 9], para(n, 1)[:80]] for n in range(1500)]
    sheets = {"Q1": rows, "Q2": rows}
    markdown = "\n\n".join(f"## {h}\n\n" + "\n\n".join(p) for h, p in sections.items())
    html = "".join(f"<h2>{h}</h2>" + "".join(f"<p>{x}</p>" for x in p) for h, p in sections.items())
    for n in range(count):
        path = folder / f"{fmt}-{n}.{fmt}"
        if fmt == "pdf":
            write_pdf(path, ["\n".join(p) for p in sections.values()])
        elif fmt == "docx":
            f.write_docx(path, sections, title=f"Policy {n}")
        elif fmt == "odt":
            f.write_odt(path, sections, title=f"Policy {n}")
        elif fmt == "xlsx":
            f.write_xlsx(path, sheets, title=f"Payments {n}")
        elif fmt == "ods":
            f.write_ods(path, sheets, title=f"Payments {n}")
        elif fmt == "csv":
            f.write_spending_csv(path, rows=3000)
        elif fmt == "html":
            f.write_text(path, f"<html><title>Page {n}</title><main><h1>Page {n}</h1>{html}</main>")
        elif fmt == "md":
            f.write_text(path, f"# Notes {n}\n\n{markdown}")
        else:
            f.write_text(path, "\n\n".join(p for ps in sections.values() for p in ps))


def index_formats(count: int) -> list[tuple[str, int, int, float, int]]:
    """(format, files, units, seconds, characters of text) of `library index --jobs 1` over
    each format alone."""
    out = []
    for fmt in ("pdf", "docx", "odt", "xlsx", "ods", "csv", "html", "md", "txt"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "documents" / "policies-and-procedures"
            folder.mkdir(parents=True)
            format_files(folder, fmt, count)
            settings = Settings(
                documents_dir=Path(tmp) / "documents", index_dir=Path(tmp) / "index", jobs=1
            )
            started = time.perf_counter()
            report = sync(settings)
            seconds = time.perf_counter() - started
            assert report.failed == 0, report.problems
            stored = sum(len(t) for t in _unit_texts(settings))
            out.append((fmt, count, report.pages, seconds, stored))
    return out


def _unit_texts(settings: Settings) -> list[str]:
    from library import store
    from library.schema import KIND_PAGE

    ix = store.open_current(settings.index_dir)
    try:
        with ix.searcher() as searcher:
            return [
                f.get("text", "") for f in searcher.all_stored_fields() if f["kind"] == KIND_PAGE
            ]
    finally:
        ix.close()


def excel_readers(rows: int = 20_000) -> tuple[int, float, float, float]:
    """Cells, and the seconds of the library's whole extraction, of openpyxl's read-only mode
    iterating the values, and of bare lxml iterparse, on one sheet of `rows` rows by 10
    columns."""
    from openpyxl import load_workbook

    from library.indexing.formats import Limits, extract_document
    from tests import formats as f

    with tempfile.TemporaryDirectory() as tmp:
        sheet = [[f"r{n}c{c}" if c % 2 else n * c for c in range(10)] for n in range(rows)]
        path = f.write_xlsx(Path(tmp) / "sheet.xlsx", {"Data": sheet})
        started = time.perf_counter()
        extract_document(path, Limits())
        ours = time.perf_counter() - started
        started = time.perf_counter()
        workbook = load_workbook(path, read_only=True, data_only=True)
        for _ in workbook.worksheets[0].iter_rows(values_only=True):
            pass
        workbook.close()
        theirs = time.perf_counter() - started
        started = time.perf_counter()
        bare_iterparse(path)
        bare = time.perf_counter() - started
    return rows * 10, ours, theirs, bare


def bare_iterparse(path: Path) -> None:
    """lxml's iterparse over the sheet's rows and nothing else: the floor of any reader."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as fh:
        for _, row in etree.iterparse(fh, tag="{*}row"):
            row.clear()


def report_formats(count: int) -> None:
    results = index_formats(count)
    pdf_rate = results[0][2] / results[0][3]
    pdf_text = results[0][4] / results[0][3]
    emit(
        f"\n{'format':8} {'files':>5} {'units':>6} {'seconds':>8} {'units/s':>8} {'vs pdf':>7}"
        f" {'text KB/s':>10} {'vs pdf':>7}"
    )
    for fmt, files, units, seconds, chars in results:
        rate, text = units / seconds, chars / seconds
        emit(
            f"{fmt:8} {files:>5} {units:>6} {seconds:>8.2f} {rate:>8.1f} {rate / pdf_rate:>6.2f}x"
            f" {text / 1024:>10.1f} {text / pdf_text:>6.2f}x"
        )
    cells, ours, theirs, bare = excel_readers()
    emit(f"\nexcel sheet, {cells:,} cells:")
    emit(f"  library extraction        {cells / ours:>10,.0f} cells/s  1.00x")
    emit(f"  openpyxl read-only values {cells / theirs:>10,.0f} cells/s  {ours / theirs:.2f}x")
    emit(f"  bare lxml iterparse       {cells / bare:>10,.0f} cells/s  {ours / bare:.2f}x")


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "real")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--files", type=int, default=30, help="files per format")
    parser.add_argument("--formats-only", action="store_true", help="skip the PDF corpus")
    parser.add_argument("--vectors", action="store_true", help="add a row with passage vectors")
    args = parser.parse_args()
    if args.formats_only:
        report_formats(args.files)
        return
    files = sorted(args.corpus.glob("*.pdf"))
    emit(f"corpus: {args.corpus} ({len(files)} files)")
    rows = []
    for _ in range(args.repeat):
        pages, seconds = raw_pypdf(files)
        rows.append(("pypdf extract_text, 1 process", pages, seconds))
        for jobs in (1, 2):
            pages, seconds = index_once(args.corpus, jobs)
            rows.append((f"library index --jobs {jobs}", pages, seconds))
        if args.vectors:
            pages, seconds = index_once(args.corpus, 2, vectors=True)
            rows.append(("library index --jobs 2, vectors", pages, seconds))
    raw_rate = rows[0][1] / rows[0][2]
    emit(f"{'what':34} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'vs pypdf':>9}")
    for name, pages, seconds in rows:
        rate = pages / seconds
        emit(f"{name:34} {pages:>6} {seconds:>8.2f} {rate:>8.1f} {rate / raw_rate:>8.2f}x")
    report_formats(args.files)


if __name__ == "__main__":
    main()
