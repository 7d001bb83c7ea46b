"""Leaving a screen once, however many keys were already on their way to it."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen

ResultT = TypeVar("ResultT")


def dismiss_once(screen: Screen[ResultT], result: ResultT | None = None) -> None:
    """Dismiss ``screen`` with ``result`` if it is still on top.

    Two keys sent at once both reach a screen before it leaves; without this the second would
    hand back a second result and take away the screen beneath it.
    """
    if screen.is_attached and screen.app.screen is screen:
        screen.dismiss(result)
