"""When a changed path has settled: pure debounce logic, driven by an injected clock.

Staff tools write files in stages (a slow copy over a share, a browser download, an editor's
save-as-temp-then-rename), so a path is only handed to the indexer once what the file system
shows for it (size, mtime, or its absence) has stayed the same for `window` seconds. The
tracker knows nothing of threads or watchdog: the watcher feeds it and tests drive it with a
fake clock (as paperless-ngx's `FileStabilityTracker`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

Probe = Callable[[str], Hashable]

# What a key shows before it has been looked at: never equal to a real probe result
# (which may be None for "gone"), so the first look always starts the clock.
_UNSEEN = object()


@dataclass
class _Entry:
    seen: Hashable
    since: float
    stable_at: float | None = None


class StabilityTracker:
    """Collects keys (relative paths or folders) and releases them once they stop changing.

    Parameters:
        window: seconds a key's probe result must stay the same before it is released.
        probe: what the file system shows for a key now (e.g. size and mtime, None when gone).
        clock: monotonic seconds; tests pass a fake.
        hold: how long a settled key may wait for others still settling, so a burst of files
            is released as one batch rather than one by one (defaults to `window`).
    """

    def __init__(
        self,
        window: float,
        probe: Probe,
        *,
        clock: Callable[[], float] = time.monotonic,
        hold: float | None = None,
    ) -> None:
        self.window = window
        self.hold = window if hold is None else hold
        self._probe = probe
        self._clock = clock
        self._entries: dict[str, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def touch(self, key: str) -> None:
        """An event named `key`: (re)start its wait, whatever the file system shows."""
        self._entries[key] = _Entry(_UNSEEN, self._clock())

    def take(self) -> list[str]:
        """Keys that have settled, sorted, and forgotten by the tracker.

        Settled keys are held back while other keys are still settling, for at most `hold`
        seconds, so that files dropped together are indexed together.
        """
        now = self._clock()
        settled: list[str] = []
        waiting = False
        for key, entry in self._entries.items():
            seen = self._probe(key)
            if seen != entry.seen:
                entry.seen, entry.since, entry.stable_at = seen, now, None
            if now - entry.since >= self.window:
                if entry.stable_at is None:
                    entry.stable_at = now
                settled.append(key)
            else:
                waiting = True
        if not settled:
            return []
        oldest = min(self._entries[k].stable_at or now for k in settled)
        if waiting and now - oldest < self.hold:
            return []
        for key in settled:
            del self._entries[key]
        return sorted(settled)

    def restore(self, keys: list[str]) -> None:
        """Put back keys that could not be handled (the index was busy) without restarting
        their wait: they are released again on the next `take` unless they change."""
        now = self._clock()
        for key in keys:
            if key not in self._entries:
                self._entries[key] = _Entry(self._probe(key), now - self.window, now)
