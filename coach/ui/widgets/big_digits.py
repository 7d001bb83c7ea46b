"""Countdown digits drawn in solid blocks, scaled to the terminal so they read from across a room."""

from __future__ import annotations

import re
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

GLYPHS = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    " ": ("...", "...", "...", "...", "..."),
}
GLYPH_ROWS = 5
_RUNS = re.compile("█+|[^█]+")
BLANK = " "
BOLD = Style(bold=True)
"""Lit pixels are bold, which keeps them solid in SVG screenshots."""


ROWS_AROUND = 20
"""Terminal rows the session screen needs besides the digits."""
COLUMNS_PER_SCALE = 30
"""Columns "10:00" takes at scale 1, with a margin."""
MAX_SCALE = 6


def scale_for(width: int, height: int) -> int:
    """How many terminal rows each font pixel takes: as big as the terminal leaves room for."""
    return max(1, min((height - ROWS_AROUND) // GLYPH_ROWS, (width - 4) // COLUMNS_PER_SCALE, MAX_SCALE))


def render_lines(value: str, scale: int) -> list[str]:
    """The block-drawn rows of ``value``; unknown characters are left out."""
    glyphs = [GLYPHS[c] for c in value if c in GLYPHS]
    lines = []
    for row in range(GLYPH_ROWS):
        gap = BLANK * scale
        line = gap.join(
            "".join(("█" if pixel == "#" else BLANK) * 2 * scale for pixel in glyph[row]) for glyph in glyphs
        )
        lines.extend([line] * scale)
    return lines


class BigDigits(Widget):
    """Shows ``value`` (digits, ':' and spaces) in a block font, centred.

    Lines are drawn straight to strips and kept until the value, the size or the colours change,
    so a repaint costs little more than copying them to the screen.
    """

    DEFAULT_CSS = """
    BigDigits { width: 100%; height: auto; }
    """

    value: reactive[str] = reactive("", repaint=False)
    """The text drawn, e.g. "45" or "4:05"; an empty string draws nothing.

    A new value of the same shape repaints only the cells that change (one digit, most seconds);
    the screen is laid out again only when the digits appear or disappear, the one change that
    alters their height.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._strips: list[Strip] = []
        self._drawn_for: tuple[object, ...] = ()

    def watch_value(self, old: str, new: str) -> None:
        if bool(old) != bool(new):
            self.refresh(layout=True)
        elif (region := self.changed_region(old, new)).area:
            self.refresh(region)

    def changed_region(self, old: str, new: str) -> Region:
        """The cells that differ between drawing ``old`` and ``new``; all of it if their widths differ."""
        scale = scale_for(self.app.size.width, self.app.size.height)
        before, after = render_lines(old, scale), render_lines(new, scale)
        whole = Region(0, 0, self.size.width, self.size.height)
        if not before or not after or len(before[0]) != len(after[0]):
            return whole
        columns = [
            x
            for line, other in zip(before, after, strict=False)
            for x, (a, b) in enumerate(zip(line, other, strict=False))
            if a != b
        ]
        if not columns:
            return Region()
        left = max(0, (self.size.width - len(after[0])) // 2)
        return Region(left + min(columns), 0, max(columns) - min(columns) + 1, self.size.height)

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        width = self.size.width
        key = (self.value, width, self.app.size, base)
        if key != self._drawn_for:
            self._drawn_for = key
            self._strips = self._draw(width, base)
        return self._strips[y] if y < len(self._strips) else Strip.blank(width, base)

    def _draw(self, width: int, base: Style) -> list[Strip]:
        block = base + BOLD
        strips = []
        for line in render_lines(self.value, scale_for(self.app.size.width, self.app.size.height)):
            left = max(0, (width - len(line)) // 2)
            segments = [Segment(" " * left, base)]
            segments += [Segment(run, block if run[0] == "█" else base) for run in _RUNS.findall(line)]
            strips.append(Strip(segments).crop_extend(0, width, base))
        return strips

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self.value:
            return 0
        return GLYPH_ROWS * scale_for(self.app.size.width, self.app.size.height)
