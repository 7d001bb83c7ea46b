"""How a span of seconds is written, everywhere coach shows one."""

from __future__ import annotations

import math


def clock_text(seconds: float, *, rounded: bool = False) -> str:
    """``4:05`` for a span of seconds, ``1:02:03`` from an hour on; ``-`` if not a span.

    Seconds are rounded down, or to the nearest whole second when ``rounded``.
    """
    if not math.isfinite(seconds) or seconds < 0:
        return "-"
    hours, rest = divmod(round(seconds) if rounded else int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def clock_face(seconds: int) -> str:
    """What the big countdown shows: ``45`` under a minute, ``4:05`` from a minute up."""
    return str(seconds) if seconds < 60 else clock_text(seconds)
