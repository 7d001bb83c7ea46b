"""Pain before and after each session: a two-series dot chart on a 0–10 axis, dates underneath.

Every session is placed at the moment it started, so two on one day are two points; where
sessions share a column the highest rating shows, so a high one is never hidden, and a session
that stopped for pain is drawn as a cross."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ClassVar

from rich.style import StyleType
from rich.text import Text
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from coach.history.figures import PainPoint
from coach.ui.component_styles import component_css, component_styles

TOP = 10
"""The highest rating; the chart has one row per rating, TOP at the top and 0 at the bottom."""
LEFT = 5
"""Columns before the first plot column: the rating label, the axis line and a space (``"10 ┤ "``)."""
MIN_PLOT_WIDTH = 8
BEFORE, AFTER, BOTH, STOP = "○", "●", "◉", "✕"
LOOKS = {
    "pain-chart--before": ("$warning", "bold"),
    "pain-chart--after": ("$primary", "bold"),
    "pain-chart--both": ("$foreground", "bold"),
    "pain-chart--stop": ("$error", "bold"),
    "pain-chart--before-line": ("$warning", "dim"),
    "pain-chart--after-line": ("$primary", "dim"),
    "pain-chart--axis": ("$text-muted", ""),
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LABEL_GAP = 3


@dataclass(frozen=True)
class ChartStyles:
    """The styles of the markers, of the faint dots joining each series, and of the axis."""

    before: StyleType = "bold"
    after: StyleType = "bold"
    both: StyleType = "bold"
    stop: StyleType = "bold"
    before_line: StyleType = "dim"
    after_line: StyleType = "dim"
    axis: StyleType = ""


def plot_width(width: int) -> int:
    """Columns for points in a chart ``width`` columns wide."""
    return max(MIN_PLOT_WIDTH, width - LEFT)


def column_of(moment: datetime, first: datetime, span_seconds: float, columns: int) -> int:
    """The plot column of ``moment`` on a time axis from ``first`` over ``span_seconds``."""
    if span_seconds <= 0:
        return 0
    return round((moment - first).total_seconds() * (columns - 1) / span_seconds)


def row_of(rating: float) -> int:
    """The chart row (0 is the top) of a rating; halves round up."""
    return TOP - min(TOP, max(0, int(rating + 0.5)))


def _columns(series: Sequence[PainPoint], columns: int) -> tuple[dict[int, int], dict[int, int], set[int]]:
    """Per plot column, the highest before and after of the sessions in it, and the columns with a stop."""
    first, last = series[0].at, series[-1].at
    span = (last - first).total_seconds()
    befores: dict[int, int] = {}
    afters: dict[int, int] = {}
    stops: set[int] = set()
    for point in series:
        column = column_of(point.at, first, span, columns)
        if point.before is not None:
            befores[column] = min(befores.get(column, TOP), row_of(point.before))
        if point.after is not None:
            afters[column] = min(afters.get(column, TOP), row_of(point.after))
        if point.stopped:
            stops.add(column)
    return befores, afters, stops


def _connect(grid: list[list[tuple[str, StyleType]]], points: dict[int, int], style: StyleType) -> None:
    """Faint dots between consecutive points of one series, where nothing else is drawn."""
    ordered = sorted(points.items())
    for (c1, r1), (c2, r2) in zip(ordered, ordered[1:], strict=False):
        for column in range(c1 + 1, c2):
            row = round(r1 + (r2 - r1) * (column - c1) / (c2 - c1))
            if grid[row][column][0] == " ":
                grid[row][column] = ("·", style)


def day_label(day: date, span_days: int) -> str:
    """``Nov 3`` for spans under ten months, ``Nov '26`` beyond."""
    month = MONTHS[day.month - 1]
    return f"{month} {day.day}" if span_days < 300 else f"{month} '{day.year % 100:02d}"


def _date_line(first: date, span: int, columns: int) -> tuple[str, list[int]]:
    """The labels under the axis and the columns they mark."""
    line = [" "] * columns
    marks: list[int] = []
    width = len(day_label(first, span))
    count = 1 if span == 0 else max(2, min(span + 1, columns // (width + LABEL_GAP)))
    taken = -1
    for index in range(count):
        column = 0 if count == 1 else round(index * (columns - 1) / (count - 1))
        day = first + timedelta(days=round(span * column / (columns - 1))) if span else first
        label = day_label(day, span)
        start = min(column, columns - len(label)) if index == count - 1 and count > 1 else column
        if start <= taken or start + len(label) > columns:
            continue
        line[start : start + len(label)] = label
        marks.append(column)
        taken = start + len(label) + LABEL_GAP - 1
    return "".join(line), marks


def pain_chart(series: Sequence[PainPoint], width: int, styles: ChartStyles = ChartStyles()) -> Text:
    """The chart as text ``width`` columns wide: 11 rating rows, the axis, then the dates.

    ``series`` is oldest first. Where sessions fall in the same column, the highest shows.
    """
    series = [point for point in series if point.before is not None or point.after is not None]
    if not series:
        return Text("No pain ratings in these sessions.", style="italic")
    columns = plot_width(width)
    befores, afters, stops = _columns(series, columns)
    blank: tuple[str, StyleType] = (" ", "")
    grid = [[blank] * columns for _ in range(TOP + 1)]
    for column, row in befores.items():
        grid[row][column] = (BEFORE, styles.before)
    for column, row in afters.items():
        both = grid[row][column][0] == BEFORE
        grid[row][column] = (BOTH, styles.both) if both else (AFTER, styles.after)
    for column in stops:
        row = afters.get(column, befores.get(column, TOP))
        grid[row][column] = (STOP, styles.stop)
    _connect(grid, afters, styles.after_line)
    _connect(grid, befores, styles.before_line)
    first, last = series[0].day, series[-1].day
    dates, marks = _date_line(first, (last - first).days, columns)
    text = Text(no_wrap=True, overflow="crop")
    for row, cells in enumerate(grid):
        rating = TOP - row
        label = f"{rating:>2} ┤" if rating in (0, 5, 10) else "   │"
        text.append(label + " ", styles.axis)
        for char, style in cells:
            text.append(char, style)
        text.append("\n")
    axis = ["─"] * columns
    for column in marks:
        axis[column] = "┬"
    text.append("   └─" + "".join(axis) + "\n", styles.axis)
    text.append(" " * LEFT + dates.rstrip(), styles.axis)
    return text


def _content_style(marker: str) -> str:
    colour, style = LOOKS[f"pain-chart--{marker}"]
    return f"{style} {colour}"


def legend() -> Content:
    """What the markers mean, coloured from the theme as ``PainChart`` colours them."""
    return Content.assemble(
        (BEFORE, _content_style("before")),
        " before  ",
        (AFTER, _content_style("after")),
        " after  ",
        (BOTH, _content_style("both")),
        " same  ",
        (STOP, _content_style("stop")),
        " stopped for pain   (0 none, 10 worst)",
    )


class PainChart(Widget):
    """Draws ``series`` with ``pain_chart`` at the widget's width."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LOOKS)
    DEFAULT_CSS = "PainChart { height: 13; width: 1fr; }\n" + component_css("PainChart", LOOKS)

    series: reactive[list[PainPoint]] = reactive(list, always_update=True)
    """Every session that exercised, oldest first."""

    def render(self) -> Text:
        return pain_chart(self.series, self.content_size.width, component_styles(self, ChartStyles, "pain-chart"))
