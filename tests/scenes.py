"""Scenes of the real app, shared by the snapshot tests and scripts/screenshots.py.

Each scene builds an app over a data folder with fixed content and a fake clock, and a
``run_before`` coroutine that drives it with Pilot to the screen worth showing.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from coach.config import Config, save_config
from coach.durations import clock_text
from coach.function.model import FunctionLog
from coach.function.store import save_function
from coach.logs.records import Outcome, PainReport, Screening, StepOutcome, StepRecord
from coach.logs.store import create_session, save_session
from coach.paths import bundled_routines_dir
from coach.routines.catalog import load_entry
from coach.routines.loader import load_routine
from coach.routines.model import Dosing
from coach.routines.plan import build_run, unit_name
from coach.safety.pain import judge_pain
from coach.safety.profile import Profile
from coach.safety.profile_store import save_profile
from coach.ui.app import CoachApp, build_app
from coach.ui.screens.safety_check import SafetyCheckScreen
from coach.ui.screens.session import SessionScreen
from tests.conftest import FakeClock, RecordingSpeaker
from tests.helpers.checks import profile
from tests.helpers.records import session

RunBefore = Callable[[object], Awaitable[None]]
SIZE = (100, 30)
FIXED_START = datetime(2026, 11, 21, 8, 30, tzinfo=timezone(timedelta(hours=1)))


class FixedWallClock:
    """Wall-clock times that move a minute per reading, from a fixed start."""

    def __init__(self) -> None:
        self.moment = FIXED_START

    def __call__(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


def make_app(data: Path, routine: str | None = "gentle-relief", accepted: bool = True) -> tuple[CoachApp, FakeClock]:
    data.mkdir(parents=True, exist_ok=True)
    if accepted:
        save_config(data, Config(accepted_notice=True, sound=False))
        save_profile(data, answered_profile())
    clock = FakeClock()
    entry = load_entry(bundled_routines_dir() / f"{routine}.toml", "bundled") if routine else None
    return build_app(
        data,
        start_with=entry,
        clock=clock,
        wall_clock=FixedWallClock(),
        bell=lambda: None,
        scheduler=clock.schedule,
        speaker=RecordingSpeaker(clock),
    ), clock


def answered_profile() -> Profile:
    """A health profile with every question answered "no" (16 to 49, under 6 weeks) the day before FIXED_START."""
    return profile(at=FIXED_START - timedelta(days=1))


CHECK_PASSED = ("n", "n", "n")
"""A typical day's yes/no questions of the safety check answered "no": emergency signs, since last time, legs."""


async def check_keys(pilot, *pressed: str) -> None:
    """Wait for the safety check to show, then press ``pressed``."""
    from tests.ui_driver import wait_for_screen

    await wait_for_screen(pilot, SafetyCheckScreen)
    await keys(pilot, *pressed)


async def keys(pilot, *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()


async def advance(pilot, clock: FakeClock, seconds: float) -> None:
    """Move the fake clock on; the session screen's own scheduled ticks run as their moments pass."""
    clock.advance(seconds)
    await pilot.pause()


def safety_check() -> RunBefore:
    async def run(pilot) -> None:
        await check_keys(pilot, "n", "n")

    return run


def hold_in_progress(clock: FakeClock) -> RunBefore:
    """Knee-to-chest, the first hold, after skipping the warm-up walk."""

    async def run(pilot) -> None:
        await check_keys(pilot, *CHECK_PASSED, "2", "enter", "s")
        await advance(pilot, clock, 10)
        await advance(pilot, clock, 7.5)
        await pilot.pause(0.5)

    return run


def it_hurts(clock: FakeClock) -> RunBefore:
    async def run(pilot) -> None:
        await hold_in_progress(clock)(pilot)
        await keys(pilot, "p")

    return run


def pain_check(clock: FakeClock) -> RunBefore:
    async def run(pilot) -> None:
        await check_keys(pilot, *CHECK_PASSED, "2", "enter")
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        await advance(pilot, clock, screen.session.engine.runs[0].planned_seconds + 0.01)
        await pilot.pause(0.5)

    return run


def summary(clock: FakeClock) -> RunBefore:
    async def run(pilot) -> None:
        await pain_check(clock)(pilot)
        await keys(pilot, "2")
        await advance(pilot, clock, 40)
        await keys(pilot, "p", "b", "4", "s")
        await advance(pilot, clock, 30)
        await keys(pilot, "q", "y", "1", "enter")
        await pilot.pause(0.5)
        pilot.app.screen.query_one("Input").cursor_blink = False
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
        await keys(pilot, "h")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.3)

    return run


def history_trends() -> RunBefore:
    async def run(pilot) -> None:
        await history_screen()(pilot)
        await keys(pilot, "t")
        await pilot.pause(0.3)

    return run


def session_detail() -> RunBefore:
    """The newest session that was stopped for pain, opened from the history table."""

    async def run(pilot) -> None:
        await history_screen()(pilot)
        screen = pilot.app.screen
        row = next(n for n, r in enumerate(screen.shown) if r.outcome is Outcome.STOPPED_FOR_PAIN and r.pain_reports)
        screen.query_one("#table").move_cursor(row=row)
        await keys(pilot, "enter")
        await pilot.pause(0.3)

    return run


def learn() -> RunBefore:
    """The Learn screen opened from home with l, then taken to its first card with home."""

    async def run(pilot) -> None:
        await keys(pilot, "l", "home")
        await pilot.pause(0.3)

    return run
