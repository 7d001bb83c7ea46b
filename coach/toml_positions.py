"""Find where a field of a routine sits in its TOML text, for error messages."""

from __future__ import annotations

import re

_FIELD = re.compile(r"^(?:exercises\[(?P<index>\d+)\])?\.?(?P<key>[^.\[]*)")
_HEADER = re.compile(r"^\s*\[\[\s*exercises\s*\]\]")
_TABLE = re.compile(r"^\s*\[")
_KEY = re.compile(r"^(\s*)(?:\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+))\s*=")


def locate(text: str, field: str) -> tuple[int, int] | None:
    """Return (line, column) of ``field`` such as ``exercises[2].hold``, or None if not found.

    A best-effort scan of top-level keys and ``[[exercises]]`` tables; positions are 1-based.
    """
    match = _FIELD.match(field)
    if not match:
        return None
    wanted_index = int(match["index"]) if match["index"] is not None else None
    wanted_key = match["key"]
    context: int | None = None
    exercise_count = -1
    in_other_table = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _HEADER.match(line):
            exercise_count += 1
            context, in_other_table = exercise_count, False
            if wanted_index == exercise_count and not wanted_key:
                return number, len(line) - len(line.lstrip()) + 1
            continue
        if _TABLE.match(line):
            in_other_table = True
            continue
        if in_other_table or context != wanted_index:
            continue
        key_match = _KEY.match(line)
        if key_match:
            key = next(k for k in key_match.groups()[1:] if k is not None)
            if key == wanted_key:
                return number, len(key_match.group(1)) + 1
    return None
