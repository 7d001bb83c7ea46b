"""Markdown table cells from untrusted text: one line each, nothing interpreted."""

from __future__ import annotations

import re

from coach.text import clean

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def markdown_text(text: str) -> str:
    """Untrusted text made safe inside a Markdown table cell: one line, nothing interpreted."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", clean(text))
    return _ENTITY.sub(r"\\&", text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def markdown_table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    rule = [":" + "-" * 2 if a == "l" else "-" * 2 + ":" for a in align.ljust(len(header), "l")]
    return [_row(header), _row(rule), *(_row(row) for row in rows)]
