"""A progress bar that redraws only when its progress is set."""

from __future__ import annotations

from textual.events import Mount
from textual.widgets import ProgressBar


class SteadyProgressBar(ProgressBar):
    """Textual's ``ProgressBar`` without the once-a-second timer it keeps for its ETA.

    coach shows no ETA, and that timer would redraw the session screen every second, out of
    step with the countdown.
    """

    def on_mount(self, event: Mount) -> None:
        event.prevent_default()
        self.update()
