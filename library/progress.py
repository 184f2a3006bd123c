"""A rich progress bar for the indexer's `Progress` protocol (files, pages, rate, time left)."""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class ProgressBar:
    """Shows a bar on a terminal and nothing when output is piped (logs stay clean)."""

    def __init__(self, label: str, *, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.pages = 0
        self._bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[pages]} pages"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            disable=not self.enabled,
            transient=False,
        )
        self._task: TaskID | None = None
        self._label = label

    def __enter__(self) -> ProgressBar:
        self._bar.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._bar.__exit__(exc_type, exc, tb)

    def start(self, total: int) -> None:
        self._task = self._bar.add_task(self._label, total=total, pages=0, rate="")

    def advance(self, relpath: str, pages: int) -> None:
        if self._task is None:
            return
        self.pages += pages
        task = self._bar.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = f"{self.pages / elapsed:.0f} pages/s" if elapsed > 0.5 else ""
        self._bar.update(self._task, advance=1, pages=self.pages, rate=rate)
