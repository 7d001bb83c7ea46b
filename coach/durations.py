"""Spans of seconds: the monotonic clock they are measured on, and how one is written everywhere coach shows it."""

from __future__ import annotations

import math
from collections.abc import Callable

Clock = Callable[[], float]
"""Seconds from a monotonic clock: ``time.monotonic``, or a test's fake clock."""


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


def elapsed_words(hours: float) -> str:
    """``less than a minute``, ``59 minutes``, ``1 hour``, ``11 hours 59 minutes``, from two days
    ``3 days``: whole units, rounded down."""
    minutes = round(max(0.0, hours) * 3600) // 60
    if minutes < 1:
        return "less than a minute"
    if hours >= 48:
        return f"{int(hours // 24):,} days"
    whole_hours, minutes = divmod(minutes, 60)
    parts = [f"{whole_hours} hour{'s' if whole_hours != 1 else ''}"] if whole_hours else []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)
