"""What every `library` command shares: the settings flags, settings loading, reading the
live index, and turning a LibraryError into a clean CLI error."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop` while the block runs, so the write in hand is finished
    or cancelled and never left half-done; the handlers before are put back after.

    The handler never sets `stop` itself. Python runs a handler on the main thread between
    two of its bytecodes, which can be inside `stop.wait()` while that holds the event's
    lock; `stop.set()` there waits for the same lock for ever (a watcher under load hung
    this way after SIGTERM), and so would starting a thread there, if the main thread was
    starting one. The handler only writes a byte to a pipe (safe anywhere); a relay thread,
    started before, reads it and sets `stop`, and ends when the block does.
    """
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)

    def relay() -> None:
        if os.read(read_end, 1):  # b"" once the block has ended: nothing to stop
            stop.set()
        os.close(read_end)

    def handler(signum: int, frame: Any) -> None:
        with contextlib.suppress(BlockingIOError):  # a byte is waiting already
            os.write(write_end, b"\0")

    threading.Thread(target=relay, name="stop-on-signal", daemon=True).start()
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, before in previous.items():
            signal.signal(sig, before)
        os.close(write_end)


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
