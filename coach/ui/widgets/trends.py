"""The trends tab of history: advice to see a professional, pain, sessions per week, days with exercise."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from coach.function.model import FunctionLog
from coach.history import figures as history
from coach.history import lines
from coach.history.adherence import adherence_calendar, sessions_per_week, window_start
from coach.history.advisories import Advisory
from coach.history.lines import function_lines
from coach.logs.records import SessionRecord
from coach.ui.widgets.calendar import AdherenceCalendar
from coach.ui.widgets.pain_chart import PainChart, legend
from coach.ui.widgets.plain import Plain
from coach.ui.widgets.week_bars import WeekBars

WEEKS = 12


class TrendsPanel(VerticalScroll):
    """The advisories, the pain chart of the shown sessions, and the weeks and days of their routine."""

    DEFAULT_CSS = """
    TrendsPanel { padding: 0 1; }
    TrendsPanel #advisory { height: auto; border: heavy $error; padding: 0 1; margin-bottom: 1; }
    TrendsPanel .heading { text-style: bold; color: $accent; margin-top: 1; }
    TrendsPanel #lower { height: auto; }
    TrendsPanel #lower > Vertical { width: auto; height: auto; margin-right: 4; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="advisory")
        yield Plain(
            "Pain before and after each session: one point a session, the higher where two share a column",
            classes="heading",
        )
        yield Static(legend(), id="legend")
        yield PainChart()
        yield Plain("Activities your back makes hard (0 unable, 10 as before the problem)", classes="heading")
        yield Plain("", id="function", keep_newlines=True)
        yield Plain("Each routine's level (0 is the file's own dose)", classes="heading")
        yield Plain("", id="levels", keep_newlines=True)
        with Horizontal(id="lower"):
            with Vertical():
                yield Plain("Sessions per week", classes="heading")
                yield WeekBars()
            with Vertical():
                yield Plain("Days with exercise", classes="heading")
                yield AdherenceCalendar()
        yield Plain("", id="streak")

    def show_advisories(self, found: list[Advisory]) -> None:
        """Every advisory in full, or nothing when there is none."""
        box = self.query_one("#advisory", Static)
        box.display = bool(found)
        if found:
            box.update(Text("\n\n").join(Text.assemble((f"⚠ {a.title}\n", "bold"), a.text) for a in found))

    def show(
        self,
        shown: list[SessionRecord],
        routine_only: list[SessionRecord],
        today: date,
        function: FunctionLog,
        levels: list[str],
    ) -> None:
        """Pain of the ``shown`` sessions; the activities' ratings and each routine's level; weeks, days
        and streak of ``routine_only``."""
        self.query_one(PainChart).series = history.pain_series(shown)
        self.query_one("#function", Plain).show("\n".join(function_lines(function)))
        self.query_one("#levels", Plain).show("\n".join(levels))
        self.query_one(WeekBars).show(sessions_per_week(routine_only, today, WEEKS))
        grid = adherence_calendar(routine_only, today, WEEKS)
        self.query_one(AdherenceCalendar).show(grid, window_start(today, WEEKS))
        self.query_one("#streak", Plain).show(lines.streak_line(routine_only, today, WEEKS))
