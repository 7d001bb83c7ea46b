"""A monotonic clock the test moves by hand; it also runs what the app schedules on it."""

from __future__ import annotations

from collections.abc import Callable


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
