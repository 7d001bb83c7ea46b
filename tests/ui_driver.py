"""Drive the real app through Pilot: answer the safety check, move the fake clock."""

from __future__ import annotations

from pathlib import Path

from coach.config import Config, save_config
from coach.logs.timestamps import local_now
from coach.routines.catalog import load_entry
from coach.safety.check_texts import SETTLED_ID, AnswerKind
from coach.safety.profile_questions import QuestionKind
from coach.safety.profile_store import save_profile
from coach.safety.verdicts import VerdictKind
from coach.ui.app import CoachApp, build_app
from coach.ui.screens.profile import ProfileScreen
from coach.ui.screens.safety_check import SafetyCheckScreen
from coach.ui.screens.session import TICK_MARGIN, SessionScreen
from tests.conftest import FakeClock, RecordingSpeaker
from tests.helpers.checks import profile


def accepted(data: Path, sound: bool = True, yes: tuple[str, ...] = (), **about) -> Path:
    """Notice accepted and the health profile answered: "yes" to the answer ids in ``yes``."""
    save_config(data, Config(accepted_notice=True, sound=sound))
    save_profile(data, profile(yes=yes, at=local_now(), **about))
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


CHOICE_KEYS = {"age-band": "2", "episode-length": "1"}
"""16 to 49, and an episode of less than 6 weeks."""


async def fill_profile(pilot, yes: tuple[str, ...] = ()) -> None:
    """Answer the health profile shown on screen: "yes" to the answer ids in ``yes`` (a listed question's
    items are ticked on its "which?"), "no" to the rest, 16 to 49 and under 6 weeks; then save."""
    screen = pilot.app.screen
    assert isinstance(screen, ProfileScreen), type(screen).__name__
    table = screen.query_one("#questions")
    while not all(screen.answered(q) for q in screen.questions()):
        question = screen.questions()[table.cursor_row]
        if question.kind is QuestionKind.CHOICE:
            await answer(pilot, CHOICE_KEYS[question.id])
        elif question.kind is QuestionKind.LISTED:
            ticked = [str(n) for n, item in enumerate(question.items, 1) if item.id in yes]
            await answer(pilot, *(["y", *ticked, "enter"] if ticked else ["n"]))
        else:
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
    while check.check.pending is not None:
        question = check.check.pending.question
        if question.kind is AnswerKind.RATING:
            await answer(pilot, *pain)
        else:
            await answer(pilot, "y" if question.id == SETTLED_ID else "n")
    verdict = check.check.verdict
    if verdict is not None and verdict.kind is VerdictKind.CAUTION:
        await answer(pilot, "g")
    elif verdict is not None and verdict.kind is VerdictKind.GO and not check.check.finished:
        await answer(pilot, "enter")
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
