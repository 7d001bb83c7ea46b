"""Make untrusted text safe to show: control characters never reach the terminal."""

from __future__ import annotations

import re

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
