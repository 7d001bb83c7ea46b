"""The TUI driven like a person would, with time moved by a fake clock."""

from __future__ import annotations

import tomllib

import pytest

from coach.config import load_config
from coach.profile import load_profile
from coach.engine import Status
from coach.logstore import list_sessions
from coach.records import Outcome, StepOutcome
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.notice import FirstRunNotice
from coach.ui.screens.profile import ProfileScreen
from coach.ui.screens.prompts import ChoicePrompt, Notice, PainRating, YesNoPrompt
from coach.ui.screens.safety_check import SafetyCheckScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.screens.too_small import TooSmallScreen
from tests.conftest import FakeClock
from tests.routine_texts import SMALL
from tests.ui_driver import (
    accepted, answer, app_for, fill_profile, layout_requests, move, pass_safety_check, wait_for_screen)

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
        assert isinstance(app.screen, ProfileScreen)
        await fill_profile(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert load_config(data_dir).accepted_notice
    assert load_profile(data_dir).complete
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


async def test_a_whole_routine_from_start_to_summary(data_dir, routine_file):
    clock = FakeClock()
    bells: list[float] = []
    app = app_for(accepted(data_dir), routine_file, clock, bells)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot)
        assert session.engine.view().word == "GET READY"
        await move(pilot, clock, 3)
        assert "HOLD" in session.query_one("#phase-word").text
        await move(pilot, clock, 55)
        assert isinstance(app.screen, PainRating)
        await answer(pilot, "2")
        await move(pilot, clock, 18)
        await answer(pilot, "2")
        await move(pilot, clock, 3)
        assert session.engine.view().word == "YOUR PACE"
        await answer(pilot, "space")
        await move(pilot, clock, 10)
        await answer(pilot, "space")
        await answer(pilot, "1")
        await move(pilot, clock, 63)
        assert isinstance(app.screen, PainRating)
        await answer(pilot, "1")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.click("#note")
        await pilot.press(*"felt fine", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.COMPLETED
    assert [s.outcome for s in record.steps] == [StepOutcome.DONE] * 4
    assert [p.rating for p in record.pain_reports] == [2, 2, 1, 1]
    assert (record.pain_before, record.pain_after) == (2, 1)
    assert record.note == "felt fine"
    assert len(bells) >= 15


async def test_it_hurts_sharp_pain_stops_the_session_and_says_why(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot)
        await move(pilot, clock, 6)
        await answer(pilot, "p")
        assert session.engine.status is Status.PAUSED
        assert isinstance(app.screen, ChoicePrompt)
        await answer(pilot, "1", "7")
        assert isinstance(app.screen, Notice)
        assert "Stop" in app.screen.notice_title
        await answer(pilot, "enter")
        assert isinstance(app.screen, SummaryScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.STOPPED_FOR_PAIN
    assert "sharp" in record.reason
    assert record.steps[0].outcome is StepOutcome.STOPPED
    assert record.pain_reports[0].kind.value == "red_flag" and record.pain_reports[0].rating == 7


async def test_more_than_mild_pain_offers_the_easier_variant(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot)
        await answer(pilot, "s", "s")
        assert session.engine.view().exercise_name == "Bird dog"
        await answer(pilot, "p", "2", "5")
        assert isinstance(app.screen, ChoicePrompt)
        await answer(pilot, "e")
        assert session.engine.view().exercise_name == "Pelvic tilt"
        assert session.engine.status is Status.RUNNING
    record = only_log(data_dir)
    assert [s.outcome for s in record.steps] == [StepOutcome.SKIPPED] * 3
    assert record.pain_reports[-1].decision == "easier"


async def test_mild_pain_resumes_the_session(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot)
        await answer(pilot, "p", "3", "1")
        assert session.engine.status is Status.RUNNING
        assert session.engine.pain[-1].rating == 1


async def test_red_pain_check_recommends_stopping_and_ending_is_logged(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot, pain="2")
        await move(pilot, clock, 58)
        await answer(pilot, "5")
        prompt = app.screen
        assert isinstance(prompt, ChoicePrompt) and prompt.prompt_title == "We recommend stopping"
        await answer(pilot, "e")
        assert isinstance(app.screen, SummaryScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.STOPPED_FOR_PAIN
    assert record.pain_reports[0].verdict == "red" and record.pain_reports[0].decision == "end"


async def test_continue_anyway_after_a_red_pain_check(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot, pain="2")
        await move(pilot, clock, 58)
        await answer(pilot, "7", "c")
        assert session.engine.view().exercise_name == "Pelvic tilt"


async def test_skip_to_gentler_after_a_pain_check(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot, pain="3")
        await answer(pilot, "s")
        await move(pilot, clock, 18)
        await answer(pilot, "4", "g")
        assert session.engine.view().exercise_name == "Pelvic tilt"
        assert session.engine.runs[session.engine.run_index].instead_of == "bird-dog"


async def test_an_emergency_yes_blocks_at_once_and_is_logged_before_any_other_key(data_dir, routine_file):
    app = app_for(accepted(data_dir), routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "n", "y")
        screen = app.screen
        assert isinstance(screen, SafetyCheckScreen)
        assert screen.query_one("#verdict-title").text == "⚠ Get emergency help now"
        assert "emergency department now" in screen.query_one("#advice").text
        record = only_log(data_dir)
        assert record.outcome is Outcome.BLOCKED
        assert record.screening.red_flags == {"saddle-numbness": False, "bladder-bowel": True}
        await answer(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
    assert len(list_sessions(data_dir)[0]) == 1


async def test_after_an_emergency_yes_the_next_start_asks_whether_a_doctor_has_seen_it(data_dir, routine_file):
    app = app_for(accepted(data_dir), routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "y", "escape")
    again = app_for(data_dir, routine_file, FakeClock())
    async with again.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, SafetyCheckScreen)
        assert screen.query_one("#question").text.startswith("Has a doctor assessed")
        assert "emergency department now" in screen.query_one("#note").text
        await answer(pilot, "n")
        assert screen.check.verdict.urgent
    assert [r.screening.emergency_assessed for r in list_sessions(data_dir)[0]] == [False, None]


async def test_enter_never_answers_a_safety_question(data_dir, routine_file):
    app = app_for(accepted(data_dir), routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "enter", "enter")
        screen = app.screen
        assert isinstance(screen, SafetyCheckScreen) and screen.check.answered == 0
        assert screen.query_one("#position").text == "Question 1 of 7"


async def test_a_routine_the_profile_rules_out_is_marked_and_will_not_start(data_dir, tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(SMALL.replace("prepare = 3", 'prepare = 3\ncontraindications = ["pregnancy"]'))
    app = app_for(accepted(data_dir, yes=("pregnancy",)), path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, SafetyCheckScreen)
        assert screen.query_one("#verdict-title").text == "Not for you"
        assert "pregnancy" in screen.query_one("#advice").text
        await answer(pilot, "enter")
        home = app.screen
        assert isinstance(home, HomeScreen)
        row = next(n for n, e in enumerate(home.entries) if e.path == path)
        assert "not for you" in str(home.query_one("#routines").get_row_at(row)[0])
        home.show_details(row)
        assert "Talk to a physiotherapist or doctor first" in home.query_one("#description").text
    record = only_log(data_dir)
    assert record.outcome is Outcome.BLOCKED and record.reason == "Not for you: pregnancy."
    assert record.screening.contraindications == {"pregnancy": True}


async def test_pain_of_nine_before_the_session_does_not_start_it(data_dir, routine_file):
    app = app_for(accepted(data_dir), routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, *"nnnnnn", "9")
        assert app.screen.query_one("#verdict-title").text == "Do not exercise now"
        await answer(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.BLOCKED and record.pain_before == 9


async def test_pain_of_seven_cautions_names_the_gentlest_routine_and_the_user_decides(data_dir, routine_file):
    app = app_for(accepted(data_dir), routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, *"nnnnnn", "7")
        advice = app.screen.query_one("#advice").text
        assert "7/10" in advice and "The gentlest routine here is" in advice
        await answer(pilot, "g")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.recorder.record.screening.cautions == ["Go gently today"]


async def test_the_24_hour_follow_up_says_let_it_settle_right_after_a_session_that_raised_pain(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot, pain="1")
        await answer(pilot, "q", "y", "4")
        assert isinstance(app.screen, SummaryScreen)
    second = app_for(data_dir, routine_file, clock)
    async with second.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, *"nnnnnn", "2")
        screen = second.screen
        assert isinstance(screen, SafetyCheckScreen)
        assert screen.query_one("#verdict-title").text == "Let it settle first"
        assert "up to 24 hours" in screen.query_one("#advice").text
        await answer(pilot, "g")
        assert isinstance(second.screen, SessionScreen)
        assert second.screen.recorder.record.screening.cautions == ["Let it settle first"]


async def test_pause_freezes_the_countdown_exactly(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot)
        await move(pilot, clock, 5.5)
        assert session.engine.view().seconds_left == 8
        await answer(pilot, "space")
        assert "PAUSED" in session.query_one("#phase-word").text
        await move(pilot, clock, 300)
        assert session.engine.view().seconds_left == 8
        await answer(pilot, "space")
        await move(pilot, clock, 0.5)
        assert session.engine.view().seconds_left == 7
        assert session.engine.active_seconds() == pytest.approx(6.0)


async def test_ending_early_asks_first_and_keeps_what_was_done(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot)
        await answer(pilot, "s")
        await answer(pilot, "q")
        assert isinstance(app.screen, YesNoPrompt)
        await answer(pilot, "n")
        assert app.screen is session and session.engine.status is Status.RUNNING
        await answer(pilot, "q", "y", "3")
        assert isinstance(app.screen, SummaryScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.ENDED_EARLY
    assert [s.outcome for s in record.steps] == [StepOutcome.SKIPPED, StepOutcome.STOPPED]
    assert record.pain_after == 3


async def test_sound_toggle_is_remembered_and_silences_the_bell(data_dir, routine_file):
    clock = FakeClock()
    bells: list[float] = []
    app = app_for(accepted(data_dir), routine_file, clock, bells)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot)
        rung = len(bells)
        await answer(pilot, "m")
        await move(pilot, clock, 20)
        assert len(bells) == rung
        assert app.changes_signalled > rung
    assert load_config(data_dir).sound is False


async def test_widgets_are_only_updated_when_what_they_show_changes(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot)
        await move(pilot, clock, 4)
        digits = session.query_one("#countdown")
        assert digits.value == "9"
        updates = []
        seen = digits.value
        for _ in range(20):
            clock.advance(0.1)
            session.tick()
            if digits.value != seen:
                updates.append(digits.value)
                seen = digits.value
        assert updates == ["8", "7"]


async def test_a_terminal_that_is_too_small_says_so(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_log_is_valid_toml_while_the_session_runs(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot)
        await answer(pilot, "s")
        data = tomllib.loads(session.recorder.path.read_text())
        assert data["outcome"] == "in_progress"
        assert data["steps"][0]["outcome"] == "skipped"


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 60)])
async def test_the_session_screen_fits_from_60x20_to_200x60(data_dir, routine_file, size):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=size) as pilot:
        session = await pass_safety_check(pilot)
        await move(pilot, clock, 4)
        width, height = size
        for selector in ("#phase-word", "#countdown", "#exercise", "#next", "#routine-bar", "Footer"):
            region = session.query_one(selector).region
            assert region.height > 0 and region.bottom <= height and region.right <= width, selector
        assert session.query_one("#next").text == "Next: Rest 5 s · left side"


async def test_skipping_every_exercise_is_not_a_completed_session(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot)
        await answer(pilot, "s", "s", "s", "s")
        assert isinstance(app.screen, PainRating)
        await answer(pilot, "3")
        assert isinstance(app.screen, SummaryScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.ENDED_EARLY
    assert record.reason == "Every exercise was skipped."
    assert record.pain_after == 3


async def test_coach_run_puts_the_home_cursor_on_that_routine(tmp_path):
    from coach.ui.screens.home import HomeScreen
    from tests import scenes

    app, _ = scenes.make_app(tmp_path, routine="stabilise")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = next(screen for screen in app.screen_stack if isinstance(screen, HomeScreen))
        assert home.selected().path.name == "stabilise.toml"
        assert "All-round core brace" in home.query_one("#description").text


async def test_a_new_second_repaints_the_digits_without_laying_out_the_screen(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        session = await pass_safety_check(pilot)
        await move(pilot, clock, 4)
        digits = session.query_one("#countdown")
        requests = layout_requests(digits)
        await move(pilot, clock, 1)
        assert digits.value == "8"
        assert requests and not any(requests)
        before = len(requests)
        digits.value = ""
        assert any(requests[before:])


async def test_the_summary_leaves_paused_time_out_of_the_session_time(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot)
        await move(pilot, clock, 7)
        await answer(pilot, "space")
        await move(pilot, clock, 100)
        await answer(pilot, "space")
        await move(pilot, clock, 5)
        await answer(pilot, "q", "y", "escape")
        assert isinstance(app.screen, SummaryScreen)
        figures = app.screen.query_one("#figures").text
        assert "Time without pauses: 0 min 12 s" in figures


async def test_e_on_home_edits_the_profile_and_a_change_is_dated_and_kept(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer(pilot, "e")
        screen = await wait_for_screen(pilot, ProfileScreen)
        row = [q.id for q in screen.questions()].index("pregnancy")
        screen.query_one("#questions").move_cursor(row=row)
        await answer(pilot, "y", "s")
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.profile.conditions() == ("pregnancy",)
    profile = load_profile(data_dir)
    assert [(c.question, c.value) for c in profile.changes if c.question == "pregnancy"] == [
        ("pregnancy", False), ("pregnancy", True)]


async def test_four_weeks_after_the_last_review_home_asks_whether_anything_changed(data_dir):
    from datetime import datetime, timedelta

    from coach.profile import save_profile

    accepted(data_dir)
    profile = load_profile(data_dir)
    profile.mark_reviewed(datetime.now().astimezone() - timedelta(days=29))
    save_profile(data_dir, profile)
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        prompt = await wait_for_screen(pilot, YesNoPrompt)
        assert prompt.prompt_title == "Has anything changed in your health?"
        await answer(pilot, "n")
        assert isinstance(app.screen, HomeScreen)
    assert not load_profile(data_dir).due_for_review(datetime.now().date())
