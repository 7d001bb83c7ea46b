"""Scenes of the real app, shared by the snapshot tests and scripts/screenshots.py.

Each scene builds an app over a data folder with fixed content and a fake clock, and a
``run_before`` coroutine that drives it with Pilot to the screen worth showing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from coach.catalog import load_entry
from coach.config import Config, save_config
from coach.paths import bundled_routines_dir
from coach.ui.app import CoachApp, build_app
from coach.ui.screens.session import SessionScreen
from tests.conftest import FakeClock

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
    clock = FakeClock()
    entry = load_entry(bundled_routines_dir() / f"{routine}.toml", "bundled") if routine else None
    return build_app(data, start_with=entry, clock=clock, wall_clock=FixedWallClock(), bell=lambda: None), clock


async def keys(pilot, *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()


async def advance(pilot, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    screen = pilot.app.screen
    if isinstance(screen, SessionScreen):
        screen.tick()
    await pilot.pause()


def safety_check() -> RunBefore:
    async def run(pilot) -> None:
        await keys(pilot, "n", "n", "n", "n", "n")
    return run


def hold_in_progress(clock: FakeClock) -> RunBefore:
    async def run(pilot) -> None:
        await keys(pilot, "n", "n", "n", "n", "n", "2")
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
        await keys(pilot, "n", "n", "n", "n", "n", "2")
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        await advance(pilot, clock, screen.engine.runs[0].planned_seconds)
        await pilot.pause(0.5)
    return run


def summary(clock: FakeClock) -> RunBefore:
    async def run(pilot) -> None:
        await pain_check(clock)(pilot)
        await keys(pilot, "2")
        await advance(pilot, clock, 40)
        await keys(pilot, "p", "2", "4", "s")
        await advance(pilot, clock, 30)
        await keys(pilot, "q", "y", "1")
        await pilot.pause(0.5)
    return run
