"""A validating reader of untrusted TOML tables: each wrong value becomes a ``Problem`` at its place."""

from __future__ import annotations

import difflib
import heapq
import math
from dataclasses import dataclass
from typing import Any, NamedTuple, overload

from coach.routines.toml_outline import Outline, Where, field_name
from coach.text import INVISIBLE_TEXT, clean, has_visible_text

MAX_PROBLEMS = 20
"""Problems reported one by one; the rest are counted in one last line."""
_LARGEST_SHOWN = 10**15


MAX_FIELD_SHOWN = 80
"""A field name longer than this (a key thousands of characters long) is cut in messages."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a routine file."""

    path: str
    message: str
    field: str = ""
    line: int | None = None
    col: int | None = None

    def format(self) -> str:
        """``path:line:col: field: message`` when the place is known, else ``path: field: message``."""
        field = self.field if len(self.field) <= MAX_FIELD_SHOWN else self.field[: MAX_FIELD_SHOWN - 1] + "…"
        where = f"{field}: " if field else ""
        if self.line is not None:
            return clean(f"{self.path}:{self.line}:{self.col or 1}: {where}{self.message}")
        return clean(f"{self.path}: {where}{self.message}")


class _Found(NamedTuple):
    """A problem as found: its place in the document, and a word to suggest a near choice for."""

    where: Where
    message: str
    near: str | None = None
    choices: tuple[str, ...] = ()
    otherwise: str = ""
    """Said after the message when no choice is near ``near``."""


class TableReader:
    """Collects problems while building typed objects from untrusted data."""

    def __init__(self, path: str, outline: Outline | None) -> None:
        self.path = path
        self.outline = outline
        """Where each part of the document is written, when it was read from text."""
        self.found: list[_Found] = []

    def problem(
        self, where: Where, message: str, *, near: str | None = None, choices: tuple[str, ...] = (), otherwise: str = ""
    ) -> None:
        """Note a problem at ``where``; with ``near``, the message ends with the choice it was likely meant to be."""
        self.found.append(_Found(where, message, near, choices, otherwise))

    def reported(self) -> list[Problem]:
        """The problems in line order, then those without a place; ``MAX_PROBLEMS`` of them and a count of the rest."""
        outline = self.outline
        offsets = [outline.offset_of(found.where) if outline else None for found in self.found]
        first = heapq.nsmallest(
            MAX_PROBLEMS, range(len(offsets)), key=lambda i: (0, offsets[i]) if offsets[i] is not None else (1, i)
        )
        problems = [self._problem(self.found[i], offsets[i]) for i in first]
        if len(offsets) > MAX_PROBLEMS:
            problems.append(Problem(self.path, f"and {len(offsets) - MAX_PROBLEMS:,} more problems"))
        return problems

    def _problem(self, found: _Found, offset: int | None) -> Problem:
        message = found.message
        if found.near is not None:
            close = closest(found.near, found.choices)
            message += f"; did you mean '{close}'?" if close else found.otherwise
        line, col = self.outline.place_of(offset) if self.outline and offset is not None else (None, None)
        return Problem(self.path, message, field_name(found.where), line, col)

    def unknown_keys(self, table: dict[str, Any], allowed: tuple[str, ...], where: Where) -> None:
        for key in table:
            if key not in allowed:
                self.problem((*where, key), "unknown key", near=key, choices=allowed)

    @overload
    def integer(self, table: dict[str, Any], key: str, where: Where, low: int, high: int, default: int) -> int: ...

    @overload
    def integer(
        self, table: dict[str, Any], key: str, where: Where, low: int, high: int, default: None
    ) -> int | None: ...

    def integer(
        self, table: dict[str, Any], key: str, where: Where, low: int, high: int, default: int | None
    ) -> int | None:
        """The whole number at ``key`` of the table at ``where``, within ``low``-``high``; ``default`` when
        absent or wrong (then a problem)."""
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem((*where, key), f"must be a whole number from {low} to {high}, not {describe(value)}")
            return default
        if not low <= value <= high:
            self.problem((*where, key), f"must be from {low} to {high}, not {describe(value)}")
            return default
        return value

    def text_value(self, table: dict[str, Any], key: str, where: Where, *, required: bool, limit: int) -> str:
        """The text at ``key`` of the table at ``where``; empty when absent or wrong (then a problem)."""
        if key not in table:
            if required:
                self.problem((*where, key), "is required")
            return ""
        return self.visible_text(table[key], (*where, key), limit)

    def visible_text(self, value: Any, where: Where, limit: int) -> str:
        """``value`` when it is text that shows something, at most ``limit`` characters; else a problem and ""."""
        if not isinstance(value, str):
            self.problem(where, f"must be text, not {describe(value)}")
            return ""
        if not value.strip():
            self.problem(where, "must not be empty")
            return ""
        if not has_visible_text(value):
            self.problem(where, f"must have visible text, not only {INVISIBLE_TEXT}")
            return ""
        if len(value) > limit:
            self.problem(where, f"must be at most {limit} characters, not {len(value)}")
            return ""
        return value

    def text_list(
        self, table: dict[str, Any], key: str, where: Where, *, least: int, most: int, limit: int
    ) -> tuple[str, ...]:
        field = (*where, key)
        if key not in table:
            if least:
                self.problem(field, "is required")
            return ()
        value = table[key]
        if not isinstance(value, list):
            self.problem(field, f"must be a list of text, not {describe(value)}")
            return ()
        if not least <= len(value) <= most:
            self.problem(field, f"must have {least} to {most} entries, not {len(value)}")
            return ()
        return tuple(self.visible_text(item, (*field, i), limit) for i, item in enumerate(value))

    @overload
    def choice(self, table: dict[str, Any], key: str, where: Where, choices: tuple[str, ...], default: str) -> str: ...

    @overload
    def choice(
        self, table: dict[str, Any], key: str, where: Where, choices: tuple[str, ...], default: None
    ) -> str | None: ...

    def choice(
        self, table: dict[str, Any], key: str, where: Where, choices: tuple[str, ...], default: str | None
    ) -> str | None:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, str) or value not in choices:
            options = ", ".join(f'"{c}"' for c in choices)
            self.problem((*where, key), f"must be one of {options}, not {describe(value)}")
            return default
        return value

    def flag(self, table: dict[str, Any], key: str, where: Where, default: bool) -> bool:
        """A true or false value; anything else (``"true"``, 1) is a problem."""
        if key not in table:
            return default
        value = table[key]
        if type(value) is not bool:
            self.problem((*where, key), f"must be true or false, not {describe(value)}")
            return default
        return value


def closest(word: str, choices: tuple[str, ...]) -> str | None:
    """The choice ``word`` was most likely meant to be, for a "did you mean" hint."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def describe(value: Any) -> str:
    """Name a bad value briefly and safely."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        if abs(value) >= _LARGEST_SHOWN:
            return "a number far too large" if value > 0 else "a number far too small"
        return str(value)
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f'text "{shown}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
