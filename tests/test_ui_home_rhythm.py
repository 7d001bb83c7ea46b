"""Home's reminder line: when the next session is due by the rhythm ``coach remind`` set, and this week's tally."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from coach.cli import main
from coach.config import Config, load_config, save_config
from coach.logs.records import Outcome, Screening, StepOutcome, StepRecord
from coach.logs.store import create_session
from coach.reminders import Rhythm
from coach.safety.profile_store import save_profile
from coach.ui.app import build_app
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.home import HomeScreen
from tests.helpers.app import answer, home_settled, wait_for_screen
from tests.helpers.checks import profile
from tests.helpers.clock import FakeClock
from tests.helpers.records import session
from tests.helpers.speaker import RecordingSpeaker

SIZE = (100, 30)
TZ = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
TUESDAY_MORNING = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)


def app_at(data, now: datetime, rhythm: Rhythm | None):
    save_config(data, Config(accepted_notice=True, sound=False, rhythm=rhythm))
    save_profile(data, profile(at=MONDAY - timedelta(days=1)))
    clock = FakeClock()
    return build_app(
        data,
        clock=clock,
        wall_clock=lambda: now,
        bell=lambda: None,
        scheduler=clock.schedule,
        speaker=RecordingSpeaker(clock),
    )


def log_exercise(data, started: datetime) -> None:
    step = StepRecord("walk", "Walk", StepOutcome.DONE, started, started + timedelta(minutes=10), 600.0, 600, "done")
    record = session(
        started,
        started + timedelta(minutes=10),
        routine="gentle-relief",
        title="Gentle lower-back relief",
        outcome=Outcome.COMPLETED,
        screening=Screening(pain_before=2),
        steps=[step],
        planned_exercises=1,
    )
    create_session(data, record)


async def rhythm_text(pilot) -> tuple[bool, str]:
    await home_settled(pilot)
    line = pilot.app.screen.query_one("#rhythm")
    return line.display, line.text


async def test_home_says_when_the_next_session_is_due_and_how_the_week_went(data_dir):
    log_exercise(data_dir, MONDAY)
    app = app_at(data_dir, TUESDAY_MORNING, Rhythm((0, 2, 4), time(18, 0)))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert await rhythm_text(pilot) == (True, "Next session due Wed 18:00 · this week: 1 of 3 days kept")
        # coach remind run in another terminal while the coach is open: a setting changed here keeps it
        assert main(["--data-dir", str(data_dir), "remind", "--days", "tue", "--at", "19:00"]) == 0
        await answer(pilot, "v")
        saved = load_config(data_dir)
        assert saved.rhythm == Rhythm((1,), time(19, 0)) and saved.voice is False
        # back on home, the line follows the new rhythm
        await answer(pilot, "h")
        await wait_for_screen(pilot, HistoryScreen)
        await answer(pilot, "escape")
        await wait_for_screen(pilot, HomeScreen)
        assert await rhythm_text(pilot) == (True, "Next session due today 19:00 · this week: 1 of 1 day kept")


async def test_home_shows_no_reminder_line_without_a_rhythm(data_dir):
    log_exercise(data_dir, MONDAY)
    app = app_at(data_dir, TUESDAY_MORNING, None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert await rhythm_text(pilot) == (False, "")
