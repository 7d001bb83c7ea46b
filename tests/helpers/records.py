"""Session records for tests: one factory, taking datetimes, in place of ``SessionRecord(...)`` by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from coach.logs.records import HurtKind, Outcome, PainReport, Screening, SessionRecord, StepOutcome, StepRecord
from coach.logs.timestamps import read_moment

ZONE = timezone(timedelta(hours=1))
"""The offset of the records made here."""
START = datetime(2026, 11, 23, 10, 0, tzinfo=ZONE)
"""When a session starts unless a test says otherwise."""


def at(text: str) -> datetime:
    """The moment an ISO 8601 timestamp with its offset writes, read as a log's would be."""
    return read_moment(text)


def session(
    started_at: datetime = START,
    ended_at: datetime | None = None,
    *,
    id: str = "s",
    routine: str = "gentle",
    title: str = "Gentle",
    path: str = "",
    **fields: Any,
) -> SessionRecord:
    """A session log's record: routine ``routine`` titled ``title``, started at ``started_at``;
    any other field by name."""
    return SessionRecord(
        id=id,
        routine_title=title,
        routine_name=routine,
        routine_path=path,
        started_at=started_at,
        ended_at=ended_at,
        **fields,
    )


def finished_session(
    day: date,
    *,
    title: str = "Gentle relief",
    name: str = "gentle-relief",
    outcome: Outcome = Outcome.COMPLETED,
    before: int | None = 3,
    after: int | None = 2,
    note: str = "",
    hour: int = 8,
    steps: int = 2,
    planned: int = 2,
    exercise: str = "Knee to chest",
) -> SessionRecord:
    """A finished session on ``day`` with ``steps`` exercises, a pain check and a hurt report."""
    start = datetime(day.year, day.month, day.day, hour, 30, tzinfo=ZONE)
    records = []
    for number in range(steps):
        begin = start + timedelta(minutes=2 + 3 * number)
        records.append(
            StepRecord(
                f"ex-{number}",
                f"{exercise} {number + 1}",
                StepOutcome.DONE if number == 0 else StepOutcome.SKIPPED,
                begin,
                begin + timedelta(minutes=2),
                95.0,
                120,
                f"{3 - number} of 3 holds",
            )
        )
    pains = []
    if steps:
        pains = [
            PainReport(start + timedelta(minutes=4), "check", 3, "ex-0", None, "green", "continue"),
            PainReport(start + timedelta(minutes=6), "hurts", 5, "ex-1", HurtKind.MORE_THAN_MILD, "skip", "easier"),
        ]
    return session(
        start,
        start + timedelta(minutes=12, seconds=5),
        id="",
        title=title,
        routine=name,
        path=f"/routines/{name}.toml",
        outcome=outcome,
        reason=f"{outcome.label.capitalize()} on purpose.",
        screening=Screening(
            {"leg-symptoms": False, "bladder-bowel": False},
            {"osteoporosis": False},
            before,
            True if day.day % 2 else None,
        ),
        steps=records,
        pain_reports=pains,
        pain_after=after,
        active_seconds=190.0,
        planned_exercises=planned,
        note=note,
    )
