"""The big part of the session screen: phase word, countdown digits, and the flash."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical

from coach.routines.plan import Phase
from coach.ui.widgets.big_digits import BigDigits
from coach.ui.widgets.plain import Plain


class PhaseDisplay(Vertical):
    """Phase word above huge digits; colours follow the phase, a flash marks each change."""

    DEFAULT_CSS = """
    PhaseDisplay { height: auto; width: 100%; align-horizontal: center; padding: 1 0; background: $boost; }
    PhaseDisplay #phase-word { width: 100%; text-align: center; text-style: bold; color: $text; }
    PhaseDisplay BigDigits { color: $text; margin-top: 1; }
    PhaseDisplay.work { background: $success 30%; }
    PhaseDisplay.rest { background: $primary 25%; }
    PhaseDisplay.ready { background: $warning 25%; }
    PhaseDisplay.paused { background: $panel; }
    PhaseDisplay.paused #phase-word { color: $warning; }
    PhaseDisplay.flash { background: $foreground 60%; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._word = ""
        self._digits = ""
        self._tone = ""

    def compose(self) -> ComposeResult:
        yield Plain("", id="phase-word")
        yield BigDigits(id="countdown")

    def show(self, word: str, digits: str, phase: Phase, paused: bool) -> None:
        """Update only what changed."""
        if word != self._word:
            self._word = word
            self.query_one("#phase-word", Plain).show(word)
        if digits != self._digits:
            self._digits = digits
            self.query_one(BigDigits).value = digits
        tone = "paused" if paused else _tone(phase)
        if tone != self._tone:
            if self._tone:
                self.remove_class(self._tone)
            self.add_class(tone)
            self._tone = tone

    def flash(self) -> None:
        self.add_class("flash")
        self.set_timer(0.4, lambda: self.remove_class("flash"))


def _tone(phase: Phase) -> str:
    if phase.is_work:
        return "work"
    if phase is Phase.PREPARE or phase is Phase.SWITCH:
        return "ready"
    return "rest"
