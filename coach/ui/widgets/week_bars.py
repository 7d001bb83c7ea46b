"""Sessions per week as vertical bars, one per ISO week, with the count on top."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.widgets import Static

from coach.ui.widgets.pain_chart import MONTHS

EIGHTHS = " ▁▂▃▄▅▆▇█"
BAR_STYLE = "#50c878"
SLOT = 4
"""Columns per week: a bar three wide and a gap."""


def week_bars(per_week: Sequence[tuple[date, int]], height: int = 5) -> Text:
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
            text.append(EIGHTHS[fill] * 3, BAR_STYLE)
            text.append(" ")
        text.append("\n")
    text.append("".join(f"{monday.day:>2}  " for monday, _ in per_week).rstrip() + "\n", "#808080")
    months, last = [], 0
    for monday, _ in per_week:
        months.append(f"{MONTHS[monday.month - 1]} " if monday.month != last else "    ")
        last = monday.month
    text.append("".join(months).rstrip(), "#808080")
    return text


class WeekBars(Static):
    """A titled ``week_bars`` chart."""

    DEFAULT_CSS = """
    WeekBars { width: auto; height: auto; }
    """

    def show(self, per_week: Sequence[tuple[date, int]]) -> None:
        """Draw these (Monday, sessions) weeks, oldest first."""
        self.update(week_bars(per_week))
