"""Today's dose on screen (flow 11): the check's last screen says it and why; k takes last time's, e one easier."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.function.model import FunctionLog
from coach.function.store import save_function
from coach.logs.records import Outcome, Screening, StepOutcome, StepRecord
from coach.logs.store import create_session
from coach.logs.timestamps import local_now
from coach.ui.screens.safety_check import SafetyCheckScreen
from coach.ui.screens.session import SessionScreen
from tests.helpers.app import accepted, answer, app_for, wait_for_screen
from tests.helpers.clock import FakeClock
from tests.helpers.records import session

SIZE = (100, 30)
SHORT = """\
format = 1
title = "Short hold"
prepare = 0

[[exercises]]
id = "hold"
name = "Knee-to-chest"
how = ["Lie on your back.", "Hold one knee."]
hold = 10
reps = 2
"""


def two_comfortable_sessions(data, routine_path) -> None:
    """Two sessions of the routine a day apart, 2 before and after: today is level 1 (no activities asked today)."""
    log = FunctionLog()
    log.naming_put_off = local_now().date()
    save_function(data, log)
    for days_ago in (3, 2):
        start = local_now() - timedelta(days=days_ago)
        record = session(start, start + timedelta(minutes=5), routine="short", outcome=Outcome.COMPLETED)
        record.screening = Screening({"emergency-signs": False}, {}, 2)
        record.pain_after, record.planned_exercises = 2, 1
        record.steps = [StepRecord("hold", "Knee-to-chest", StepOutcome.DONE, start, start, 20.0, 20, "2 of 2 holds")]
        create_session(data, record)


@pytest.mark.parametrize(("key", "level", "hold"), [("enter", 1, 12), ("k", 0, 10), ("e", 1, 12)])
async def test_the_last_screen_of_the_check_says_todays_dose_and_k_or_e_takes_an_easier_one(
    data_dir, tmp_path, key, level, hold
):
    routine = tmp_path / "short.toml"
    routine.write_text(SHORT)
    two_comfortable_sessions(accepted(data_dir), routine)
    app = app_for(data_dir, routine, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        check = await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "n", "n", "n", "0")
        advice = check.query_one("#advice").text
        assert (
            "Level 1 — Knee-to-chest holds 12 s, was 10: your last two sessions were comfortable and settled." in advice
        )
        keys = check.query_one("#keys").text
        assert "k  last time's dose (level 0)" in keys and "e  one level easier (level 0)" not in keys
        assert check.query_one("#keys").region.height == 2, "the dose keys have a line of their own"
        await answer(pilot, key)
        if key != "enter":
            assert f"Level {level} — " in check.query_one("#advice").text, "the chosen dose is shown"
            await answer(pilot, "enter")
        screen = await wait_for_screen(pilot, SessionScreen)
        assert screen.session.routine.exercises[0].hold == hold
        assert screen.session.recorder.record.level == level
        assert screen.query_one("#dose").text.startswith(f"Level {level} — ")


async def test_never_harder_than_today_or_last_time(data_dir, tmp_path):
    routine = tmp_path / "short.toml"
    routine.write_text(SHORT)
    two_comfortable_sessions(accepted(data_dir), routine)
    app = app_for(data_dir, routine, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        check = await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "n", "n", "n", "0")
        assert check.dose is not None and set(check.dose.options().values()) == {0}
        await answer(pilot, "k", "k")
        assert check.dose.chosen == 1, "the same key again goes back to today's dose"
