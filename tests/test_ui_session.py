"""The TUI driven like a person would, with time moved by a fake clock."""

from __future__ import annotations

from coach.config import load_config
from coach.logs.records import Outcome
from coach.logs.store import list_sessions
from coach.safety.profile_store import load_profile
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.notice import FirstRunNotice
from coach.ui.screens.profile import ProfileScreen
from coach.ui.screens.prompts import YesNoPrompt
from coach.ui.screens.safety_check import SafetyCheckScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.screens.too_small import TooSmallScreen
from tests.helpers.app import (
    accepted,
    answer,
    app_for,
    bundled,
    fill_profile,
    only_log,
    pass_safety_check,
    wait_for_screen,
)
from tests.helpers.clock import FakeClock
from tests.helpers.records import session
from tests.helpers.routines import SMALL

SIZE = (100, 30)


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


async def test_an_emergency_yes_blocks_at_once_and_is_logged_before_any_other_key(data_dir, routine_file):
    app = app_for(accepted(data_dir), routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "y")
        screen = app.screen
        assert isinstance(screen, SafetyCheckScreen)
        assert screen.query_one("#verdict-title").text == "⚠ Get emergency help now"
        advice = screen.query_one("#advice").text
        assert "emergency department now" in advice
        assert "Worth knowing" not in advice and "press" not in advice, "the go-now advice and nothing else"
        record = only_log(data_dir)
        assert record.outcome is Outcome.BLOCKED
        assert record.screening.red_flags == {"emergency-signs": True}
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
        assert "Has a doctor assessed those symptoms" in screen.query_one("#question").text
        assert "emergency department now" in screen.query_one("#note").text
        await answer(pilot, "n")
        assert screen.check.verdict.urgent
    assert [r.screening.emergency_assessed for r in list_sessions(data_dir)[0]] == [False, None]


async def test_two_enters_at_once_on_a_verdict_leave_the_check_once(data_dir, routine_file):
    from textual.events import Key

    app = app_for(accepted(data_dir), routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "y")
        screen.post_message(Key("enter", "\r"))
        screen.post_message(Key("enter", "\r"))
        await pilot.pause()
        await pilot.pause()
        assert app.screen is not screen
        assert isinstance(app.screen_stack[0], HomeScreen) and screen not in app.screen_stack
    assert only_log(data_dir).outcome is Outcome.BLOCKED


async def test_enter_never_answers_a_safety_question(data_dir, routine_file):
    app = app_for(accepted(data_dir), routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "enter", "enter")
        screen = app.screen
        assert isinstance(screen, SafetyCheckScreen) and screen.check.answered == 0
        assert screen.query_one("#position").text == "Question 1 of 4"


async def test_a_routine_the_profile_rules_out_is_marked_and_will_not_start(data_dir, tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(SMALL.replace("prepare = 3", 'prepare = 3\ncontraindications = ["pregnancy"]'))
    app = app_for(accepted(data_dir, yes=("pregnancy",)), path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, SafetyCheckScreen)
        assert screen.query_one("#position").text == "", "no question was asked, so none is said to be finished"
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
        await answer(pilot, *"nnn", "9")
        assert app.screen.query_one("#verdict-title").text == "A lot of pain today"
        await answer(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.BLOCKED and record.pain_before == 9


async def test_pain_of_seven_cautions_names_the_gentlest_routine_and_the_user_decides(data_dir, routine_file):
    app = app_for(accepted(data_dir), routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, *"nnn", "7")
        advice = app.screen.query_one("#advice").text
        assert "7/10" in advice and "Press f to start Flare-up: a bad day instead." in advice
        await answer(pilot, "g")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.recorder.record.screening.cautions == ["Go gently today"]


async def test_the_24_hour_follow_up_says_let_it_settle_right_after_a_session_that_raised_pain(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot, pain="0")
        await answer(pilot, "q", "y", "4")
        assert isinstance(app.screen, SummaryScreen)
    second = app_for(data_dir, routine_file, clock)
    async with second.run_test(size=SIZE) as pilot:
        check = await wait_for_screen(pilot, SafetyCheckScreen)
        assert check.query_one("#question").text.startswith("Anything new since your check at")
        await answer(pilot, "n", "0")
        screen = second.screen
        assert isinstance(screen, SafetyCheckScreen)
        assert screen.query_one("#verdict-title").text == "Let it settle first"
        assert "up to 24 hours" in screen.query_one("#advice").text
        await answer(pilot, "g")
        assert isinstance(second.screen, SessionScreen)
        assert second.screen.session.recorder.record.screening.cautions == ["Let it settle first"]


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

    app = app_for(accepted(tmp_path), bundled("stabilise"), FakeClock(), source="bundled")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = next(screen for screen in app.screen_stack if isinstance(screen, HomeScreen))
        assert home.selected().path.name == "stabilise.toml"
        assert "All-round core brace" in home.query_one("#description").text


async def test_e_on_home_edits_the_profile_and_a_change_is_dated_and_kept(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer(pilot, "e")
        screen = await wait_for_screen(pilot, ProfileScreen)
        row = [q.id for q in screen.questions()].index("conditions")
        screen.query_one("#questions").move_cursor(row=row)
        await answer(pilot, "y", "9", "enter", "s")
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.profile.conditions() == ("pregnancy",)
    profile = load_profile(data_dir)
    assert [(c.question, c.value) for c in profile.changes if c.question == "pregnancy"] == [
        ("pregnancy", False),
        ("pregnancy", True),
    ]


async def test_four_weeks_after_the_last_review_home_asks_whether_anything_changed(data_dir):
    from datetime import datetime, timedelta

    from coach.safety.profile_store import profile_path, save_profile

    accepted(data_dir)
    profile = load_profile(data_dir)
    profile.mark_reviewed(datetime.now().astimezone() - timedelta(days=29))
    profile_path(data_dir).unlink()  # saving merges, and the later review would win
    save_profile(data_dir, profile)
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        prompt = await wait_for_screen(pilot, YesNoPrompt)
        assert prompt.prompt_title == "Has anything changed in your health?"
        await answer(pilot, "enter")
        assert app.screen is prompt, "enter answered a yes/no question"
        await answer(pilot, "n")
        assert isinstance(app.screen, HomeScreen)
    assert not load_profile(data_dir).due_for_review(datetime.now().date())


async def test_home_keeps_the_emergency_advice_after_the_block_is_left_with_a_reflex_enter(data_dir):
    from coach.safety.check_texts import EMERGENCY_BANNER

    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        assert home.query_one("#emergency").text == ""
        await answer(pilot, "enter")
        await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "y", "enter")
        await wait_for_screen(pilot, HomeScreen)
        for _ in range(100):
            if home.query_one("#emergency").text:
                break
            await pilot.pause(0.01)
        assert EMERGENCY_BANNER in home.query_one("#emergency").text


async def test_home_names_a_stop_for_today_while_it_lasts(data_dir):
    from datetime import datetime, timedelta

    from coach.logs.records import Screening
    from coach.logs.store import create_session

    started = datetime.now().astimezone() - timedelta(hours=2)
    create_session(
        accepted(data_dir),
        session(
            started,
            started + timedelta(minutes=5),
            id="stopped",
            title="Gentle relief",
            routine="gentle-relief",
            outcome=Outcome.STOPPED_FOR_PAIN,
            reason="Stopped after a pain check of 8/10, up from 3.",
            screening=Screening(pain_before=3),
            pain_after=8,
            stop_advised=True,
        ),
    )
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        for _ in range(100):
            if home.query_one("#rest").text:
                break
            await pilot.pause(0.01)
        assert home.query_one("#rest").text.startswith("A session stopped because of pain 1 hour 55 minutes")


async def test_ctrl_c_during_a_session_ends_it_in_the_log_before_closing(data_dir, tmp_path):
    from coach.logs.records import StepOutcome

    routine = tmp_path / "small.toml"
    routine.write_text(SMALL)
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot)
        await answer(pilot, "space")
        clock.advance(5)
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0
    [record], _ = list_sessions(data_dir)
    assert record.outcome is Outcome.ENDED_EARLY and record.reason == "coach was closed during the session."
    assert [s.outcome for s in record.steps] == [StepOutcome.STOPPED] + [StepOutcome.NOT_REACHED] * 3


async def test_ctrl_c_on_the_summary_keeps_the_note_typed(data_dir, tmp_path):
    routine = tmp_path / "small.toml"
    routine.write_text(SMALL)
    app = app_for(accepted(data_dir), routine, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot)
        await answer(pilot, "q", "y", "3")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press(*"tight hips", "ctrl+c")
        await pilot.pause()
    [record], _ = list_sessions(data_dir)
    assert record.note == "tight hips"
