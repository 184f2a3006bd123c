"""The `library` command: index, reindex, search and watch here; serve (its worker processes)
in `cli_serve`; the librarian's commands (status, check, guide, report, ocr, hash-password)
in `cli_librarian`."""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from library import cli_librarian, cli_serve, indexing
from library.cli_common import (
    F,
    fail,
    load_settings,
    print_sync_report,
    read_index,
    settings_options,
    stop_on_signals,
    watch_options,
)
from library.config import Settings
from library.doctypes import doc_type_name
from library.errors import LibraryError
from library.progress import ProgressBar
from library.search import Catalog, SearchRequest, pins_for, synonyms_for

if TYPE_CHECKING:
    from library.indexing import Change, SyncReport
    from library.results import ResultsPage


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
        raise fail(exc) from exc
    print_sync_report(report, as_json=as_json)


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
        synonyms = synonyms_for(settings.synonyms_path)
        return catalog.search(request, synonyms=synonyms, curated=pins_for(settings.curated_path))

    results = read_index(settings, run)
    if as_json:
        click.echo(json.dumps(results.to_dict(), indent=2, ensure_ascii=False))
        return
    if results.corrected_from:
        click.echo(f"No results for {query!r}; showing results for {results.suggestion!r}.")
    elif results.suggestion:
        click.echo(f"Did you mean: {results.suggestion}?")
    click.echo(f"{results.total} document(s) found.")
    if results.hits and not results.answered:
        click.echo("Nothing published seems to answer this; these mention some of its words.")
    for n, hit in enumerate(results.hits, start=1):
        pages = ", ".join(map(str, hit.pages)) or "-"
        label = "recommended answer" if hit.curated else f"{hit.match} match"
        click.echo(f"\n{n}. {hit.title}  [{hit.pub_class}]  {label}, score {hit.score:.2f}")
        if hit.file_format == "pdf":
            click.echo(f"   {hit.path}  pages: {pages}")
        else:  # a sheet, rows or a section: where a person finds it
            click.echo(f"   {hit.path}  in: {'; '.join(x.label for x in hit.locations) or '-'}")
        about = "; ".join(x for x in (doc_type_name(hit.doc_type), hit.date_label) if x)
        if about:
            click.echo(f"   {about}")
        if hit.snippet.text:
            click.echo(f"   {hit.snippet.text}")


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
    with stop_on_signals(stop):
        try:
            run_watcher(settings, stop)
        except LibraryError as exc:
            raise fail(exc) from exc


# ---------------------------------------------------------------------------------------------
# The librarian's console: check, guide, report, ocr, hash-password (issue 6).


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
        raise fail(exc) from exc
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


cli.add_command(cli_serve.serve_cmd)
for _command in cli_librarian.COMMANDS:
    cli.add_command(_command)
