"""Text that is always shown literally: no markup, no control characters."""

from __future__ import annotations

from typing import Any

from rich.style import StyleType
from rich.text import Text
from textual.widgets import Static

from coach.text import clean


def literal(text: str, style: StyleType = "", *, keep_newlines: bool = False) -> Text:
    """A Rich ``Text`` of untrusted ``text``, cleaned and never parsed for markup."""
    return Text(clean(text, keep_newlines=keep_newlines), style=style)


def cut(text: Text, cells: int) -> Text:
    """``text`` cut with an ellipsis to at most ``cells`` terminal columns."""
    text.truncate(cells, overflow="ellipsis")
    return text


class Plain(Static):
    """A ``Static`` for untrusted text; ``update`` takes a plain string."""

    def __init__(self, text: str = "", *, keep_newlines: bool = False, hide_empty: bool = False, **kwargs: Any) -> None:
        self._keep_newlines = keep_newlines
        self._hide_empty = hide_empty
        self._text = clean(text, keep_newlines=keep_newlines)
        super().__init__(self._text, markup=False, **kwargs)
        if hide_empty:
            self.display = bool(self._text)

    @property
    def text(self) -> str:
        return self._text

    def show(self, text: str) -> None:
        """Replace the text if it changed; does nothing otherwise."""
        text = clean(text, keep_newlines=self._keep_newlines)
        if text != self._text:
            self._text = text
            self.update(text)
            if self._hide_empty:
                self.display = bool(text)
