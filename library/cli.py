"""The `library` command: index, reindex, search, status, serve, watch."""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from library import indexing, store
from library.classes import CLASSES, UNCLASSIFIED
from library.config import Settings
from library.errors import LibraryError
from library.librarian import read_status
from library.progress import ProgressBar
from library.search import Catalog, ReaderPool, SearchRequest, synonyms_for

if TYPE_CHECKING:
    from library.indexing import Change, SyncReport
    from library.models import ResultsPage

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def settings_options(func: F) -> F:
    """`--documents` and `--index` on every command; flags beat the environment and the file."""
    func = click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Index folder (env LIBRARY_INDEX; default ./index).",
    )(func)
    func = click.option(
        "--documents",
        "documents_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Drop folder of PDFs (env LIBRARY_DOCUMENTS; default ./documents).",
    )(func)
    return func


def load_settings(**flags: Any) -> Settings:
    try:
        return Settings.load(flags)
    except LibraryError as exc:
        raise click.ClickException(str(exc)) from exc


def _fail(exc: LibraryError) -> click.ClickException:
    return click.ClickException(str(exc))


def _read_index(settings: Settings, read: Callable[[Catalog], T]) -> T:
    """`read` on a catalog of the live index; a LibraryError (no index yet, an index that
    needs `library reindex`) becomes a clean CLI error."""
    reader = ReaderPool(settings.index_dir)
    try:
        with reader.catalog() as catalog:
            return read(catalog)
    except LibraryError as exc:
        raise _fail(exc) from exc
    finally:
        reader.close()


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log debugging detail.")
@click.version_option(package_name="publication-library")
def cli(*, verbose: bool) -> None:
    """A searchable publication-scheme library: PDFs in documents/, search for the public."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def _print_report(report: SyncReport, *, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
        return
    click.echo(
        f"added {report.added}, updated {report.updated}, removed {report.removed}, "
        f"unchanged {report.unchanged}, failed {report.failed} "
        f"({report.pages} pages in {report.seconds:.1f} s)"
    )
    for problem in report.problems:
        click.echo(f"  failed {problem.path}: {problem.reason}: {problem.detail}")


def _write_options(func: F) -> F:
    """`--jobs` and `--json`, as `index` and `reindex` both take them."""
    func = click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")(func)
    func = click.option(
        "--jobs", type=click.IntRange(1, 64), help="Extraction processes (default: cores)."
    )(func)
    return func


def _write_index(
    settings: Settings,
    write: Callable[..., SyncReport],
    label: str,
    *,
    as_json: bool,
) -> None:
    """Run one of the indexer's writers (`sync`, `rebuild`) behind a progress bar and print
    its report; a LibraryError (locked index, full disk) becomes a clean CLI error."""
    try:
        with ProgressBar(label) as bar:
            report = write(settings, progress=bar)
    except LibraryError as exc:
        raise _fail(exc) from exc
    _print_report(report, as_json=as_json)


@cli.command("index")
@settings_options
@_write_options
@click.option("--dry-run", is_flag=True, help="List what would change; change nothing.")
def index_cmd(*, as_json: bool, dry_run: bool, **flags: Any) -> None:
    """Bring the index up to date with the documents folder.

    New and changed files are indexed, removed ones leave the index, unchanged ones (same
    content hash) are skipped. Files that cannot be indexed are reported, and the command
    still succeeds.

    Example: library index --documents ./documents
    """
    settings = load_settings(**flags)
    if dry_run:
        _print_preview(settings, as_json=as_json)
        return
    _write_index(settings, indexing.sync, "Indexing", as_json=as_json)


@cli.command("reindex")
@settings_options
@_write_options
def reindex_cmd(*, as_json: bool, **flags: Any) -> None:
    """Rebuild the whole index from scratch and swap it in atomically.

    The running site keeps answering from the old index until the new one is complete.

    Example: library reindex
    """
    settings = load_settings(**flags)
    _write_index(settings, indexing.rebuild, "Rebuilding", as_json=as_json)


@cli.command("search")
@settings_options
@click.argument("query")
@click.option("--class", "pub_class", metavar="SLUG", help="Only this publication-scheme class.")
@click.option("--year", type=int, help="Only documents of this year.")
@click.option(
    "--type", "doc_type", metavar="KIND", help="Only this kind of document (minutes, policy...)."
)
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
def search_cmd(
    *,
    query: str,
    pub_class: str | None,
    year: int | None,
    doc_type: str | None,
    limit: int,
    as_json: bool,
    **flags: Any,
) -> None:
    """Search the index and print the best documents, their matching pages and a snippet.

    Example: library search "pupil premium" --class what-we-spend
    """
    settings = load_settings(**flags)
    request = SearchRequest(
        query=query, pub_class=pub_class, year=year, doc_type=doc_type, page_size=limit
    )

    def run(catalog: Catalog) -> ResultsPage:
        return catalog.search(request, synonyms=synonyms_for(settings.synonyms_file))

    results = _read_index(settings, run)
    if as_json:
        click.echo(json.dumps(results.to_dict(), indent=2, ensure_ascii=False))
        return
    if results.corrected_from:
        click.echo(f"No results for {query!r}; showing results for {results.suggestion!r}.")
    elif results.suggestion:
        click.echo(f"Did you mean: {results.suggestion}?")
    click.echo(f"{results.total} document(s) found.")
    for n, hit in enumerate(results.hits, start=1):
        pages = ", ".join(map(str, hit.pages)) or "-"
        click.echo(f"\n{n}. {hit.title}  [{hit.pub_class}]  score {hit.score:.2f}")
        click.echo(f"   {hit.path}  pages: {pages}")
        if hit.snippet.text:
            click.echo(f"   {hit.snippet.text}")


@cli.command("status")
@settings_options
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def status_cmd(*, as_json: bool, **flags: Any) -> None:
    """Show documents and pages per class, when the index last changed, and every file that
    could not be indexed, with the reason.

    Example: library status --json
    """
    settings = load_settings(**flags)
    status = _read_index(
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


def watch_options(func: F) -> F:
    """`--poll` and `--stability`, for the commands that run the watcher."""
    func = click.option(
        "--stability",
        "stability_seconds",
        type=click.FloatRange(0, min_open=True),
        metavar="SECONDS",
        help="Index a file once its size and mtime are steady this long (default 1).",
    )(func)
    func = click.option(
        "--poll",
        "poll_seconds",
        type=click.FloatRange(0, min_open=True),
        metavar="SECONDS",
        help="Rescan every N seconds instead of using file events (network shares).",
    )(func)
    return func


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop`, so the write in hand is finished or cancelled and
    never left half-done. Uvicorn restores and re-raises these handlers when it exits."""
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda signum, frame: stop.set())
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@cli.command("watch")
@settings_options
@watch_options
def watch_cmd(**flags: Any) -> None:
    """Keep the index in step with the documents folder as staff add, replace, rename, move
    and delete files; logs one line per change. Stop with Ctrl+C or SIGTERM.

    It first reconciles the folder with the index (as `library index`), then follows file
    events, or rescans every --poll seconds where events are not available.

    Example: library watch --documents /srv/share/documents --poll 10
    """
    from library.indexing import run_watcher

    settings = load_settings(**flags)
    stop = threading.Event()
    with _stop_on_signals(stop):
        try:
            run_watcher(settings, stop)
        except LibraryError as exc:
            raise _fail(exc) from exc


def _watch_in_background(settings: Settings, stop: threading.Event) -> None:
    from library.indexing import run_watcher

    try:
        run_watcher(settings, stop)
    except LibraryError as exc:
        logging.getLogger(__name__).error("the watcher could not start: %s", exc)


@cli.command("serve")
@settings_options
@click.option("--host", help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), help="Port (default 8000).")
@click.option("--no-watch", is_flag=True, help="Serve only; do not run the watcher.")
@watch_options
def serve_cmd(*, no_watch: bool, **flags: Any) -> None:
    """Serve the public site, and run the watcher beside it (the one writer) unless
    --no-watch is given.

    Example: library serve --port 8000
    """
    import uvicorn

    from library.web import create_app

    settings = load_settings(**flags)
    app = create_app(settings)
    stop = threading.Event()
    watcher = threading.Thread(
        target=_watch_in_background, args=(settings, stop), name="library-watcher"
    )
    # Our handlers are the ones uvicorn restores and re-raises after its graceful shutdown,
    # so a SIGTERM ends with exit code 0 and a stopped watcher, not a default-action kill.
    with _stop_on_signals(stop):
        if not no_watch:
            watcher.start()
        try:
            uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
        finally:
            stop.set()
            if watcher.is_alive():
                watcher.join()


# ---------------------------------------------------------------------------------------------
# The librarian's console: check, guide, report, ocr, hash-password (issue 6).


@cli.command("check")
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


@cli.command("guide")
@settings_options
@click.option(
    "--format", "fmt", type=click.Choice(["html", "csv", "md"]), default="md", show_default=True
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
    guide = _read_index(settings, lambda catalog: build_guide(catalog, settings))
    text = render_guide(guide, fmt, web_dir=settings.web_dir, base_url=base_url)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output} ({guide.total} documents)", err=True)


@cli.command("ocr")
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
        raise _fail(exc) from exc
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
        _print_report(report.sync, as_json=False)


@cli.command("hash-password")
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
        raise _fail(exc) from exc


def _planned(change: Change) -> str:
    """A dry run's change as a line: "would re-index decisions/minutes.pdf"."""
    if change.kind == indexing.KEPT:
        return f"kept {change.pages} files: the documents folder is empty"
    if change.kind == indexing.REMOVED:
        return f"would remove {change.path}"
    if change.kind == indexing.FAILED:
        return f"would fail {change.path}: {change.reason}"
    if change.kind == indexing.PRIVATE:
        return f"would record non-public {change.path}"
    if change.same_as and change.same_as != change.path:
        return f"would index {change.path} (same content as {change.same_as})"
    return f"would {'index' if change.new else 're-index'} {change.path}"


def _print_preview(settings: Settings, *, as_json: bool) -> None:
    try:
        report = indexing.preview(settings)
    except LibraryError as exc:
        raise _fail(exc) from exc
    if as_json:
        changes = [_planned(c) for c in report.changes]
        click.echo(json.dumps({**report.to_dict(), "changes": changes}, indent=2))
        return
    for change in report.changes:
        click.echo(_planned(change))
    click.echo(
        f"dry run: would add {report.added}, update {report.updated}, remove {report.removed}, "
        f"fail {report.failed}; {report.unchanged} unchanged"
    )


def _print_advice(status: Any) -> None:
    from library.librarian import advice_for

    click.echo("\nWhat to do:")
    for reason in sorted({p.reason for p in status.all_problems()}):
        click.echo(f"  {reason}: {advice_for(reason)}")


def _print_status_extras(status: Any) -> None:
    if status.duplicates:
        click.echo("\nSame content under more than one path:")
        for paths in status.duplicates:
            click.echo("  " + "  =  ".join(paths))
    if status.review_due:
        click.echo("\nPast their review date:")
        for row in status.review_due:
            click.echo(f"  {row['path']}: review by {row['review_by']}")


@cli.command("report")
@settings_options
@click.option("--since", default="30d", show_default=True, help="Period: days (30d) or weeks (2w).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def report_cmd(*, since: str, limit: int, as_json: bool, **flags: Any) -> None:
    """The search insight report: searches per day, top queries, queries that found nothing
    or whose results nobody opened, and the request-page funnel. Each search that found
    nothing is an FOI request waiting to happen, and a document worth publishing.

    Example: library report --since 30d
    """
    from library.librarian import parse_since, read_report

    settings = load_settings(**flags)
    try:
        report = read_report(settings.index_dir, days=parse_since(since), limit=limit)
    except LibraryError as exc:
        raise _fail(exc) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(
        f"{report.start} to {report.end}: {report.searches} searches, "
        f"{report.zero_results} found nothing ({report.zero_rate:.0%})"
    )
    f = report.funnel
    click.echo(
        f"Request page: {f['shown']} shown documents, {f['opened']} opened one "
        f"({report.opened_rate:.0%}), {f['contact']} went to the FOI contact details"
    )
    for title, rows in (
        ("Top searches", report.top_queries),
        ("Found nothing (publish something?)", report.zero_queries),
        ("Results nobody opened", report.unopened_queries),
    ):
        click.echo(f"\n{title}:")
        for row in rows:
            click.echo(f"  {row.searches:>5}  {row.query}  ({row.results} results)")
        if not rows:
            click.echo("  (none)")
