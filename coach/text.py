"""Text for people: untrusted text made safe to show, cut to a terminal's width, in ASCII where need be, and counts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import wcwidth

_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zs", "Zl", "Zp", "Mn", "Me"})
"""Controls, format marks, surrogates, private use (no meaning a terminal agrees on), spaces, marks."""
_BLANK_LETTERS = frozenset("\u115f\u1160\u2800\u3164\uffa0")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str, *, keep_newlines: bool = False) -> str:
    """Return ``text`` with C0/C1 control and bidi-override characters replaced.

    Tabs become a space; newlines become a space unless ``keep_newlines``.
    Every other control character becomes U+FFFD so its presence stays visible.
    """
    text = text.replace("\t", " ")
    if not keep_newlines:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("\ufffd", text)


def counted(count: int, word: str) -> str:
    """``1 session``, ``2 sessions``, ``10,000 sessions``: a count with its noun."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


INVISIBLE_TEXT = "spaces, invisible, private-use or non-characters"
"""What ``has_visible_text`` finds no visible text in, as said to the user."""


def has_visible_text(text: str) -> bool:
    """True when ``text`` shows something: not only spaces, controls, zero-width, format, private-use
    or non-characters."""
    return any(
        not char.isspace()
        and char not in _BLANK_LETTERS
        and not _is_noncharacter(char)
        and unicodedata.category(char) not in _INVISIBLE_CATEGORIES
        for char in text
    )


def _is_noncharacter(char: str) -> bool:
    """U+FDD0-U+FDEF and the last two code points of every plane: never characters, by Unicode's rule."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def fit(text: str, width: int) -> str:
    """``text`` cut with an ellipsis to at most ``width`` terminal columns."""
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


_ASCII_STAND_INS = {
    "→": "->",
    "←": "<-",
    "…": "...",
    "—": "-",
    "–": "-",
    "−": "-",
    "⚠": "!",
    "✗": "x",
    "✓": "v",
    "·": "-",
    "•": "*",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "×": "x",
    "≤": "<=",
    "≥": ">=",
}


def ascii_stand_in(text: str) -> str:
    """``text`` for an output that only shows ASCII: ``->`` for ``→``, ``...`` for ``…``, ``e`` for ``é``,
    ``?`` for a character with no stand-in."""
    shown = []
    for char in text:
        if char.isascii():
            shown.append(char)
            continue
        stand_in = _ASCII_STAND_INS.get(char)
        if stand_in is None:
            stand_in = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii") or "?"
        shown.append(stand_in)
    return "".join(shown)
