"""Find where a field of a routine sits in its TOML text, for error messages."""

from __future__ import annotations

import re

_FIELD = re.compile(r"^(?:exercises\[(?P<index>\d+)\]\.?)?(?P<key>[^\[]*)")
_HEADER = re.compile(r"^\s*\[\[\s*exercises\s*\]\]")
_TABLE = re.compile(r"^\s*\[")
_PART = r"""(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([A-Za-z0-9_-]+))"""
_KEY = re.compile(rf"^(\s*){_PART}(?:\s*\.\s*{_PART})*\s*=")
_TABLE_PARTS = re.compile(rf"{_PART}(?:\s*\.\s*{_PART})?")
_TOKEN = re.compile(r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]')
_CLOSERS = {'"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""+', re.S), "'''": re.compile(r"(?:[^']|'(?!''))*'''+", re.S)}

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\.")
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"', "\\": "\\"}

Place = tuple[int, int]


class Positions:
    """Where each top-level key and each ``[[exercises]]`` key starts; the text is scanned once."""

    def __init__(self, text: str) -> None:
        self.places: dict[tuple[int | None, str], Place] = {}
        self._index(text)

    def locate(self, field: str) -> Place | None:
        """Return (line, column) of ``field`` such as ``exercises[2].hold``, or None; 1-based."""
        match = _FIELD.match(field)
        if not match:
            return None
        index = int(match["index"]) if match["index"] is not None else None
        return self.places.get((index, match["key"]))

    def _index(self, text: str) -> None:
        exercise_count = -1
        context: int | None = None
        in_other_table = False
        closer: re.Pattern[str] | None = None
        depth = 0
        for number, line in enumerate(text.splitlines(), start=1):
            rest_from = 0
            if closer is not None:
                end = closer.match(line)
                if end is None:
                    continue
                closer, rest_from = None, end.end()
            elif depth == 0:
                if _HEADER.match(line):
                    exercise_count += 1
                    context, in_other_table = exercise_count, False
                    self.places.setdefault((context, ""), (number, _indent(line) + 1))
                    continue
                if _TABLE.match(line):
                    in_other_table = True
                    self._place_table(line, number, exercise_count)
                    continue
                key_match = _KEY.match(line)
                if key_match:
                    if not in_other_table:
                        key = _key_name(key_match.groups()[1:4])
                        self.places.setdefault((context, key), (number, len(key_match.group(1)) + 1))
                    rest_from = key_match.end()
            closer, depth = _scan_value(line, rest_from, depth)

    def _place_table(self, line: str, number: int, exercise_count: int) -> None:
        """A ``[table]`` header is a top-level key; ``[exercises.x]`` is key x of the last exercise."""
        parts = _TABLE_PARTS.search(line)
        if parts is None:
            return
        first = _key_name(parts.groups()[:3])
        second = _key_name(parts.groups()[3:]) if any(k is not None for k in parts.groups()[3:]) else None
        place = (number, _indent(line) + 1)
        if first == "exercises" and second is not None and exercise_count >= 0:
            self.places.setdefault((exercise_count, second), place)
        else:
            self.places.setdefault((None, first), place)


def _scan_value(line: str, start: int, depth: int) -> tuple[re.Pattern[str] | None, int]:
    """After a value's text on one line: the closer of a multi-line string left open, and bracket depth."""
    position = start
    while True:
        token = _TOKEN.search(line, position)
        if token is None:
            return None, depth
        text = token.group()
        if text in _CLOSERS:
            end = _CLOSERS[text].match(line, token.end())
            if end is None:
                return _CLOSERS[text], depth
            position = end.end()
            continue
        if text[0] == "#":
            return None, depth
        if text in "[{":
            depth += 1
        elif text in "]}":
            depth = max(0, depth - 1)
        position = token.end()


def _key_name(groups: tuple[str | None, ...]) -> str:
    """The key a matched part names: a basic string's escapes (``\\u0067``) read as TOML reads them."""
    basic, literal, bare = groups
    if basic is not None and "\\" in basic:
        return _ESCAPE.sub(_unescape, basic)
    return next(k for k in (basic, literal, bare) if k is not None)


def _unescape(found: re.Match[str]) -> str:
    code = found.group(1) or found.group(2)
    if code:
        number = int(code, 16)
        return chr(number) if number < 0x110000 else found.group()
    return _SIMPLE_ESCAPES.get(found.group()[1], found.group())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
