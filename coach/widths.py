"""Plain text laid out in terminal cells, measured as terminals draw it (wcwidth): cut to a width, and
tables of columns for the command line and the exports. Imported only where such text is printed."""

from __future__ import annotations

from collections.abc import Sequence

import wcwidth

from coach.text import clean


def fit(text: str, width: int) -> str:
    """``text`` cut with an ellipsis to at most ``width`` terminal columns."""
    import wcwidth

    if wcwidth.width(text) <= width:
        return text
    return wcwidth.clip(text, 0, width - 1) + "…"


def fit_end(text: str, width: int) -> str:
    """``text`` cut from its start to at most ``width`` terminal columns, after an ellipsis: the end of a path,
    where its file name is."""
    if wcwidth.width(text) <= width:
        return text
    if width < 1:
        return ""
    start, stop = 1, len(text)
    while start < stop:
        middle = (start + stop) // 2
        if wcwidth.width(text[middle:]) <= width - 1:
            stop = middle
        else:
            start = middle + 1
    return "…" + text[start:]


COLUMN_GAP = "  "
LEAST_LAST_COLUMN = 20
"""A table cuts the column that gives way before it leaves the last one, a path, narrower than this."""
LEAST_COLUMN = 8


def table_lines(rows: Sequence[Sequence[str]], width: int | None = None, gives_way: int = 1) -> list[str]:
    """``rows`` of cells, cleaned, in columns two spaces apart and measured as a terminal measures them.

    With ``width``, every line fits it: the last column, a path, is cut from its start (``fit_end``); should
    that leave it narrower than ``LEAST_LAST_COLUMN``, the column ``gives_way`` (a title, say) is cut first
    (``fit``), down to ``LEAST_COLUMN``."""
    cleaned = [[clean(cell) for cell in row] for row in rows]
    widths = [max(wcwidth.width(row[i]) for row in cleaned) for i in range(len(cleaned[0]))]
    gaps = len(COLUMN_GAP) * (len(widths) - 1)
    if width is not None:
        over = sum(widths[:-1]) + gaps + min(widths[-1], LEAST_LAST_COLUMN) - width
        widths[gives_way] -= max(0, min(over, widths[gives_way] - LEAST_COLUMN))
        widths[-1] = max(1, width - sum(widths[:-1]) - gaps)
    lines = []
    for row in cleaned:
        cells = [wcwidth.ljust(fit(cell, cells), cells) for cell, cells in zip(row, widths[:-1], strict=False)]
        last = row[-1] if width is None else fit_end(row[-1], widths[-1])
        lines.append(COLUMN_GAP.join([*cells, last]).rstrip())
    return lines
