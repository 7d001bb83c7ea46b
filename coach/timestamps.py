"""Timestamps from the logs written for people: the day and the time of day."""

from __future__ import annotations

from coach.history import parse_day, parse_instant
from coach.records import SessionRecord


def session_date(record: SessionRecord) -> str:
    """``2026-11-21``, the day the session started, or empty when ``started_at`` is not a timestamp."""
    return record.started_at[:10] if parse_day(record.started_at) else ""


def when(text: str) -> str:
    """``2026-11-21 08:31`` from an ISO timestamp; the text itself when it isn't one."""
    return f"{text[:10]} {text[11:16]}" if parse_instant(text) else text


def clock_time(text: str) -> str:
    """``08:31`` from an ISO timestamp; the text itself when it isn't one."""
    return text[11:16] if parse_instant(text) else text
