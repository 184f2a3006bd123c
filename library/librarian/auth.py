"""Staff authentication pieces: password hashes, the session-signing key, CSRF tokens, and a
login rate limiter. No web framework here, so each piece is tested on its own."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from library import store
from library.errors import ConfigError

if TYPE_CHECKING:
    from library.config import Settings

logger = logging.getLogger(__name__)

CSRF_KEY = "csrf"
# scrypt at n=2**14, r=8 costs ~16 MB and ~50 ms: slow for guessing, quick for one login.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_SCHEME = "scrypt"
# How long a worker waits for another's write to the login table (each takes microseconds).
_BUSY_SECONDS = 10.0


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$hash`: the string to put in the `staff_password_hash` setting."""
    if not password:
        raise ConfigError("the password must not be empty")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    return f"{_SCHEME}${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the stored hash; False for any malformed or empty hash,
    so a missing setting locks everybody out rather than letting anybody in."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = _unb64(digest)
        found = hashlib.scrypt(
            password.encode("utf-8"),
            salt=_unb64(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=256 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found, expected)


def secret_key(settings: Settings) -> str:
    """The key that signs staff sessions: the `secret_key` setting, or one generated once and
    kept in `index/secret_key` (readable by the owner only), so sessions survive restarts.

    Every web worker calls this at start-up, perhaps at the same moment: the key is written
    whole to a private temporary file and then hard-linked into place, which fails if another
    worker got there first, so all of them read the one key and none ever sees half of it."""
    if settings.secret_key:
        return settings.secret_key
    path = store.secret_key_path(settings.index_dir)
    if path.exists():
        return _read_key(path)
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_urlsafe(48))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
            logger.info("generated a session key in %s", path)
        except FileExistsError:
            pass  # another worker's key is in place: use that one
    finally:
        tmp.unlink(missing_ok=True)
    return _read_key(path)


def _read_key(path: Path) -> str:
    # A concurrent first start may see the file before its key is written: wait briefly.
    for _ in range(50):
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
        time.sleep(0.01)
    raise ConfigError(f"{path} is empty: delete it and restart to generate a new key")


def csrf_token(session: MutableMapping[str, Any]) -> str:
    """The session's CSRF token, made on first use; every staff form carries it."""
    token = session.get(CSRF_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_KEY] = token
    return token


def csrf_ok(session: MutableMapping[str, Any], submitted: str | None) -> bool:
    """True when the submitted token is the session's (compared in constant time)."""
    expected = session.get(CSRF_KEY)
    if not isinstance(expected, str) or not expected or not submitted:
        return False
    return hmac.compare_digest(expected.encode(), submitted.encode())


class LoginLimiter:
    """At most `max_failures` failed logins per user name in `window` seconds, counted in a
    small SQLite table (`index/logins.sqlite3`) that every web worker shares, so N workers
    allow the same number of attempts as one.

    An attempt is counted as a failure when it starts (`attempt`) and forgiven when it
    succeeds, in one transaction with the check: attempts arriving together at several
    workers cannot all slip through before any of them is counted.

    Parameters:
        path: the table's database; None keeps it in memory (one process; tests).
        clock: seconds since the epoch (workers and restarts share it); injected so tests
            need not wait.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        max_failures: int = 5,
        window: float = 300.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self._lock = threading.Lock()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(
            ":memory:" if path is None else path,
            timeout=_BUSY_SECONDS,
            isolation_level=None,  # transactions are opened explicitly, BEGIN IMMEDIATE
            check_same_thread=False,
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS login_failures (user TEXT NOT NULL, at REAL NOT NULL)"
        )
        self._db.execute("CREATE INDEX IF NOT EXISTS login_failures_user ON login_failures (user)")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            # IMMEDIATE takes the write lock first, so a check and the insert after it see
            # no other worker's attempt in between.
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _wait(self, db: sqlite3.Connection, user: str, now: float) -> float:
        db.execute("DELETE FROM login_failures WHERE at <= ?", (now - self.window,))
        count, first = db.execute(
            "SELECT COUNT(*), MIN(at) FROM login_failures WHERE user = ?", (user.casefold(),)
        ).fetchone()
        if count < self.max_failures:
            return 0.0
        return max(0.001, float(first) + self.window - now)

    def attempt(self, user: str) -> float:
        """Start a login: 0 when it may go ahead (it is counted as a failure until
        `succeeded`), else the seconds until the next attempt is allowed."""
        now = self.clock()
        with self._transaction() as db:
            wait = self._wait(db, user, now)
            if not wait:
                db.execute("INSERT INTO login_failures VALUES (?, ?)", (user.casefold(), now))
        return wait

    def allowed(self, user: str) -> bool:
        return self.retry_after(user) == 0

    def retry_after(self, user: str) -> float:
        """Seconds until the next attempt is allowed (0 when it is)."""
        with self._transaction() as db:
            return self._wait(db, user, self.clock())

    def failed(self, user: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT INTO login_failures VALUES (?, ?)", (user.casefold(), self.clock()))

    def succeeded(self, user: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM login_failures WHERE user = ?", (user.casefold(),))

    def close(self) -> None:
        with self._lock:
            self._db.close()
