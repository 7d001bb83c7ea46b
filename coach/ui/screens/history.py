"""Past sessions (a fuller history screen replaces this)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from coach.ui.widgets.plain import Plain


class HistoryScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("q", "app.pop_screen", show=False)]

    def __init__(self, data: Path) -> None:
        super().__init__()
        self.data = data

    def compose(self) -> ComposeResult:
        from coach.export import sessions_table
        from coach.logstore import list_sessions

        records, _ = list_sessions(self.data)
        yield Plain(sessions_table(records) if records else "No sessions yet.", keep_newlines=True)
        yield Footer()
