"""A list whose wrapped lines stay under their first word: bullets, or numbered ticks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from coach.text import clean

Row = tuple[str, str]
"""A marker ("•", "1  [x]") and the item's text."""


def hanging_list(rows: Sequence[Row], indent: int = 2) -> Table:
    """``rows`` as a grid ``indent`` cells in: each marker in a column of its own, each text wrapping
    under itself."""
    table = Table.grid(expand=True, padding=(0, 2, 0, 0), pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for marker, text in rows:
        table.add_row(Text(" " * indent + marker), Text(clean(text)))
    return table


def ticked_rows(items: Sequence[tuple[str, str]], ticked: Sequence[str]) -> list[Row]:
    """Numbered ticks for a "which?": ``items`` are (id, text), ``ticked`` the ids ticked."""
    return [(f"{n}  [{'x' if item_id in ticked else ' '}]", text) for n, (item_id, text) in enumerate(items, 1)]


def bullet_rows(texts: Sequence[str]) -> list[Row]:
    return [("•", text) for text in texts]


class ItemList(Static):
    """A ``hanging_list`` of untrusted text; redrawn only when its rows change; hidden while empty."""

    def __init__(self, indent: int = 2, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self._indent = indent
        self._rows: tuple[Row, ...] = ()
        self.display = False

    def show(self, rows: Sequence[Row]) -> None:
        rows = tuple(rows)
        if rows != self._rows:
            self._rows = rows
            self.update(hanging_list(rows, self._indent) if rows else "")
            self.display = bool(rows)
