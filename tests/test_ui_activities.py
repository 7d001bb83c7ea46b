"""The activities on screen (flow 10): named from home, rated once a week before the first exercise."""

from __future__ import annotations

from datetime import timedelta

from coach.function.model import FunctionLog
from coach.function.store import function_path, load_function, save_function
from coach.logs.timestamps import local_now
from coach.ui.screens.activities import ActivitiesScreen, ActivityQuestionsScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.session import SessionScreen
from tests.helpers.app import accepted, answer, app_for, move, pass_safety_check, wait_for_screen
from tests.helpers.clock import FakeClock

SIZE = (100, 30)


async def test_from_home_f_lists_the_activities_a_adds_r_renames_and_d_drops_keeping_the_ratings(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await answer(pilot, "f")
        screen = await wait_for_screen(pilot, ActivitiesScreen)
        assert "No activity yet" in screen.query_one("#status").text
        await answer(pilot, "a")
        naming = await wait_for_screen(pilot, ActivityQuestionsScreen)
        await pilot.press(*"[b]socks[/b]", "enter")
        await pilot.pause()
        assert "[b]socks[/b]" in naming.query_one("#title").text, "a name is shown literally, never as markup"
        await answer(pilot, "4", "enter")
        assert app.screen is screen
        assert [str(cell) for cell in screen.query_one("#activities").get_row("a1")[:2]] == ["[b]socks[/b]", "4"]
        assert "No activity yet" not in screen.query_one("#status").text
        await answer(pilot, "r")
        await pilot.press(*"putting on socks", "enter")
        await answer(pilot, "d")
        assert str(screen.query_one("#activities").get_row("a1")[0]) == "putting on socks  (dropped)"
        await answer(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
    saved = load_function(data_dir)
    assert saved.activities[0].name == "putting on socks" and saved.activities[0].dropped_at is not None
    assert [r.score for r in saved.ratings] == [4], "a dropped activity keeps its history"


def rated_last_week(data_dir, score: int = 3) -> None:
    log = FunctionLog()
    last_week = local_now() - timedelta(days=7)
    log.add("putting on socks", last_week)
    log.rate("a1", score, last_week)
    save_function(data_dir, log)


async def test_the_first_session_of_a_week_rates_each_activity_with_last_times_figure_before_the_first_exercise(
    data_dir, routine_file
):
    rated_last_week(accepted(data_dir), score=3)
    app = app_for(data_dir, routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check_to(pilot, ActivityQuestionsScreen)
        rating = app.screen
        assert "Last time" in rating.query_one("#body").text and "3/10" in rating.query_one("#body").text
        await answer(pilot, "5")
        assert isinstance(await wait_for_screen(pilot, SessionScreen), SessionScreen)
    assert [r.score for r in load_function(data_dir).ratings] == [3, 5]


async def test_s_skips_the_weekly_rating_for_today_and_the_session_starts(data_dir, routine_file):
    rated_last_week(accepted(data_dir))
    app = app_for(data_dir, routine_file, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pass_safety_check_to(pilot, ActivityQuestionsScreen)
        await answer(pilot, "s")
        await wait_for_screen(pilot, SessionScreen)
    saved = load_function(data_dir)
    assert saved.rating_skipped == local_now().date() and len(saved.ratings) == 1


async def pass_safety_check_to(pilot, kind: type) -> None:
    """Answer the check as ``pass_safety_check`` does, up to the ``kind`` screen that follows it."""
    from coach.ui.screens.safety_check import SafetyCheckScreen

    check = await wait_for_screen(pilot, SafetyCheckScreen)
    while check.check.pending is not None:
        await answer(pilot, "2" if check.check.pending.question.kind.value == "0-10" else "n")
    await answer(pilot, "enter")
    await wait_for_screen(pilot, kind)


async def test_naming_left_for_later_is_asked_again_at_a_later_days_session_start(data_dir, routine_file):
    accepted(data_dir)
    clock = FakeClock()
    first = app_for(data_dir, routine_file, clock)
    async with first.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot, pain="2")
        await answer(pilot, "space")
        await move(pilot, clock, 5)
        await answer(pilot, "q", "y", "2")
        await answer(pilot, "escape")
        await wait_for_screen(pilot, ActivityQuestionsScreen)
        await answer(pilot, "escape")
        assert isinstance(first.screen, HomeScreen)
    log = load_function(data_dir)
    assert log.naming_put_off == local_now().date()
    same_day = app_for(data_dir, routine_file, FakeClock())
    async with same_day.run_test(size=SIZE) as pilot:
        await pass_safety_check(pilot, pain="2")
        assert isinstance(same_day.screen, SessionScreen), "asked at most once a day"
    log.naming_put_off = local_now().date() - timedelta(days=1)
    function_path(data_dir).unlink()
    save_function(data_dir, log)
    next_day = app_for(data_dir, routine_file, FakeClock())
    async with next_day.run_test(size=SIZE) as pilot:
        await pass_safety_check_to(pilot, ActivityQuestionsScreen)
        assert "everyday activity" in next_day.screen.query_one("#title").text
