"""A table chosen by rows, where home and end go to the first and last row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class RowTable(DataTable[Any]):
    """A ``DataTable`` with a row cursor, kept in view when the table shrinks; home and end move it to the
    first and last row.

    Lines drawn after rows are added and before the table measures them (as when home fills its table
    behind another screen) are drawn again once it has: ``DataTable`` would keep them cut to the headings.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)

    def on_resize(self, _event: Resize) -> None:
        self.call_after_refresh(self._cursor_into_view)

    def _cursor_into_view(self) -> None:
        """Scroll to the row the cursor is on now, which a key may have moved since the resize."""
        self.move_cursor(row=self.cursor_row)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(new_rows)
        self._clear_caches()
