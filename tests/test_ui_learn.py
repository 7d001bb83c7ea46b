"""The Learn screen lists the cards in their groups; the summary offers the card a session calls for."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from coach.learn import CARDS, GROUPS, card, cards_for
from coach.paths import bundled_routines_dir
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.learn import LearnScreen
from coach.ui.widgets.plain import Plain
from tests.helpers.app import accepted, answer, app_for, move, pass_safety_check, wait_for_screen
from tests.helpers.clock import FakeClock
from tests.helpers.routines import SMALL


def shown(screen: LearnScreen) -> tuple[str, str, str]:
    return tuple(screen.query_one(f"#{part}", Plain).text for part in ("title", "text", "source"))


def listed(screen: LearnScreen) -> list[tuple[str, bool]]:
    """Each line of the list of cards, and whether it can be chosen (the headings cannot)."""
    options = screen.query_one("#cards", OptionList)
    return [(str(o.prompt).strip(), not o.disabled) for o in options.options]


async def test_l_on_home_opens_learn_and_escape_comes_back(tmp_path):
    app = app_for(accepted(tmp_path / "data"), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearnScreen)
        home = app.screen_stack[-2]
        offered = cards_for(f"routine:{home.selected().name}")[0]
        assert shown(screen) == (offered.title, offered.text, offered.source_line)
        index = CARDS.index(offered)
        await pilot.press("up")
        await pilot.pause()
        assert shown(screen)[0] == CARDS[index - 1].title and screen.card is CARDS[index - 1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_learn_screen_lists_the_cards_under_their_group_headings(tmp_path):
    app = app_for(accepted(tmp_path / "data"), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(LearnScreen())
        await pilot.pause()
        screen = app.screen
        expected = []
        for group in GROUPS:
            expected.append((group.title.upper(), False))
            expected.extend((c.title, True) for c in group.cards)
        assert listed(screen) == expected
        assert screen.card.id == "hurt-not-harm"
        first_of_second = GROUPS[1].cards[0]
        for _ in GROUPS[0].cards:
            await pilot.press("down")
        await pilot.pause()
        assert screen.card is first_of_second, "the heading between groups is skipped"
        assert shown(screen)[0] == first_of_second.title


@pytest.mark.parametrize("size", [(100, 30), (60, 20)])
async def test_opens_on_a_given_card_and_fits_small_terminals(tmp_path, size):
    app = app_for(accepted(tmp_path / "data"), None, FakeClock())
    async with app.run_test(size=size) as pilot:
        app.push_screen(LearnScreen("see-a-professional"))
        await pilot.pause()
        screen = app.screen
        one = card("see-a-professional")
        assert shown(screen) == (one.title, one.text, one.source_line)
        cards = screen.query_one("#cards", OptionList)
        assert cards.highlighted_option.id == one.id and cards.has_focus
        text_region = screen.query_one("#text").region
        assert cards.region.width >= 20 and text_region.width >= 25
        assert cards.region.right <= text_region.x and text_region.right <= size[0]
        scroller = screen.query_one("#card")
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroller.scroll_y == min(scroller.max_scroll_y, scroller.scrollable_content_region.height)
        assert cards.highlighted_option.id == one.id
        if size == (60, 20):
            assert scroller.max_scroll_y > 0 and scroller.scroll_y > 0


async def test_an_unknown_card_id_opens_on_the_first(tmp_path):
    app = app_for(accepted(tmp_path / "data"), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(LearnScreen("no-such-card"))
        await pilot.pause()
        assert shown(app.screen)[0] == CARDS[0].title == "Hurt does not mean harm"


async def test_learn_cards_are_offered_where_they_apply(data_dir, tmp_path):
    """On a routine's intro at home, after a block, and after a session that raised pain."""
    from coach.ui.screens.safety_check import SafetyCheckScreen
    from coach.ui.screens.summary import SummaryScreen

    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        index = next(i for i, e in enumerate(home.entries) if e.name == "stabilise")
        home.query_one("DataTable").move_cursor(row=index)
        await pilot.pause()
        assert "Before you start: " in home.query_one("#description").text
        await answer(pilot, "l")
        assert isinstance(app.screen, LearnScreen)
        assert app.screen.first_card is card("stabilise-first")

    routine = tmp_path / "small.toml"
    routine.write_text(SMALL)
    blocked = app_for(data_dir, routine, FakeClock())
    async with blocked.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "n", "n", "y", "2", "enter")
        assert "Worth knowing: When to see a professional (press l)." in screen.query_one("#advice").text
        await answer(pilot, "l")
        assert isinstance(blocked.screen, LearnScreen)
        assert blocked.screen.first_card is card("see-a-professional")

    clock = FakeClock()
    raised = app_for(data_dir, routine, clock)
    async with raised.run_test(size=(100, 30)) as pilot:
        await pass_safety_check(pilot, pain="1")
        await answer(pilot, "p", "a", "4", "enter")
        assert isinstance(raised.screen, SummaryScreen)
        offered = [w.text for w in raised.screen.query(".learn")]
        assert offered and offered[0].startswith("Worth knowing: ")


def offered_on(summary) -> list[str]:
    """The titles of the cards the summary offers, in order."""
    return [w.text.removeprefix("Worth knowing: ").split(". ")[0] for w in summary.query(".learn")]


async def test_the_summary_of_an_amber_session_offers_hurt_does_not_mean_harm(data_dir, routine_file):
    from coach.ui.screens.summary import SummaryScreen

    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pass_safety_check(pilot, pain="4")
        await move(pilot, clock, 5)
        await answer(pilot, "p", "c", "5")
        await answer(pilot, "q", "y", "4")
        assert isinstance(app.screen, SummaryScreen)
        assert offered_on(app.screen) == ["Hurt does not mean harm"]


async def test_the_summary_of_a_stop_offers_the_flare_up_card(data_dir, routine_file):
    from coach.ui.screens.summary import SummaryScreen

    clock = FakeClock()
    app = app_for(accepted(data_dir), routine_file, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pass_safety_check(pilot, pain="2")
        await move(pilot, clock, 5)
        await answer(pilot, "p", "b", "9", "enter")
        assert isinstance(app.screen, SummaryScreen)
        assert offered_on(app.screen) == ["A flare-up plan"]
        assert "Ease off exercise today, but keep gently moving about" in app.screen.query_one(".learn").text


async def test_the_flare_up_plan_runs_its_positions_of_ease_and_offers_medicines_and_sleep(data_dir):
    from coach.ui.screens.summary import SummaryScreen

    clock = FakeClock()
    app = app_for(accepted(data_dir), bundled_routines_dir() / "flare-up.toml", clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await pass_safety_check(pilot, pain="3")
        names: list[str] = []
        for _ in range(300):
            if isinstance(app.screen, SummaryScreen):
                break
            question = screen.session.question
            if question is not None:
                await answer(pilot, "2" if question.scale else "enter")
                continue
            run = screen.session.engine.run
            if run is not None and run.exercise.name not in names:
                names.append(run.exercise.name)
                assert screen.query_one("#exercise").text.startswith(run.exercise.name)
            if screen.session.engine.waits_for_user:
                await answer(pilot, "space")
            await move(pilot, clock, 20)
        assert names == [e.name for e in screen.session.routine.exercises]
        lying = {"Down to the floor", "Legs up on a chair", "On your side with a pillow", "Up from the floor"}
        assert lying <= set(names)
        assert isinstance(app.screen, SummaryScreen)
        assert offered_on(app.screen) == ["Medicines for a bad spell", "Sleeping with a sore back"]


async def test_an_amber_check_offers_hurt_does_not_mean_harm_and_the_emergency_screen_offers_nothing(data_dir):
    from coach.paths import bundled_routines_dir
    from coach.ui.screens.safety_check import SafetyCheckScreen

    app = app_for(accepted(data_dir), bundled_routines_dir() / "posture-reset.toml", FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "n", "n", "n", "6")
        assert "Worth knowing: Hurt does not mean harm (press l)." in screen.query_one("#advice").text
        await answer(pilot, "l")
        assert app.screen.first_card is card("hurt-not-harm")
    again = app_for(data_dir, bundled_routines_dir() / "posture-reset.toml", FakeClock())
    async with again.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, SafetyCheckScreen)
        await answer(pilot, "y", "l")
        assert again.screen is screen and "Worth knowing" not in screen.query_one("#advice").text
