"""Talking to a process the test started."""

from __future__ import annotations

import select


def wait_for_line(stream, timeout: float) -> str:
    """The next line ``stream`` gives within ``timeout`` seconds; fails if it gives none."""
    ready, _, _ = select.select([stream], [], [], timeout)
    assert ready, "the session process never reported its first step"
    return stream.readline()
