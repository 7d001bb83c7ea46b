"""Sessions per week as vertical bars, one per ISO week, with the count on top."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.style import StyleType
from rich.text import Text

from coach.ui.component_styles import component_css, component_styles
from coach.ui.widgets.pain_chart import MONTHS
from coach.ui.widgets.themed import ThemedStatic

EIGHTHS = " ▁▂▃▄▅▆▇█"
LOOKS = {"week-bars--bar": ("$success", ""), "week-bars--label": ("$text-muted", "")}
SLOT = 4
"""Columns per week: a bar three wide and a gap."""


@dataclass(frozen=True)
class BarStyles:
    """The styles of the bars and of the dates under them."""

    bar: StyleType = ""
    label: StyleType = ""


def week_bars(per_week: Sequence[tuple[date, int]], height: int = 5, styles: BarStyles = BarStyles()) -> Text:
    """Bars ``height`` rows tall scaled to the busiest week, counts above, Mondays below."""
    if not per_week:
        return Text("No weeks to show.", style="italic")
    top = max(count for _, count in per_week) or 1
    text = Text(no_wrap=True, overflow="crop")
    for number, (_, count) in enumerate(per_week):
        before, label, after = f"{count:^3}".partition(str(count)) if count else ("   ", "", "")
        text.append((" " if number else "") + before)
        text.append(label, "bold")
        text.append(after)
    text.rstrip()
    text.append("\n")
    for row in range(height):
        level = height - 1 - row
        for _, count in per_week:
            eighths = round(count * height * 8 / top)
            if count:
                eighths = max(1, eighths)
            fill = min(8, max(0, eighths - level * 8))
            text.append(EIGHTHS[fill] * 3, styles.bar)
            text.append(" ")
        text.append("\n")
    text.append("".join(f"{monday.day:>2}  " for monday, _ in per_week).rstrip() + "\n", styles.label)
    months, last = [], 0
    for monday, _ in per_week:
        months.append(f"{MONTHS[monday.month - 1]} " if monday.month != last else "    ")
        last = monday.month
    text.append("".join(months).rstrip(), styles.label)
    return text


class WeekBars(ThemedStatic):
    """A ``week_bars`` chart, coloured from the theme and again when the theme changes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LOOKS)
    DEFAULT_CSS = "WeekBars { width: auto; height: auto; }\n" + component_css("WeekBars", LOOKS)

    def show(self, per_week: Sequence[tuple[date, int]]) -> None:
        """Draw these (Monday, sessions) weeks, oldest first."""
        self.draw(lambda: week_bars(per_week, styles=component_styles(self, BarStyles, "week-bars")))
