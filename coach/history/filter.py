"""Which past sessions to show: a routine's name or title, and a span of days typed by the user."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coach.history import figures as history
from coach.logs.records import SessionRecord
from coach.logs.timestamps import read_day
from coach.text import clean


def newest_day_first(records: list[SessionRecord]) -> list[SessionRecord]:
    """``records`` newest first: by day, then by the moment they started."""
    return history.chronological(records)[::-1]


def parse_date(text: str) -> date | None:
    """The day typed in ``text``, or None when it is empty or not one."""
    return read_day(text.strip()) if text.strip() else None


def is_date_or_empty(text: str) -> bool:
    """True when ``text`` is blank or a date."""
    return not text.strip() or parse_date(text) is not None


def date_problem(typed: Sequence[tuple[str, str]], today: date) -> str:
    """One sentence naming each typed text that is not a day, with its field's label; empty when there is none.

    ``typed`` holds ``(label, text)`` pairs, such as ``("From", "2026-13-45")``."""
    bad = [f'"{clean(text.strip())}" in {label}' for label, text in typed if not is_date_or_empty(text)]
    if not bad:
        return ""
    verb = "is not a date" if len(bad) == 1 else "are not dates"
    return f"{' and '.join(bad)} {verb}; type a day like {today.isoformat()}."


@dataclass(frozen=True)
class Filter:
    """Which sessions to show: routine text (any part of its title or name, any case) and days."""

    routine: str = ""
    since: date | None = None
    until: date | None = None

    def apply(self, records: list[SessionRecord], haystacks: dict[int, str]) -> list[SessionRecord]:
        since, until = self.since, self.until
        kept = [r for r in records if (since is None or r.day >= since) and (until is None or r.day <= until)]
        needle = clean(self.routine).strip().casefold()
        if needle:
            kept = [r for r in kept if needle in haystacks.get(id(r), "")]
        return kept

    def describe(self) -> str:
        parts = [f'routine "{self.routine.strip()}"'] if self.routine.strip() else []
        if self.since:
            parts.append(f"from {self.since.isoformat()}")
        if self.until:
            parts.append(f"to {self.until.isoformat()}")
        return ", ".join(parts)


def haystack(record: SessionRecord) -> str:
    """What a routine filter searches in: title and name, folded."""
    return f"{clean(record.routine_title).casefold()}\n{clean(record.routine_name).casefold()}"
