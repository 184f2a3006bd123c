"""Serving at scale (issue 15): `library serve --workers N` runs N web worker processes and
one watcher, supervised together, and what they share stays right.

The server tests run the real command on a free loopback port and look at the real process
tree (/proc); the shared-state tests run several real processes against one index folder,
started together, and count what they wrote.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from conftest import REPO, library_process, stored_searches
from live_server import free_port
from uvicorn import Config

from library.cli_serve import tcp_listener
from library.config import Settings
from library.errors import ConfigError
from library.indexing import indexer
from library.librarian import LoginLimiter, hash_password
from library.store import logins_path, secret_key_path

PASSWORD = "correct horse battery staple"
BOUND = 30.0  # seconds within which a change must show (CI on two busy cores is slow)


def eventually(check: Callable[[], object], what: str, timeout: float = BOUND) -> object:
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout:g} s: {what}")
        time.sleep(0.1)
    return result


# -- settings reach every worker ----------------------------------------------------------


def test_settings_survive_the_trip_through_the_environment(tmp_path: Path) -> None:
    settings = Settings.load(
        {"documents_dir": tmp_path / "d", "port": 9123, "workers": 3, "poll_seconds": 2.5},
        environ={"LIBRARY_SEARCH_QUEUE": "7", "LIBRARY_STAFF_USER": "ann"},
    )
    assert Settings.load(environ=settings.to_environ()) == settings
    assert settings.to_environ()["LIBRARY_WORKERS"] == "3"
    assert settings.to_environ()["LIBRARY_SYNONYMS_FILE"] == ""  # None, read back as None


def test_worker_counts_below_one_are_refused() -> None:
    with pytest.raises(ConfigError, match=r"workers.*at least 1"):
        Settings.load(environ={"LIBRARY_WORKERS": "0"})


# -- the listening socket ---------------------------------------------------------------


def nodelay_of_accepted(listener: socket.socket) -> int:
    """TCP_NODELAY of a connection an asyncio server (as uvicorn runs) accepts on `listener`."""
    seen: list[int] = []

    async def run() -> None:
        async def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            sock = writer.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(accepted, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        while not seen:
            await asyncio.sleep(0.01)
        writer.close()
        server.close()

    asyncio.run(run())
    return seen[0]


def test_connections_to_the_workers_socket_send_without_waiting_for_acks() -> None:
    # uvicorn's own bound socket leaves Nagle on (each keep-alive request after the first
    # then waits ~40 ms for the client's delayed ACK); the one `serve` hands its workers not.
    assert nodelay_of_accepted(Config("x:app", host="127.0.0.1", port=0).bind_socket()) == 0
    listener = tcp_listener(Config("x:app", host="127.0.0.1", port=0).bind_socket())
    assert listener.proto == socket.IPPROTO_TCP
    assert nodelay_of_accepted(listener) != 0


# -- several processes, one index folder ---------------------------------------------------


def run_together(code: str, *args: list[str], start: Path) -> list[str]:
    """Run `code` in one process per argument list, released at the same moment (when
    `start` appears); returns what each printed."""
    program = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        while not Path({str(start)!r}).exists():
            time.sleep(0.005)
        """
    ) + textwrap.dedent(code)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", program, *a], stdout=subprocess.PIPE, text=True, env=env
        )
        for a in args
    ]
    time.sleep(1.0)  # let every interpreter reach the barrier
    start.touch()
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * len(procs)
    return outputs


@pytest.mark.slow
def test_concurrent_insight_writes_from_several_processes_are_all_kept_once(
    tmp_path: Path,
) -> None:
    index = tmp_path / "index"  # a fresh folder: the first writes also race to create it
    writes = 300
    run_together(
        f"""
        from library.librarian import InsightRecorder
        recorder = InsightRecorder(Path(sys.argv[1]))
        for i in range({writes}):
            recorder.record_search(f"query {{i}}", i, "worker-" + sys.argv[2])
        recorder.close()
        """,
        *[[str(index), str(n)] for n in range(4)],
        start=tmp_path / "go",
    )
    rows = stored_searches(index)
    assert len(rows) == 4 * writes
    for n in range(4):
        mine = sorted(total for _, total, source in rows if source == f"worker-{n}")
        assert mine == list(range(writes)), f"worker {n} lost or doubled a record"


@pytest.mark.slow
def test_failed_logins_are_counted_once_across_processes(tmp_path: Path) -> None:
    path = logins_path(tmp_path / "index")
    outputs = run_together(
        """
        from library.librarian import LoginLimiter
        limiter = LoginLimiter(Path(sys.argv[1]), max_failures=5)
        print(sum(limiter.attempt("Librarian") == 0 for _ in range(5)))
        """,
        *[[str(path)] for _ in range(4)],
        start=tmp_path / "go",
    )
    # 20 attempts from four processes at once: exactly five go ahead, whoever made them.
    assert sum(int(out) for out in outputs) == 5
    assert LoginLimiter(path).retry_after("librarian") > 0


@pytest.mark.slow
def test_the_session_key_is_made_once_whoever_starts_first(tmp_path: Path) -> None:
    outputs = run_together(
        """
        from library.config import Settings
        from library.librarian import secret_key
        print(secret_key(Settings(index_dir=Path(sys.argv[1]))))
        """,
        *[[str(tmp_path / "index")] for _ in range(4)],
        start=tmp_path / "go",
    )
    keys = {out.strip() for out in outputs}
    assert len(keys) == 1 and len(keys.pop()) >= 48
    assert secret_key_path(tmp_path / "index").stat().st_mode & 0o077 == 0
    assert [p.name for p in (tmp_path / "index").iterdir()] == ["secret_key"]  # no leftovers


# -- a real multi-worker server -------------------------------------------------------------


def children(pid: int) -> set[int]:
    """The live (not zombie) child processes of `pid`, from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@dataclass
class Server:
    proc: subprocess.Popen[str]
    port: int
    log: Path
    settings: Settings

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def lines(self, pattern: str) -> list[str]:
        return re.findall(pattern, self.log.read_text())

    def workers(self) -> set[int]:
        """The worker processes running now: started (uvicorn logs each) and alive."""
        started = {int(p) for p in self.lines(r"Started server process \[(\d+)\]")}
        return {pid for pid in started if alive(pid)}

    def watchers(self) -> list[int]:
        return [int(p) for p in self.lines(r"started the watcher process \[(\d+)\]")]

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        # A new connection each time, so a request may reach any worker.
        with httpx.Client(base_url=self.url, timeout=20) as client:
            return client.get(path, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def site(settings: Settings, make_pdf: Callable[..., Path]) -> Settings:
    make_pdf("services/bins.pdf", ["Wheelie bin collection calendar for every street."])
    make_pdf("decisions/minutes.pdf", ["Minutes of the council meeting about parking."])
    indexer.sync(settings)
    return settings


def start_server(settings: Settings, tmp_path: Path, *args: str, **env: str) -> Server:
    port = free_port()
    log = tmp_path / f"serve-{port}.log"
    environ = {**os.environ, "LIBRARY_STAFF_PASSWORD_HASH": hash_password(PASSWORD), **env}
    with log.open("w") as out:
        proc = library_process(
            settings, "serve", "--port", str(port), "--stability", "0.3", *args,
            stdout=out, stderr=subprocess.STDOUT, env=environ,
        )  # fmt: skip
    server = Server(proc, port, log, settings)
    workers = int(args[args.index("--workers") + 1]) if "--workers" in args else 2

    def ready() -> bool:
        assert proc.poll() is None, log.read_text()[-3000:]
        return len(server.lines("Application startup complete")) >= workers

    eventually(ready, f"{workers} workers started")
    eventually(lambda: server.get("/healthz").status_code == 200, "/healthz answers")
    return server


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(settings: Settings, *args: str, **env: str) -> Server:
        started.append(start_server(settings, tmp_path, *args, **env))
        return started[-1]

    yield start
    for server in started:
        if server.proc.poll() is None:
            server.proc.send_signal(signal.SIGTERM)
            try:
                server.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.proc.kill()
                server.proc.wait()


@pytest.mark.slow
def test_n_workers_and_exactly_one_watcher_serve_and_index_together(
    site: Settings, serve: Callable[..., Server], make_pdf: Callable[..., Path]
) -> None:
    server = serve(site, "--workers", "2")
    workers, watchers = server.workers(), server.watchers()
    assert len(workers) == 2 and len(watchers) == 1
    assert workers | set(watchers) <= children(server.proc.pid)
    eventually(lambda: server.lines(r"watching "), "the watcher watches")

    make_pdf("services/recycling.pdf", ["Recycling centre opening hours for the borough."])

    def found() -> bool:
        page = server.get("/search", params={"q": "recycling"})
        return page.status_code == 200 and "services/recycling.pdf" in page.text

    eventually(found, "the dropped file found on the live site")
    time.sleep(1.0)  # time for a second watcher, were there one, to index it again
    assert len(server.lines(r"indexed services/recycling\.pdf")) == 1
    assert len(server.lines(r"watching ")) == 1


@pytest.mark.slow
def test_concurrent_searches_over_workers_are_all_answered_and_all_counted(
    site: Settings, serve: Callable[..., Server]
) -> None:
    server = serve(site, "--workers", "2")
    queries = [f"bin collection {n}" for n in range(60)]
    with ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(lambda q: server.get("/search", params={"q": q}).status_code,
                                 queries))  # fmt: skip
    assert statuses == [200] * len(queries)
    recorded = sorted(q for q, _, source in stored_searches(site.index_dir) if source == "search")
    assert recorded == sorted(queries)


def login(client: httpx.Client, password: str) -> int:
    page = client.get("/staff/login")
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match, page.text[:500]
    data = {"csrf": match.group(1), "user": "librarian", "password": password}
    return client.post("/staff/login", data=data).status_code


@pytest.mark.slow
def test_failed_logins_are_limited_across_workers(
    site: Settings, serve: Callable[..., Server]
) -> None:
    server = serve(site, "--workers", "2")
    first, second = sorted(server.workers())
    no_reuse = httpx.Limits(max_keepalive_connections=0)  # every request a new connection
    with httpx.Client(base_url=server.url, limits=no_reuse, timeout=20) as client:
        # Three failures on one worker (the other is paused, so it cannot take them) ...
        os.kill(second, signal.SIGSTOP)
        try:
            on_first = [login(client, "guess") for _ in range(3)]
        finally:
            os.kill(second, signal.SIGCONT)
        # ... and then on the other: it knows about the first three.
        os.kill(first, signal.SIGSTOP)
        try:
            on_second = [login(client, "guess") for _ in range(3)]
            right_password = login(client, PASSWORD)
        finally:
            os.kill(first, signal.SIGCONT)
    assert on_first == [401, 401, 401]
    assert on_second == [401, 401, 429]  # five in all, wherever they were tried
    assert right_password == 429


@pytest.mark.slow
def test_a_killed_worker_is_replaced_and_no_request_fails_after(
    site: Settings, serve: Callable[..., Server]
) -> None:
    server = serve(site, "--workers", "2")
    before = server.workers()
    victim = min(before)
    os.kill(victim, signal.SIGKILL)
    statuses = []
    deadline = time.monotonic() + 4
    while time.monotonic() < deadline:  # straight after the kill, and while it is replaced
        statuses.append(server.get("/search", params={"q": "parking"}).status_code)
    assert statuses and set(statuses) == {200}
    eventually(lambda: len(server.workers()) == 2, "a replacement worker")
    assert victim not in server.workers()
    assert server.lines(rf"Child process \[{victim}\] died")
    eventually(lambda: server.lines("Application startup complete")[2:], "the replacement ready")
    assert server.get("/search", params={"q": "parking"}).status_code == 200


@pytest.mark.slow
def test_sigterm_stops_every_process_cleanly(site: Settings, serve: Callable[..., Server]) -> None:
    server = serve(site, "--workers", "2")
    eventually(lambda: server.lines(r"watching "), "the watcher watches")
    family = children(server.proc.pid)
    assert len(family) >= 3  # two workers and the watcher (and multiprocessing's tracker)
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=60) == 0
    # multiprocessing's resource tracker leaves a moment after its parent: allow it that.
    eventually(lambda: not [pid for pid in family if alive(pid)], "every process stopped")
    assert server.lines("watcher stopped") and len(server.lines("Finished server process")) == 2


@pytest.mark.slow
def test_no_watch_runs_no_watcher_process(site: Settings, serve: Callable[..., Server]) -> None:
    server = serve(site, "--workers", "1", "--no-watch")
    assert len(server.workers()) == 1 and server.watchers() == []
    assert server.get("/search", params={"q": "parking"}).status_code == 200


@pytest.mark.slow
def test_overload_is_answered_503_with_retry_after_and_healthz_still_answers(
    site: Settings, serve: Callable[..., Server]
) -> None:
    server = serve(
        site, "--workers", "1", "--no-watch", LIBRARY_SEARCH_CONCURRENCY="1",
        LIBRARY_SEARCH_QUEUE="0",
    )  # fmt: skip
    health: list[int] = []
    done = threading.Event()

    def check_health() -> None:
        while not done.is_set():
            health.append(server.get("/healthz").status_code)

    checker = threading.Thread(target=check_health)
    checker.start()
    try:
        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(lambda n: server.get("/search", params={"q": f"bin {n}"}),
                                    range(64)))  # fmt: skip
    finally:
        done.set()
        checker.join()
    statuses = {a.status_code for a in answers}
    assert statuses == {200, 503}
    busy = [a for a in answers if a.status_code == 503]
    assert all(int(a.headers["retry-after"]) >= 1 for a in busy)
    assert "try again" in busy[0].text
    assert health and set(health) == {200}
    # Every search that was answered is in the insight, and no refused one is.
    assert len(stored_searches(site.index_dir)) == len(answers) - len(busy)
