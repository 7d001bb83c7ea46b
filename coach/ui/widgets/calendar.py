"""The adherence calendar: one row per week, Monday to Sunday, shaded by sessions that day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from rich.style import StyleType
from rich.text import Text

from coach.ui.component_styles import component_css, component_styles
from coach.ui.widgets.pain_chart import MONTHS
from coach.ui.widgets.themed import ThemedStatic

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
CELLS = {0: "░░", 1: "▓▓", 2: "██"}
"""Shading by sessions that day: none, one, two or more."""
LABEL = 8
"""Columns taken by the week label, e.g. ``"Nov 3   "``."""
LOOKS = {
    "calendar--none": ("$text-disabled", ""),
    "calendar--one": ("$success-darken-2", ""),
    "calendar--more": ("$success-lighten-1", "bold"),
    "calendar--label": ("$text-muted", ""),
}


@dataclass(frozen=True)
class CalendarStyles:
    """The styles of days with no, one, or more sessions, and of the labels."""

    none: StyleType = ""
    one: StyleType = ""
    more: StyleType = "bold"
    label: StyleType = ""


def cell(count: int, styles: CalendarStyles = CalendarStyles()) -> tuple[str, StyleType]:
    """The two characters and style of one day; days after today (-1) are blank."""
    if count < 0:
        return "  ", ""
    shade = min(count, 2)
    return CELLS[shade], (styles.none, styles.one, styles.more)[shade]


def calendar_grid(grid: list[list[int]], first_monday: date, styles: CalendarStyles = CalendarStyles()) -> Text:
    """``grid`` (weeks x 7, as ``adherence.adherence_calendar`` gives it) as shaded text."""
    text = Text(no_wrap=True, overflow="crop")
    text.append(" " * LABEL + " ".join(DAYS) + "\n", styles.label)
    for week, days in enumerate(grid):
        monday = first_monday + timedelta(weeks=week)
        text.append(f"{MONTHS[monday.month - 1]} {monday.day}".ljust(LABEL), styles.label)
        for weekday, count in enumerate(days):
            chars, style = cell(count, styles)
            text.append(chars, style)
            if weekday < 6:
                text.append(" ")
        text.append("\n")
    for count, words in ((0, "none  "), (1, "1  "), (2, "2 or more")):
        chars, style = cell(count, styles)
        text.append(chars, style)
        text.append(f" {words}")
    return text


class AdherenceCalendar(ThemedStatic):
    """Shows a ``calendar_grid``, coloured from the theme and again when the theme changes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LOOKS)
    DEFAULT_CSS = "AdherenceCalendar { width: auto; height: auto; }\n" + component_css("AdherenceCalendar", LOOKS)

    def show(self, grid: list[list[int]], first_monday: date) -> None:
        """Draw ``grid``, whose first row is the week of ``first_monday``."""
        self.draw(lambda: calendar_grid(grid, first_monday, component_styles(self, CalendarStyles, "calendar")))
