"""Typed errors that carry a title and a one-sentence message for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.routines.table_reader import Problem


class CoachError(Exception):
    """An error caused by the user's input or environment, never a bug."""

    title = "coach error"

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class RoutineError(CoachError):
    """A routine file could not be loaded; ``problems`` lists every reason."""

    title = "Invalid routine"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.format() for p in problems) or "invalid routine")


class LogError(CoachError):
    """A session log could not be read or written."""

    title = "Session log problem"


class UsageError(CoachError):
    """The command line asked for something that cannot be done."""

    title = "Usage"
