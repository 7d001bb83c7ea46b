"""The peer for coach's home screen: a bare Textual app with the same widgets and nothing else.

A header line, a DataTable with the same 5 rows, a bordered Static detail box and a Footer with
the same keys. No routine loading, no config, no coach import: what is left is Textual itself.
Run: python benchmarks/bare_app.py
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

COLUMNS = ("Routine", "Minutes", "Level", "Focus", "From")
ROWS = [  # the first title is the marker the benchmarks wait for on both home screens
    ("Gentle lower-back relief", "12", "gentle", "mobility, relief", "bundled"),
    ("Glute and piriformis release", "12", "gentle", "glutes, release", "bundled"),
    ("Hips, not the lower back", "12", "moderate", "hips, hamstrings, mobility", "bundled"),
    ("Posture reset", "13", "gentle", "posture, desk", "bundled"),
    ("Stabilise, don't stretch", "16", "gentle", "core, stability", "bundled"),
]
DETAIL = (
    "For a stiff, achy lower back, e.g. after long sitting or a long drive: easy movements you "
    'control yourself, instead of having the back "cracked". Not for a back that has just locked '
    'up to guard itself after an injury (use "Stabilise, don\'t stretch"), and not if pain shoots '
    "down a leg.\nExercises: Knee-to-chest, Pelvic tilt, Cat-cow, Easy walk"
)


class BareApp(App[None]):
    CSS = """
    #banner { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    DataTable { height: 1fr; margin: 1 1 0 1; }
    #details { height: auto; max-height: 10; margin: 0 1; padding: 1 2; border: round $primary; }
    """
    BINDINGS = [
        Binding("enter", "noop", "Start", priority=True),
        Binding("h", "noop", "History"),
        Binding("question_mark", "noop", "Help"),
        Binding("r", "noop", "Reload"),
        Binding("q", "quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("coach · gentle exercise for a sore lower back", id="banner", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True)
        with Vertical(id="details"):
            yield Static(DETAIL, id="description", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for index, row in enumerate(ROWS):
            table.add_row(*row, key=str(index))
        table.focus()

    def action_noop(self) -> None:
        pass


if __name__ == "__main__":
    BareApp().run()
