"""What the command line, the tests and the screenshot script may choose when they make the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from coach.durations import Clock
    from coach.routines.catalog import Entry
    from coach.session.recorder import WallClock
    from coach.session.speech import Speaker
    from coach.ui.protocols import Schedule


class LaunchOptions(TypedDict, total=False):
    """Every one may be left out; the app then uses the real clock, terminal, timers and speech."""

    given: tuple[Path, ...]
    """Routine files named on the command line, listed beside the routines folder."""
    start_with: Entry | None
    """A routine to start at once (``coach run``)."""
    clock: Clock
    """Seconds from a monotonic clock: ``time.monotonic`` unless a test moves time itself."""
    wall_clock: WallClock
    """The local date and time written to logs."""
    bell: Callable[[], None] | None
    """Rings on a phase change; the terminal bell when None."""
    scheduler: Schedule | None
    """Calls back after a delay; Textual's timers when None, the fake clock's in tests."""
    speaker: Speaker | None
    """Says the cues; the first speech program on the PATH when None."""
    voice: bool | None
    """Speak in this run whatever the saved setting says; the saved setting when None."""
