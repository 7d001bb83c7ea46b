"""The activities (flow 10) in the app: read once and kept for this run, asked for, and saved merged with
any other window's ratings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.function.model import FunctionLog
    from coach.logs.records import SessionRecord
    from coach.ui.app import CoachApp


class ActivitiesFlow:
    """The app's activities and ratings; the function modules are imported when first needed."""

    def __init__(self, app: CoachApp) -> None:
        self.app = app
        self._log: FunctionLog | None = None

    def log(self) -> FunctionLog:
        """The activities and their ratings, read once and kept for this run."""
        from coach.function.model import FunctionLog
        from coach.function.store import load_function

        if self._log is None:
            try:
                self._log = load_function(self.app.data)
            except CoachError as error:
                self.app.notify(error.message, title=error.title, severity="warning")
                self._log = FunctionLog()
        return self._log

    def keep(self, log: FunctionLog) -> None:
        """Save the activities (merged with any other window's); when that fails, keep them for this run."""
        from coach.function.store import save_function

        try:
            self._log = save_function(self.app.data, log)
        except CoachError as error:
            self._log = log
            self.app.notify(f"{error.message} They count until coach closes.", title=error.title, severity="warning")

    def ask(self, naming: bool, then: Callable[[], None] | None = None) -> None:
        """Name activities (up to three, each rated) or rate them now; ``then`` runs afterwards."""
        from coach.function.asking import ActivityQuestions
        from coach.ui.screens.activities import ActivityQuestionsScreen

        questions = ActivityQuestions(self.log(), self.app.wall_clock(), naming, self.app.clock)

        def done(log: FunctionLog | None) -> None:
            if log is not None:
                self.keep(log)
            if then is not None:
                then()

        self.app.push_screen(ActivityQuestionsScreen(questions), done)

    def after_summary(self, record: SessionRecord) -> None:
        """Home after a summary; after a session that exercised, and was not stopped for pain, the activities
        are named when none are (after a stop for pain they are asked at a later session's start).

        Asked from the app's own turn, not the summary's: a screen's result goes back to whoever
        pushed it, and the summary is gone by then."""
        self.app.go_home()
        from coach.history.adherence import is_exercising
        from coach.logs.records import Outcome

        stopped = record.stop_advised or record.outcome is Outcome.STOPPED_FOR_PAIN
        exercised = is_exercising(record) and not stopped
        if exercised and self.log().needs_naming(self.app.wall_clock().date()):
            self.app.call_next(self.ask, True)
