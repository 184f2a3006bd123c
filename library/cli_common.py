"""What every `library` command shares: the settings flags, settings loading, reading the
live index, and turning a LibraryError into a clean CLI error."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from library.config import Settings
from library.errors import LibraryError
from library.search import Catalog, ReaderPool, semantic_search

if TYPE_CHECKING:
    from library.indexing import SyncReport

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def stop_handler(stop: threading.Event) -> Callable[[int, Any], None]:
    """A signal handler that has `stop` set by a thread waiting for it, never in the
    handler itself: register the one handler for every signal that stops the command.

    Python runs a handler on the main thread between two of its bytecodes, which can be
    inside `stop.wait()` while that holds the event's lock; `stop.set()` there waits for the
    same lock for ever (a watcher under load hung this way after SIGTERM), and so would
    starting a thread there, if the main thread was starting one. The handler only writes a
    byte to a pipe (safe anywhere); the relay thread, started here, reads it and sets `stop`.
    The pipe and the thread last as long as the process.
    """
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)

    def relay() -> None:
        os.read(read_end, 1)
        stop.set()

    threading.Thread(target=relay, name="stop-on-signal", daemon=True).start()

    def handler(signum: int, frame: Any) -> None:
        with contextlib.suppress(BlockingIOError):  # a byte is waiting already
            os.write(write_end, b"\0")

    return handler


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


def load_settings(**flags: Any) -> Settings:
    try:
        return Settings.load(flags)
    except LibraryError as exc:
        raise click.ClickException(str(exc)) from exc


def fail(exc: LibraryError) -> click.ClickException:
    return click.ClickException(str(exc))


def read_index(settings: Settings, read: Callable[[Catalog], T]) -> T:
    """`read` on a catalog of the live index; a LibraryError (no index yet, an index that
    needs `library reindex`) becomes a clean CLI error."""
    reader = ReaderPool(settings.index_dir, semantic_search(settings.embedding_model))
    try:
        with reader.catalog() as catalog:
            return read(catalog)
    except LibraryError as exc:
        raise fail(exc) from exc
    finally:
        reader.close()


def print_sync_report(report: SyncReport, *, as_json: bool) -> None:
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
