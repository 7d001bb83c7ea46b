"""The coach app and the one factory the command line, the tests and the screenshot script share."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.events import Resize

from coach import safety
from coach.catalog import Entry, discover
from coach.config import Config, load_config, save_config
from coach.engine import Clock
from coach.errors import CoachError
from coach.records import Screening
from coach.recorder import SessionRecorder, WallClock, local_now, log_blocked
from coach.routine import CONTRAINDICATION_LABELS, Routine
from coach.ui.driver import driver_class
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.notice import FirstRunNotice
from coach.ui.screens.prompts import Choice, ChoicePrompt, Notice, PainRating, YesNoPrompt
from coach.session import RunningSession
from coach.ui.protocols import Cancel, Schedule
from coach.ui.screens.session import SessionScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.screens.too_small import TooSmallScreen, too_small


class CoachApp(App[int]):
    """Home, safety check, session, summary and history; all state lives in the core."""

    TITLE = "coach"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True)]

    def __init__(
        self,
        data: Path,
        *,
        given: tuple[Path, ...] = (),
        start_with: Entry | None = None,
        clock: Clock = time.monotonic,
        wall_clock: WallClock = local_now,
        bell: Callable[[], None] | None = None,
        scheduler: Schedule | None = None,
    ) -> None:
        super().__init__(driver_class=driver_class())
        self._scheduler = scheduler
        self.data = data
        self.given = given
        self.start_with = start_with
        self.clock = clock
        self.wall_clock = wall_clock
        self.config: Config = load_config(data)
        self._bell = bell
        self.changes_signalled = 0
        self._too_small: TooSmallScreen | None = None
        self._mounted = False

    @property
    def sound(self) -> bool:
        return self.config.sound

    def load_entries(self) -> list[Entry]:
        extra = tuple(self.given) + ((self.start_with.path,) if self.start_with and self.start_with.source == "given" else ())
        return discover(self.data, tuple(dict.fromkeys(extra)))

    def get_default_screen(self) -> HomeScreen:
        """Home is the bottom screen, composed before the first frame is drawn."""
        return HomeScreen(self.load_entries(), self.start_with.path if self.start_with else None)

    def on_mount(self) -> None:
        if not self.config.accepted_notice:
            self.push_screen(FirstRunNotice(), self._notice_answered)
        elif self.start_with is not None:
            self.start_routine(self.start_with)
        self._mounted = True
        self.check_size(self.size.width, self.size.height)

    def _notice_answered(self, accepted: bool | None) -> None:
        if not accepted:
            self.exit(0)
            return
        self.config.accepted_notice = True
        self._save_config()
        if self.start_with is not None:
            self.start_routine(self.start_with)

    def _save_config(self) -> None:
        try:
            save_config(self.data, self.config)
        except CoachError as error:
            self.notify(error.message, title=error.title, severity="warning", markup=False)

    def on_resize(self, event: Resize) -> None:
        if self._mounted:
            self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        """Cover everything with a "make the terminal larger" message while it is too small; a session pauses."""
        small = too_small(width, height)
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.terminal_too_small(small)
        if small and self._too_small is None:
            self._too_small = TooSmallScreen()
            self.push_screen(self._too_small)
        elif not small and self._too_small is not None:
            if self.screen is self._too_small:
                self.pop_screen()
            self._too_small = None

    def schedule(self, delay: float, callback: Callable[[], None]) -> Cancel:
        """Call ``callback`` after ``delay`` seconds (on the fake clock in tests)."""
        if self._scheduler is not None:
            return self._scheduler(delay, callback)
        return self.set_timer(delay, callback).stop

    # sound ----------------------------------------------------------------

    def signal_change(self) -> None:
        """A phase changed: ring the bell when sound is on (the screen flashes either way)."""
        self.changes_signalled += 1
        if self.config.sound:
            (self._bell or self.bell)()

    def toggle_sound(self) -> None:
        self.config.sound = not self.config.sound
        self._save_config()
        self.notify("Sound on" if self.config.sound else "Sound off (the screen still flashes)")

    # navigation -----------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_history(self) -> None:
        from coach.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.data, today=self.wall_clock().date()))

    def go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # the safety check -----------------------------------------------------

    @work(exclusive=True, group="safety")
    async def start_routine(self, entry: Entry) -> None:
        """Ask the safety questions; start the session only if nothing rules it out."""
        routine = entry.routine
        if routine is None:
            return
        screening = Screening()
        for question in safety.RED_FLAGS:
            answer = await self.push_screen_wait(YesNoPrompt(
                "Safety check: " + question.text, "Answer for how you are right now. Escape goes back.", cancellable=True))
            if answer is None:
                return
            screening.red_flags[question.id] = answer
        verdict = safety.screen_red_flags(screening.red_flags)
        if verdict.blocked:
            log_blocked(self.data, routine, screening, verdict.title, self.wall_clock)
            await self.push_screen_wait(Notice(verdict.title, "\n".join(verdict.advice)))
            return
        if routine.contraindications:
            listed = "\n".join(f"• {CONTRAINDICATION_LABELS[c]}" for c in routine.contraindications)
            answer = await self.push_screen_wait(YesNoPrompt(
                "Does any of these apply to you?", listed, yes="Yes, one applies", no="No, none", cancellable=True))
            if answer is None:
                return
            screening.contraindications = {c: bool(answer) for c in routine.contraindications}
            if answer:
                verdict = safety.check_contraindications(routine.contraindications, screening.contraindications)
                log_blocked(self.data, routine, screening, verdict.title, self.wall_clock)
                await self.push_screen_wait(Notice(verdict.title, "\n".join(verdict.advice)))
                return
        pain = await self.push_screen_wait(PainRating("How much does your back hurt right now?", "Escape goes back."))
        if pain is None:
            return
        screening.pain_before = pain
        if not await self._follow_up(routine, screening):
            return
        self.begin_session(routine, screening)

    async def _follow_up(self, routine: Routine, screening: Screening) -> bool:
        from coach.logstore import latest_session

        previous = latest_session(self.data)
        if not safety.needs_followup(previous):
            return True
        assert previous is not None
        settled = await self.push_screen_wait(YesNoPrompt(
            "Did the pain from last time settle within 24 hours?",
            f"Last session your pain went from {previous.pain_before}/10 to {previous.pain_after}/10."))
        screening.previous_settled = bool(settled)
        advice = safety.followup_advice(bool(settled))
        if advice is None:
            return True
        choice = await self.push_screen_wait(ChoicePrompt(
            "Take it easier today", [Choice("back", "Back to the routines", "b"), Choice("go", f"Go on with {routine.title}", "g")],
            advice, cancellable=False))
        if choice != "go":
            log_blocked(self.data, routine, screening, "Pain from the last session had not settled.", self.wall_clock)
            return False
        return True

    def begin_session(self, routine: Routine, screening: Screening) -> SessionScreen:
        recorder = SessionRecorder(self.data, routine, screening, self.wall_clock)
        screen = SessionScreen(RunningSession(routine, self.clock, recorder, screening.pain_before))
        self.push_screen(screen)
        if too_small(self.size.width, self.size.height):
            screen.session.set_too_small(True)
        return screen

    def show_summary(self, session: RunningSession) -> None:
        self.switch_screen(SummaryScreen(session))


def build_app(
    data: Path,
    *,
    given: tuple[Path, ...] = (),
    start_with: Entry | None = None,
    clock: Clock = time.monotonic,
    wall_clock: WallClock = local_now,
    bell: Callable[[], None] | None = None,
    scheduler: Schedule | None = None,
) -> CoachApp:
    """The one way to make the app: used by the command line, the tests and the screenshot script."""
    return CoachApp(data, given=given, start_with=start_with, clock=clock, wall_clock=wall_clock, bell=bell,
                    scheduler=scheduler)
