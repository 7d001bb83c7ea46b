"""Home: every routine coach can offer, broken ones listed with their error."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer

from coach.catalog import Entry
from coach.ui.widgets.plain import Plain, literal


class HomeScreen(Screen[None]):
    """Pick a routine; enter starts its safety check."""

    DEFAULT_CSS = """
    HomeScreen #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    HomeScreen DataTable { height: 1fr; margin: 1 1 0 1; }
    HomeScreen #details { height: auto; max-height: 10; margin: 0 1; padding: 1 2; border: round $primary; }
    HomeScreen #details.invalid { border: round $error; color: $error; }
    """
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("h", "app.history", "History"),
        Binding("l", "learn", "Learn"),
        Binding("question_mark", "app.help", "Help"),
        Binding("r", "reload", "Reload"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, entries: list[Entry], highlight: Path | None = None) -> None:
        super().__init__()
        self.entries = entries
        self.first_highlight = highlight
        """The routine the cursor starts on (the one given to ``coach run``), if listed."""

    def compose(self) -> ComposeResult:
        yield Plain("coach · gentle exercise for a sore lower back", id="banner")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="routines")
        with Vertical(id="details"):
            yield Plain("", id="description", keep_newlines=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Routine", "Minutes", "Level", "Focus", "From")
        self.fill()
        self.highlight(self.first_highlight)
        table.focus()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for index, entry in enumerate(self.entries):
            if entry.routine is None:
                cells = [literal(f"⚠ {entry.path.name}", "bold red"), literal("-"), literal("-"), literal("invalid file", "red"), literal(entry.source)]
            else:
                routine = entry.routine
                cells = [literal(routine.title), literal(str(entry.minutes)), literal(routine.level or "-"),
                         literal(", ".join(routine.focus) or "-"), literal(entry.source)]
            table.add_row(*cells, key=str(index))
        self.show_details(0)

    def highlight(self, path: Path | None) -> None:
        """Put the cursor on the routine read from ``path``, when it is listed."""
        rows = [index for index, entry in enumerate(self.entries) if path is not None and entry.path == path]
        if rows:
            self.query_one(DataTable).move_cursor(row=rows[0])

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_details(event.cursor_row)

    def show_details(self, index: int) -> None:
        details = self.query_one("#details")
        text = self.query_one("#description", Plain)
        if not self.entries:
            text.show("No routines found.")
            return
        entry = self.entries[max(0, min(index, len(self.entries) - 1))]
        details.set_class(entry.routine is None, "invalid")
        if entry.routine is None:
            text.show(f"This file cannot be used:\n{entry.error}\nFix it, then press r to reload (coach validate shows every problem).")
        else:
            routine = entry.routine
            names = ", ".join(e.name for e in routine.exercises)
            text.show(f"{routine.description or routine.title}\nExercises: {names}")

    def selected(self) -> Entry | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row is None:
            return None
        return self.entries[table.cursor_row]

    def action_start(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if entry.routine is None:
            self.notify("This routine file has errors; see the box below.", severity="error")
            return
        self.app.start_routine(entry)

    def action_learn(self) -> None:
        from coach.ui.screens.learn import LearnScreen

        self.app.push_screen(LearnScreen())

    def action_reload(self) -> None:
        """Read the routine files again, keeping the cursor on the same file."""
        current = self.selected()
        self.entries = self.app.load_entries()
        self.fill()
        self.highlight(current.path if current else None)
