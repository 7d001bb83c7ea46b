"""Drive the real app through Pilot: answer the safety check, move the fake clock."""

from __future__ import annotations

from pathlib import Path

from coach.config import Config, save_config
from coach.logs.timestamps import local_now
from coach.routines.catalog import load_entry
from coach.safety.check import VerdictKind
from coach.safety.check_texts import AnswerKind
from coach.safety.profile import QUESTIONS, Profile
from coach.safety.profile_store import save_profile
from coach.ui.app import CoachApp, build_app
from coach.ui.screens.profile import ProfileScreen
from coach.ui.screens.safety_check import SafetyCheckScreen
from coach.ui.screens.session import TICK_MARGIN, SessionScreen
from tests.conftest import FakeClock, RecordingSpeaker


def accepted(data: Path, sound: bool = True, yes: tuple[str, ...] = ()) -> Path:
    """Notice accepted and the health profile answered: "yes" to the question ids in ``yes``."""
    save_config(data, Config(accepted_notice=True, sound=sound))
    profile = Profile()
    now = local_now()
    for question in QUESTIONS:
        profile.answer(question.id, question.id in yes, now)
    profile.mark_reviewed(now)
    save_profile(data, profile)
    return data


def app_for(
    data: Path,
    routine_path: Path | None,
    clock: FakeClock,
    bells: list | None = None,
    speaker: RecordingSpeaker | None = None,
) -> CoachApp:
    entry = load_entry(routine_path, "given") if routine_path else None
    ring = (lambda: bells.append(clock.now)) if bells is not None else (lambda: None)
    return build_app(
        data,
        start_with=entry,
        clock=clock,
        bell=ring,
        scheduler=clock.schedule,
        speaker=speaker or RecordingSpeaker(clock),
    )


def only_log(data: Path):
    """The one session log in ``data``; fails if there is any other, or one that cannot be read."""
    from coach.logs.store import list_sessions

    records, problems = list_sessions(data)
    assert not problems
    assert len(records) == 1
    return records[0]


async def answer(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def wait_for_screen(pilot, kind: type) -> object:
    """Let the app run until a ``kind`` screen is on top (the check reads the last logs in a thread first)."""
    for _ in range(500):
        if isinstance(pilot.app.screen, kind) and pilot.app.screen.is_mounted:
            await pilot.pause()
            return pilot.app.screen
        await pilot.pause(0.01)
    raise AssertionError(f"{kind.__name__} never showed; on top: {type(pilot.app.screen).__name__}")


async def fill_profile(pilot, yes: tuple[str, ...] = ()) -> None:
    """Answer the health profile shown on screen: "yes" to the question ids in ``yes``, "no" to the rest, then save."""
    screen = pilot.app.screen
    assert isinstance(screen, ProfileScreen), type(screen).__name__
    while screen.query_one("#questions").row_count > len(screen.draft):
        question = screen.questions()[screen.query_one("#questions").cursor_row]
        await answer(pilot, "y" if question.id in yes else "n")
    await answer(pilot, "s")


async def pass_safety_check(pilot, pain: str = "2", contraindications: bool = False) -> SessionScreen:
    """Answer the profile if it is asked (all "no"), every check question "no", ``pain``, and go on past a caution.

    ``contraindications`` is kept for old callers: the profile, not the check, asks about them now.
    """
    await pilot.pause()
    if isinstance(pilot.app.screen, ProfileScreen):
        await fill_profile(pilot)
    check = await wait_for_screen(pilot, SafetyCheckScreen)
    while check.check.pending is not None and check.check.pending.question.kind is AnswerKind.YES_NO:
        await answer(pilot, "n")
    await answer(pilot, pain)
    if check.check.pending is not None:
        await answer(pilot, "y")
    if check.check.verdict is not None and check.check.verdict.kind is VerdictKind.CAUTION:
        await answer(pilot, "g")
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


async def skip(pilot, clock: FakeClock, times: int) -> None:
    """Skip ``times`` exercises, each press far enough after the last that it is no double press."""
    from coach.session.running import SKIP_AGAIN_AFTER

    for n in range(times):
        if n:
            clock.advance(SKIP_AGAIN_AFTER)
        await answer(pilot, "s")
