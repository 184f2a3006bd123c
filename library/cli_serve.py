"""`library serve`: the public site as N web worker processes and one watcher process,
supervised together.

    library serve (supervisor: binds the port, owns the processes below)
      ├─ web worker x N     uvicorn's own process model (`uvicorn.supervisors.Multiprocess`):
      │                     spawned, each imports `library.web:worker_app` and builds its app
      │                     (its own reader pool) from the LIBRARY_* environment set here;
      │                     a worker that dies is replaced, SIGHUP replaces them all in turn
      └─ watcher x 1        `run_watcher`, the one writer, in a process of its own, restarted
                            if it dies; never started with --no-watch

uvicorn's supervisor is used rather than gunicorn: it is already a dependency, spawns rather
than forks (no Whoosh file handles or threads copied into the workers), restarts dead workers
(since 0.30) and handles SIGINT/SIGTERM/SIGHUP/SIGTTIN/SIGTTOU the way operators expect. The
supervisor does nothing but supervise: what every worker shares (the session key, the insight
and login databases) is created here once, before any worker starts, so they never race to.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import socket
import sqlite3
import sys
import threading
import time
from typing import Any

import click

from library import store
from library.cli_common import fail, load_settings, settings_options, stop_on_signals, watch_options
from library.config import Settings
from library.errors import LibraryError
from library.librarian import InsightRecorder, LoginLimiter, secret_key

logger = logging.getLogger(__name__)

WORKER_APP = "library.web:worker_app"
# The watcher's exit code when it cannot start (a missing folder, a bad setting): restarting
# it would only fail again, so it is reported and left stopped.
CANNOT_START = 3
_GRACE_SECONDS = 10  # for a worker's in-flight requests on shutdown
# A worker that does not answer the supervisor's ping this long is killed and replaced.
# uvicorn's 5 s is short for a worker whose threads are saturated by a spike on a small
# machine: replacing a busy worker would only make the spike worse.
_HEALTHCHECK_SECONDS = 15
_LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"


@click.command("serve")
@settings_options
@click.option("--host", help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), help="Port (default 8000).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    help="Web worker processes (env LIBRARY_WORKERS; default: the number of cores).",
)
@click.option("--no-watch", is_flag=True, help="Serve only; do not run the watcher.")
@watch_options
def serve_cmd(*, no_watch: bool, **flags: Any) -> None:
    """Serve the public site from --workers processes, and run the watcher beside them (the
    one writer) unless --no-watch is given. Stop with Ctrl+C or SIGTERM.

    Example: library serve --port 8000 --workers 4
    """
    settings = load_settings(**flags)
    try:
        prepare_shared(settings)
    except LibraryError as exc:
        raise fail(exc) from exc
    serve(settings, watch=not no_watch, log_level=logging.getLogger().getEffectiveLevel())


def prepare_shared(settings: Settings) -> None:
    """Create what all workers share before any starts: the session key, and the insight
    and login databases (WAL mode, tables), so first use is never a race between workers.

    Raises:
        ConfigError: the session key file exists but is empty.
    """
    secret_key(settings)
    try:
        InsightRecorder(settings.index_dir).prepare()
        LoginLimiter(store.logins_path(settings.index_dir)).close()
        if settings.answer_cache > 0:
            from library.web import PageCache  # the web app only where it is served

            PageCache(store.pages_path(settings.index_dir), settings.answer_cache).prepare()
    except (sqlite3.Error, OSError) as exc:
        # Each worker will try again and log it; the site can still serve without them.
        logger.warning("could not prepare the databases in %s: %s", settings.index_dir, exc)


def serve(settings: Settings, *, watch: bool, log_level: int = logging.INFO) -> None:
    """Run the workers (and the watcher) until SIGINT or SIGTERM, then stop them all."""
    from uvicorn import Config
    from uvicorn.supervisors import Multiprocess

    # What each spawned worker's `Settings.load()` reads: these settings, flags included.
    os.environ.update(settings.to_environ())
    config = Config(
        WORKER_APP,
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level="info",
        timeout_graceful_shutdown=_GRACE_SECONDS,
        timeout_worker_healthcheck=_HEALTHCHECK_SECONDS,
    )
    sock = tcp_listener(config.bind_socket())
    supervisor = Multiprocess(config, sockets=[sock])  # its signal handlers are set from here
    watcher = WatcherProcess(settings, log_level) if watch else None
    stopping = threading.Event()
    keeper = None
    if watcher is not None:
        watcher.start()
        keeper = threading.Thread(target=watcher.keep_alive, args=(stopping,), name="keeper")
        keeper.start()
    try:
        supervisor.run()
    finally:
        stopping.set()
        if keeper is not None and watcher is not None:
            keeper.join()
            watcher.stop(timeout=settings.lock_timeout + 30)
        sock.close()


def tcp_listener(sock: socket.socket) -> socket.socket:
    """The bound socket, marked as TCP so that every connection it accepts has Nagle's
    algorithm off.

    uvicorn's `Config.bind_socket` leaves the protocol number at 0; accepted sockets inherit
    it, and asyncio only sets TCP_NODELAY on a socket that says IPPROTO_TCP. Without it each
    keep-alive request after a connection's first waited for the client's delayed ACK: about
    40 ms on Linux, a fixed 52 ms for a cached results page that takes 12 (uvicorn issue
    #3149; bench/README.md, "HTTP"). A Unix socket is returned as it is.
    """
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return sock
    return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())


class WatcherProcess:
    """The one watcher, in a spawned process of its own, kept running by `keep_alive`."""

    def __init__(self, settings: Settings, log_level: int) -> None:
        self.settings = settings
        self.log_level = log_level
        self._context = multiprocessing.get_context("spawn")
        self.process: multiprocessing.process.BaseProcess | None = None
        self._started = 0.0

    def start(self) -> None:
        self.process = self._context.Process(
            target=watcher_main, args=(self.settings, self.log_level), name="library-watcher"
        )
        self.process.start()
        self._started = time.monotonic()
        logger.info("started the watcher process [%s]", self.process.pid)

    def keep_alive(self, stopping: threading.Event) -> None:
        """Restart the watcher whenever it dies, until `stopping` is set; one that died soon
        after starting waits longer each time (up to 30 s) before the next try."""
        delay = 1.0
        while not stopping.wait(0.5):
            process = self.process
            if process is None or process.is_alive():
                continue
            process.join()
            if process.exitcode == CANNOT_START:
                logger.error("the watcher cannot start; the site is served without it")
                return
            ran = time.monotonic() - self._started
            delay = 1.0 if ran > 60 else min(30.0, delay * 2)
            logger.warning(
                "the watcher process [%s] died (exit code %s); restarting it in %.0f s",
                process.pid,
                process.exitcode,
                delay,
            )
            if not stopping.wait(delay):
                self.start()

    def stop(self, timeout: float) -> None:
        """SIGTERM, so the write in hand is finished or cancelled; SIGKILL after `timeout`."""
        process = self.process
        if process is None or process.exitcode is not None:
            return
        process.terminate()
        process.join(timeout)
        if process.is_alive():
            logger.error("the watcher did not stop within %.0f s; killing it", timeout)
            process.kill()
            process.join()


def watcher_main(settings: Settings, log_level: int) -> None:
    """The watcher process: `run_watcher` until SIGTERM or SIGINT."""
    from library.indexing import run_watcher

    logging.basicConfig(level=log_level, format=_LOG_FORMAT, stream=sys.stderr)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    stop = threading.Event()
    with stop_on_signals(stop):
        try:
            run_watcher(settings, stop)
        except LibraryError as exc:
            logger.error("the watcher could not start: %s", exc)
            sys.exit(CANNOT_START)
