"""Staff authentication pieces: password hashes, the session-signing key, CSRF tokens, and a
login rate limiter. No web framework here, so each piece is tested on its own."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, MutableMapping
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
    kept in `index/secret_key` (readable by the owner only), so sessions survive restarts."""
    if settings.secret_key:
        return settings.secret_key
    path = store.secret_key_path(settings.index_dir)
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_urlsafe(48))
    logger.info("generated a session key in %s", path)
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
    """At most `max_failures` failed logins per user name in `window` seconds; in memory, per
    process, which is what one small site behind one server needs.

    Parameters:
        clock: seconds, monotonic; injected so tests need not wait.
    """

    def __init__(
        self,
        max_failures: int = 5,
        window: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, user: str) -> deque[float]:
        stamps = self._failures.setdefault(user.casefold(), deque())
        cutoff = self.clock() - self.window
        while stamps and stamps[0] <= cutoff:
            stamps.popleft()
        return stamps

    def allowed(self, user: str) -> bool:
        with self._lock:
            return len(self._recent(user)) < self.max_failures

    def retry_after(self, user: str) -> float:
        """Seconds until the next attempt is allowed (0 when it is)."""
        with self._lock:
            stamps = self._recent(user)
            if len(stamps) < self.max_failures:
                return 0.0
            return max(0.0, stamps[0] + self.window - self.clock())

    def failed(self, user: str) -> None:
        with self._lock:
            self._recent(user).append(self.clock())
            # Bound memory against a flood of made-up user names.
            if len(self._failures) > 10_000:
                self._failures = {k: v for k, v in self._failures.items() if v}

    def succeeded(self, user: str) -> None:
        with self._lock:
            self._failures.pop(user.casefold(), None)
