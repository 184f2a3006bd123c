"""The `library` command: index, reindex, search, status, serve, watch."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from library import indexer, store
from library.classes import CLASSES, UNCLASSIFIED
from library.config import Settings
from library.errors import LibraryError
from library.progress import ProgressBar
from library.reader import IndexReader
from library.search import SearchRequest, search
from library.status import read_status

F = TypeVar("F", bound=Callable[..., Any])


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


def _print_report(report: indexer.SyncReport, *, as_json: bool) -> None:
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


@cli.command("index")
@settings_options
@click.option("--jobs", type=click.IntRange(1, 64), help="Extraction processes (default: cores).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def index_cmd(*, as_json: bool, **flags: Any) -> None:
    """Bring the index up to date with the documents folder.

    New and changed files are indexed, removed ones leave the index, unchanged ones (same
    content hash) are skipped. Files that cannot be indexed are reported, and the command
    still succeeds.

    Example: library index --documents ./documents
    """
    settings = load_settings(**flags)
    try:
        with ProgressBar("Indexing") as bar:
            report = indexer.sync(settings, progress=bar)
    except LibraryError as exc:
        raise _fail(exc) from exc
    _print_report(report, as_json=as_json)


@cli.command("reindex")
@settings_options
@click.option("--jobs", type=click.IntRange(1, 64), help="Extraction processes (default: cores).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def reindex_cmd(*, as_json: bool, **flags: Any) -> None:
    """Rebuild the whole index from scratch and swap it in atomically.

    The running site keeps answering from the old index until the new one is complete.

    Example: library reindex
    """
    settings = load_settings(**flags)
    try:
        with ProgressBar("Rebuilding") as bar:
            report = indexer.rebuild(settings, progress=bar)
    except LibraryError as exc:
        raise _fail(exc) from exc
    _print_report(report, as_json=as_json)


@cli.command("search")
@settings_options
@click.argument("query")
@click.option("--class", "pub_class", metavar="SLUG", help="Only this publication-scheme class.")
@click.option("--year", type=int, help="Only documents of this year.")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
def search_cmd(
    *, query: str, pub_class: str | None, year: int | None, limit: int, as_json: bool, **flags: Any
) -> None:
    """Search the index and print the best documents, their matching pages and a snippet.

    Example: library search "pupil premium" --class what-we-spend
    """
    settings = load_settings(**flags)
    reader = IndexReader(settings.index_dir)
    request = SearchRequest(query=query, pub_class=pub_class, year=year, page_size=limit)
    try:
        with reader.searcher() as searcher:
            results = search(searcher, request)
    except LibraryError as exc:
        raise _fail(exc) from exc
    finally:
        reader.close()
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
    reader = IndexReader(settings.index_dir)
    try:
        with reader.searcher() as searcher:
            status = read_status(searcher, store.last_changed(settings.index_dir))
    except LibraryError as exc:
        raise _fail(exc) from exc
    finally:
        reader.close()
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
            click.echo(f"  {path}")
    if status.problems or status.sidecar_problems:
        click.echo("\nProblems:")
        for p in [*status.problems, *status.sidecar_problems]:
            click.echo(f"  {p.path}: {p.reason}: {p.detail}")


@cli.command("serve")
@settings_options
@click.option("--host", help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), help="Port (default 8000).")
def serve_cmd(**flags: Any) -> None:
    """Serve the public site.

    Example: library serve --port 8000
    """
    import uvicorn

    from library.web.app import create_app

    settings = load_settings(**flags)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
