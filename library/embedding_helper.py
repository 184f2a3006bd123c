"""A helper process that embeds a search's query while the search ranks it by its words.

A search needs two things that do not depend on each other: BM25F over the postings (Python,
holding the GIL) and the query's embedding (NumPy, 10-20 ms of one core, bound by streaming the
model's 42 MB of weights). A thread cannot overlap them: the embedding gives the GIL up and
takes it back about 200 times a query, and each time waits out the ranking thread's switch
interval, so it ran slower than inline (bench/README, "Tried and not kept: embedding the query
beside the word search"). A second process, on the machine's second core, can: the search
sends the text first, ranks by words, then reads the vector, which is usually there already
(bench/README, "The query embedded on the second core").

The helper is `python -m library.embedding_helper SETTING`: it loads the model as
`embedding.load_model(SETTING)` does, so its vectors are the searching process's own, and
says which weights it holds (their sha256). It serves one query at a time; a search that
finds it busy, not ready, or gone embeds the query itself, as it always did, so the helper
only ever makes a search faster, never different or failing. It exits when its stdin closes,
so a parent killed outright leaves no helper behind.

The frames on both pipes are a 4-byte little-endian length and that many bytes: UTF-8 text
to the helper; from it, first the weights' sha256 (or an empty frame: no model), then one
vector of float32 per text.
"""

from __future__ import annotations

import logging
import os
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

from library.embedding import load_model

logger = logging.getLogger(__name__)

# How long a search waits for its vector before embedding the query itself (the helper is
# then taken as broken): far above the 10-20 ms a query costs, below any visitor's patience.
WAIT_SECONDS = 2.0
_HEADER = struct.Struct("<I")
_LOADAVG = Path("/proc/loadavg")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worth_it() -> bool:
    """A helper only helps with a second core to run on."""
    return _cores() >= 2


def spare_core() -> bool:
    """Whether a core is idle this moment: fewer tasks running than cores, this one among
    them (Linux's /proc/loadavg; elsewhere, assumed). A busy server's cores are all taken by
    searches, and sending the embedding to another process then only adds switching: under
    32 clients on two workers it cost 15% of the searches a CPU second (bench/README)."""
    try:
        running = int(_LOADAVG.read_bytes().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return running < _cores()


class _Broken(Exception):
    pass


class Asked:
    """One query sent to the helper: its vector, once, then `finish` frees the helper."""

    def __init__(self, helper: EmbeddingHelper, text: str) -> None:
        self.text = text
        self._helper = helper
        self._vector: np.ndarray | None = None
        self._done = False

    def vector(self) -> np.ndarray | None:
        """The query's vector, or None (the helper failed: embed it yourself)."""
        if not self._done:
            self._done = True
            self._vector = self._helper._answer()
        return self._vector

    def finish(self) -> None:
        """Read the answer if no one did (the search ended early), so the next query's
        answer is its own; idempotent."""
        self.vector()


class EmbeddingHelper:
    """The helper process of one searching process (see the module docstring).

    Parameters:
        setting: `Settings.embedding_model`, as the searching process loaded it.
        model_id: the sha256 of the weights the searching process holds: a helper holding
            others is not used.
    """

    def __init__(self, setting: str, model_id: str) -> None:
        self.model_id = model_id
        self._lock = threading.Lock()  # one query at a time
        self._ready = False
        self._broken = False
        self.answered = 0  # vectors it gave (searches it sped up)
        self._proc: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-m", "library.embedding_helper", setting],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def ask(self, text: str) -> Asked | None:
        """Send `text` to be embedded; None when the helper cannot take it now (no core
        idle, busy with another thread's query, still loading, or gone)."""
        if self._broken or not spare_core() or not self._lock.acquire(blocking=False):
            return None
        try:
            if not self._ready:
                self._ready = self._started()
            if not self._ready:
                self._lock.release()
                return None
            data = text.encode("utf-8")
            self._write(_HEADER.pack(len(data)) + data)
        except _Broken as exc:
            self._fail(exc)
            self._lock.release()
            return None
        return Asked(self, text)

    def _started(self) -> bool:
        """Whether the helper has said it is ready (without waiting for it)."""
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        if not select.select([proc.stdout], [], [], 0)[0]:
            return False
        said = self._read(time.monotonic() + WAIT_SECONDS).decode("ascii")
        if not said:
            raise _Broken("it could not load the model")
        if said != self.model_id:
            raise _Broken(f"it holds other weights ({said[:12]})")
        return True

    def _answer(self) -> np.ndarray | None:
        try:
            data = self._read(time.monotonic() + WAIT_SECONDS)
            self.answered += 1
            return np.frombuffer(data, dtype=np.float32).copy()
        except _Broken as exc:
            self._fail(exc)
            return None
        finally:
            self._lock.release()

    def _write(self, data: bytes) -> None:
        proc = self._proc
        assert proc is not None and proc.stdin is not None
        try:
            proc.stdin.write(data)
        except OSError as exc:
            raise _Broken(f"it stopped ({exc})") from exc

    def _read(self, deadline: float) -> bytes:
        size = _HEADER.unpack(self._read_exactly(_HEADER.size, deadline))[0]
        return self._read_exactly(size, deadline)

    def _read_exactly(self, size: int, deadline: float) -> bytes:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        chunks: list[bytes] = []
        while size:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([proc.stdout], [], [], left)[0]:
                raise _Broken(f"no answer in {WAIT_SECONDS:g} s")
            chunk = os.read(proc.stdout.fileno(), size)
            if not chunk:
                raise _Broken("it stopped")
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def _fail(self, exc: Exception) -> None:
        logger.warning("query embedding helper not used any more: %s", exc)
        self._broken = True
        self._stop()

    def close(self) -> None:
        """Stop the helper (it also stops by itself when this process ends)."""
        # A search still reading its answer has a moment to finish; then the helper goes anyway.
        locked = self._lock.acquire(timeout=WAIT_SECONDS)
        try:
            self._broken = True
            self._stop()
        finally:
            if locked:
                self._lock.release()

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            proc.stdin.close()  # the helper's cue to exit
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def serve(setting: str) -> int:
    """The helper's side: say which weights, then one vector per text until stdin closes."""
    # Ctrl-C at a terminal reaches the whole process group: the parent decides when to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    model, state = load_model(setting)

    def send(data: bytes) -> None:
        stdout.write(_HEADER.pack(len(data)) + data)
        stdout.flush()

    try:
        send(state.model_id.encode("ascii") if model is not None else b"")
        if model is None:
            return 1
        while header := stdin.read(_HEADER.size):
            if len(header) < _HEADER.size:
                break
            text = stdin.read(_HEADER.unpack(header)[0]).decode("utf-8", errors="replace")
            send(model.embed([text])[0].astype(np.float32).tobytes())
    except BrokenPipeError:  # the parent is gone: so is the reason to run
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())  # no error at exit
    return 0


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1] if len(sys.argv) > 1 else ""))
