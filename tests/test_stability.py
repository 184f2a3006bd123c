"""StabilityTracker: a changed path is released once, after it has stopped changing."""

from __future__ import annotations

from collections.abc import Hashable

from library.indexing.stability import StabilityTracker


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeFiles:
    """What a probe sees: a value per key, None when the file is gone."""

    def __init__(self) -> None:
        self.values: dict[str, Hashable] = {}

    def __call__(self, key: str) -> Hashable:
        return self.values.get(key)


def make(window: float = 1.0, hold: float | None = None):
    clock, files = FakeClock(), FakeFiles()
    return StabilityTracker(window, files, clock=clock, hold=hold), clock, files


def test_a_file_is_released_only_after_it_has_been_steady_for_the_window() -> None:
    tracker, clock, files = make()
    files.values["a.pdf"] = (10, 1)
    tracker.touch("a.pdf")
    assert tracker.take() == []
    clock.advance(0.9)
    assert tracker.take() == []
    clock.advance(0.2)
    assert tracker.take() == ["a.pdf"]
    assert tracker.take() == []
    assert len(tracker) == 0


def test_a_file_still_growing_is_not_released() -> None:
    tracker, clock, files = make()
    tracker.touch("big.pdf")
    for size in range(1, 20):
        files.values["big.pdf"] = (size * 1000, size)
        clock.advance(0.5)
        assert tracker.take() == []
    clock.advance(1.0)
    assert tracker.take() == ["big.pdf"]


def test_a_new_event_restarts_the_wait_even_if_the_stat_looks_the_same() -> None:
    tracker, clock, files = make()
    files.values["a.pdf"] = (10, 1)
    tracker.touch("a.pdf")
    tracker.take()
    clock.advance(0.8)
    tracker.touch("a.pdf")
    tracker.take()
    clock.advance(0.8)
    assert tracker.take() == []
    clock.advance(0.3)
    assert tracker.take() == ["a.pdf"]


def test_a_deleted_file_is_released_after_the_window_too() -> None:
    """An editor's save deletes and recreates a file within milliseconds: waiting on the
    absence as well means such a save is one update, not a removal and a re-add."""
    tracker, clock, files = make()
    files.values["a.pdf"] = (10, 1)
    tracker.touch("a.pdf")
    tracker.take()
    del files.values["a.pdf"]
    clock.advance(0.1)
    tracker.take()
    files.values["a.pdf"] = (12, 2)
    clock.advance(0.1)
    assert tracker.take() == []
    clock.advance(1.0)
    assert tracker.take() == ["a.pdf"]


def test_settled_files_wait_for_the_rest_of_a_burst_but_not_for_ever() -> None:
    tracker, clock, files = make(window=1.0, hold=2.0)
    files.values["early.pdf"] = (1, 1)
    tracker.touch("early.pdf")
    tracker.take()
    clock.advance(0.5)
    tracker.touch("late.pdf")
    files.values["late.pdf"] = (1, 1)
    tracker.take()
    clock.advance(0.6)
    assert tracker.take() == [], "early.pdf is held while late.pdf settles"
    clock.advance(0.5)
    assert tracker.take() == ["early.pdf", "late.pdf"]

    files.values["busy.pdf"] = (0, 0)
    tracker.touch("busy.pdf")
    tracker.touch("quiet.pdf")
    files.values["quiet.pdf"] = (1, 1)
    tracker.take()
    released: list[str] = []
    for step in range(1, 40):
        files.values["busy.pdf"] = (step, step)  # never settles
        clock.advance(0.25)
        released += tracker.take()
    assert released == ["quiet.pdf"], "a file that never settles does not block the others"


def test_restored_keys_are_released_again_at_once_unless_they_changed() -> None:
    tracker, clock, files = make()
    files.values["a.pdf"] = (1, 1)
    tracker.restore(["a.pdf"])
    assert tracker.take() == ["a.pdf"]

    tracker.restore(["a.pdf"])
    files.values["a.pdf"] = (2, 2)
    assert tracker.take() == []
    clock.advance(1.0)
    assert tracker.take() == ["a.pdf"]


def test_restore_does_not_reset_a_key_that_has_new_events() -> None:
    tracker, _clock, files = make()
    files.values["a.pdf"] = (1, 1)
    tracker.touch("a.pdf")
    tracker.restore(["a.pdf"])
    assert "a.pdf" in tracker
    assert tracker.take() == []
