"""The safety check screen at a caution: which routine it calls the gentlest, and what going back logs."""

from __future__ import annotations

from datetime import date

import pytest

from coach.history.figures import summary
from coach.logs.records import Outcome
from coach.logs.store import list_sessions
from coach.paths import bundled_routines_dir
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.safety_check import SafetyCheckScreen
from tests.helpers.app import accepted, answer, app_for, only_log, screen_text, wait_for_screen
from tests.helpers.clock import FakeClock

SIZE = (100, 30)


async def caution_advice(data_dir, routine: str) -> str:
    app = app_for(accepted(data_dir), bundled_routines_dir() / f"{routine}.toml", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, *"nnn", "7")
        return app.screen.query_one("#advice").text


async def test_pain_of_seven_on_the_flare_up_routine_says_it_is_already_the_gentlest(data_dir):
    advice = await caution_advice(data_dir, "flare-up")
    assert "You have chosen the gentlest routine that comes with coach." in advice
    assert "Two-minute desk break" not in advice


async def test_pain_of_seven_on_another_routine_names_the_flare_up_routine(data_dir):
    advice = await caution_advice(data_dir, "posture-reset")
    assert "Press f to start Flare-up: a bad day instead." in advice


async def test_back_to_the_routines_at_a_caution_is_logged_as_not_started(data_dir):
    app = app_for(accepted(data_dir), bundled_routines_dir() / "posture-reset.toml", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, *"nnn", "6", "b")
        assert isinstance(app.screen, HomeScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.BLOCKED and record.screening.not_started_after_caution
    assert record.reason == "Not started after the caution: Go gently today."
    figures = summary(list_sessions(data_dir)[0], date.today())
    assert (figures.blocked, figures.not_started) == (0, 1)


async def test_ten_typed_as_one_then_zero_is_ten_and_blocks(data_dir):
    app = app_for(accepted(data_dir), bundled_routines_dir() / "posture-reset.toml", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        check = await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, *"nnn", "1")
        assert check.check.pending is not None and "press 0 now to make it 10" in check.query_one("#keys").text
        assert "back to the routines" not in check.query_one("#keys").text, "escape takes the 1 back"
        await answer(pilot, "0")
        assert check.query_one("#verdict-title").text == "A lot of pain today"
    assert only_log(data_dir).screening.pain_before == 10


async def test_a_one_at_the_check_is_taken_when_its_moment_passes(data_dir):
    clock = FakeClock()
    app = app_for(accepted(data_dir), bundled_routines_dir() / "posture-reset.toml", clock)
    async with app.run_test(size=SIZE) as pilot:
        check = await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, *"nnn", "1")
        clock.advance(0.9)
        await pilot.pause()
        assert check.check.pending is not None
        clock.advance(0.2)
        await pilot.pause()
        assert check.check.record.pain_before == 1
        assert check.query_one("#verdict-title").text == "Ready to start"
        assert "Level 0" in check.query_one("#advice").text, "today's dose on the check's last screen"
        await answer(pilot, "enter")
        assert not isinstance(app.screen, SafetyCheckScreen)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_pain_scale_hint_has_a_line_of_its_own_and_escape_the_next(data_dir, size):
    from coach.scale import SCALE_HINT
    from coach.ui.screens.safety_check import BACK

    app = app_for(accepted(data_dir), bundled_routines_dir() / "posture-reset.toml", FakeClock())
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, *"nnn")
        keys = app.screen.query_one("#keys")
        assert [keys.render_line(y).text.strip() for y in range(2)] == [SCALE_HINT, BACK]


async def test_escape_at_which_says_what_it_does_and_does_it(data_dir):
    app = app_for(accepted(data_dir), bundled_routines_dir() / "posture-reset.toml", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        check = await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "n", "y")
        assert check.check.pending is not None and check.check.pending.question.kind.name == "WHICH"
        keys = check.query_one("#keys").text
        assert "back to the routines" not in keys
        assert "escape  the advice for the most serious of these" in keys
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "esc The advice" in footer and "Back" not in footer, footer
        await answer(pilot, "escape")
        assert check.check.verdict is not None and check.check.verdict.kind.name == "BLOCKED"
        assert check.query_one("#verdict").display
