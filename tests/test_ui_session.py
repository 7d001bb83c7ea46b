"""The TUI driven like a person would, with time moved by a fake clock."""

from __future__ import annotations

import tomllib

import pytest

from coach.config import load_config
from coach.logstore import list_sessions
from coach.records import Outcome, StepOutcome
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.notice import FirstRunNotice
from coach.ui.screens.prompts import ChoicePrompt, Notice, PainRating, YesNoPrompt
from coach.ui.screens.session import SessionScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.screens.too_small import TooSmallScreen
from tests.conftest import FakeClock
from tests.routine_texts import SMALL
from tests.ui_driver import accepted, answer, app_for, layout_requests, move, pass_safety_check

SIZE = (100, 30)


@pytest.fixture
def routine_file(tmp_path):
    path = tmp_path / "small.toml"
    path.write_text(SMALL)
    return path


def only_log(data):
    records, problems = list_sessions(data)
    assert not problems
    assert len(records) == 1
    return records[0]


async def test_first_run_notice_is_accepted_once_and_remembered(data_dir):
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunNotice)
        await answer(pilot, "a")
        assert isinstance(app.screen, HomeScreen)
    assert load_config(data_dir).accepted_notice
    again = app_for(data_dir, None, FakeClock())
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)


async def test_declining_the_notice_quits(data_dir):
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer(pilot, "q")
    assert not load_config(data_dir).accepted_notice
    assert app.return_code == 0


async def test_home_lists_bundled_user_and_broken_routines(data_dir):
    accepted(data_dir)
    (data_dir / "routines").mkdir()
    (data_dir / "routines" / "mine.toml").write_text(SMALL)
    (data_dir / "routines" / "broken.toml").write_text('format = 1\ntitle = "x\n')
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        sources = [(e.name, e.source, e.routine is None) for e in home.entries]
        assert ("gentle-relief", "bundled", False) in sources
        assert ("mine", "yours", False) in sources
        assert ("broken", "yours", True) in sources
        broken = next(i for i, e in enumerate(home.entries) if e.routine is None)
        home.show_details(broken)
        await pilot.pause()
        text = home.query_one("#description").text
        assert "broken.toml:2:" in text and "not valid TOML" in text
        assert home.query_one("#details").has_class("invalid")


async def test_reload_reads_a_fixed_file_and_keeps_the_cursor_on_it(data_dir):
    accepted(data_dir)
    (data_dir / "routines").mkdir()
    broken = data_dir / "routines" / "broken.toml"
    broken.write_text('format = 1\ntitle = "x\n')
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        home.highlight(broken)
        await pilot.pause()
        broken.write_text(SMALL)
        await answer(pilot, "r")
        entry = home.selected()
        assert entry.path == broken and entry.routine is not None
        assert "Knee-to-chest" in home.query_one("#description").text


async def test_a_red_flag_answer_blocks_the_session_and_is_logged(data_dir, routine_file):
    app = app_for(accepted(data_dir), routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "n", "y", "n", "n")
        assert isinstance(app.screen, Notice)
        assert "medical" in app.screen.notice_title.lower() or "doctor" in app.screen.body.lower()
        await answer(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.BLOCKED
    assert record.screening.red_flags == {
        "leg-pain": False, "leg-numbness-weakness": True, "bladder-bowel": False, "saddle-numbness": False}


async def test_a_contraindication_blocks_the_routine(data_dir, tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(SMALL.replace("prepare = 3", 'prepare = 3\ncontraindications = ["pregnancy"]'))
    app = app_for(accepted(data_dir), path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "n", "n", "n", "n")
        assert isinstance(app.screen, YesNoPrompt)
        await answer(pilot, "y")
        assert isinstance(app.screen, Notice)
        await answer(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.BLOCKED
    assert record.screening.contraindications == {"pregnancy": True}


async def test_the_24_hour_follow_up_is_asked_after_a_session_that_raised_pain(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot, pain="1")
        await answer(pilot, "q", "y", "4")
        assert isinstance(app.screen, SummaryScreen)
    second = app_for(data_dir, routine_file, clock)
    async with second.run_test(size=SIZE) as pilot:
        await answer(pilot, "n", "n", "n", "n", "2")
        prompt = second.screen
        assert isinstance(prompt, YesNoPrompt) and "24 hours" in prompt.prompt_title
        await answer(pilot, "n")
        assert isinstance(second.screen, ChoicePrompt)
        await answer(pilot, "g")
        assert isinstance(second.screen, SessionScreen)
        assert second.screen.session.recorder.record.screening.previous_settled is False


async def test_a_terminal_that_is_too_small_says_so(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_coach_run_puts_the_home_cursor_on_that_routine(tmp_path):
    from coach.ui.screens.home import HomeScreen
    from tests import scenes

    app, _ = scenes.make_app(tmp_path, routine="stabilise")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = next(screen for screen in app.screen_stack if isinstance(screen, HomeScreen))
        assert home.selected().path.name == "stabilise.toml"
        assert "All-round core brace" in home.query_one("#description").text

