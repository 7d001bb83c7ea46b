"""The adherence calendar: one row per week, Monday to Sunday, shaded by sessions that day."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.widgets import Static

from coach.ui.widgets.pain_chart import MONTHS

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
CELLS = {0: ("░░", "#505050"), 1: ("▓▓", "#3c9a5f"), 2: ("██", "bold #50e080")}
"""Shading by sessions that day: none, one, two or more."""
LABEL = 8
"""Columns taken by the week label, e.g. ``"Nov 3   "``."""


def cell(count: int) -> tuple[str, str]:
    """The two characters and style of one day; days after today (-1) are blank."""
    if count < 0:
        return "  ", ""
    return CELLS[min(count, 2)]


def calendar_grid(grid: list[list[int]], first_monday: date) -> Text:
    """``grid`` (weeks x 7, as ``history.adherence_calendar`` gives it) as shaded text."""
    text = Text(no_wrap=True, overflow="crop")
    text.append(" " * LABEL + " ".join(DAYS) + "\n", "#808080")
    for week, days in enumerate(grid):
        monday = first_monday + timedelta(weeks=week)
        text.append(f"{MONTHS[monday.month - 1]} {monday.day}".ljust(LABEL), "#808080")
        for weekday, count in enumerate(days):
            chars, style = cell(count)
            text.append(chars, style)
            if weekday < 6:
                text.append(" ")
        text.append("\n")
    for count, words in ((0, "none  "), (1, "1  "), (2, "2 or more")):
        chars, style = cell(count)
        text.append(chars, style)
        text.append(f" {words}")
    return text


class AdherenceCalendar(Static):
    """Shows a ``calendar_grid``."""

    DEFAULT_CSS = """
    AdherenceCalendar { width: auto; height: auto; }
    """

    def show(self, grid: list[list[int]], first_monday: date) -> None:
        """Draw ``grid``, whose first row is the week of ``first_monday``."""
        self.update(calendar_grid(grid, first_monday))
