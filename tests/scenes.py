"""Scenes of the real app, shared by the snapshot tests and scripts/screenshots.py.

Each scene builds an app over a data folder with fixed content and a fake clock, and a
``run_before`` coroutine that drives it with Pilot to the screen worth showing.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from coach.durations import clock_text
from coach.function.model import FunctionLog
from coach.function.store import save_function
from coach.logs.records import Outcome, PainReport, Screening, StepOutcome, StepRecord
from coach.logs.store import create_session, save_session
from coach.paths import bundled_routines_dir
from coach.routines.loader import load_routine
from coach.routines.model import Dosing
from coach.routines.plan import build_run, unit_name
from coach.safety.pain import judge_pain
from coach.ui.app import CoachApp
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.learn import LearnScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.screens.session_detail import SessionDetailScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.widgets.phase_display import PhaseDisplay
from tests.helpers.app import accepted as accept
from tests.helpers.app import answer, answer_check, app_for, bundled, home_settled, move, wait_for_screen, wait_until
from tests.helpers.clock import FakeClock
from tests.helpers.records import session

RunBefore = Callable[[object], Awaitable[None]]
SIZE = (100, 30)
FIXED_START = datetime(2026, 11, 21, 8, 30, tzinfo=timezone(timedelta(hours=1)))
WALL_CLOCK_START = FIXED_START + timedelta(minutes=2)
"""Where the scenes' wall clock starts: the first session of a scene starts at 08:35."""


class FixedWallClock:
    """Wall-clock times from ``WALL_CLOCK_START``: each reading on the app's own thread moves them a minute on.

    Home also reads the time in threads, and a thread it starts may be cancelled before it runs; a reading from
    another thread gets the time as it is, so the times a scene shows never depend on which threads ran.
    """

    def __init__(self) -> None:
        self.moment = WALL_CLOCK_START
        self.thread = threading.get_ident()

    def __call__(self) -> datetime:
        if threading.get_ident() == self.thread:
            self.moment += timedelta(minutes=1)
        return self.moment


def make_app(data: Path, routine: str | None = "gentle-relief", accepted: bool = True) -> tuple[CoachApp, FakeClock]:
    """The app over ``data`` with the bundled ``routine`` chosen, sound off, a ``FixedWallClock``;
    ``accepted``: notice accepted and every profile question answered "no" (16 to 49, under 6 weeks) the day
    before."""
    data.mkdir(parents=True, exist_ok=True)
    if accepted:
        accept(data, sound=False, at=FIXED_START - timedelta(days=1))
    clock = FakeClock()
    app = app_for(data, bundled(routine) if routine else None, clock, source="bundled", wall_clock=FixedWallClock())
    return app, clock


CHECK_PASSED = ("n", "n", "n")
"""A typical day's yes/no questions of the safety check answered "no": emergency signs, since last time, legs."""


async def no_flash(pilot) -> None:
    """Wait until the phase display's flash at a change of phase is over."""
    display = pilot.app.screen.query_one(PhaseDisplay)
    await wait_until(pilot, lambda: not display.has_class("flash"), "the end of the flash")


def home() -> RunBefore:
    """Home once it has read every routine file and the logs (today's level of each routine)."""

    async def run(pilot) -> None:
        await home_settled(pilot)

    return run


def safety_check() -> RunBefore:
    async def run(pilot) -> None:
        await answer_check(pilot, "n", "n")

    return run


def hold_in_progress(clock: FakeClock) -> RunBefore:
    """Knee-to-chest, the first hold, after skipping the warm-up walk (the first time, each intro card
    waits for space)."""

    async def run(pilot) -> None:
        await answer_check(pilot, *CHECK_PASSED, "2", "enter", "s", "space")
        await move(pilot, clock, 7.5)
        await no_flash(pilot)

    return run


def it_hurts(clock: FakeClock) -> RunBefore:
    async def run(pilot) -> None:
        await hold_in_progress(clock)(pilot)
        await answer(pilot, "p")

    return run


def pain_check(clock: FakeClock) -> RunBefore:
    async def run(pilot) -> None:
        await answer_check(pilot, *CHECK_PASSED, "2", "enter", "space")
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        await move(pilot, clock, screen.session.engine.runs[0].planned_seconds)
        await no_flash(pilot)

    return run


def summary(clock: FakeClock) -> RunBefore:
    async def run(pilot) -> None:
        await pain_check(clock)(pilot)
        await answer(pilot, "2", "space")
        await move(pilot, clock, 30)
        await answer(pilot, "p", "b", "4", "s", "space")
        await move(pilot, clock, 20)
        await answer(pilot, "q", "y", "1", "enter")
        screen = await wait_for_screen(pilot, SummaryScreen)
        screen.query_one("Input").cursor_blink = False
        await pilot.pause()

    return run


HISTORY_ROUTINES = ("gentle-relief", "stabilise", "posture-reset")
HISTORY_NOTES = ("Felt looser after the walk.", "Stiff after a long drive.", "Left side tighter than the right.")


def seed_history(data: Path, days: int = 56) -> None:
    """Eight weeks of sessions ending the day before FIXED_START, pain easing from about 5 to 2.

    Most days have one session; every outcome appears: one ended early, one stopped for pain,
    one blocked by the safety check, one interrupted (its process gone).
    """
    rng = random.Random(56)
    routines = [load_routine(bundled_routines_dir() / f"{name}.toml") for name in HISTORY_ROUTINES]
    special = {
        days - 9: Outcome.STOPPED_FOR_PAIN,
        days - 20: Outcome.ENDED_EARLY,
        days - 30: Outcome.BLOCKED,
        days - 41: Outcome.INTERRUPTED,
    }
    for day in range(days):
        if rng.random() < 0.2 and day not in special and day < days - 6:
            continue
        start = FIXED_START - timedelta(days=days - day) + timedelta(minutes=rng.randrange(-60, 90))
        routine = routines[day % len(routines)]
        outcome = special.get(day, Outcome.COMPLETED)
        before = max(1, min(8, round(5 - 3 * day / days + rng.uniform(-1, 1))))
        record = session(
            start,
            id="",
            title=routine.title,
            routine=routine.name,
            path=f"{routine.name}.toml",
            outcome=Outcome.IN_PROGRESS,
            planned_exercises=len(routine.exercises),
            screening=Screening(
                {
                    "emergency-signs": False,
                    "since-last": False,
                    "leg-symptoms": outcome is Outcome.BLOCKED,
                    **({"leg-pain": True, "leg-weakness": False} if outcome is Outcome.BLOCKED else {}),
                },
                {name: False for name in routine.contraindications},
                before,
            ),
        )
        path = create_session(data, record)
        if outcome is Outcome.BLOCKED:
            record.outcome, record.reason, record.ended_at = (
                outcome,
                "See a doctor within a few days: pain shooting down one leg, or numbness in one leg, with no weakness.",
                record.started_at,
            )
            save_session(path, record)
            continue
        clock, rating = start + timedelta(minutes=2), before
        last = {Outcome.ENDED_EARLY: 2, Outcome.STOPPED_FOR_PAIN: 2, Outcome.INTERRUPTED: 1}.get(
            outcome, len(routine.exercises)
        )
        for exercise in routine.exercises[:last]:
            run = build_run(exercise, routine.prepare)
            planned = run.planned_seconds
            ended = clock + timedelta(seconds=planned + 8)
            done = (
                f"{clock_text(exercise.duration)} of {clock_text(exercise.duration)}"
                if exercise.dosing is Dosing.TIMED
                else f"{run.unit_count} of {run.unit_count} {unit_name(exercise)}"
            )
            record.steps.append(
                StepRecord(exercise.id, exercise.name, StepOutcome.DONE, clock, ended, float(planned), planned, done)
            )
            record.active_seconds += planned
            rating = max(0, min(10, rating + rng.choice((-1, -1, 0, 0, 0, 1))))
            if outcome is Outcome.STOPPED_FOR_PAIN and len(record.steps) == last:
                rating = min(10, max(6, before + 3))
            record.pain_reports.append(
                PainReport(
                    ended, "check", rating, exercise.id, None, judge_pain(rating, before).light.value, "continue"
                )
            )
            clock = ended
        record.pain_after = rating
        record.ended_at = clock
        if outcome is Outcome.INTERRUPTED:
            record.pid = 0
        else:
            record.outcome = outcome
            record.reason = {
                Outcome.COMPLETED: "Every exercise done.",
                Outcome.ENDED_EARLY: "Ended early.",
                Outcome.STOPPED_FOR_PAIN: f"Stopped after a pain check of {rating}/10.",
            }[outcome]
        if outcome is Outcome.STOPPED_FOR_PAIN:
            record.pain_reports[-1].decision = "stop"
        if day % 11 == 3:
            record.note = HISTORY_NOTES[day % len(HISTORY_NOTES)]
        save_session(path, record)


def seed_same_day(data: Path) -> None:
    """Two sessions on the day before FIXED_START: 3 to 2 in the morning, 6 to 9 and a stop in the evening."""
    day = FIXED_START - timedelta(days=1)
    for hour, before, after, outcome in ((7, 3, 2, Outcome.COMPLETED), (19, 6, 9, Outcome.STOPPED_FOR_PAIN)):
        start = day.replace(hour=hour, minute=15)
        record = session(start, start + timedelta(minutes=20), id="", title="Posture reset", routine="posture-reset")
        record.screening = Screening({"emergency-signs": False}, {}, before)
        record.pain_after, record.outcome, record.planned_exercises = after, outcome, 1
        record.steps = [StepRecord("walk", "Walk", StepOutcome.DONE, start, start, 60.0, 60)]
        record.reason = "Done." if outcome is Outcome.COMPLETED else f"Stopped after a pain check of {after}/10."
        save_session(create_session(data, record), record)


def seed_function(data: Path) -> None:
    """Two activities rated each week for six weeks, the first getting easier."""
    log = FunctionLog()
    first = FIXED_START - timedelta(weeks=6)
    log.add("putting on socks", first)
    log.add("sitting through a film", first)
    for week in range(6):
        at = first + timedelta(weeks=week)
        log.rate("a1", min(10, 3 + week), at)
        log.rate("a2", 5 + week % 2, at)
    save_function(data, log)


def make_history_app(data: Path) -> CoachApp:
    """The app at home over a data folder holding eight weeks of sessions and of activities' ratings."""
    app, _ = make_app(data, routine=None)
    seed_history(data)
    seed_same_day(data)
    seed_function(data)
    return app


def history_screen() -> RunBefore:
    async def run(pilot) -> None:
        await answer(pilot, "h")
        screen = await wait_for_screen(pilot, HistoryScreen)
        await wait_until(pilot, lambda: screen.complete, "every log read")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run


def history_trends() -> RunBefore:
    async def run(pilot) -> None:
        await history_screen()(pilot)
        await answer(pilot, "t")
        await pilot.wait_for_scheduled_animations()

    return run


def session_detail() -> RunBefore:
    """The newest session that was stopped for pain, opened from the history table."""

    async def run(pilot) -> None:
        await history_screen()(pilot)
        screen = pilot.app.screen
        row = next(n for n, r in enumerate(screen.shown) if r.outcome is Outcome.STOPPED_FOR_PAIN and r.pain_reports)
        screen.query_one("#table").move_cursor(row=row)
        await answer(pilot, "enter")
        await wait_for_screen(pilot, SessionDetailScreen)

    return run


def learn() -> RunBefore:
    """The Learn screen opened from home with l, then taken to its first card with home."""

    async def run(pilot) -> None:
        await answer(pilot, "l", "home")
        await wait_for_screen(pilot, LearnScreen)

    return run
