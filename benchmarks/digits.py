"""Read coach's big block-font countdown back from a captured tmux screen.

Every value the countdown can show is drawn with coach's own font (``render_lines``) and kept
in a table; a captured block of '█' rows is normalised the same way and looked up. A frame
caught half-drawn matches nothing and reads as ``None``.
"""

from __future__ import annotations

from coach.durations import clock_face
from coach.ui.widgets.big_digits import render_lines, scale_for

BLOCK = "█"


def _normalise(lines: list[str]) -> tuple[str, ...]:
    lines = [line.rstrip() for line in lines]
    indent = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    return tuple(line[indent:] for line in lines)


class DigitReader:
    """Decodes the countdown on a ``width`` × ``height`` terminal, for values 0..``max_seconds``."""

    def __init__(self, width: int, height: int, max_seconds: int) -> None:
        self.scale = scale_for(width, height)
        self.table = {_normalise(render_lines(clock_face(s), self.scale)): s for s in range(max_seconds + 1)}

    def read(self, screen: str) -> int | None:
        """The seconds shown on ``screen``, or ``None`` when no countdown can be read."""
        block: list[str] = []
        for line in screen.splitlines():
            if BLOCK in line:
                block.append(line)
            elif block:
                break
        if not block:
            return None
        return self.table.get(_normalise(block))
