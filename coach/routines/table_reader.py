"""A validating reader of untrusted TOML tables: each wrong value becomes a ``Problem`` at its place."""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import Any, overload

from coach.routines.toml_positions import Positions
from coach.text import clean, has_visible_text

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


class TableReader:
    """Collects problems while building typed objects from untrusted data."""

    def __init__(self, path: str, text: str | None) -> None:
        self.path = path
        self.text = text
        self.positions: Positions | None = None
        self.problems: list[Problem] = []
        self.unreported = 0

    @property
    def reporting(self) -> bool:
        """False once ``MAX_PROBLEMS`` are listed: further problems are only counted."""
        return len(self.problems) < MAX_PROBLEMS

    def problem(self, field: str, message: str) -> None:
        if not self.reporting:
            self.unreported += 1
            return
        line = col = None
        if self.text is not None:
            if self.positions is None:
                self.positions = Positions(self.text)
            place = self.positions.locate(field)
            if place:
                line, col = place
        self.problems.append(Problem(self.path, message, field, line, col))

    def reported(self) -> list[Problem]:
        """The listed problems, and a last line counting the others."""
        if not self.unreported:
            return self.problems
        return [*self.problems, Problem(self.path, f"and {self.unreported:,} more problems")]

    def unknown_keys(self, table: dict[str, Any], allowed: tuple[str, ...], prefix: str) -> None:
        for key in table:
            if key in allowed:
                continue
            field = f"{prefix}{key}" if prefix else str(key)
            close = closest(str(key), allowed) if self.reporting else None
            hint = f"; did you mean '{close}'?" if close else ""
            self.problem(field, f"unknown key{hint}")

    @overload
    def integer(self, table: dict[str, Any], key: str, field: str, low: int, high: int, default: int) -> int: ...

    @overload
    def integer(
        self, table: dict[str, Any], key: str, field: str, low: int, high: int, default: None
    ) -> int | None: ...

    def integer(
        self, table: dict[str, Any], key: str, field: str, low: int, high: int, default: int | None
    ) -> int | None:
        """The whole number at ``key`` within ``low``-``high``; ``default`` when absent or wrong (then a problem)."""
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(field, f"must be a whole number from {low} to {high}, not {describe(value)}")
            return default
        if not low <= value <= high:
            self.problem(field, f"must be from {low} to {high}, not {describe(value)}")
            return default
        return value

    def text_value(self, table: dict[str, Any], key: str, field: str, *, required: bool, limit: int) -> str:
        if key not in table:
            if required:
                self.problem(field, "is required")
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(field, f"must be text, not {describe(value)}")
            return ""
        if not value.strip():
            self.problem(field, "must not be empty")
            return ""
        if not has_visible_text(value):
            self.problem(field, "must have visible text, not only spaces or invisible characters")
            return ""
        if len(value) > limit:
            self.problem(field, f"must be at most {limit} characters, not {len(value)}")
            return ""
        return value

    def text_list(
        self, table: dict[str, Any], key: str, field: str, *, least: int, most: int, limit: int
    ) -> tuple[str, ...]:
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
        items = [
            self.text_value({key: item}, key, f"{field}[{i}]", required=True, limit=limit)
            for i, item in enumerate(value)
        ]
        return tuple(items)

    @overload
    def choice(self, table: dict[str, Any], key: str, field: str, choices: tuple[str, ...], default: str) -> str: ...

    @overload
    def choice(
        self, table: dict[str, Any], key: str, field: str, choices: tuple[str, ...], default: None
    ) -> str | None: ...

    def choice(
        self, table: dict[str, Any], key: str, field: str, choices: tuple[str, ...], default: str | None
    ) -> str | None:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, str) or value not in choices:
            options = ", ".join(f'"{c}"' for c in choices)
            self.problem(field, f"must be one of {options}, not {describe(value)}")
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
