"""Countdown digits drawn in solid blocks, scaled to the terminal so they read from across a room."""

from __future__ import annotations

import re

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
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
BLANK = "\u00a0"
"""Off pixels are no-break spaces so centring never strips them."""


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
        line = gap.join("".join(("█" if pixel == "#" else BLANK) * 2 * scale for pixel in glyph[row]) for glyph in glyphs)
        lines.extend([line] * scale)
    return lines


class BigDigits(Widget):
    """Shows ``value`` (digits, ':' and spaces) in a block font, centred."""

    DEFAULT_CSS = """
    BigDigits { width: 100%; height: auto; content-align: center middle; text-align: center; }
    """

    value: reactive[str] = reactive("")
    """The text drawn, e.g. "45" or "4:05"; an empty string draws nothing.

    A new value repaints only the digits; the screen is laid out again only when the digits
    appear or disappear, the one change that alters their height.
    """

    def watch_value(self, old: str, new: str) -> None:
        if bool(old) != bool(new):
            self.refresh(layout=True)

    def render(self) -> Text:
        scale = scale_for(self.app.size.width, self.app.size.height)
        text = Text(no_wrap=True, overflow="crop")
        for number, line in enumerate(render_lines(self.value, scale)):
            if number:
                text.append("\n")
            for run in _RUNS.findall(line):
                text.append(run, style="bold" if run[0] == "█" else "")
        return text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self.value:
            return 0
        return GLYPH_ROWS * scale_for(self.app.size.width, self.app.size.height)
