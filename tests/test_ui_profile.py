"""The health profile screen: moving through the questions, and leaving with unsaved answers."""

from __future__ import annotations

from datetime import datetime

import pytest

from coach.logs.timestamps import day_text
from coach.safety.profile import UNFINISHED_LINE
from coach.safety.profile_questions import CLEARANCE_QUESTION, HISTORY_QUESTION, QUESTIONS
from coach.safety.profile_store import load_profile, save_profile
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.profile import ProfileScreen
from coach.ui.screens.prompts import WhichPrompt, YesNoPrompt
from tests.helpers.app import (
    accepted,
    answer,
    app_for,
    fill_profile,
    screen_text,
    type_ahead,
    wait_for_screen,
    wait_until,
)
from tests.helpers.clock import FakeClock


async def open_profile(pilot) -> ProfileScreen:
    await wait_for_screen(pilot, HomeScreen)
    await answer(pilot, "e")
    return await wait_for_screen(pilot, ProfileScreen)


async def on_question(pilot, screen: ProfileScreen, question_id: str):
    """Put the cursor on that question and let the screen show it; the table."""
    table = screen.query_one("#questions")
    table.move_cursor(row=[q.id for q in screen.questions()].index(question_id))
    await pilot.pause()
    return table


async def test_end_and_home_move_to_the_last_and_first_question(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_profile(pilot)
        table = screen.query_one("#questions")
        await answer(pilot, "end")
        assert table.cursor_row == table.row_count - 1 and table.scroll_x == 0
        await answer(pilot, "y")
        assert screen.draft[QUESTIONS[-1].id] is True and screen.draft[QUESTIONS[0].id] == "16-49"
        await answer(pilot, "home")
        assert table.cursor_row == 0


async def test_escape_with_unsaved_answers_asks_before_leaving(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profile(pilot)
        await answer(pilot, "3", "escape")
        prompt = app.screen
        assert isinstance(prompt, YesNoPrompt) and prompt.prompt_title == "Leave without saving?"
        await answer(pilot, "enter", "space", "down", "enter")
        assert app.screen is prompt, "enter answered a yes/no question"
        await answer(pilot, "n")
        assert app.screen is screen and screen.draft[QUESTIONS[0].id] == "50-69"
        await answer(pilot, "escape", "y")
        assert isinstance(app.screen, HomeScreen)
    assert load_profile(data_dir).value(QUESTIONS[0].id) == "16-49"


async def test_escape_without_changes_leaves_at_once(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_profile(pilot)
        await answer(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


def column_text(table, lines: list[str], column: int) -> str:
    """What one column of the table shows over ``lines``, its wrapped lines joined by single spaces."""
    widths = [c.get_render_width(table) for c in table.ordered_columns]
    start = sum(widths[:column])
    return " ".join(" ".join(line[start : start + widths[column]].split()) for line in lines).strip()


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_every_question_and_answer_reads_whole_without_a_sideways_scrollbar(data_dir, size):
    yes = ("cancer-history", "osteoporosis", "pregnancy")
    app = app_for(accepted(data_dir, yes=yes), None, FakeClock())
    async with app.run_test(size=size) as pilot:
        screen = await open_profile(pilot)
        table = screen.query_one("#questions")
        assert table.max_scroll_x == 0 and not table.show_horizontal_scrollbar

        def shown(column: int) -> str:
            return column_text(table, [table.render_line(y).text for y in range(table.size.height)], column)

        for row, question in enumerate(screen.questions()):
            table.move_cursor(row=row)
            whole = f"{question.section}: {question.text}"
            status = screen.query_one("#status")
            await wait_until(pilot, lambda: status.text.startswith(whole), f"{question.id} in the status")  # noqa: B023
            for _ in range(3):
                await pilot.pause()
            assert whole in shown(2), question.id
            assert screen.answer_text(question) in shown(0), question.id
        assert table.max_scroll_x == 0 and not table.show_horizontal_scrollbar


async def test_a_new_serious_yes_asks_for_the_clearance_again_before_saving(data_dir):
    from coach.safety.profile_store import save_profile

    accepted(data_dir, yes=("cancer-history",))
    profile = load_profile(data_dir)
    profile.answer(CLEARANCE_QUESTION.id, True, datetime.now().astimezone())
    save_profile(data_dir, profile)
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profile(pilot)
        ids = [q.id for q in screen.questions()]
        screen.query_one("#questions").move_cursor(row=ids.index(HISTORY_QUESTION.id))
        await answer(pilot, "y", "3", "enter")
        assert screen.draft["injecting-drugs"] is True and screen.draft["cancer-history"] is True, "which starts ticked"
        assert CLEARANCE_QUESTION.id not in screen.draft
        await answer(pilot, "s")
        assert app.screen is screen
        assert load_profile(data_dir).cleared
        screen.query_one("#questions").move_cursor(row=ids.index(CLEARANCE_QUESTION.id))
        await answer(pilot, "y", "s")
        assert isinstance(app.screen, HomeScreen)
    saved = load_profile(data_dir)
    assert saved.cleared and saved.value("injecting-drugs")


async def test_a_clearance_that_no_longer_covers_the_serious_signs_shows_unanswered(data_dir):
    from datetime import timedelta

    accepted(data_dir, yes=("cancer-history",))
    profile = load_profile(data_dir)
    now = datetime.now().astimezone()
    profile.answer(CLEARANCE_QUESTION.id, True, now)
    profile.answer("injecting-drugs", True, now + timedelta(seconds=1))
    save_profile(data_dir, profile)
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profile(pilot)
        assert CLEARANCE_QUESTION.id not in screen.draft


async def test_the_answer_every_question_warning_goes_once_the_profile_is_saved(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profile(pilot)
        screen.draft.pop(QUESTIONS[0].id)
        await answer(pilot, "s")
        assert any("Answer every question first" in n.message for n in app._notifications)
        await answer(pilot, "2", "s")
        assert isinstance(app.screen, HomeScreen)
        assert not list(app._notifications)


async def test_a_no_to_the_clearance_shows_as_no_with_its_date(data_dir):
    accepted(data_dir, yes=("cancer-history",))
    profile = load_profile(data_dir)
    profile.answer(CLEARANCE_QUESTION.id, False, datetime.now().astimezone())
    save_profile(data_dir, profile)
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profile(pilot)
        assert screen.draft[CLEARANCE_QUESTION.id] is False
        row = screen.query_one("#questions").get_row(CLEARANCE_QUESTION.id)
        assert [str(cell) for cell in row[:2]] == ["no", day_text(profile.answers[CLEARANCE_QUESTION.id].at)]
        await answer(pilot, "escape")
        assert isinstance(app.screen, HomeScreen), "nothing was changed, so nothing asks to be saved"


async def test_a_choice_takes_its_number_and_a_listed_question_its_which(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profile(pilot)
        table = screen.query_one("#questions")
        await answer(pilot, "y", "n", "9")
        assert screen.draft["age-band"] == "16-49" and table.cursor_row == 0, "y, n and 9 do not answer a choice"
        await answer(pilot, "4")
        assert screen.draft["age-band"] == "70-plus" and table.cursor_row == 1
        table.move_cursor(row=[q.id for q in screen.questions()].index("conditions"))
        await answer(pilot, "y")
        which = await wait_for_screen(pilot, WhichPrompt)
        await answer(pilot, "enter")
        assert app.screen is which, "enter with nothing ticked answers nothing"
        await answer(pilot, "1", "9", "9", "escape")
        await wait_until(pilot, lambda: app.screen is screen and app.focused is table, "escape leaves which?")
        assert screen.draft["osteoporosis"] is False, "escape keeps the answers as they were"
        await answer(pilot, "y")
        await wait_for_screen(pilot, WhichPrompt)
        await answer(pilot, "1", "9", "enter")
        await wait_until(pilot, lambda: app.screen is screen, "enter answers which?")
        assert screen.draft["osteoporosis"] is True and screen.draft["pregnancy"] is True
        assert str(table.get_row("conditions")[0]) == "yes: Osteoporosis, Pregnancy"
        await answer(pilot, "up", "n")
        assert not any(screen.draft[c] for c in ("osteoporosis", "pregnancy", "spinal-fusion"))


async def test_the_status_line_glosses_the_medical_words_and_under_sixteen_is_told(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profile(pilot)
        screen.query_one("#questions").move_cursor(row=[q.id for q in screen.questions()].index("conditions"))
        await pilot.pause()
        status = " ".join(screen_text(app).split())
        assert "a swelling of the main blood vessel in your tummy" in status
        assert "bones that have become thin" in status
        screen.query_one("#questions").move_cursor(row=0)
        await answer(pilot, "1")
        keys = screen.query_one("#status-keys")
        await wait_until(pilot, lambda: "made for adults" in keys.text, "the adults-only line")


async def test_leaving_an_unfinished_profile_leaves_a_line_on_home_until_it_is_finished(data_dir):
    from coach.config import Config, save_config

    save_config(data_dir, Config(accepted_notice=True))
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        line = home.query_one("#unfinished")
        assert line.display and line.text == UNFINISHED_LINE
        await answer(pilot, "e")
        await wait_for_screen(pilot, ProfileScreen)
        await answer(pilot, "2", "escape", "y")
        assert isinstance(app.screen, HomeScreen)
        assert line.display and line.text == UNFINISHED_LINE
        assert not list(app._notifications), "home says it; no toast that vanishes"
        await answer(pilot, "e")
        await wait_for_screen(pilot, ProfileScreen)
        await fill_profile(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not line.display


async def test_home_says_nothing_of_the_profile_once_it_is_finished(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        assert not home.query_one("#unfinished").display


@pytest.mark.parametrize("size", [(60, 20), (74, 20), (100, 30)])
async def test_every_item_of_a_which_can_be_brought_into_view_with_its_keys_still_shown(data_dir, size):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=size) as pilot:
        screen = await open_profile(pilot)
        screen.query_one("#questions").move_cursor(row=[q.id for q in screen.questions()].index("conditions"))
        await answer(pilot, "y")
        items = (await wait_for_screen(pilot, WhichPrompt)).items
        for key in ("1", "1"):
            await answer(pilot, key)
            await wait_until(pilot, lambda: "escape  back" in screen_text(app), "the keys stay as their line changes")
        shown: set[int] = set()
        for _ in range(3 * len(items)):
            text = screen_text(app)
            shown |= {n for n, (_, label) in enumerate(items, 1) if f"{n}  [ ]  {label[:12]}" in text}
            assert "escape  back" in text, "the keys stay on screen"
            await answer(pilot, "down")
        assert shown == set(range(1, len(items) + 1))


async def test_keys_typed_ahead_are_taken_in_the_order_they_were_typed(data_dir):
    """A burst of keys (a paste, a fast typist) must not answer a question the cursor has left."""
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profile(pilot)
        table = await on_question(pilot, screen, QUESTIONS[0].id)
        before = dict(screen.draft)
        type_ahead(pilot, "down", "2", "up", "up", "3")
        first, second = QUESTIONS[0], QUESTIONS[1]
        await wait_until(pilot, lambda: screen.draft[first.id] != before[first.id], "the burst taken in")
        await pilot.pause()
        assert screen.draft[second.id] == second.items[1].id, "2 answered the second question"
        assert screen.draft[first.id] == first.items[2].id, "3 answered the first, after going up twice"
        assert table.cursor_row == 1, "each answer moved the cursor on"


async def test_the_footer_offers_y_and_n_only_where_they_answer(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profile(pilot)
        table = await on_question(pilot, screen, QUESTIONS[0].id)
        assert "y Yes" not in screen_text(app), "the age is answered by its number"
        table.move_cursor(row=[q.id for q in screen.questions()].index("first-episode"))
        await wait_until(pilot, lambda: "y Yes" in screen_text(app), "y and n in the footer on a yes/no question")


async def test_keys_typed_ahead_across_which_are_taken_in_order(data_dir):
    """y opens "which?"; the keys after it tick, confirm, and answer the next two questions."""
    app = app_for(accepted(data_dir, yes=("cancer-history", "known-leg-symptoms")), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profile(pilot)
        await on_question(pilot, screen, "conditions")
        type_ahead(pilot, "y", "2", "enter", "n", "n")
        await wait_until(pilot, lambda: screen.draft["known-leg-symptoms"] is False, "the last n taken in")
        await pilot.pause()
        assert app.screen is screen
        assert screen.draft["spinal-fusion"] is True, "2 ticked the second condition on which?"
        assert screen.draft["cancer-history"] is False, "the first n answered the serious-cause history"


async def test_at_60_by_20_a_long_question_leaves_the_answers_and_its_keys_in_view(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_profile(pilot)
        table = await on_question(pilot, screen, "conditions")
        await pilot.pause()
        keys = screen.query_one("#status-keys")
        assert table.scrollable_content_region.height >= 2, "the headings and the question's row"
        assert keys.region.height >= 2 and keys.region.bottom <= 19, "the keys line above the footer"
