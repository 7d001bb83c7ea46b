"""A one-line progress bar, with an optional percentage, repainted only when what it shows changes."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

PERCENT_WIDTH = 6
"""Cells kept at the right for " 100%" and a space before it."""


class LineBar(Widget):
    """Done part (heavy line), then the rest (light line), drawn in half-cell steps.

    The two line weights keep the bar readable without colour (NO_COLOR, monochrome terminals).
    """

    COMPONENT_CLASSES = {"line-bar--done", "line-bar--complete", "line-bar--rest"}
    DEFAULT_CSS = """
    LineBar { width: 1fr; height: 1; }
    LineBar > .line-bar--done { color: $primary; }
    LineBar > .line-bar--complete { color: $success; }
    LineBar > .line-bar--rest { color: $surface-lighten-1; }
    """

    fraction: reactive[float] = reactive(0.0, repaint=False)
    """How much is done, from 0 to 1; the bar repaints only when a half cell or the percentage moves."""

    def __init__(self, *, show_percentage: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.show_percentage = show_percentage

    def watch_fraction(self, old: float, new: float) -> None:
        if self.shown(old) != self.shown(new):
            self.refresh()

    def bar_width(self) -> int:
        return max(0, self.size.width - (PERCENT_WIDTH if self.show_percentage else 0))

    def shown(self, fraction: float) -> tuple[int, int]:
        """Half cells filled and the whole percentage for ``fraction``."""
        fraction = min(1.0, max(0.0, fraction))
        return round(fraction * self.bar_width() * 2), round(fraction * 100)

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        width = self.size.width
        if y:
            return Strip.blank(width, base)
        halves, percent = self.shown(self.fraction)
        whole, half = divmod(halves, 2)
        done = base + self.get_component_rich_style(
            "line-bar--complete" if percent >= 100 else "line-bar--done", partial=True
        )
        rest = base + self.get_component_rich_style("line-bar--rest", partial=True)
        segments = [Segment("━" * whole + "╸" * half, done), Segment("─" * (self.bar_width() - whole - half), rest)]
        if self.show_percentage:
            segments.append(Segment(f"{percent:>{PERCENT_WIDTH - 1}}%", base))
        return Strip(segments).crop_extend(0, width, base)
