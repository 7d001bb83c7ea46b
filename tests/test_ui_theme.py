"""Colours come from the theme: no hex colours in the interface, and widgets follow a change of theme."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from rich.color import Color
from textual.app import App, ComposeResult

import coach
from coach.history.figures import PainPoint
from coach.logs.records import Outcome
from coach.ui.widgets.calendar import AdherenceCalendar
from coach.ui.widgets.pain_chart import AFTER, BEFORE, PainChart
from coach.ui.widgets.session_table import SessionTable
from coach.ui.widgets.week_bars import WeekBars
from tests.helpers.records import finished_session

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")
MONDAY = date(2026, 11, 2)


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        yield WeekBars()
        yield AdherenceCalendar()
        yield PainChart()
        yield SessionTable()


def test_no_hex_colour_is_written_into_the_code():
    package = Path(coach.__file__).parent
    found = [f"{path}:{line}" for path in package.rglob("*.py") for line in HEX_COLOUR.findall(path.read_text())]
    assert found == []


def colour_of(text, char: str) -> Color | None:
    """The colour of the first span drawn with ``char``."""
    for span in text.spans:
        if char in text.plain[span.start : span.end]:
            return span.style.color
    raise AssertionError(f"{char!r} not drawn")


def theme_colour(app: App[None], name: str) -> Color:
    return Color.parse(app.theme_variables[name])


async def test_widgets_take_their_colours_from_the_theme_and_follow_a_change():
    app = Holder()
    async with app.run_test(size=(100, 50)) as pilot:
        bars, calendar, chart, table = (
            app.query_one(WeekBars),
            app.query_one(AdherenceCalendar),
            app.query_one(PainChart),
            app.query_one(SessionTable),
        )
        bars.show([(MONDAY, 2), (date(2026, 11, 9), 1)])
        calendar.show([[1, 0, 2, 0, 0, 0, -1]], MONDAY)
        chart.series = [
            PainPoint(datetime(2026, 11, 2, 10, tzinfo=UTC), 6, 3, False),
            PainPoint(datetime(2026, 11, 9, 10, tzinfo=UTC), 5, 2, False),
        ]
        table.set_width(100)
        table.show([finished_session(MONDAY, outcome=Outcome.COMPLETED)])
        await pilot.pause()

        def colours() -> dict[str, Color | None]:
            return {
                "bar": colour_of(bars.content, "█"),
                "busy day": colour_of(calendar.content, "██"),
                "before": colour_of(chart.render(), BEFORE),
                "after": colour_of(chart.render(), AFTER),
                "outcome": table.get_cell_at((0, 3)).style.color,
            }

        dark = colours()
        assert dark == {
            "bar": theme_colour(app, "success"),
            "busy day": theme_colour(app, "success-lighten-1"),
            "before": theme_colour(app, "warning"),
            "after": theme_colour(app, "primary"),
            "outcome": theme_colour(app, "success"),
        }
        app.theme = "nord"
        await pilot.pause()
        nord = colours()
        assert nord["bar"] == theme_colour(app, "success") != dark["bar"]
        assert nord["before"] == theme_colour(app, "warning") != dark["before"]
        assert nord["outcome"] == theme_colour(app, "success") != dark["outcome"]
