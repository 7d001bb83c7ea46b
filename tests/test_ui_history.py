"""The history screen, the session detail screen and the trend widgets, driven through Pilot."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from textual.app import App
from textual.widgets import DataTable, Input, TabbedContent

from coach.config import Config, save_config
from coach.history import export
from coach.history.figures import PainPoint
from coach.history.report import markdown_report
from coach.logs.records import Outcome, SessionRecord, StepOutcome
from coach.logs.store import create_session, list_sessions
from coach.routines.catalog import discover
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.session_detail import SessionDetailScreen, steps_table
from coach.ui.widgets.calendar import calendar_grid
from coach.ui.widgets.pain_chart import AFTER, BEFORE, BOTH, LEFT, STOP, PainChart, pain_chart
from coach.ui.widgets.plain import Plain
from tests.helpers.records import ZONE, finished_session

TODAY = date(2026, 11, 21)
"""A Saturday."""
SIZE = (100, 30)
HOSTILE = "[bold]x[/] [@click=app.quit]q[/] \x1b[31mred"


def stamp(day: date, hour: int = 8, minute: int = 30) -> str:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE).isoformat()


def write(data: Path, records: list[SessionRecord]) -> Path:
    for record in records:
        create_session(data, record)
    return data


def standard_sessions() -> list[SessionRecord]:
    """Seven sessions over three weeks, two routines, every outcome once."""
    return [
        finished_session(TODAY, outcome=Outcome.COMPLETED, before=2, after=1, note="Felt loose afterwards."),
        finished_session(
            TODAY - timedelta(days=1),
            title="Morning mobility",
            name="morning-mobility",
            outcome=Outcome.ENDED_EARLY,
            before=4,
            after=4,
        ),
        finished_session(TODAY - timedelta(days=3), outcome=Outcome.STOPPED_FOR_PAIN, before=3, after=7),
        finished_session(TODAY - timedelta(days=6), outcome=Outcome.BLOCKED, before=None, after=None, steps=0),
        finished_session(
            TODAY - timedelta(days=9),
            title="Morning mobility",
            name="morning-mobility",
            outcome=Outcome.INTERRUPTED,
            before=5,
            after=None,
        ),
        finished_session(TODAY - timedelta(days=13), before=6, after=4),
        finished_session(TODAY - timedelta(days=20), before=6, after=5),
    ]


def persistent_sessions() -> list[SessionRecord]:
    """Pain before goes from 5 to 6 over six weeks, every other day: the not-improving advisory applies."""
    return [
        finished_session(TODAY - timedelta(days=days), before=5 if days > 18 else 6, after=4)
        for days in range(0, 43, 2)
    ]


class HistoryApp(App[None]):
    """Just the history screen, at a fixed today."""

    def __init__(self, data: Path) -> None:
        super().__init__()
        self.data = data

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(self.data, today=TODAY))


def accepted(data: Path) -> Path:
    save_config(data, Config(accepted_notice=True, sound=False))
    return data


async def settle(pilot) -> HistoryScreen:
    """Wait until every log is read and shown."""
    await pilot.app.workers.wait_for_complete()
    for _ in range(1000):
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, HistoryScreen) and screen.complete:
            return screen
    raise AssertionError("the history screen never settled")


def cell_texts(table: DataTable, column: int) -> list[str]:
    return [str(table.get_row_at(row)[column]) for row in range(table.row_count)]


# the pure renderers ----------------------------------------------------------


def point(day: date, before: int | None, after: int | None, stopped: bool = False, hour: int = 10) -> PainPoint:
    return PainPoint(datetime(day.year, day.month, day.day, hour, tzinfo=UTC), before, after, stopped)


def test_pain_chart_puts_each_point_on_its_rating_row_and_day_column():
    series = [point(date(2026, 11, 1), 6, 4), point(date(2026, 11, 11), 3, 3), point(date(2026, 11, 21), None, 0)]
    lines = pain_chart(series, LEFT + 21).plain.splitlines()
    assert len(lines) == 13
    row = lambda rating: lines[10 - rating]  # noqa: E731
    assert row(6)[LEFT + 0] == BEFORE and row(4)[LEFT + 0] == AFTER
    assert row(3)[LEFT + 10] == BOTH
    assert row(0)[LEFT + 20] == AFTER
    assert lines[0].startswith("10 ┤") and lines[5].startswith(" 5 ┤") and lines[10].startswith(" 0 ┤")
    assert lines[11].startswith("   └─┬")
    assert lines[12][LEFT:].startswith("Nov 1") and lines[12].rstrip().endswith("Nov 21")
    markers = sum(line[LEFT:].count(mark) for line in lines[:11] for mark in (BEFORE, AFTER, BOTH))
    assert markers == 4


def test_two_sessions_on_one_day_are_two_points_and_a_stop_is_marked():
    """The reported case: 3 then 2, and 6 then 9 stopped, on one day: the 9 and the stop must show."""
    day = date(2026, 11, 1)
    series = [point(date(2026, 10, 20), 3, 3), point(day, 3, 2, hour=8), point(day, 6, 9, stopped=True, hour=18)]
    lines = pain_chart(series, LEFT + 60).plain.splitlines()
    row = lambda rating: lines[10 - rating]  # noqa: E731
    assert STOP in row(9), "the stop at 9 is drawn where it is"
    assert BEFORE in row(6) and AFTER in row(2), "the morning session is a point of its own"


def test_sessions_that_share_a_column_show_the_highest_and_nothing_says_when_there_is_nothing():
    series = [point(date(2026, 10, 1), 1, None), point(date(2026, 11, 1), 2, None, hour=9)]
    series.append(point(date(2026, 11, 1), 5, None, hour=10))
    lines = pain_chart(series, LEFT + 8).plain.splitlines()
    assert BEFORE in lines[10 - 5] and BEFORE not in lines[10 - 2] and BEFORE not in lines[10 - 4]
    assert "No pain ratings" in pain_chart([point(date(2026, 11, 1), None, None)], 30).plain


def test_calendar_grid_shades_each_day_by_sessions():
    grid = [[0, 1, 2, 0, 0, 0, 3], [1, 0, 0, -1, -1, -1, -1]]
    lines = calendar_grid(grid, date(2026, 11, 9)).plain.splitlines()
    assert lines[0].split() == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    assert lines[1].startswith("Nov 9 ") and lines[2].startswith("Nov 16")
    assert lines[1][8:].split(" ") == ["░░", "▓▓", "██", "░░", "░░", "░░", "██"]
    assert lines[2][8:].rstrip() == "▓▓ ░░ ░░"


# the history screen ---------------------------------------------------------


async def test_table_lists_sessions_newest_first_with_outcome_words(data_dir):
    write(data_dir, standard_sessions())
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 7
        assert [d[:10] for d in cell_texts(table, 0)] == [
            (TODAY - timedelta(days=n)).isoformat() for n in (0, 1, 3, 6, 9, 13, 20)
        ]
        assert cell_texts(table, 3) == [
            "completed",
            "ended early",
            "stopped for pain",
            "blocked by safety check",
            "interrupted",
            "completed",
            "completed",
        ]
        assert cell_texts(table, 1)[1] == "Morning mobility"
        assert cell_texts(table, 2)[:3] == ["2 → 1", "4 → 4", "3 → 7"]
        assert cell_texts(table, 4)[0] == "1/2"
        assert "7 sessions" in screen.query_one("#status", Plain).text
        assert "Felt loose" in screen.query_one("#row-detail", Plain).text


async def test_filter_by_routine_text_and_by_date(data_dir):
    write(data_dir, standard_sessions())
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        table = screen.query_one(DataTable)
        await pilot.press("slash", *"morning")
        await settle(pilot)
        assert set(cell_texts(table, 1)) == {"Morning mobility"} and table.row_count == 2
        await pilot.press("enter", "c")
        await pilot.pause()
        screen.query_one("#since", Input).value = (TODAY - timedelta(days=6)).isoformat()
        screen.query_one("#until", Input).value = (TODAY - timedelta(days=1)).isoformat()
        await settle(pilot)
        assert [d[:10] for d in cell_texts(table, 0)] == ["2026-11-20", "2026-11-18", "2026-11-15"]
        assert "3 of 7 sessions match" in screen.query_one("#status", Plain).text


async def test_keys_cycle_routines_and_date_ranges(data_dir):
    write(data_dir, standard_sessions())
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        table = screen.query_one(DataTable)
        await pilot.press("r")
        await settle(pilot)
        assert screen.query_one("#routine", Input).value == "Gentle relief"
        assert table.row_count == 5
        await pilot.press("r", "r")
        await settle(pilot)
        assert table.row_count == 7
        await pilot.press("d")
        await settle(pilot)
        assert screen.query_one("#since", Input).value == (TODAY - timedelta(days=27)).isoformat()
        assert table.row_count == 7
        screen.query_one("#since", Input).value = "2026-11-1"
        await settle(pilot)
        assert table.row_count == 7
        assert "type a day" in screen.query_one("#problems", Plain).text


async def test_a_typed_date_that_is_not_a_day_is_named_on_the_problem_line(data_dir):
    write(data_dir, standard_sessions())
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        problems = screen.query_one("#problems", Plain)
        await pilot.press("slash", "tab", *"2026-13-45")
        await pilot.pause()
        assert problems.display
        assert problems.text == '"2026-13-45" in From is not a date; type a day like 2026-11-21.'
        await pilot.press("tab", *"2026-02-30..2026-03-01")
        await pilot.pause()
        assert problems.text == (
            '"2026-13-45" in From and "2026-02-30" in To are not dates; type a day like 2026-11-21.'
        )
        assert screen.query_one(DataTable).row_count == 7
        await pilot.press("escape", "c")
        await pilot.pause()
        assert not problems.display


def footer_labels(screen) -> list[tuple[str, int]]:
    from textual.widgets._footer import FooterKey

    return [(key.description, key.region.right) for key in screen.query(FooterKey)]


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
async def test_the_footer_offers_c_to_clear_the_filter_while_one_is_set(data_dir, size):
    write(data_dir, standard_sessions())
    async with HistoryApp(data_dir).run_test(size=size) as pilot:
        screen = await settle(pilot)
        assert "Clear filter" not in [label for label, _ in footer_labels(screen)]
        await pilot.press("r")
        await settle(pilot)
        keys = footer_labels(screen)
        assert all(right <= size[0] for _, right in keys), keys
        assert ("Clear filter" in [label for label, _ in keys]) == (size[0] >= 80)
        await pilot.press("c")
        await settle(pilot)
        assert screen.query_one(DataTable).row_count == 7
        assert "Clear filter" not in [label for label, _ in footer_labels(screen)]


async def test_enter_opens_the_detail_and_escape_comes_back(data_dir):
    write(data_dir, standard_sessions())
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        detail = pilot.app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert detail.record.outcome is Outcome.STOPPED_FOR_PAIN
        text = rendered(detail)
        for expected in (
            "Knee to chest 1",
            "done",
            "skipped",
            "3 of 3 holds",
            "1:35 of 2:00",
            "pain check",
            "it hurts",
            "5/10",
            "more than mild discomfort",
            "easier",
            "Pain shooting down a leg, or numbness or weakness in one leg, new or worse?  no",
            "Osteoporosis  does not apply",
            "Pain before: 3/10",
            "settled within 24 hours: not asked",
            "Stopped for pain. Stopped for pain on purpose.",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen


async def test_the_detail_opens_for_every_way_an_exercise_can_end(data_dir):
    record = finished_session(TODAY, outcome=Outcome.ENDED_EARLY, steps=len(StepOutcome), planned=len(StepOutcome))
    for step, outcome in zip(record.steps, StepOutcome, strict=True):
        step.outcome = outcome
    write(data_dir, [record])
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        detail = pilot.app.screen
        assert isinstance(detail, SessionDetailScreen)
        text = rendered(detail)
        for outcome in StepOutcome:
            assert outcome.label in text, outcome


async def test_an_exercise_not_reached_has_no_start_time_in_the_detail():
    record = finished_session(TODAY, outcome=Outcome.ENDED_EARLY, steps=2, planned=2)
    record.steps[1].outcome = StepOutcome.NOT_REACHED
    console = Console(width=200, color_system=None, record=True)
    console.print(steps_table(record, {outcome: Style() for outcome in StepOutcome}))
    first, second = [line.split()[-1] for line in console.export_text().splitlines()[1:]]
    assert first == "08:32" and second == "-"


async def test_detail_shows_the_note(data_dir):
    write(data_dir, standard_sessions())
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert "Felt loose afterwards." in rendered(pilot.app.screen)


def rendered(screen) -> str:
    """Every Plain and Static of a screen as plain text, wide enough not to wrap."""
    console = Console(width=300, color_system=None, record=True)
    for widget in screen.query("Static"):
        console.print(widget.text if isinstance(widget, Plain) else widget.content)
    return console.export_text()


async def test_trends_draw_the_chart_bars_calendar_and_streak(data_dir):
    write(data_dir, standard_sessions())
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "trends"
        chart = screen.query_one(PainChart)
        assert [point.day for point in chart.series][-1] == TODAY
        assert len(chart.series) == 6  # the blocked check is left out
        lines = chart.render().plain.splitlines()
        assert lines[10 - 1].rstrip().endswith(AFTER) and lines[10 - 2].rstrip().endswith(BEFORE)
        text = rendered(screen)
        assert "Current streak: 2 days" in text
        assert "Mo Tu We Th Fr Sa Su" in text
        assert not screen.query_one("#advisory").display
        assert not screen.query_one("#advisory-line").display


async def test_advisory_shows_when_pain_persists(data_dir):
    write(data_dir, persistent_sessions())
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert [a.kind for a in screen.advisories] == ["not-improving"]
        line = screen.query_one("#advisory-line")
        assert line.display and "see a professional" in str(line.content)
        assert "pain before 5.0 in the first week, 6.0 in the last" in str(line.content)
        await pilot.press("t")
        await pilot.pause()
        box = str(screen.query_one("#advisory").content)
        assert "six weeks of self-care" in box and "physiotherapist or doctor" in box


async def test_export_writes_the_four_files(data_dir):
    write(data_dir, standard_sessions())
    (data_dir / "sessions" / "broken.toml").write_text("format = 1\nid = ")
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("x")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert [p.name for p in screen.last_export] == ["sessions.csv", "steps.csv", "function.csv", "report.md"]
        assert screen.last_export[0].parent == data_dir / "exports" / f"coach-{TODAY.isoformat()}"
        records, unreadable = list_sessions(data_dir)
        files = [p.read_bytes().decode() for p in screen.last_export]
        assert files[0] == export.sessions_csv(records)
        assert files[1] == export.steps_csv(records)
        assert files[2] == "activity,name,rated_at,score,dropped\r\n"
        routines = [entry.routine for entry in discover(data_dir) if entry.routine is not None]
        problems = [(str(p), r) for p, r in unreadable]
        assert files[3] == markdown_report(records, TODAY, problems, routines=routines)
        assert "broken.toml" in files[3]
        assert any(str(screen.last_export[0].parent) in n.message for n in pilot.app._notifications)
        await pilot.press("x")
        await pilot.app.workers.wait_for_complete()
        assert screen.last_export[0].parent.name == f"coach-{TODAY.isoformat()}-2"


async def test_export_of_a_filtered_view_writes_only_those_sessions(data_dir):
    write(data_dir, standard_sessions())
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("r", "r")
        await settle(pilot)
        await pilot.press("x")
        await pilot.app.workers.wait_for_complete()
        assert screen.last_export[0].read_bytes().decode() == export.sessions_csv(screen.shown)
        assert len(screen.shown) == 2


async def test_export_to_an_unwritable_folder_says_why(data_dir):
    write(data_dir, standard_sessions())
    (data_dir / "exports").write_text("a file where the folder should be")
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("x")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.last_export == []
        messages = [n for n in pilot.app._notifications]
        assert messages and messages[-1].severity == "error"
        assert "Could not write the export" in messages[-1].message


async def test_corrupt_logs_are_counted_and_named_while_the_others_show(data_dir):
    write(data_dir, standard_sessions())
    folder = data_dir / "sessions"
    (folder / "20261119T080000-1-bad.toml").write_text("this is not toml")
    (folder / "20261118T080000-1-new.toml").write_text("format = 9\n")
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert screen.query_one(DataTable).row_count == 7
        problems = screen.query_one("#problems", Plain)
        assert problems.display
        assert "2 logs could not be read" in problems.text
        assert "20261119T080000-1-bad.toml" in problems.text and "20261118T080000-1-new.toml" in problems.text
        await pilot.press("u")
        await pilot.pause()
        body = pilot.app.screen.body
        assert "not valid TOML" in body and "newer than" in body


async def test_markup_and_escape_characters_from_logs_are_shown_literally(data_dir):
    write(data_dir, [finished_session(TODAY, title=HOSTILE, name="evil", note=HOSTILE, exercise=HOSTILE)])
    clean_hostile = HOSTILE.replace("\x1b", "\ufffd")
    async with HistoryApp(data_dir).run_test(size=(200, 40)) as pilot:
        screen = await settle(pilot)
        table = screen.query_one(DataTable)
        assert cell_texts(table, 1) == [clean_hostile]
        assert table.get_row_at(0)[1].spans == []
        assert clean_hostile in screen.query_one("#row-detail", Plain).text
        await pilot.press("r")
        await settle(pilot)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        text = rendered(pilot.app.screen)
        assert text.count(clean_hostile) >= 3
        assert "\x1b" not in text
    assert pilot.app.return_code is None


async def test_from_home_h_opens_history_and_escape_returns(data_dir):
    from tests.helpers.app import app_for
    from tests.helpers.clock import FakeClock

    write(accepted(data_dir), standard_sessions())
    app = app_for(data_dir, None, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 7
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)


async def test_no_sessions_says_so(data_dir):
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert "No sessions logged yet" in screen.query_one("#row-detail", Plain).text


@pytest.mark.parametrize("size", [(60, 20), (200, 60)])
async def test_small_and_large_terminals(data_dir, size):
    write(data_dir, standard_sessions())
    async with HistoryApp(data_dir).run_test(size=size) as pilot:
        screen = await settle(pilot)
        table = screen.query_one(DataTable)
        assert table.size.height >= 4
        await pilot.press("t")
        await pilot.pause()
        assert screen.query_one(PainChart).size.width >= 40


async def test_end_adds_every_row_step_by_step_and_lands_on_the_oldest():
    from coach.ui.widgets.session_table import FIRST_ROWS, SessionTable

    records = [finished_session(TODAY - timedelta(days=n)) for n in range(FIRST_ROWS + 1000)]

    class TableApp(App[None]):
        def compose(self):
            yield SessionTable()

        def on_mount(self) -> None:
            table = self.query_one(SessionTable)
            table.set_width(SIZE[0])
            table.show(records)
            table.focus()

    async with TableApp().run_test(size=SIZE) as pilot:
        table = pilot.app.query_one(SessionTable)
        assert table.row_count == FIRST_ROWS
        await pilot.press("end")
        for _ in range(200):
            await pilot.pause(0.02)
            if table.complete:
                break
        assert table.row_count == len(records)
        await pilot.pause()
        assert table.cursor_row == len(records) - 1


async def test_trends_of_a_new_user_count_adherence_from_the_first_session(data_dir):
    write(data_dir, [finished_session(TODAY)])
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        text = rendered(screen)
        assert f"exercised on 1 of 1 day (100%) since {TODAY.isoformat()} (first session)" in text
        assert "of 78 days" not in text


async def test_going_back_at_a_caution_shows_as_not_started_not_blocked(data_dir):
    declined = finished_session(TODAY, outcome=Outcome.BLOCKED, before=7, after=None, steps=0)
    declined.reason = "Not started after the caution: Go gently today."
    declined.screening.not_started_after_caution = True
    write(data_dir, [declined])
    async with HistoryApp(data_dir).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        row = [str(cell) for cell in screen.query_one(DataTable).get_row_at(0)]
        assert "not started" in row and not any("blocked" in cell for cell in row)
        detail = str(screen.query_one("#row-detail", Plain).text)
        assert detail.startswith("Not started. Not started after the caution: Go gently today.")
