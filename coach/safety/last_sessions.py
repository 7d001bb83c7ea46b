"""What the newest logs tell the check before a session: the last session that ran, and an
emergency sign not yet assessed. Logs are ordered by the moment they started, not by file name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from coach.logs.records import Outcome, SessionRecord
from coach.safety.check_texts import EMERGENCY_QUESTIONS

CLOCK_SLACK_HOURS = 0.1
"""An end this far in the future is a clock set a little wrong; further, the log's time is not believed."""


@dataclass(frozen=True)
class PreviousSession:
    """The last session that ran, when it ended with more pain than it began with or with advice to stop."""

    pain_before: int | None
    pain_after: int | None
    hours_ago: float | None
    """``None`` when its log says it ended later than now, beyond a clock set a little wrong."""
    stopped: str = ""
    """Why it stopped, when the coach said to stop for today."""


def emergency_pending(recent: Sequence[SessionRecord]) -> bool:
    """The last check that asked about emergency signs found one, or was told no doctor has seen it."""
    for record in recent:
        screening = record.screening
        if any(screening.red_flags.get(q.id) for q in EMERGENCY_QUESTIONS) or screening.emergency_assessed is False:
            return True
        if screening.emergency_assessed or any(q.id in screening.red_flags for q in EMERGENCY_QUESTIONS):
            return False
    return False


def previous_session(recent: Sequence[SessionRecord], now: datetime) -> PreviousSession | None:
    """The last session that ran, if it ended with more pain than it began with, or with advice to stop."""
    last = next((r for r in recent if r.outcome not in (Outcome.BLOCKED, Outcome.IN_PROGRESS)), None)
    if last is None:
        return None
    before, after = last.pain_before, last.pain_after
    raised = before is not None and after is not None and after > before
    if not raised and not last.stop_advised:
        return None
    ended = last.ended_at if last.ended_at is not None and last.ended_at >= last.started_at else last.started_at
    hours = (now - ended).total_seconds() / 3600
    stopped = (last.reason or "stopped for pain") if last.stop_advised else ""
    return PreviousSession(before, after, None if hours < -CLOCK_SLACK_HOURS else max(0.0, hours), stopped)


def newest_first(records: Sequence[SessionRecord]) -> list[SessionRecord]:
    """Logs by the moment they started, newest first: file names use local time, which a clock change reorders."""
    return sorted(records, key=lambda r: r.started_at, reverse=True)
