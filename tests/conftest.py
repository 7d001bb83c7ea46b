"""Shared test helpers: a fake monotonic clock and small routine builders."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator

import pytest


class FakeClock:
    """A monotonic clock the test moves by hand; it also runs what the app schedules on it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self._pending: list[list] = []

    def __call__(self) -> float:
        return self.now

    def schedule(self, delay: float, callback) -> Callable[[], None]:
        """Run ``callback`` once the clock has moved ``delay`` seconds on; returns a cancel function."""
        entry = [self.now + delay, callback, True]
        self._pending.append(entry)

        def cancel() -> None:
            entry[2] = False

        return cancel

    def advance(self, seconds: float) -> None:
        """Move time on, running each scheduled call at its own moment, in order."""
        target = self.now + seconds
        while True:
            due = [e for e in self._pending if e[2] and e[0] <= target]
            if not due:
                break
            entry = min(due, key=lambda e: e[0])
            self._pending.remove(entry)
            self.now = max(self.now, entry[0])
            entry[1]()
        self.now = target
        self._pending = [e for e in self._pending if e[2]]

    def jump(self, seconds: float) -> None:
        """Move time on without running anything scheduled, as when the event loop is busy."""
        self.now += seconds


class RecordingSpeaker:
    """A speaker that only writes down what it would say, and when (on ``clock``, if given)."""

    engine = "fake"

    def __init__(self, clock: FakeClock | None = None) -> None:
        self.clock = clock
        self.heard: list[tuple[float, str]] = []
        self.stops = 0

    def say(self, text: str) -> None:
        self.heard.append((self.clock.now if self.clock else 0.0, text))

    def stop(self) -> None:
        self.stops += 1

    @property
    def texts(self) -> list[str]:
        return [text for _, text in self.heard]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def routine_file(tmp_path):
    """The small four-exercise routine of tests/routine_texts.py, as a file."""
    from tests.routine_texts import SMALL

    path = tmp_path / "small.toml"
    path.write_text(SMALL)
    return path


@pytest.fixture
def zone() -> Iterator[Callable[[str], None]]:
    """Set this process's time zone (``TZ``) for the test; the zone it had comes back after."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
