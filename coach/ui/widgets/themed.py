"""A Static drawn with the theme's component styles, and drawn again when the theme changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import RenderableType
from textual.widgets import Static


class ThemedStatic(Static):
    """Call ``draw`` with what makes the content; it is made again whenever the theme changes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._make: Callable[[], RenderableType] | None = None

    def draw(self, make: Callable[[], RenderableType]) -> None:
        self._make = make
        self.update(make())

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw())

    def _redraw(self) -> None:
        if self._make is not None:
            self.update(self._make())
