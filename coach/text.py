"""Text for people: untrusted text made safe to show, in ASCII where need be, and counts."""

from __future__ import annotations

import re
import unicodedata

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
