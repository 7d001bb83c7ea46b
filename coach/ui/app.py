"""The coach app and the one factory the command line, the tests and the screenshot script share."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.events import Resize
from textual.notifications import SeverityLevel
from textual.screen import Screen

from coach.config import Config, load_config, save_config
from coach.errors import CoachError
from coach.logs.timestamps import local_now
from coach.paths import OPEN_FOLDER_WARNING, open_health_folders
from coach.safety.profile import Profile
from coach.safety.profile_store import load_profile
from coach.text import clean
from coach.ui import collector
from coach.ui.driver import driver_class
from coach.ui.launch import LaunchOptions
from coach.ui.protocols import Cancel
from coach.ui.screens.too_small import TooSmallScreen, too_small

if TYPE_CHECKING:
    from coach.routines.catalog import Entry
    from coach.session.running import RunningSession
    from coach.session.speech import Speaker
    from coach.ui.activities_flow import ActivitiesFlow
    from coach.ui.profile_flow import ProfileFlow
    from coach.ui.screens.home import HomeScreen
    from coach.ui.screens.notice import FirstRunNotice
    from coach.ui.screens.session import SessionScreen
    from coach.ui.starting import Starter


HOME_MODE = "home"


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
        self._given_speaker, voice = options.get("speaker"), options.get("voice")
        self.voice = self.config.voice if voice is None else voice
        """Speak the cues in this run: the saved setting unless the command line chose."""
        self.changes_signalled = 0
        self._too_small: TooSmallScreen | None = None
        self._mounted = False
        self._session: RunningSession | None = None
        """The latest session started, so that however the app ends its log is not left in progress."""

    @property
    def sound(self) -> bool:
        return self.config.sound

    @cached_property
    def speaker(self) -> Speaker:
        """The speech program given, or the one found on this machine when first needed (a session, or v)."""
        from coach.session.speech import find_speaker

        return self._given_speaker if self._given_speaker is not None else find_speaker(self.config.voice_rate)

    @cached_property
    def activities(self) -> ActivitiesFlow:
        """The user's activities and their ratings, asked for when due."""
        from coach.ui.activities_flow import ActivitiesFlow

        return ActivitiesFlow(self)

    @cached_property
    def profile_flow(self) -> ProfileFlow:
        """The health profile's questions, asked when it is unfinished or due for review."""
        from coach.ui.profile_flow import ProfileFlow

        return ProfileFlow(self)

    @cached_property
    def starter(self) -> Starter:
        """From a routine chosen to its session; made, and its screens imported, when first needed."""
        from coach.ui.starting import Starter

        return Starter(self)

    def load_entries(self) -> list[Entry]:
        from coach.routines.catalog import discover

        extra = tuple(self.given) + (
            (self.start_with.path,) if self.start_with and self.start_with.source == "given" else ()
        )
        return discover(self.data, tuple(dict.fromkeys(extra)), cache=self.config.accepted_notice)

    async def action_quit(self) -> None:
        """Quit; a session under way is ended and logged first, and a note typed on the summary is kept."""
        for session_screen in self._session_screens():
            session_screen.session.close()
        if self._session is not None:
            from coach.ui.screens.summary import SummaryScreen

            for screen in self.screen_stack:
                if isinstance(screen, SummaryScreen):
                    screen.keep_note()
        self.exit(0)

    def _session_screens(self) -> list[SessionScreen]:
        """The session screens open; none before a session has begun (so none is imported at start)."""
        if self._session is None:
            return []
        from coach.ui.screens.session import SessionScreen

        return [screen for screen in self.screen_stack if isinstance(screen, SessionScreen)]

    def get_default_screen(self) -> Screen[Any]:
        """Home, or on a first run the notice, which home replaces once it is accepted."""
        if not self.config.accepted_notice:
            from coach.ui.screens.notice import FirstRunNotice

            return FirstRunNotice()
        return self._home()

    def _home(self) -> HomeScreen:
        """Home, composed before its first frame with the bundled routines; it reads the user's and the
        given ones away from the screen, so no shared file can hold it up."""
        from coach.routines.catalog import bundled
        from coach.ui.screens.home import HomeScreen

        given = [self.start_with] if self.start_with and self.start_with.source == "given" else []
        return HomeScreen(bundled(self.data) + given, self.start_with.path if self.start_with else None, self.profile)

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
        if self.config.accepted_notice and self.start_with is not None:
            self.start_routine(self.start_with)
        elif self.config.accepted_notice:
            self.review_profile()
        self._mounted = True
        self.check_size(self.size.width, self.size.height)
        self.call_after_refresh(collector.resume)

    def on_unmount(self) -> None:
        """The app ended another way than by quitting (an error): a session under way is logged as interrupted."""
        session = self._session
        if session is None:
            return
        from coach.logs.records import Outcome

        if session.outcome is Outcome.IN_PROGRESS:
            session.recorder.finish(Outcome.INTERRUPTED, "coach stopped during the session.")

    def _warn_of_open_folders(self) -> None:
        """Say so when a folder of health data stays readable by others because coach cannot make it private."""
        for folder in open_health_folders(self.data):
            self.notify(
                OPEN_FOLDER_WARNING.format(folder=folder),
                title="Health data not private",
                severity="warning",
                timeout=30,
            )

    async def on_first_run_notice_answered(self, message: FirstRunNotice.Answered) -> None:
        """Quit when the notice is declined; once it is accepted, home takes its place, at the bottom of
        a stack of its own (the notice, the first run's bottom screen, cannot be replaced in its own)."""
        if not message.accepted:
            self.exit(0)
            return
        self.config.accepted_notice = True
        self._save_config()
        self.add_mode(HOME_MODE, self._home)
        await self.switch_mode(HOME_MODE)
        self.check_size(self.size.width, self.size.height)
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
        if self._too_small is not None and self._too_small not in self.screen_stack:
            self._too_small = None
        sessions = self._session_screens()
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
            from coach.session.speech import INSTALL_HINT

            self.notify(f"Voice on, but no speech program was found: {INSTALL_HINT}.", severity="warning")

    # navigation -----------------------------------------------------------

    def action_help(self) -> None:
        from coach.ui.screens.help import HelpScreen

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

    def open_session(self, screen: SessionScreen) -> None:
        """Show a session's screen; from now on, however the app ends, the session's log is ended too."""
        self._session = screen.session
        self.push_screen(screen)
        if too_small(self.size.width, self.size.height):
            screen.session.set_too_small(True)

    def show_summary(self, session: RunningSession) -> None:
        from coach.ui.screens.summary import SummaryScreen

        self.switch_screen(SummaryScreen(session))


def build_app(data: Path, **options: Unpack[LaunchOptions]) -> CoachApp:
    """The one way to make the app: used by the command line, the tests and the screenshot script."""
    return CoachApp(data, **options)
