"""Session records for tests: one factory, taking datetimes, in place of ``SessionRecord(...)`` by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from coach.logs.records import SessionRecord
from coach.logs.timestamps import read_moment

START = datetime(2026, 11, 23, 10, 0, tzinfo=timezone(timedelta(hours=1)))
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
