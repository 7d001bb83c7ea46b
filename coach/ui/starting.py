"""From a routine chosen on home to its session: the safety check, the routine a verdict offers
instead, and the activities asked before the first exercise when they are due (flow 10)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING

from coach.function.asking import ActivityQuestions
from coach.history.adherence import is_exercising
from coach.logs.records import Screening, SessionRecord
from coach.logs.store import recent_sessions
from coach.progression.choice import DoseChoice
from coach.progression.levels import dosed
from coach.progression.replay import first_time, todays_level
from coach.routines.catalog import Entry, bundled
from coach.routines.model import Routine
from coach.routines.plan import intros_wait
from coach.safety.check import RECENT_LOGS, SafetyCheck
from coach.safety.gentlest import bad_day_routine, flare_up_plan, gentlest
from coach.safety.verdicts import Offer, VerdictKind
from coach.session.recorder import SessionRecorder, log_blocked
from coach.session.running import RunningSession
from coach.ui.screens.activities import ActivityQuestionsScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.safety_check import SafetyCheckScreen
from coach.ui.screens.session import SessionScreen

if TYPE_CHECKING:
    from coach.ui.app import CoachApp


class Starter:
    """Runs one start of a routine for the app: one check, or more when the user takes an offered routine."""

    def __init__(self, app: CoachApp) -> None:
        self.app = app

    async def run(self, entry: Entry) -> None:
        next_entry: Entry | None = entry
        while next_entry is not None:
            next_entry = await self._check_then_start(next_entry)

    async def _check_then_start(self, entry: Entry) -> Entry | None:
        """One check of ``entry``'s routine; returns the routine to check next, if the user took another.

        Taking the offered routine (f) starts it with the answers given, or, when the check ended
        before the pain was asked, runs that routine's own check first."""
        app = self.app
        routine = entry.routine
        assert routine is not None
        recent = await asyncio.to_thread(recent_sessions, app.data, RECENT_LOGS)
        blocked: list[SessionRecorder] = []

        def log(screening: Screening, reason: str) -> None:
            if blocked:
                blocked[0].record.reason = reason
                blocked[0].save()
            else:
                blocked.append(log_blocked(app.data, routine, screening, reason, app.wall_clock))

        now, bad_day = app.wall_clock(), bad_day_routine(entry)
        check = SafetyCheck(app.profile, routine.contraindications, recent, now, log, app.clock, bad_day)
        if check.verdict is not None and check.verdict.kind is VerdictKind.PROFILE_FIRST:
            return None
        offers = self.offers(entry)

        def dose_for(screening: Screening) -> DoseChoice:
            return DoseChoice(routine, todays_level(routine, recent, screening))

        screen = SafetyCheckScreen(check, routine.title, offers, dose_for if routine.progress else None)
        verdict = await app.push_screen_wait(screen)
        if verdict.starts_session:
            await self._activities_if_due(recent)
            self.begin_session(routine, check.record, screen.dose, first_time(routine, recent))
            return None
        instead = offers.get(verdict.offer) if verdict.kind is VerdictKind.SWITCH else None
        if instead is None or instead.routine is None:
            return None
        if check.record.pain_before is None:
            return instead
        screening = replace(check.record, not_started_after_caution=False, cautions=list(check.record.cautions))
        screening.contraindications = {c: c in app.profile.conditions() for c in instead.routine.contraindications}
        await self._activities_if_due(recent)
        dose = DoseChoice(instead.routine, todays_level(instead.routine, recent, screening))
        self.begin_session(instead.routine, screening, dose, first_time(instead.routine, recent))
        return None

    def begin_session(
        self, routine: Routine, screening: Screening, dose: DoseChoice | None = None, first_time: bool = False
    ) -> SessionScreen:
        """The session of ``routine`` at the dose chosen (the file's own when there is none); the first
        time a routine runs, each intro card waits for space."""
        level = dose.chosen if dose is not None else 0
        dosed_routine = intros_wait(dosed(routine, level)) if first_time else dosed(routine, level)
        recorder = SessionRecorder(self.app.data, dosed_routine, screening, self.app.wall_clock)
        recorder.record.level, recorder.record.level_reason = level, dose.line if dose is not None else ""
        session = RunningSession(dosed_routine, self.app.clock, recorder, screening.pain_before)
        session.dose_line = dose.line if dose is not None and routine.progress else ""
        screen = SessionScreen(session)
        self.app.open_session(screen)
        return screen

    def offers(self, chosen: Entry) -> dict[Offer, Entry | None]:
        """The routines a verdict may offer in place of ``chosen``: the flare-up plan (even when chosen: a
        block at pain 8-10 still lets it start) and the gentlest (``None`` where it is the one chosen)."""
        home = self.app.screen_stack[0]
        entries = home.entries if isinstance(home, HomeScreen) else bundled()
        offers: dict[Offer, Entry | None] = {}
        flare_up, easiest = flare_up_plan(entries, self.app.profile), gentlest(entries, self.app.profile)
        if flare_up is not None:
            offers[Offer.FLARE_UP] = flare_up
        if easiest is not None:
            offers[Offer.GENTLEST] = None if easiest.path == chosen.path else easiest
        return offers

    async def _activities_if_due(self, recent: list[SessionRecord]) -> None:
        """Before the first exercise: name the activities when none are named and a session has run
        before (the first time they come after the first summary), else the weekly rating when due."""
        app = self.app
        log = app.activities.log()
        today = app.wall_clock().date()
        naming = log.needs_naming(today) and any(is_exercising(record) for record in recent)
        if not naming and not log.rating_due(today):
            return
        questions = ActivityQuestions(log, app.wall_clock(), naming, app.clock)
        app.activities.keep(await app.push_screen_wait(ActivityQuestionsScreen(questions)))
