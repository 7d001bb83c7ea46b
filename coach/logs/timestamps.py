"""Timestamps from the logs: read as dates and instants, and written for people as the day and the time of day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from coach.logs.records import SessionRecord


def parse_day(text: str) -> date | None:
    """The calendar date at the start of an ISO 8601 timestamp, or None."""
    try:
        return date.fromisoformat(text[:10])
    except (ValueError, TypeError):
        return None


def parse_instant(text: str) -> datetime | None:
    """An ISO 8601 timestamp as an aware datetime (naive means UTC), or None."""
    try:
        moment = datetime.fromisoformat(text)
    except (ValueError, TypeError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def session_date(record: SessionRecord) -> str:
    """``2026-11-21``, the day the session started, or empty when ``started_at`` is not a timestamp."""
    return record.started_at[:10] if parse_day(record.started_at) else ""


def when(text: str) -> str:
    """``2026-11-21 08:31`` from an ISO timestamp; the text itself when it isn't one."""
    return f"{text[:10]} {text[11:16]}" if parse_instant(text) else text


def clock_time(text: str) -> str:
    """``08:31`` from an ISO timestamp; the text itself when it isn't one."""
    return text[11:16] if parse_instant(text) else text
