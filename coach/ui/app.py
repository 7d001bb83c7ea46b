"""The coach app and the one factory the command line, the tests and the screenshot script share."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Unpack

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.events import Resize
from textual.notifications import SeverityLevel

from coach.config import Config, load_config, save_config
from coach.errors import CoachError
from coach.files import make_private_folder
from coach.function.asking import ActivityQuestions
from coach.function.model import FunctionLog
from coach.function.store import load_function, save_function
from coach.logs.records import Outcome, Screening
from coach.logs.timestamps import local_now
from coach.paths import exports_dir, sessions_dir
from coach.progression.choice import DoseChoice
from coach.progression.levels import dosed
from coach.routines.catalog import Entry, bundled, discover
from coach.routines.model import Routine
from coach.routines.plan import intros_wait
from coach.safety.profile import Profile
from coach.safety.profile_store import load_profile
from coach.session.recorder import SessionRecorder
from coach.session.running import RunningSession
from coach.session.speech import INSTALL_HINT, find_speaker
from coach.text import clean
from coach.ui.driver import driver_class
from coach.ui.launch import LaunchOptions
from coach.ui.profile_flow import ProfileFlow
from coach.ui.protocols import Cancel
from coach.ui.screens.activities import ActivityQuestionsScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.notice import FirstRunNotice
from coach.ui.screens.session import SessionScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.screens.too_small import TooSmallScreen, too_small
from coach.ui.starting import Starter


class CoachApp(App[int]):
    """Home, safety check, session, summary and history; all state lives in the core."""

    TITLE = "coach"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True)]

    def __init__(self, data: Path, **options: Unpack[LaunchOptions]) -> None:
        super().__init__(driver_class=driver_class())
        self._scheduler = options.get("scheduler")
        self.data = data
        self.given = options.get("given", ())
        self.start_with = options.get("start_with")
        self.clock = options.get("clock", time.monotonic)
        self.wall_clock = options.get("wall_clock", local_now)
        self.config: Config = load_config(data)
        self.profile_problem = ""
        try:
            self.profile: Profile = load_profile(data)
        except CoachError as error:
            self.profile, self.profile_problem = Profile(), error.message
        self._bell = options.get("bell")
        speaker, voice = options.get("speaker"), options.get("voice")
        self.speaker = speaker if speaker is not None else find_speaker(self.config.voice_rate)
        self.voice = self.config.voice if voice is None else voice
        """Speak the cues in this run: the saved setting unless the command line chose."""
        self.changes_signalled = 0
        self._too_small: TooSmallScreen | None = None
        self._mounted = False
        self._session: RunningSession | None = None
        self._function: FunctionLog | None = None
        self.starter = Starter(self)
        self.profile_flow = ProfileFlow(self)
        """The latest session started, so that however the app ends its log is not left in progress."""

    @property
    def sound(self) -> bool:
        return self.config.sound

    def load_entries(self) -> list[Entry]:
        extra = tuple(self.given) + (
            (self.start_with.path,) if self.start_with and self.start_with.source == "given" else ()
        )
        return discover(self.data, tuple(dict.fromkeys(extra)))

    async def action_quit(self) -> None:
        """Quit; a session under way is ended and logged first, and a note typed on the summary is kept."""
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.session.close()
            elif isinstance(screen, SummaryScreen):
                screen.keep_note()
        self.exit(0)

    def get_default_screen(self) -> HomeScreen:
        """Home is the bottom screen, composed before the first frame with the bundled routines; it
        reads the user's and the given ones away from the screen, so no shared file can hold it up."""
        given = [self.start_with] if self.start_with and self.start_with.source == "given" else []
        return HomeScreen(bundled() + given, self.start_with.path if self.start_with else None, self.profile)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is shown literally: no markup, and no control character of a path or a
        message reaches the terminal."""
        super().notify(
            clean(message, keep_newlines=True), title=clean(title), severity=severity, timeout=timeout, markup=False
        )

    def on_mount(self) -> None:
        if self.profile_problem:
            self.notify(self.profile_problem, title="Health profile not read", severity="warning")
        self._warn_of_open_folders()
        if not self.config.accepted_notice:
            self.push_screen(FirstRunNotice(), self._notice_answered)
        elif self.start_with is not None:
            self.start_routine(self.start_with)
        else:
            self.review_profile()
        self._mounted = True
        self.check_size(self.size.width, self.size.height)

    def on_unmount(self) -> None:
        """The app ended another way than by quitting (an error): a session under way is logged as interrupted."""
        session = self._session
        if session is not None and session.outcome is Outcome.IN_PROGRESS:
            session.recorder.finish(Outcome.INTERRUPTED, "coach stopped during the session.")

    def _warn_of_open_folders(self) -> None:
        """Say so when a folder of health data stays readable by others because coach cannot make it private."""
        for folder in (sessions_dir(self.data), exports_dir(self.data)):
            if not folder.is_dir() or folder.is_symlink():
                continue
            try:
                private = make_private_folder(folder, health_data=True)
            except OSError:
                continue
            if not private:
                self.notify(
                    f"{folder} holds health data and other users can read it; it belongs to another user, so "
                    "coach cannot make it private. Change its owner, or give coach a data folder of your own.",
                    title="Health data not private",
                    severity="warning",
                    timeout=30,
                )

    def _notice_answered(self, accepted: bool | None) -> None:
        if not accepted:
            self.exit(0)
            return
        self.config.accepted_notice = True
        self._save_config()
        if self.start_with is not None:
            self.start_routine(self.start_with)
        else:
            self.edit_profile()

    def _save_config(self) -> None:
        """Save the settings; the reminder's rhythm is kept as the file has it, since ``coach remind`` may have
        set it while the coach was open."""
        self.config.rhythm = load_config(self.data).rhythm
        try:
            save_config(self.data, self.config)
        except CoachError as error:
            self.notify(error.message, title=error.title, severity="warning")

    def on_resize(self, event: Resize) -> None:
        if self._mounted:
            self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        """Cover everything with a "make the terminal larger" message while it is too small; a session pauses."""
        small = too_small(width, height)
        sessions = [screen for screen in self.screen_stack if isinstance(screen, SessionScreen)]
        for screen in sessions:
            screen.terminal_too_small(small)
        if small and self._too_small is None:
            self._too_small = TooSmallScreen(session_paused=bool(sessions))
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

    # voice ----------------------------------------------------------------

    @property
    def voice_status(self) -> str:
        """ "voice off", "no voice" when nothing on this machine can speak, or "" while cues are spoken."""
        if not self.voice:
            return "voice off"
        return "" if self.speaker.engine else "no voice"

    def say(self, text: str) -> None:
        if self.voice:
            self.speaker.say(text)

    def action_toggle_voice(self) -> None:
        self.toggle_voice()

    def toggle_voice(self) -> None:
        self.voice = self.config.voice = not self.voice
        self._save_config()
        if not self.voice:
            self.speaker.stop()
            self.notify("Voice off")
        elif self.speaker.engine:
            self.notify(f"Voice on ({self.speaker.engine})")
        else:
            self.notify(f"Voice on, but no speech program was found: {INSTALL_HINT}.", severity="warning")

    # navigation -----------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_history(self) -> None:
        from coach.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.data, today=self.wall_clock().date()))

    def go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # the health profile -------------------------------------------------

    def action_edit_profile(self) -> None:
        self.edit_profile()

    @work(exclusive=True, group="safety")
    async def edit_profile(self) -> None:
        await self.profile_flow.ask()

    @work(exclusive=True, group="safety")
    async def review_profile(self) -> None:
        await self.profile_flow.review_if_due()

    # the safety check -----------------------------------------------------

    @work(exclusive=True, group="safety")
    async def start_routine(self, entry: Entry) -> None:
        """The profile if it is not done, then the safety check; the session starts only on "go"."""
        if entry.routine is None:
            return
        if not self.profile.complete:
            if await self.profile_flow.ask() is None:
                return
        else:
            await self.profile_flow.review_if_due()
        await self.starter.run(entry)

    # the activities (flow 10) --------------------------------------------

    def function_log(self) -> FunctionLog:
        """The activities and their ratings, read once and kept for this run."""
        if self._function is None:
            try:
                self._function = load_function(self.data)
            except CoachError as error:
                self.notify(error.message, title=error.title, severity="warning")
                self._function = FunctionLog()
        return self._function

    def keep_function_log(self, log: FunctionLog) -> None:
        """Save the activities (merged with any other window's); when that fails, keep them for this run."""
        try:
            self._function = save_function(self.data, log)
        except CoachError as error:
            self._function = log
            self.notify(f"{error.message} They count until coach closes.", title=error.title, severity="warning")

    def ask_activities(self, naming: bool, then: Callable[[], None] | None = None) -> None:
        """Name activities (up to three, each rated) or rate them now; ``then`` runs afterwards."""
        questions = ActivityQuestions(self.function_log(), self.wall_clock(), naming, self.clock)

        def done(log: FunctionLog | None) -> None:
            if log is not None:
                self.keep_function_log(log)
            if then is not None:
                then()

        self.push_screen(ActivityQuestionsScreen(questions), done)

    def leave_summary(self, exercised: bool) -> None:
        """Home after a summary; after a session that exercised, the activities are named when none are.

        Asked from the app's own turn, not the summary's: a screen's result goes back to whoever
        pushed it, and the summary is gone by then."""
        self.go_home()
        if exercised and self.function_log().needs_naming(self.wall_clock().date()):
            self.call_next(self.ask_activities, True)

    def begin_session(
        self, routine: Routine, screening: Screening, dose: DoseChoice | None = None, first_time: bool = False
    ) -> SessionScreen:
        """The session of ``routine`` at the dose chosen (the file's own when there is none); the first
        time a routine runs, each intro card waits for space."""
        level = dose.chosen if dose is not None else 0
        dosed_routine = intros_wait(dosed(routine, level)) if first_time else dosed(routine, level)
        recorder = SessionRecorder(self.data, dosed_routine, screening, self.wall_clock)
        recorder.record.level, recorder.record.level_reason = level, dose.line if dose is not None else ""
        session = RunningSession(dosed_routine, self.clock, recorder, screening.pain_before)
        session.dose_line = dose.line if dose is not None and routine.progress else ""
        screen = SessionScreen(session)
        self._session = screen.session
        self.push_screen(screen)
        if too_small(self.size.width, self.size.height):
            screen.session.set_too_small(True)
        return screen

    def show_summary(self, session: RunningSession) -> None:
        self.switch_screen(SummaryScreen(session))


def build_app(data: Path, **options: Unpack[LaunchOptions]) -> CoachApp:
    """The one way to make the app: used by the command line, the tests and the screenshot script."""
    return CoachApp(data, **options)
