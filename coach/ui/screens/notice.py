"""The first-run notice: not medical advice, when to stop, when to see a doctor now."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer

from coach import safety
from coach.ui.widgets.plain import Plain


class FirstRunNotice(ModalScreen[bool]):
    """Returns True once the user accepts, False if they quit."""

    DEFAULT_CSS = """
    FirstRunNotice { align: center middle; }
    FirstRunNotice > Vertical { width: 90%; max-width: 96; height: 90%; border: thick $warning; background: $surface; padding: 0 1; }
    FirstRunNotice #notice-title { text-style: bold; padding: 1 1 0 1; }
    FirstRunNotice VerticalScroll { padding: 1 1; }
    FirstRunNotice #notice-keys { color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [Binding("a", "accept", "I understand"), Binding("enter", "accept", show=False), Binding("q", "decline", "Quit")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain("Before you start", id="notice-title")
            with VerticalScroll():
                yield Plain(safety.FIRST_RUN_NOTICE, keep_newlines=True, id="notice-text")
            yield Plain("Press a (or enter) to accept, q to quit.", id="notice-keys")
        yield Footer()

    def action_accept(self) -> None:
        self.dismiss(True)

    def action_decline(self) -> None:
        self.dismiss(False)
