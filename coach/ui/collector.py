"""Python's cyclic garbage collector while coach starts.

Start-up makes tens of thousands of objects (modules, styles, widgets) that live as long as the app,
and frees few: the collector would walk them again and again before the first frame. The command
line pauses it before importing the app; the app resumes it once its first frame is drawn, after
moving what start-up made out of the collector's way (``gc.freeze``), so the first pass after it
does not walk them either. Nothing here imports Textual.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop collecting until ``resume``; does nothing when the collector is already off."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collect again, leaving what exists now to live; does nothing unless ``pause`` stopped it."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
