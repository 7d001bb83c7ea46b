"""Who paused a running session, and whether it resumes when a question or a small terminal goes away."""

from __future__ import annotations

from collections.abc import Callable

from coach.routines.plan import Phase
from coach.session.engine import Engine


class Pauses:
    """Pausing for the user, for a question the user opened, and while the terminal is too small.

    ``emit`` is told ``"paused"`` or ``"resumed"`` whenever the session stops or starts counting.
    """

    def __init__(self, engine: Engine, emit: Callable[[str], None]) -> None:
        self.engine = engine
        self.emit = emit
        self.too_small = False
        self._for_size = False
        self._resume_after_question = False

    def toggle(self) -> bool:
        """Space: pause a running session or resume a paused one (not while the terminal is too small)."""
        if self.engine.pause():
            self.emit("paused")
        elif not self.too_small and self.engine.resume():
            self._for_size = False
            self.emit("resumed")
        else:
            return False
        return True

    def set_too_small(self, small: bool, asking: bool) -> None:
        """Pause while the terminal is too small; resume when it grows unless a question is open."""
        self.too_small = small
        if small and self.engine.pause():
            self._for_size = True
            self.emit("paused")
        elif not small and self._for_size:
            self._for_size = False
            if not asking and self.engine.resume():
                self.emit("resumed")

    def question_opened(self) -> None:
        """The user opened a question: pause, and remember to resume when it is left."""
        self._resume_after_question = self.engine.pause() or self._for_size
        self._for_size = False
        if self._resume_after_question and not self._card_waits():
            self.emit("paused")

    def question_left(self) -> None:
        """The user left a question they opened: the session goes on as it was before it."""
        if self._resume_after_question and self.too_small:
            self._for_size = True
        elif self._resume_after_question and self.engine.resume() and not self._card_waits():
            self.emit("resumed")
        self._resume_after_question = False

    def _card_waits(self) -> bool:
        """An intro card waiting for space: nothing is counting, so there is no pause or go to announce."""
        segment = self.engine.segment
        return segment is not None and segment.seconds is None and segment.phase is Phase.PREPARE

    def forget_question(self) -> None:
        """The answer moved the session on: leaving the question does not resume anything."""
        self._resume_after_question = False
