"""Shown instead of everything else while the terminal is too small to use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import ScreenResume
from textual.screen import ModalScreen

from coach.ui.screens.dismiss import dismiss_once
from coach.ui.widgets.plain import Plain

MIN_WIDTH = 60
MIN_HEIGHT = 20


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Plain { width: auto; text-align: center; text-style: bold; color: $warning; }
    """

    def __init__(self, session_paused: bool = False) -> None:
        super().__init__()
        self.session_paused = session_paused

    def compose(self) -> ComposeResult:
        paused = "\nYour session is paused until it is." if self.session_paused else ""
        yield Plain(
            f"Please make the terminal larger\n(at least {MIN_WIDTH} × {MIN_HEIGHT}).{paused}", keep_newlines=True
        )

    def on_screen_resume(self, event: ScreenResume) -> None:
        """Back on top after a screen opened over it: leave if the terminal has grown meanwhile."""
        if not too_small(self.app.size.width, self.app.size.height):
            dismiss_once(self)
