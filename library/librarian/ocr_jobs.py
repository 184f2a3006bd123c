"""OCR from the staff pages: a job runs in the background of the web process that took the
request, and its progress is kept in `index/jobs.sqlite3`, so any web worker can show it and
a page can be reloaded (or the browser closed) without losing it.

A job's documents are OCR'd and indexed through `indexing.ocr_documents` (the one writer);
its result is each document's standing in the index afterwards (`publishing.Outcome`). A job
whose process died (a restart) is shown as stopped, not as running for ever.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from library import store
from library.errors import LibraryError
from library.indexing import ocr_documents
from library.librarian.publishing import PROBLEM, Outcome, outcomes_of, publish_staged

if TYPE_CHECKING:
    from library.config import Settings

logger = logging.getLogger(__name__)

RUNNING, DONE, FAILED, STOPPED = "running", "done", "failed", "stopped"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, pid INTEGER NOT NULL, state TEXT NOT NULL, stage TEXT NOT NULL,
    done INTEGER NOT NULL, total INTEGER NOT NULL, paths TEXT NOT NULL, result TEXT NOT NULL,
    message TEXT NOT NULL, started REAL NOT NULL, finished REAL
)
"""


@dataclass(frozen=True)
class Job:
    """One OCR job as staff see it."""

    id: str
    state: str
    stage: str
    done: int
    total: int
    paths: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    message: str = ""
    started: float = 0.0
    finished: float | None = None

    @property
    def running(self) -> bool:
        return self.state == RUNNING

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "state": self.state,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "paths": list(self.paths),
            "outcomes": [o.to_dict() for o in self.outcomes],
            "message": self.message,
        }


@contextmanager
def _db(settings: Settings) -> Iterator[sqlite3.Connection]:
    path = store.jobs_path(settings.index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path, timeout=10.0)) as db:
        db.execute(_SCHEMA)
        with db:
            yield db


def _update(settings: Settings, job_id: str, **values: object) -> None:
    columns = ", ".join(f"{k} = ?" for k in values)
    with _db(settings) as db:
        db.execute(f"UPDATE jobs SET {columns} WHERE id = ?", (*values.values(), job_id))


def start_ocr(settings: Settings, relpaths: list[str], *, staged: str = "") -> str:
    """Start OCR of `relpaths` (or of the image-only upload held as `staged`, which is first
    put into its class folder) in a background thread; returns the job's id."""
    job_id = secrets.token_hex(8)
    total = len(relpaths) or 1
    with _db(settings) as db:
        db.execute(
            "INSERT INTO jobs VALUES (?, ?, ?, ?, 0, ?, ?, '[]', '', ?, NULL)",
            (job_id, os.getpid(), RUNNING, "Waiting to start", total, json.dumps(relpaths),
             time.time()),
        )  # fmt: skip
    thread = threading.Thread(
        target=_run, args=(settings, job_id, relpaths, staged), name=f"ocr-{job_id}", daemon=True
    )
    thread.start()
    return job_id


class _Progress:
    """`indexing.Progress` that writes each step into the job's row."""

    def __init__(self, settings: Settings, job_id: str) -> None:
        self.settings, self.job_id = settings, job_id
        self.done = self.total = 0

    def start(self, total: int) -> None:
        self.total = total
        stage = f"Reading the scanned pages with Tesseract (document 1 of {total})"
        _update(self.settings, self.job_id, total=total, stage=stage)

    def advance(self, relpath: str, pages: int) -> None:
        self.done += 1
        stage = (
            "Indexing the text OCR found"
            if self.done >= self.total
            else f"Reading the scanned pages with Tesseract (document {self.done + 1} of "
            f"{self.total})"
        )
        _update(self.settings, self.job_id, done=self.done, stage=stage)


def _run(settings: Settings, job_id: str, relpaths: list[str], staged: str) -> None:
    try:
        if staged:
            _update(settings, job_id, stage="Publishing the upload")
            relpaths = [publish_staged(settings, staged).relpath]
            _update(settings, job_id, paths=json.dumps(relpaths))
        report = ocr_documents(settings, relpaths, progress=_Progress(settings, job_id))
        outcomes = outcomes_of(settings, relpaths, report.sync)
        failed = {p.path: p for p in report.failed}
        outcomes = [
            Outcome(o.relpath, PROBLEM, failed[o.relpath].reason, failed[o.relpath].detail)
            if o.relpath in failed
            else o
            for o in outcomes
        ]
        result = json.dumps([o.to_dict() for o in outcomes])
        _update(settings, job_id, state=DONE, stage="Finished", done=len(relpaths),
                result=result, finished=time.time())  # fmt: skip
    except LibraryError as exc:
        _update(settings, job_id, state=FAILED, stage="Stopped", message=str(exc),
                finished=time.time())  # fmt: skip
    except Exception as exc:
        # The outer loop of a background job, like the watcher's: whatever went wrong is
        # shown to staff on the job's page and logged, instead of a job "running" for ever.
        logger.exception("OCR job %s failed", job_id)
        _update(settings, job_id, state=FAILED, stage="Stopped", message=f"{exc}",
                finished=time.time())  # fmt: skip


def read_job(settings: Settings, job_id: str) -> Job | None:
    """The job with this id, or None."""
    if not store.jobs_path(settings.index_dir).is_file():
        return None
    with _db(settings) as db:
        row = db.execute(
            "SELECT id, pid, state, stage, done, total, paths, result, message, started, "
            "finished FROM jobs WHERE id = ?",
            (job_id,),
        ).fetchone()
    if row is None:
        return None
    ident, pid, state, stage, done, total, paths, result, message, started, finished = row
    if state == RUNNING and not _alive(int(pid)):
        state, message = STOPPED, "The server restarted while this job ran: run OCR again."
    outcomes = tuple(
        Outcome(o["path"], o["state"], o["reason"], o["detail"]) for o in json.loads(result)
    )
    return Job(ident, state, stage, int(done), int(total), tuple(json.loads(paths)), outcomes,
               message, float(started), finished)  # fmt: skip


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
