"""A scroll that takes the rows its fixed neighbours leave, so they stay in view."""

from __future__ import annotations

from collections.abc import Iterable

from textual.geometry import Size
from textual.widget import Widget

SMALLEST_SCROLL = 3


def rows_taken(widget: Widget, width: int) -> int:
    """Rows a text widget takes at ``width`` columns, margins included, worked out from its text as it
    is now (a widget's last laid-out size may be a refresh behind a change of text)."""
    styles = widget.styles
    room = Size(width, widget.screen.size.height)
    content = widget.get_content_height(room, room, width - styles.gutter.width - styles.margin.width)
    return content + styles.gutter.height + styles.margin.height


def fit_scroll(scroll: Widget, rows: int, texts: Iterable[Widget], width: int, other_rows: int = 0) -> None:
    """Give ``scroll`` at most the ``rows`` left by ``texts`` (text widgets ``width`` wide) and ``other_rows``."""
    taken = sum(rows_taken(text, width) for text in texts) + other_rows
    scroll.styles.max_height = max(SMALLEST_SCROLL, rows - taken)
