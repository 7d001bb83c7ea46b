"""The outline of a TOML text, read as TOML reads it: where each table, key and list entry starts,
and how large its structure grows.

Lines end only at LF (or CRLF); what strings and comments hold is text, never structure. One
pass, linear in the length of the text whatever it holds, so it may look at a file that is not
valid TOML yet, before the parser does, and stop as soon as the structure passes a limit.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import Enum

Where = tuple[str | int, ...]
"""A place in the document: ``("exercises", 2, "hold")`` is ``hold`` in the third exercise."""
Place = tuple[int, int]
"""Line and column, 1-based; the column counts characters."""

_TOKEN = re.compile(
    r"""
    [ \t]*+(?:\#[^\n]*+)?+
    (?:
    (?P<newline>\r?\n)
    |(?:
        (?P<text>
            \"\"\"(?:[^"\\]++|\\[\s\S]?|"(?!""))*+(?:\"\"\""{0,2}+|\Z)
            |'''(?:[^']++|'(?!''))*+(?:''''{0,2}+|\Z)
            |"(?:[^"\\\n]++|\\[^\n]?)*+"?
            |'[^'\n]*+'?
        )
        |(?P<word>[^ \t\r\n"'\#\[\]{}=,.]++)
    )(?P<comma>[ \t]*+,)?+
    |(?P<mark>[\[\]{}=,.])
    |(?P<other>[\s\S])
    |\Z
    )
    """,
    re.VERBOSE,
)
"""Spaces and a comment, then one token (a value with the comma after it, if any). Every part either
matches without looking back or takes one character, so the text is read once: an unclosed string
runs to the end of its line (or, multi-line, to the end of the text)."""
_PLACED_DEPTH = 16
"""Lists and inline tables nested deeper than this are read, not placed one by one: no routine nests
that deep, and a place for each level would cost the square of the depth."""
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_LONG_NUMBER = re.compile(r"[+-]?[0-9][0-9_]{4300,}")
"""A number of thousands of digits, past what Python turns into an integer."""
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\.")
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"', "\\": "\\"}


@dataclass(frozen=True)
class Limits:
    """How large a structure may grow before the outline stops and says where it went past."""

    key_parts: int
    """Dotted parts of one key or table name."""
    tables: int
    """Tables made: one per ``[table]`` header, one per dot of a key."""
    depth: int
    """Lists and inline tables open at once."""


class Excess(Enum):
    KEY_PARTS = "key parts"
    TABLES = "tables"
    DEPTH = "depth"


class _Open:
    """A list or inline table not yet closed."""

    __slots__ = ("inline", "where", "count")

    def __init__(self, inline: bool, where: Where) -> None:
        self.inline = inline
        self.where = where
        self.count = 0


class Outline:
    """Where each table, key and list entry of a TOML text is first written, read in one pass."""

    def __init__(self, text: str, limits: Limits) -> None:
        self._text = text
        self._offsets: dict[Where, int] = {}
        self._starts: list[int] | None = None
        self.excess: tuple[Excess, int] | None = None
        """Which limit the text went past, and the offset where it did; the rest was not read."""
        self.deepest: int | None = None
        """The offset of the first list or inline table opened at the greatest depth."""
        self.long_number: int | None = None
        """The offset of the first value of thousands of digits."""
        self._read(limits)

    def place_of(self, offset: int) -> Place:
        if self._starts is None:
            self._starts = [0, *(found.end() for found in re.finditer("\n", self._text))]
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def offset_of(self, where: Where) -> int | None:
        """Where ``where`` is first written; else the nearest enclosing part that is; else None."""
        for end in range(len(where), 0, -1):
            offset = self._offsets.get(where[:end])
            if offset is not None:
                return offset
        return None

    def _read(self, limits: Limits) -> None:
        text, offsets = self._text, self._offsets
        arrays: dict[Where, int] = {}
        table: Where = ()
        where: Where = ()
        stack: list[_Open] = []
        state = "line"
        """line (a key or header may start), header, key, value, entry, inline-key, after (a value), skip."""
        parts: list[str] = []
        dot = False
        start = 0
        array_header = False
        brackets = 0
        tables = 0
        deepest = 0
        for token in _TOKEN.finditer(text):
            kind = token.lastgroup
            comma = kind == "comma"
            if comma:
                kind = "text" if token.start("text") >= 0 else "word"
            if kind == "newline":
                if not stack:
                    state = "line"
                continue
            if kind is None or state == "skip":
                continue
            piece, at = token.group(kind), token.start(kind)
            if state == "line":
                if piece == "[":
                    array_header = text.startswith("[[", at)
                    state, parts, dot, start, brackets = "header", [], False, at, 2 if array_header else 1
                    if array_header:
                        state = "header-open"
                elif kind == "word" or kind == "text":
                    name = _key_part(kind, piece)
                    state, parts, dot, start = ("key", [name], True, at) if name is not None else ("skip", [], False, 0)
                else:
                    state = "skip"
                continue
            if state == "header-open":
                state = "header" if piece == "[" else "skip"
                continue
            if state == "header" or state == "key":
                name = _key_part(kind, piece)
                if name is not None and not dot:
                    parts.append(name)
                    dot = True
                    if len(parts) > limits.key_parts:
                        self.excess = (Excess.KEY_PARTS, start)
                        return
                    continue
                if piece == "." and dot:
                    dot = False
                    continue
                ends = "=" if state == "key" else "]"
                if piece != ends or not dot:
                    state = "after" if stack else "skip"
                    continue
                if state == "header":
                    brackets -= 1
                    if brackets:
                        continue
                tables += len(parts) - 1 if state == "key" else 1
                if tables > limits.tables:
                    self.excess = (Excess.TABLES, start)
                    return
                if state == "key":
                    base = stack[-1].where if stack else table
                    where = base + tuple(parts)
                    for end in range(len(base) + 1, len(where) + 1):
                        offsets.setdefault(where[:end], start)
                    state = "value"
                else:
                    table = _resolve(parts, array_header, arrays)
                    for end in range(1, len(table) + 1):
                        offsets.setdefault(table[:end], start)
                    state = "after"
                continue
            if state == "entry":
                if piece == "]":
                    stack.pop()
                    state = "after"
                    continue
                opened = stack[-1]
                where = (*opened.where, opened.count) if len(stack) <= _PLACED_DEPTH else opened.where
                opened.count += 1
                offsets.setdefault(where, at)
                state = "value"
            if state == "value":
                if piece == "[" or piece == "{":
                    stack.append(_Open(piece == "{", where if len(stack) < _PLACED_DEPTH else stack[-1].where))
                    if len(stack) > deepest:
                        deepest, self.deepest = len(stack), at
                        if deepest > limits.depth:
                            self.excess = (Excess.DEPTH, at)
                            return
                    state = "inline-key" if piece == "{" else "entry"
                    continue
                if kind == "word" and self.long_number is None and len(piece) > 4300 and _LONG_NUMBER.fullmatch(piece):
                    self.long_number = at
                state = "after"
            if state == "after" and stack:
                inline = stack[-1].inline
                if comma or piece == ",":
                    state = "inline-key" if inline else "entry"
                elif piece == ("}" if inline else "]"):
                    stack.pop()
                continue
            if state == "inline-key":
                name = _key_part(kind, piece)
                if name is not None:
                    state, parts, dot, start = "key", [name], True, at
                elif piece == "}":
                    stack.pop()
                    state = "after"
                continue


def _key_part(kind: str | None, piece: str) -> str | None:
    """The key a word or a one-line string names; None for anything else."""
    if kind == "word":
        return piece
    if kind != "text" or len(piece) < 2 or piece[0] != piece[-1] or piece.startswith(('"""', "'''")):
        return None
    inside = piece[1:-1]
    if piece[0] == "'" or "\\" not in inside:
        return inside
    return _ESCAPE.sub(_unescape, inside)


def _unescape(found: re.Match[str]) -> str:
    code = found.group(1) or found.group(2)
    if code:
        number = int(code, 16)
        return chr(number) if number < 0x110000 else found.group()
    return _SIMPLE_ESCAPES.get(found.group()[1], found.group())


def _resolve(parts: list[str], array_header: bool, arrays: dict[Where, int]) -> Where:
    """The place a header names: past each array of tables on the way, its latest entry."""
    where: Where = ()
    for number, part in enumerate(parts, start=1):
        where = (*where, part)
        if number == len(parts) and array_header:
            arrays[where] = arrays.get(where, 0) + 1
            return (*where, arrays[where] - 1)
        if where in arrays:
            where = (*where, arrays[where] - 1)
    return where


def field_name(where: Where) -> str:
    """``exercises[2].hold``; a key that is not a bare key is quoted, as TOML writes it."""
    name = ""
    for part in where:
        if isinstance(part, int):
            name += f"[{part}]"
            continue
        shown = part if _BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
        name += f".{shown}" if name else shown
    return name
