"""Home: what it says before any routine is started."""

from __future__ import annotations

from coach.safety.profile import CLEARANCE_QUESTION
from coach.safety.profile_store import load_profile
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.profile import ProfileScreen
from tests.helpers.app import accepted, answer, app_for, home_settled, wait_for_screen, wait_until
from tests.helpers.clock import FakeClock

SIZE = (100, 30)


async def test_home_says_every_routine_is_on_hold_until_a_clearance_is_recorded(data_dir):
    app = app_for(accepted(data_dir, yes=("cancer-history",)), None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        banner = home.query_one("#clearance")
        assert banner.display
        assert "only walking and the flare-up plan may start" in banner.text and "record it with e" in banner.text
        assert home.query_one("#description").text.startswith(
            "On hold: a doctor or physiotherapist should first assess"
        )
        await answer(pilot, "e")
        screen = await wait_for_screen(pilot, ProfileScreen)
        screen.query_one("#questions").move_cursor(row=[q.id for q in screen.questions()].index(CLEARANCE_QUESTION.id))
        await answer(pilot, "y", "s")
        assert isinstance(app.screen, HomeScreen)
        assert not home.query_one("#clearance").display
        assert "On hold" not in home.query_one("#description").text
    assert load_profile(data_dir).cleared


async def test_home_shows_no_hold_without_a_serious_sign(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        assert not home.query_one("#clearance").display


async def footer_keys(pilot) -> list[tuple[str, int]]:
    from textual.widgets._footer import FooterKey

    await home_settled(pilot)
    return [(key.description, key.region.right) for key in pilot.app.screen.query(FooterKey)]


async def test_every_footer_key_of_home_history_and_learn_fits_sixty_columns(data_dir):
    from coach.ui.screens.history import HistoryScreen
    from coach.ui.screens.learn import LearnScreen

    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        keys = await footer_keys(pilot)
        labels = [label for label, _ in keys]
        assert labels == ["Start", "History", "Learn", "Profile", "Help", "Quit"], "? is never dropped"
        assert all(right <= 60 for _, right in keys), keys
        for key, screen in (("h", HistoryScreen), ("l", LearnScreen)):
            await answer(pilot, key)
            await wait_for_screen(pilot, screen)
            keys = await footer_keys(pilot)
            assert keys and all(right <= 60 for _, right in keys), (screen.__name__, keys)
            await answer(pilot, "escape")
            await wait_for_screen(pilot, HomeScreen)


async def test_home_footer_keeps_its_spacing_on_a_wide_terminal(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert not app.screen.query_one("Footer").compact


async def test_end_and_home_move_to_the_last_and_first_routine(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        table = home.query_one("#routines")
        await answer(pilot, "end")
        assert table.cursor_row == table.row_count - 1 > 0
        await answer(pilot, "home")
        assert table.cursor_row == 0


async def test_the_learn_offer_of_every_bundled_routine_is_on_screen_at_100_by_30(data_dir):
    import html
    import re

    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        table = home.query_one("#routines")
        for row, entry in enumerate(home.entries):
            if entry.source != "bundled":
                continue
            table.move_cursor(row=row)
            await pilot.pause()
            screen_text = html.unescape("".join(re.findall(r">([^<]*)</text>", app.export_screenshot())))
            assert "Before you start:" in screen_text.replace("\u00a0", " "), entry.name


async def test_home_footer_names_the_voice_key_where_it_fits(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert "Voice" in [label for label, _ in await footer_keys(pilot)]


async def test_home_lists_the_bundled_routines_while_a_slow_shared_file_is_still_being_read(data_dir, monkeypatch):
    import threading

    from coach.routines import catalog

    folder = data_dir / "routines"
    folder.mkdir(parents=True)
    (folder / "slow.toml").write_text("not read yet")
    release = threading.Event()
    real_load = catalog.load_entry

    def load_entry(path, source, parsed=None):
        if source == "yours":
            release.wait(timeout=30)
        return real_load(path, source, parsed)

    monkeypatch.setattr(catalog, "load_entry", load_entry)
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        assert home.query_one("DataTable").row_count == len(catalog.bundled())
        assert all(entry.source == "bundled" for entry in home.entries)
        release.set()
        await wait_until(pilot, lambda: any(e.source == "yours" for e in home.entries), "the slow file read")
        assert [e.name for e in home.entries if e.source == "yours"] == ["slow"]
        assert home.query_one("DataTable").row_count == len(catalog.bundled()) + 1


async def test_a_long_title_is_cut_so_every_column_of_home_stays_on_screen(data_dir):
    from textual.widgets import DataTable

    from tests.helpers.routines import SMALL

    title = "A very long routine title that goes on and on, eighty characters in all, right!!"
    assert len(title) == 80
    folder = data_dir / "routines"
    folder.mkdir()
    (folder / "long.toml").write_text(
        SMALL.replace(
            'title = "Small routine"',
            f'title = "{title}"\nfocus = ["{"f" * 30}", "{"g" * 30}"]\nlevel = "challenging"',
        )
    )
    app = app_for(accepted(data_dir, yes=("osteoporosis",)), None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        home = await home_settled(pilot)
        table = home.query_one(DataTable)
        row = next(i for i, entry in enumerate(home.entries) if entry.name == "long")
        cells = [str(cell) for cell in table.get_row_at(row)]
        assert cells[0].endswith("…") and cells[0][:-1] in title
        assert cells[4].endswith("…")
        ruled_out = [str(cell) for cell in table.get_column_at(0) if "✗" in str(cell)]
        assert ruled_out and all(cell.endswith("✗ not for you") for cell in ruled_out)
        todays = [str(row[3]) for row in map(table.get_row_at, range(table.row_count)) if "✗" in str(row[0])]
        assert set(todays) == {"-"}, "no dose today for a routine that never starts"
        widths = [column.get_render_width(table) for column in table.columns.values()]
        assert len(widths) == 6 and sum(widths) <= table.scrollable_content_region.width, widths


def test_the_help_page_names_every_key_home_answers_to():
    from coach.ui.screens.help import HELP_TEXT

    home = HELP_TEXT.split("\n\n")[0].splitlines()
    keys = {"question_mark": "?", "enter": "enter"}
    for binding in HomeScreen.BINDINGS:
        key = keys.get(binding.key, binding.key)
        assert any(line.split()[:1] == [key] for line in home), f"{key} is not in the help's Home section"


async def test_r_reads_the_routines_again_and_says_so(data_dir):
    app = app_for(accepted(data_dir), None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await home_settled(pilot)
        (data_dir / "routines").mkdir(exist_ok=True)
        (data_dir / "routines" / "broken.toml").write_text("title = \n")
        await answer(pilot, "r")
        await wait_until(
            pilot,
            lambda: any(
                "Read the routine files again: 8 routines, 1 with a problem." in n.message for n in app._notifications
            ),
            "the reload's message",
        )


async def test_at_60_by_20_the_routines_stay_in_view_under_a_rest_line(data_dir):
    """The details box gives way to the list on a short terminal (it scrolls instead)."""
    from datetime import timedelta

    from coach.logs.records import Outcome
    from coach.logs.store import create_session
    from coach.logs.timestamps import local_now
    from tests.helpers.records import session

    stopped = local_now() - timedelta(minutes=5)
    create_session(
        accepted(data_dir),
        session(stopped, stopped + timedelta(minutes=1), outcome=Outcome.STOPPED_FOR_PAIN, stop_advised=True),
    )
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=(60, 20)) as pilot:
        home = await home_settled(pilot)
        await wait_until(pilot, lambda: home.query_one("#rest").display, "the rest line")
        await pilot.pause()
        table = home.query_one("#routines")
        assert table.scrollable_content_region.height >= 5, "the headings and at least four routines"
