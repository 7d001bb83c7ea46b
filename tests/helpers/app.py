"""Drive the real app through Pilot: build it over a data folder with the fake clock, answer what it asks,
move the clock.

The clock runs what the app schedules on it as its moments pass; no helper ticks a screen itself, so the
app's own scheduling is what moves a session on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from coach.config import Config, save_config
from coach.function.model import FunctionLog
from coach.function.store import save_function
from coach.logs.records import Outcome, Screening
from coach.logs.store import create_session, list_sessions
from coach.logs.timestamps import local_now
from coach.paths import bundled_routines_dir
from coach.routines.catalog import load_entry
from coach.safety.check_texts import EMERGENCY_QUESTION, SETTLED_ID, AnswerKind
from coach.safety.profile_questions import QuestionKind
from coach.safety.profile_store import save_profile
from coach.safety.verdicts import VerdictKind
from coach.session.running import SKIP_AGAIN_AFTER
from coach.ui.app import CoachApp, build_app
from coach.ui.screens.profile import ProfileScreen
from coach.ui.screens.safety_check import SafetyCheckScreen
from coach.ui.screens.session import TICK_MARGIN, SessionScreen
from tests.helpers.checks import profile
from tests.helpers.clock import FakeClock
from tests.helpers.records import session
from tests.helpers.speaker import RecordingSpeaker

RETURNING_ID = "20000101T000000000000-1-returning"
WAIT_STEP = 0.01
WAIT_STEPS = 500
"""How often, and how many times, a wait looks again for what it waits for: five seconds in all."""


# building the app ---------------------------------------------------------------------------------------


def accepted(data: Path, sound: bool = True, yes: tuple[str, ...] = (), at: datetime | None = None, **about) -> Path:
    """Notice accepted and the health profile answered (``at``, or now): "yes" to the answer ids in ``yes``."""
    save_config(data, Config(accepted_notice=True, sound=sound))
    save_profile(data, profile(yes=yes, at=at or local_now(), **about))
    return data


def returning(data: Path, routine: Path, **about) -> Path:
    """``accepted``, and ``routine`` ran once four days ago (pain 2 before and after), so its intro cards
    count down rather than wait as they do the first time; naming the activities was put off today."""
    accepted(data, **about)
    start = local_now() - timedelta(days=4)
    record = session(start, start + timedelta(minutes=10), id=RETURNING_ID, routine=routine.stem, path=str(routine))
    record.outcome, record.pain_after = Outcome.COMPLETED, 2
    record.screening = Screening({EMERGENCY_QUESTION.id: False}, pain_before=2)
    create_session(data, record)
    save_function(data, FunctionLog(naming_put_off=local_now().date()))
    return data


def bundled(name: str) -> Path:
    """The file of the bundled routine ``name``."""
    return bundled_routines_dir() / f"{name}.toml"


def app_for(
    data: Path,
    routine_path: Path | None,
    clock: FakeClock,
    bells: list | None = None,
    speaker: RecordingSpeaker | None = None,
    *,
    source: str = "given",
    wall_clock: Callable[[], datetime] | None = None,
) -> CoachApp:
    """The app over ``data`` on the fake ``clock``, started with the routine at ``routine_path`` (from ``source``).

    Each bell rings into ``bells`` as the clock's time; what is said goes to ``speaker``; logs are dated by
    ``wall_clock`` when given.
    """
    entry = load_entry(routine_path, source) if routine_path else None
    ring = (lambda: bells.append(clock.now)) if bells is not None else (lambda: None)
    options = {"wall_clock": wall_clock} if wall_clock is not None else {}
    return build_app(
        data,
        start_with=entry,
        clock=clock,
        bell=ring,
        scheduler=clock.schedule,
        speaker=speaker or RecordingSpeaker(clock),
        **options,
    )


def only_log(data: Path):
    """The one session log in ``data`` besides the one ``returning`` wrote; fails if there is any other,
    or one that cannot be read."""
    records, problems = list_sessions(data)
    assert not problems
    records = [record for record in records if record.id != RETURNING_ID]
    assert len(records) == 1
    return records[0]


# waiting --------------------------------------------------------------------------------------------------


async def wait_until(pilot, condition: Callable[[], bool], what: str) -> None:
    """Let the app run until ``condition`` holds (a thread or a timer of the app's may have to finish first)."""
    for _ in range(WAIT_STEPS):
        if condition():
            await pilot.pause()
            return
        await pilot.pause(WAIT_STEP)
    raise AssertionError(f"{what} never happened; on top: {type(pilot.app.screen).__name__}")


async def home_settled(pilot):
    """Home, once it has read every routine file and the logs in its threads and shown them."""
    from coach.ui.screens.home import HomeScreen

    home = pilot.app.screen_stack[0]
    assert isinstance(home, HomeScreen)
    await wait_until(pilot, lambda: home.settled, "home's reading")
    return home


async def wait_for_screen(pilot, kind: type) -> object:
    """Let the app run until a ``kind`` screen is on top (the check reads the last logs in a thread first)."""
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, kind) and pilot.app.screen.is_mounted, f"{kind.__name__} showing"
    )
    return pilot.app.screen


# keys -----------------------------------------------------------------------------------------------------


async def answer(pilot, *keys: str) -> None:
    """Press each key in turn, letting the app take in each before the next."""
    for key in keys:
        await pilot.press(key)


def type_ahead(pilot, *keys: str) -> None:
    """Send ``keys`` all at once, as a paste or a fast typist does: none waits for the one before."""
    from textual.events import Key

    for key in keys:
        pilot.app.post_message(Key(key, key if len(key) == 1 else None))


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


async def answer_check(pilot, *keys: str) -> None:
    """Wait for the safety check to show, then press ``keys``."""
    await wait_for_screen(pilot, SafetyCheckScreen)
    await answer(pilot, *keys)


async def pass_safety_check(pilot, pain: str = "2") -> SessionScreen:
    """Answer the profile if it is asked (all "no"), every check question "no", ``pain``, and go on past a caution."""
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


async def skip(pilot, clock: FakeClock, times: int) -> None:
    """Skip ``times`` exercises, each press far enough after the last that it is no double press."""
    for n in range(times):
        if n:
            clock.advance(SKIP_AGAIN_AFTER)
        await answer(pilot, "s")


# time -----------------------------------------------------------------------------------------------------


async def move(pilot, clock: FakeClock, seconds: float) -> None:
    """Move the fake clock ``seconds`` on in one step, then let the app catch up; the app's own scheduled
    ticks run at their moments as the clock passes them.

    The screen wakes ``TICK_MARGIN`` after each change is due, so the clock moves that much more. A test
    that needs the app drawn between two moments moves the clock twice.
    """
    clock.advance(seconds + TICK_MARGIN)
    await pilot.pause()
    await pilot.pause()


def layout_requests(widget) -> list[bool]:
    """From now on, record each ``widget.refresh`` call as whether it asked for a layout."""
    requests: list[bool] = []
    original = widget.refresh
    widget.refresh = lambda *args, **kwargs: requests.append(kwargs.get("layout", False)) or original(*args, **kwargs)
    return requests


def screen_text(app: CoachApp) -> str:
    """What the terminal shows now, one line per row, as the user reads it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())  # noqa: SLF001
