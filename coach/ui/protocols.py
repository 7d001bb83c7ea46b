"""What screens may ask of the app, typed, so no screen calls an untyped app attribute."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pathlib import Path

    from textual.worker import Worker

    from coach.routines.catalog import Entry
    from coach.session.recorder import WallClock
    from coach.session.running import RunningSession
    from coach.ui.activities_flow import ActivitiesFlow

Cancel = Callable[[], None]
"""Stops a scheduled call."""
Schedule = Callable[[float, Callable[[], None]], Cancel]
"""Calls a function after some seconds; returns how to cancel it."""


class CoachAppApi(Protocol):
    """The app as the screens see it."""

    wall_clock: WallClock
    """Today's date and time, as the session logs write them."""

    @property
    def data(self) -> Path: ...

    @property
    def sound(self) -> bool: ...

    def toggle_sound(self) -> None: ...

    @property
    def voice_status(self) -> str: ...

    def toggle_voice(self) -> None: ...

    def say(self, text: str) -> None: ...

    def signal_change(self) -> None: ...

    def schedule(self, delay: float, callback: Callable[[], None]) -> Cancel: ...

    def show_summary(self, session: RunningSession) -> None: ...

    def go_home(self) -> None: ...

    def load_entries(self) -> list[Entry]: ...

    def start_routine(self, entry: Entry) -> Worker[None]: ...

    @property
    def activities(self) -> ActivitiesFlow: ...
