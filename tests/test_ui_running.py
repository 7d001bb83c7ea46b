"""The session and summary screens driven like a person would, time moved by the fake clock.

The clock runs the screen's own scheduled ticks as their moments pass; no test calls the
screen's tick itself, so a key pressed before the tick is exactly what a person can do.
"""

from __future__ import annotations

import pytest

from coach.config import load_config
from coach.function.store import load_function
from coach.logs.records import Outcome, StepOutcome
from coach.session.questions import QuestionKind
from coach.ui.screens.activities import ActivityQuestionsScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.session import SessionScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.screens.too_small import TooSmallScreen
from coach.ui.widgets.question_panel import QuestionPanel
from tests.helpers.app import (
    accepted,
    answer,
    app_for,
    bundled,
    layout_requests,
    move,
    only_log,
    pass_safety_check,
    returning,
    skip,
    wait_for_screen,
)
from tests.helpers.clock import FakeClock

SIZE = (100, 30)
NO_PREPARE = """\
format = 1
title = "Cards wait"
prepare = 0

[[exercises]]
id = "bridge"
name = "Bridge"
how = ["Lie on your back with your knees bent and feet flat.", "Tighten your tummy gently.",
       "Lift your hips a little way, then lower them slowly."]
caution = "Keep the lift small; stop if it pinches."
hold = 5
"""


def question(screen: SessionScreen):
    panel = screen.query_one(QuestionPanel)
    return screen.session.question if panel.display and screen.has_class("-asking") else None


def visible(screen, selector: str) -> bool:
    width, height = screen.app.size
    region = screen.query_one(selector).region
    return region.height > 0 and region.bottom <= height and region.right <= width


def footer_keys(screen) -> dict[str, str]:
    return {
        binding.key + ":" + binding.action: binding.description
        for _, binding, enabled, _ in screen.app.active_bindings.values()
        if enabled and binding.show
    }


async def test_a_whole_routine_from_start_to_summary(data_dir, routine_file):
    clock = FakeClock()
    bells: list[float] = []
    app = app_for(accepted(data_dir), routine_file, clock, bells)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        assert screen.query_one("#phase-word").text == "GET READY"
        assert screen.session.engine.waits_for_user, "the first time, each intro card waits for space"
        await answer(pilot, "space")
        assert screen.query_one("#phase-word").text == "HOLD"
        await move(pilot, clock, 55)
        assert question(screen).kind is QuestionKind.PAIN_CHECK
        await answer(pilot, "2", "space")
        await move(pilot, clock, 15)
        await answer(pilot, "2", "space")
        assert screen.query_one("#phase-word").text == "YOUR PACE"
        await move(pilot, clock, 2.5)
        await answer(pilot, "space")
        await move(pilot, clock, 12.5)
        await answer(pilot, "space")
        await answer(pilot, "1", "enter", "space")
        await move(pilot, clock, 60)
        assert question(screen).kind is QuestionKind.PAIN_CHECK
        await answer(pilot, "1", "enter")
        assert isinstance(app.screen, SummaryScreen)
        assert "All 4 exercises done." in app.screen.query_one("#outcome").text
        await pilot.press(*"felt fine", "enter")
        await pilot.pause()
        naming = await wait_for_screen(pilot, ActivityQuestionsScreen)
        await pilot.press(*"putting on socks", "enter")
        await pilot.pause()
        assert naming.questions.prompt.title.startswith("How well can you do this now? putting on socks")
        await answer(pilot, "3")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert [(r.score, a.name) for a in load_function(data_dir).activities for r in load_function(data_dir).ratings] == [
        (3, "putting on socks")
    ]
    record = only_log(data_dir)
    assert record.outcome is Outcome.COMPLETED
    assert [s.outcome for s in record.steps] == [StepOutcome.DONE] * 4
    assert [p.rating for p in record.pain_reports] == [2, 2, 1, 1]
    assert record.note == "felt fine"
    assert len(bells) >= 15


@pytest.mark.parametrize("key", ["space", "p", "s", "enter"])
async def test_a_key_just_after_a_segment_ends_shows_the_pain_check_and_logs_the_step(data_dir, routine_file, key):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 57)
        clock.jump(1.0)
        await answer(pilot, key)
        assert question(screen).kind is QuestionKind.PAIN_CHECK
        assert [s.exercise_id for s in screen.session.recorder.record.steps] == ["knee-to-chest"]
        await answer(pilot, "p", "3")
        assert question(screen) is None
        assert screen.query_one("#exercise").text.startswith("Pelvic tilt")


async def test_enter_on_a_pain_scale_records_nothing(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 58)
        await answer(pilot, "enter", "enter", "space")
        assert question(screen).kind is QuestionKind.PAIN_CHECK
        assert screen.session.recorder.record.pain_reports == []


async def test_an_amber_mild_hurt_resumes_with_the_advice_on_screen(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot, pain="4")
        await move(pilot, clock, 5)
        await answer(pilot, "p", "c", "5")
        assert screen.session.question is None and screen.session.running
        notice = screen.query_one("#notice").text
        assert notice == "Pain 5/10, up from 4: do not push further; it should settle within 24 hours."


@pytest.mark.parametrize("size", [(60, 20), (70, 22)])
async def test_small_terminals_show_the_whole_scale_and_every_kind_of_pain(data_dir, routine_file, size):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=size) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 5)
        await answer(pilot, "p")
        assert question(screen).kind is QuestionKind.HURT_KIND
        assert "c  Mild and settling" in screen.query_one("#question-answers").text
        assert visible(screen, "#question-answers")
        await answer(pilot, "b")
        assert "[10]" in screen.query_one("#question-answers").text
        assert visible(screen, "#question-answers") and visible(screen, "#question-hint")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_pain_scale_says_in_plain_words_how_to_answer_on_one_line(data_dir, routine_file, size):
    from coach.scale import SCALE_HINT

    assert "=" not in SCALE_HINT and "press 1 then 0" in SCALE_HINT
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=size) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 5)
        await answer(pilot, "p", "b")
        hint = screen.query_one("#question-hint")
        assert hint.text.splitlines()[0] == SCALE_HINT
        assert hint.render_line(0).text.strip() == SCALE_HINT


async def test_the_summary_says_what_was_skipped_and_keeps_a_note_left_with_escape(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot)
        await skip(pilot, clock, 3)
        await answer(pilot, "space")
        await move(pilot, clock, 60)
        await answer(pilot, "2")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert summary.query_one("#outcome").text == "Ran to the end, with exercises left out. 1 of 4 exercises done."
        assert "goes on" not in summary.query_one("#warning").text
        await pilot.press(*"knee was sore")
        await answer(pilot, "escape")
        assert isinstance(app.screen, ActivityQuestionsScreen)
        await answer(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
    assert only_log(data_dir).note == "knee was sore"
    assert load_function(data_dir).naming_put_off is not None, "left for later: asked again another day"


async def test_a_summary_after_a_stop_for_pain_scrolls_to_the_log_with_page_down(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot, pain="2")
        await move(pilot, clock, 63)
        await answer(pilot, "8", "enter")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert "Stop exercising for today, but keep gently moving" in summary.query_one("#advice").text
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert not visible(summary, "#log")
        await answer(pilot, "pagedown", "pagedown")
        assert visible(summary, "#log")
        await answer(pilot, "pageup")
        assert visible(summary, "#title")


async def test_the_session_pauses_while_the_terminal_is_too_small(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 4)
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert not screen.session.running
        assert "Your session is paused" in app.screen.query_one("Plain").text
        await move(pilot, clock, 300)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.screen is screen and screen.session.running
        assert screen.query_one("#countdown").value == "9"


async def test_the_too_small_notice_leaves_once_a_screen_over_it_closes_on_a_large_terminal(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        app.push_screen(HelpScreen())
        await pilot.pause()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await answer(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_intro_card_shows_steps_and_caution_until_space(data_dir, tmp_path):
    path = tmp_path / "cards.toml"
    path.write_text(NO_PREPARE)
    clock = FakeClock()
    app = app_for(accepted(data_dir), path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 60)
        assert "3. Lift your hips" in screen.query_one("#howto").text
        assert visible(screen, "#howto") and visible(screen, "#caution")
        assert "press space to start" in screen.query_one("#hint").text
        assert "Start" in footer_keys(screen).values()
        await answer(pilot, "space")
        assert screen.query_one("#phase-word").text == "HOLD"
        await answer(pilot, "i")
        assert question(screen).kind is QuestionKind.STEPS
        assert "Keep the lift small" in screen.query_one("#question-body").text
        await answer(pilot, "escape")
        assert screen.session.running


async def test_own_pace_reps_say_set_done_in_the_footer(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await skip(pilot, clock, 2)
        await move(pilot, clock, 5)
        descriptions = footer_keys(screen).values()
        assert "Set done" in descriptions and "Pause" not in descriptions
        assert screen.query_one("#countdown").value == "0:02"


async def test_paused_says_how_to_go_on_and_help_is_a_key_away(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 5)
        await answer(pilot, "space")
        assert screen.query_one("#phase-word").text == "PAUSED"
        assert "space" in screen.query_one("#hint").text
        assert "Resume" in footer_keys(screen).values()
        await answer(pilot, "question_mark")
        assert question(screen).kind is QuestionKind.HELP
        await answer(pilot, "escape", "space")
        assert screen.session.running


async def test_it_hurts_spreading_pain_stops_the_session_and_says_why(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 6)
        await answer(pilot, "p")
        assert not screen.session.running
        await answer(pilot, "a", "7")
        assert question(screen).kind is QuestionKind.STOP_ADVICE
        await answer(pilot, "enter")
        assert isinstance(app.screen, SummaryScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.STOPPED_FOR_PAIN and "spreading into a buttock or leg" in record.reason
    assert [s.outcome for s in record.steps] == [StepOutcome.STOPPED] + [StepOutcome.NOT_REACHED] * 3


async def test_ending_early_asks_first_and_keeps_what_was_done(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await answer(pilot, "s")
        await move(pilot, clock, 4)
        await answer(pilot, "q")
        assert question(screen).kind is QuestionKind.CONFIRM_END
        await answer(pilot, "n")
        assert screen.session.running
        await answer(pilot, "q", "y", "3")
        assert isinstance(app.screen, SummaryScreen)
    record = only_log(data_dir)
    assert record.outcome is Outcome.ENDED_EARLY
    assert [s.outcome for s in record.steps] == [
        StepOutcome.SKIPPED,
        StepOutcome.STOPPED,
        StepOutcome.NOT_REACHED,
        StepOutcome.NOT_REACHED,
    ]
    assert record.pain_after == 3


async def test_pause_freezes_the_countdown_exactly(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 5.5)
        digits = screen.query_one("#countdown")
        assert digits.value == "8"
        await answer(pilot, "space")
        await move(pilot, clock, 300)
        assert digits.value == "8"
        await answer(pilot, "space")
        await move(pilot, clock, 0.5)
        assert digits.value == "7"
        assert screen.session.engine.active_seconds() == pytest.approx(6.0, abs=0.05)


async def test_sound_toggle_is_remembered_and_silences_the_bell(data_dir, routine_file):
    clock = FakeClock()
    bells: list[float] = []
    app = app_for(returning(data_dir, routine_file), routine_file, clock, bells)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot)
        rung = len(bells)
        await answer(pilot, "m")
        await move(pilot, clock, 20)
        assert len(bells) == rung
        assert app.changes_signalled > rung
    assert load_config(data_dir).sound is False


async def test_the_countdown_changes_once_a_second_and_never_lays_out_the_screen(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 4)
        digits = screen.query_one("#countdown")
        assert digits.value == "9"
        requests = layout_requests(digits)
        seen = []
        for _ in range(20):
            clock.advance(0.1)
            if digits.value not in seen:
                seen.append(digits.value)
        await pilot.pause()
        assert seen == ["9", "8", "7"]
        assert requests and not any(requests)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 60)])
async def test_the_session_screen_fits_from_60x20_to_200x60(data_dir, routine_file, size):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=size) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 4)
        for selector in ("#phase-word", "#countdown", "#exercise", "#next", "#routine-bar", "Footer"):
            assert visible(screen, selector), selector
        assert screen.query_one("#next").text == "Next: Rest 5 s · left side"


async def test_at_60x20_the_summary_keeps_the_note_box_on_screen_and_folds_the_log_path(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await pass_safety_check(pilot)
        await answer(pilot, "q", "y", "2")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert visible(summary, "#note")
        log = summary.query_one("#log")
        assert log.region.right <= 60 and log.region.height >= 2


@pytest.mark.parametrize(("size", "more"), [((60, 20), True), ((100, 40), False)])
async def test_the_first_run_notice_says_more_is_below_only_when_it_is(data_dir, size, more):
    from coach.ui.screens.notice import FirstRunNotice

    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FirstRunNotice)
        assert ("More below" in app.screen.query_one("#notice-keys").text) is more
        if more:
            await answer(pilot, "end")
            assert "More below" not in app.screen.query_one("#notice-keys").text


async def test_the_first_run_notice_is_not_accepted_before_its_end_has_been_on_screen(data_dir):
    from coach.ui.screens.notice import FirstRunNotice

    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        notice = app.screen
        assert isinstance(notice, FirstRunNotice)
        await answer(pilot, "enter")
        assert app.screen is notice and notice.query_one("#notice-scroll").scroll_y > 0
        for _ in range(10):
            if app.screen is not notice:
                break
            await answer(pilot, "a")
        assert app.screen is not notice
        assert load_config(data_dir).accepted_notice


LONG_STEPS = """\
format = 1
title = "Long card"
prepare = 10

[[exercises]]
id = "rock"
name = "Hip rock"
how = ["Kneel on all fours with your hands under your shoulders and knees under your hips.",
       "Tighten your tummy gently, as if drawing your belly button towards your spine.",
       "Keep that squeeze and ease your hips back towards your heels, only a little way.",
       "Hold there and breathe slowly; your lower back must not round or arch.",
       "Come back to the start just as slowly, keeping the squeeze all the way.",
       "If your lower back arches at any point, move less far back next time."]
caution = "Stop if you feel pain spreading into a leg."
hold = 5
"""


@pytest.mark.parametrize("size", [(60, 20)])
async def test_an_intro_card_that_does_not_fit_waits_for_space(data_dir, tmp_path, size):
    path = tmp_path / "long.toml"
    path.write_text(LONG_STEPS)
    clock = FakeClock()
    app = app_for(accepted(data_dir), path, clock)
    async with app.run_test(size=size) as pilot:
        screen = await pass_safety_check(pilot)
        await pilot.pause()
        await move(pilot, clock, 30)
        assert screen.session.engine.waits_for_user
        assert screen.query_one("#phase-word").text == "GET READY"
        assert "press space to start" in screen.query_one("#hint").text
        await answer(pilot, "space")
        assert screen.query_one("#phase-word").text == "HOLD"


@pytest.mark.parametrize("size", [(70, 22), (120, 45)])
async def test_an_intro_card_that_fits_counts_down_with_every_step_on_screen(data_dir, tmp_path, size):
    path = tmp_path / "long.toml"
    path.write_text(LONG_STEPS)
    clock = FakeClock()
    app = app_for(returning(data_dir, path), path, clock)
    async with app.run_test(size=size) as pilot:
        screen = await pass_safety_check(pilot)
        await pilot.pause()
        assert not screen.session.engine.waits_for_user
        middle = screen.query_one("#middle").region
        for selector in ("#howto", "#caution"):
            region = screen.query_one(selector).region
            assert region.height and region.bottom <= middle.bottom, selector
        assert "6. If your lower back arches" in screen.query_one("#howto").text
        await move(pilot, clock, 10)
        assert screen.query_one("#phase-word").text == "HOLD"


@pytest.mark.parametrize("before", ["first time", "returning"])
async def test_the_first_time_a_routine_runs_each_intro_card_waits_for_space(data_dir, before):
    """The desk break at 60x20: its 3-second cards are too short to read the first time."""
    path = bundled("desk-break")
    data = accepted(data_dir) if before == "first time" else returning(data_dir, path)
    clock = FakeClock()
    app = app_for(data, path, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 60)
        if before == "returning":
            assert screen.session.engine.run_index > 0, "a returning user's cards count down"
            return
        for number in (1, 2):
            assert screen.session.engine.run_index == number - 1 and screen.session.engine.waits_for_user
            assert screen.query_one("#phase-word").text == "GET READY"
            assert "press space to start" in screen.query_one("#hint").text
            await answer(pilot, "space")
            assert not screen.session.engine.waits_for_user
            await move(pilot, clock, screen.session.engine.runs[number - 1].planned_seconds + 60)


async def test_a_long_routine_title_takes_the_header_row_and_ends_in_an_ellipsis(data_dir, tmp_path):
    from tests.helpers.routines import SMALL

    title = "Long title " + "one two three four five six seven eight nine ten eleven twelve"
    path = tmp_path / "long.toml"
    path.write_text(SMALL.replace('title = "Small routine"', f'title = "{title}"'))
    app = app_for(accepted(data_dir), path, FakeClock())
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await pass_safety_check(pilot)
        widget = screen.query_one("#routine-title")
        status = screen.query_one("#status")
        assert widget.region.width >= 60 - 2 - status.region.width - 1
        assert widget.render_line(0).text.rstrip().endswith("…")


async def test_every_session_footer_key_fits_sixty_columns(data_dir, routine_file):
    from textual.widgets._footer import FooterKey

    app = app_for(accepted(data_dir), routine_file, FakeClock())
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await pass_safety_check(pilot)
        await pilot.pause()
        keys = [(key.description, key.region.right) for key in screen.query(FooterKey)]
        assert "Help" in [label for label, _ in keys]
        assert all(right <= 60 for _, right in keys), keys
        await answer(pilot, "m", "v")
        assert not load_config(data_dir).sound and not load_config(data_dir).voice
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        labels = [key.description for key in screen.query(FooterKey)]
        assert "Sound" in labels and "Voice" in labels


@pytest.mark.parametrize("size", [(60, 20), (70, 22)])
async def test_a_long_question_scrolls_and_its_answer_keys_stay_in_view(data_dir, tmp_path, size):
    path = tmp_path / "long.toml"
    path.write_text(LONG_STEPS)
    clock = FakeClock()
    app = app_for(accepted(data_dir), path, clock)
    async with app.run_test(size=size) as pilot:
        screen = await pass_safety_check(pilot)
        await answer(pilot, "i")
        body = screen.query_one("#question-scroll")
        assert body.max_scroll_y > 0
        assert visible(screen, "#question-answers") and "enter  Continue" in screen.query_one("#question-answers").text
        assert "read the rest" in screen.query_one("#question-hint").text
        await answer(pilot, "end")
        assert body.scroll_y == body.max_scroll_y
        await answer(pilot, "escape", "p", "a", "9")
        assert question(screen).kind is QuestionKind.STOP_ADVICE
        assert visible(screen, "#question-answers")
        await answer(pilot, "pagedown", "pagedown", "pagedown")
        region = screen.query_one("#question-body").region
        assert "Otherwise, talk to a physiotherapist" in screen.query_one("#question-body").text
        assert body.scroll_y == body.max_scroll_y and region.height


@pytest.mark.parametrize("size", [(60, 20)])
async def test_an_intro_card_that_is_cut_scrolls_to_its_last_step(data_dir, tmp_path, size):
    path = tmp_path / "long.toml"
    path.write_text(LONG_STEPS)
    clock = FakeClock()
    app = app_for(accepted(data_dir), path, clock)
    async with app.run_test(size=size) as pilot:
        screen = await pass_safety_check(pilot)
        await pilot.pause()
        middle = screen.query_one("#middle")
        assert middle.max_scroll_y > 0 and middle.scroll_y == 0
        await answer(pilot, "end")
        assert middle.scroll_y == middle.max_scroll_y
        assert screen.session.engine.waits_for_user


async def test_one_then_enter_at_the_last_pain_check_leads_to_a_working_summary(data_dir, tmp_path):
    path = tmp_path / "one.toml"
    path.write_text(LONG_STEPS.replace("prepare = 10", "prepare = 2"))
    clock = FakeClock()
    app = app_for(returning(data_dir, path), path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot)
        await move(pilot, clock, 8)
        assert question(screen).kind is QuestionKind.PAIN_CHECK
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.resize_terminal(100, 31)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and app.is_running
        await pilot.press(*"ok", "enter")
        await pilot.pause()
    assert only_log(data_dir).note == "ok"


async def test_advice_that_goes_on_is_shown_large_in_the_session_not_as_a_toast(data_dir, routine_file):
    clock = FakeClock()
    app = app_for(returning(data_dir, routine_file), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot, pain="4")
        await move(pilot, clock, 5)
        await answer(pilot, "p", "c", "5")
        notice = screen.query_one("#notice")
        assert "do not push further" in notice.text and notice.display and notice.region.height >= 3
        assert not app._notifications, "no toast in a corner"
        assert screen.query_one("#phase-word").text == "HOLD"
        await move(pilot, clock, screen.session.engine.seconds_left() or 0)
        assert screen.query_one("#phase-word").text == "REST"
        assert not notice.display


async def test_an_intro_card_cut_by_advice_waits_for_space(data_dir):
    path = bundled("gentle-relief")
    clock = FakeClock()
    app = app_for(returning(data_dir, path), path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await pass_safety_check(pilot, pain="4")
        await move(pilot, clock, 1)
        await answer(pilot, "p", "c", "5")
        assert screen.query_one("#phase-word").text == "GET READY"
        await pilot.pause()
        assert screen.session.engine.waits_for_user, "its steps are below the advice: it waits until read"
        await move(pilot, clock, 30)
        assert screen.query_one("#phase-word").text == "GET READY"


async def test_a_tempo_exercise_rings_once_a_rep(data_dir, tmp_path):
    path = tmp_path / "tempo.toml"
    path.write_text(
        'format = 1\ntitle = "Tempo"\nprepare = 2\n\n[[exercises]]\nid = "tilt"\nname = "Tilt"\n'
        'how = ["Tilt."]\nreps = 4\ntempo = [2, 1, 2]\n'
    )
    clock = FakeClock()
    bells: list[float] = []
    app = app_for(returning(data_dir, path), path, clock, bells)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot)
        await move(pilot, clock, 2)
        rung = len(bells)
        await move(pilot, clock, 14)
        assert screen_word(app) == "LOWER"
        assert len(bells) - rung == 2, "reps 2 and 3 ring once each; their lift, top and lower only flash"


def screen_word(app) -> str:
    return str(app.screen.query_one("#phase-word").text)


async def test_the_session_help_wraps_each_description_under_its_own_column(data_dir, routine_file):
    app = app_for(returning(data_dir, routine_file), routine_file, FakeClock())
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await pass_safety_check(pilot)
        await answer(pilot, "question_mark")
        rows = screen.query_one("#question-rows")
        assert rows.display
        await pilot.pause()
        lines = [rows.render_line(y).text.rstrip() for y in range(rows.size.height)]
        keys = ("space", "p", "s", "i", "q", "m", "v", "?")
        starts = [line for line in lines if line and not line.startswith(" ")]
        assert [line.split()[0] for line in starts] == list(keys)
        continued = [line for line in lines if line.startswith(" ")]
        assert continued and all(line.startswith(" " * 7) for line in continued), lines


@pytest.mark.parametrize("how", ["spreading pain", "ended early with pain far up"])
async def test_a_first_session_stopped_for_pain_goes_home_without_asking_for_activities(data_dir, routine_file, how):
    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot)
        await answer(pilot, "space")
        await move(pilot, clock, 6)
        if how == "spreading pain":
            await answer(pilot, "p", "a", "7", "enter")
        else:
            await answer(pilot, "q", "y", "9", "enter")
        if not isinstance(app.screen, SummaryScreen):
            await answer(pilot, "enter")
        assert isinstance(app.screen, SummaryScreen)
        await answer(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "no activities asked right after a stop for pain"
    record = only_log(data_dir)
    assert record.outcome is Outcome.STOPPED_FOR_PAIN or record.stop_advised
    assert load_function(data_dir).naming_put_off is None and not load_function(data_dir).activities
