"""The librarian's commands: status, check, guide, report, ocr and hash-password.

Each parses its flags, calls `library.librarian` (or `library.indexing` for OCR), and prints;
`library.cli` adds them to the `library` group.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from library import store
from library.classes import CLASSES, UNCLASSIFIED
from library.cli_common import fail, load_settings, print_sync_report, read_index, settings_options
from library.errors import LibraryError
from library.librarian import Status, read_status
from library.progress import ProgressBar


@click.command("status")
@settings_options
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def status_cmd(*, as_json: bool, **flags: Any) -> None:
    """Show documents and pages per class, when the index last changed, and every file that
    could not be indexed, with the reason.

    Example: library status --json
    """
    settings = load_settings(**flags)
    status = read_index(
        settings, lambda catalog: read_status(catalog, store.last_changed(settings.index_dir))
    )
    if as_json:
        click.echo(json.dumps(status.to_dict(), indent=2, ensure_ascii=False))
        return
    changed = status.last_changed.isoformat(timespec="seconds") if status.last_changed else "never"
    click.echo(f"{status.documents} documents, {status.pages} pages; last changed {changed}")
    for cls in (*CLASSES, UNCLASSIFIED):
        docs, pages = status.classes.get(cls.slug, 0), status.class_pages.get(cls.slug, 0)
        click.echo(f"  {cls.slug:<28} {docs:>5} documents {pages:>7} pages")
    if status.semantic:
        click.echo(
            f"semantic search on for {status.semantic_documents} of {status.documents} "
            f"documents (model {status.semantic_model})"
        )
    else:
        click.echo(f"semantic search off: {status.semantic_reason}; search is by words alone")
    if status.private:
        click.echo(f"  ({status.private} non-public documents are kept out of search)")
    if status.unclassified:
        click.echo("\nUnclassified (move into a class folder):")
        for path in status.unclassified:
            guess = status.suggestions.get(path)
            hint = f"  → suggested: {guess.pub_class} ({guess.confidence:.0%})" if guess else ""
            click.echo(f"  {path}{hint}")
    if status.problems or status.sidecar_problems:
        click.echo("\nProblems:")
        for p in [*status.problems, *status.sidecar_problems]:
            click.echo(f"  {p.path}: {p.reason}: {p.detail}")
        _print_advice(status)
    _print_status_extras(status)


@click.command("check")
@settings_options
@click.option("--deep", is_flag=True, help="Also hash every file and compare contents.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def check_cmd(*, deep: bool, as_json: bool, **flags: Any) -> None:
    """Verify the index against the documents folder (missing, stale and orphaned entries)
    and the index's own integrity. Exits 1 when anything is wrong, so cron can mail it.

    Example: library check --deep || echo "run: library index"
    """
    from library.librarian import check_index

    settings = load_settings(**flags)
    report = check_index(settings, deep=deep)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        counts = ", ".join(f"{n} {kind}" for kind, n in report.counts().items())
        verdict = "OK" if report.ok else "PROBLEMS"
        click.echo(f"{verdict}: {report.files} files, {report.entries} index entries; {counts}")
        for finding in report.findings:
            where = finding.path or "(index)"
            click.echo(f"  {finding.kind:<10} {where}: {finding.detail}")
        if not report.ok:
            click.echo(
                "Run `library index` to repair, or `library reindex` if the index is damaged."
            )
    if not report.ok:
        sys.exit(1)


@click.command("guide")
@settings_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "csv", "md", "json"]),
    default="md",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File.")
@click.option("--base-url", default="", help="Prefix for document links, e.g. https://example.org.")
def guide_cmd(*, fmt: str, output: Path | None, base_url: str, **flags: Any) -> None:
    """Export the Guide to Information: every published document by scheme class, with its
    format and charge (sidecar `format`/`charge`, default free PDF). The HTML is the site's
    /guide listing as one standalone page.

    Example: library guide --format html -o guide.html --base-url https://docs.example.gov.uk
    """
    from library.librarian import build_guide, render_guide

    settings = load_settings(**flags)
    guide = read_index(settings, lambda catalog: build_guide(catalog, settings))
    text = render_guide(guide, fmt, web_dir=settings.web_dir, base_url=base_url)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output} ({guide.total} documents)", err=True)


@click.command("ocr")
@settings_options
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
def ocr_cmd(*, paths: tuple[str, ...], as_json: bool, **flags: Any) -> None:
    """Make scanned (image-only) PDFs searchable: OCR gives them a text layer, which is then
    indexed. The original file is never changed; the OCR copy is kept in index/ocr/.

    With no PATHS, every document the index lists as `no-text` is done. Needs Tesseract and
    OCRmyPDF (`apt-get install tesseract-ocr`, `pip install 'publication-library[ocr]'`).

    Example: library ocr decisions/scanned-minutes.pdf
    """
    from library.indexing import ocr_documents

    settings = load_settings(**flags)
    try:
        with ProgressBar("OCR") as bar:
            report = ocr_documents(settings, list(paths) or None, progress=bar)
    except LibraryError as exc:
        raise fail(exc) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    total = len(report.done) + len(report.cached)
    if not total and not report.failed:
        click.echo("Nothing needs OCR (no image-only documents).")
    for relpath in report.done:
        click.echo(f"  text layer made: {relpath}")
    for problem in report.failed:
        click.echo(f"  failed {problem.path}: {problem.detail}")
    for relpath in report.skipped:
        click.echo(f"  skipped {relpath} (missing or not public)")
    for relpath in report.still_no_text:
        click.echo(f"  no readable text found in {relpath}")
    if report.sync is not None:
        print_sync_report(report.sync, as_json=False)


@click.command("hash-password")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def hash_password_cmd(*, password_stdin: bool) -> None:
    """Print a hash for the `staff_password_hash` setting (the password itself is never
    stored anywhere).

    Example: library hash-password   (then put the output in library.toml)
    """
    from library.librarian import hash_password

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        click.echo(hash_password(password))
    except LibraryError as exc:
        raise fail(exc) from exc


def _print_advice(status: Status) -> None:
    from library.librarian import advice_for

    click.echo("\nWhat to do:")
    for reason in sorted({p.reason for p in status.all_problems()}):
        click.echo(f"  {reason}: {advice_for(reason)}")


def _print_status_extras(status: Status) -> None:
    if status.duplicates:
        click.echo("\nSame content under more than one path:")
        for paths in status.duplicates:
            click.echo("  " + "  =  ".join(paths))
    if status.review_due:
        click.echo("\nPast their review date:")
        for row in status.review_due:
            click.echo(f"  {row['path']}: review by {row['review_by']}")


@click.command("report")
@settings_options
@click.option("--since", default="30d", show_default=True, help="Period: days (30d) or weeks (2w).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def report_cmd(*, since: str, limit: int, as_json: bool, **flags: Any) -> None:
    """The search insight report: searches per day, top queries, queries that found no answer
    or whose results nobody opened, and the request-page funnel. Each search that found
    nothing is an FOI request waiting to happen, and a document worth publishing.

    Example: library report --since 30d
    """
    from library.librarian import parse_since, read_report

    settings = load_settings(**flags)
    try:
        report = read_report(settings.index_dir, days=parse_since(since), limit=limit)
    except LibraryError as exc:
        raise fail(exc) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(
        f"{report.start} to {report.end}: {report.searches} searches, "
        f"{report.zero_results} found no answer ({report.zero_rate:.0%})"
    )
    f = report.funnel
    click.echo(
        f"Request page: {f['shown']} shown documents, {f['opened']} opened one "
        f"({report.opened_rate:.0%}), {f['contact']} went to the FOI contact details"
    )
    for title, rows in (
        ("Top searches", report.top_queries),
        ("Found no answer (publish something?)", report.zero_queries),
        ("Results nobody opened", report.unopened_queries),
        ("Too short or only common words", report.junk_queries),
    ):
        click.echo(f"\n{title}:")
        for row in rows:
            click.echo(f"  {row.searches:>5}  {row.query}  ({row.results} results)")
        if not rows:
            click.echo("  (none)")


COMMANDS = (status_cmd, check_cmd, guide_cmd, ocr_cmd, hash_password_cmd, report_cmd)
