"""The table of sessions, newest first, filled on demand so thousands of logs stay cheap.

A ``DataTable`` slows down as rows are added (every chunk costs time in proportion to the
rows already there), so only the first rows are added at once and more follow as the cursor
or the scroll position nears the end; End adds the rest in steps, moving the cursor along.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.theme import Theme
from textual.widgets import DataTable

from coach.durations import clock_text
from coach.history.figures import duration_seconds, outcome_words
from coach.history.summary import pain_change
from coach.logs.records import Outcome, SessionRecord
from coach.logs.timestamps import when
from coach.ui.outcome_styles import OUTCOME_COMPONENTS, outcome_css, outcome_styles, record_style
from coach.ui.widgets.plain import literal

FIRST_ROWS = 200
MORE_ROWS = 250
END_ROWS = 500
"""Rows added per step on the way to the end, so the screen keeps answering."""
END_STEP = 0.01
NEAR_END = 50
"""Rows from the end at which more are added."""
DATE_WIDTH = 16
PAIN_WIDTH, DONE_WIDTH, DURATION_WIDTH = 7, 5, 8
WIDE_OUTCOME, NARROW_OUTCOME = 23, 12
""""blocked by safety check" in full, or cut with an ellipsis on narrow screens."""
OTHER_COLUMNS = DATE_WIDTH + PAIN_WIDTH + DONE_WIDTH + DURATION_WIDTH + 2 * 6 + 4
"""Columns taken by everything but routine and outcome: cells, their padding, scrollbar, margin."""


def column_widths(screen_width: int) -> tuple[int, int]:
    """Routine and outcome widths: both shrink on narrow screens, so done and duration scroll off first."""
    room = screen_width - OTHER_COLUMNS
    outcome = WIDE_OUTCOME if room - WIDE_OUTCOME >= 20 else NARROW_OUTCOME
    return max(12, min(40, room - outcome)), outcome


def row_cells(record: SessionRecord, styles: Mapping[Outcome, Style]) -> list[Text]:
    """The cells of one session, untrusted text made literal and cut with an ellipsis; ``styles`` colour the outcome."""
    cells = [
        literal(when(record.started_at)),
        literal(record.routine_title or record.routine_name),
        literal(pain_change(record.pain_before, record.pain_after, out_of_ten=False)),
        literal(outcome_words(record), record_style(record, styles)),
        literal(f"{record.exercises_done}/{record.planned_exercises}"),
        literal(clock_text(duration_seconds(record), rounded=True)),
    ]
    for cell in cells:
        cell.no_wrap, cell.overflow = True, "ellipsis"
    return cells


def _same(a: SessionRecord, b: SessionRecord) -> bool:
    return a.id == b.id and a.started_at == b.started_at


class SessionTable(DataTable[Text]):
    """One row per record of ``records``; row ``n`` is ``records[n]``."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(OUTCOME_COMPONENTS)
    DEFAULT_CSS = "SessionTable { height: 1fr; }\n" + outcome_css("SessionTable")
    BINDINGS = [
        Binding("home", "scroll_top", "Newest", show=False),
        Binding("end", "scroll_bottom", "Oldest", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.records: list[SessionRecord] = []
        self._widths = (0, 0)
        self._extending = False
        self._heading_to_end = 0
        """Non-zero while End is adding rows step by step; a new ``show`` stops it."""
        self._styles: dict[Outcome, Style] = {}
        """The outcome styles of the rows already added."""

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._restyle)

    def _restyle(self, _theme: Theme) -> None:
        """Add the rows again when a new theme changes the outcome colours."""
        if not self.row_count or outcome_styles(self) == self._styles:
            return
        rows, row = self.row_count, self.cursor_row
        self.clear()
        self.extend(rows)
        self.move_cursor(row=row)

    def set_width(self, screen_width: int) -> None:
        """Size the columns for this screen width; rebuild the rows if they change."""
        wanted = column_widths(screen_width)
        if wanted == self._widths:
            return
        self._widths = wanted
        routine, outcome = wanted
        rows = self.row_count
        self.clear(columns=True)
        columns = (
            ("Date", DATE_WIDTH),
            ("Routine", routine),
            ("Pain", PAIN_WIDTH),
            ("Outcome", outcome),
            ("Done", DONE_WIDTH),
            ("Duration", DURATION_WIDTH),
        )
        for label, width in columns:
            self.add_column(label, width=width)
        self.extend(max(rows, FIRST_ROWS))

    def show(self, records: list[SessionRecord], keep: bool = False) -> None:
        """Show ``records``; with ``keep``, rows already there stay when they start the new list."""
        shown = self.row_count
        kept = keep and len(records) >= shown and all(map(_same, self.records[:shown], records))
        self.records = records
        self._heading_to_end = 0
        if not kept:
            self.clear()
        self.extend(FIRST_ROWS - self.row_count)

    def extend(self, count: int) -> None:
        """Add up to ``count`` more rows."""
        start = self.row_count
        end = min(len(self.records), start + max(0, count))
        if end <= start or self._extending:
            return
        self._extending = True
        if not start:
            self._styles = outcome_styles(self)
        try:
            self.add_rows([row_cells(record, self._styles) for record in self.records[start:end]])
        finally:
            self._extending = False

    @property
    def complete(self) -> bool:
        """Every record has its row."""
        return self.row_count == len(self.records)

    def _more_near(self, row: int) -> None:
        if self.row_count and row >= self.row_count - NEAR_END and not self.complete:
            self.extend(MORE_ROWS)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        self._more_near(new.row)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new > old and new >= self.max_scroll_y - NEAR_END:
            self._more_near(self.row_count)

    def action_scroll_bottom(self) -> None:
        if self.complete:
            super().action_scroll_bottom()
            return
        self._heading_to_end += 1
        self._toward_end(self._heading_to_end)

    def _toward_end(self, trip: int) -> None:
        if trip != self._heading_to_end:
            return
        self.extend(END_ROWS)
        super().action_scroll_bottom()
        if self.complete:
            self._heading_to_end = 0
        else:
            self.set_timer(END_STEP, lambda: self._toward_end(trip))

    def selected(self) -> SessionRecord | None:
        """The record under the cursor."""
        row = self.cursor_row
        return self.records[row] if self.records and 0 <= row < self.row_count else None
