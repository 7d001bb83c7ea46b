"""The safety check screen at a caution: which routine it calls the gentlest, and what going back logs."""

from __future__ import annotations

from datetime import date

from coach.history import summary
from coach.logstore import list_sessions
from coach.paths import bundled_routines_dir
from coach.records import Outcome
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.safety_check import SafetyCheckScreen
from tests.conftest import FakeClock
from tests.ui_driver import accepted, answer, app_for, only_log, wait_for_screen

SIZE = (100, 30)


async def caution_advice(data_dir, routine: str) -> str:
    app = app_for(accepted(data_dir), bundled_routines_dir() / f"{routine}.toml", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, *"nnnnnn", "7")
        return app.screen.query_one("#advice").text


async def test_pain_of_seven_on_the_flare_up_routine_says_it_is_already_the_gentlest(data_dir):
    advice = await caution_advice(data_dir, "flare-up")
    assert "You have chosen the gentlest routine here." in advice
    assert "Two-minute desk break" not in advice


async def test_pain_of_seven_on_another_routine_names_the_flare_up_routine(data_dir):
    advice = await caution_advice(data_dir, "posture-reset")
    assert "The gentlest routine here is Flare-up: a bad day." in advice


async def test_back_to_the_routines_at_a_caution_is_logged_as_not_started(data_dir):
    app = app_for(accepted(data_dir), bundled_routines_dir() / "posture-reset.toml", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, *"nnnnnn", "6", "b")
        assert isinstance(app.screen, HomeScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.BLOCKED and record.screening.not_started_after_caution
    assert record.reason == "Not started after the caution: Go gently today."
    figures = summary(list_sessions(data_dir)[0], date.today())
    assert (figures.blocked, figures.not_started) == (0, 1)
