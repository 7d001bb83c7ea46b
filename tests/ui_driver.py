"""Drive the real app through Pilot: answer the safety check, move the fake clock."""

from __future__ import annotations

from pathlib import Path

from coach.catalog import load_entry
from coach.config import Config, save_config
from coach.ui.app import CoachApp, build_app
from coach.ui.screens.session import TICK_MARGIN, SessionScreen
from tests.conftest import FakeClock


def accepted(data: Path, sound: bool = True) -> Path:
    save_config(data, Config(accepted_notice=True, sound=sound))
    return data


def app_for(data: Path, routine_path: Path | None, clock: FakeClock, bells: list | None = None) -> CoachApp:
    entry = load_entry(routine_path, "given") if routine_path else None
    ring = (lambda: bells.append(clock.now)) if bells is not None else (lambda: None)
    return build_app(data, start_with=entry, clock=clock, bell=ring, scheduler=clock.schedule)


async def answer(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def pass_safety_check(pilot, pain: str = "2", contraindications: bool = False) -> SessionScreen:
    await answer(pilot, "n", "n", "n", "n")
    if contraindications:
        await answer(pilot, "n")
    await answer(pilot, pain)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen), type(screen).__name__
    return screen


async def move(pilot, clock: FakeClock, seconds: float, step: float = 1.0) -> None:
    """Move the fake clock on in steps; the app's own scheduled ticks run as their moments pass.

    The screen wakes ``TICK_MARGIN`` after each change is due, so the clock moves that much more.
    """
    remaining = seconds + TICK_MARGIN
    while remaining > 1e-9:
        delta = min(step, remaining)
        clock.advance(delta)
        remaining -= delta
        await pilot.pause()
    await pilot.pause()


def layout_requests(widget) -> list[bool]:
    """From now on, record each ``widget.refresh`` call as whether it asked for a layout."""
    requests: list[bool] = []
    original = widget.refresh
    widget.refresh = lambda *args, **kwargs: requests.append(kwargs.get("layout", False)) or original(*args, **kwargs)
    return requests
