"""A speaker for the tests: it writes down what it would say, and when."""

from __future__ import annotations

from tests.helpers.clock import FakeClock


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
