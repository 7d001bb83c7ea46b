"""What the newest logs tell the check before a session: the last session that ran and how it
ended, the last completed check, and an emergency sign not yet assessed. Logs are ordered by the
moment they started, not by file name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from coach.logs.records import HurtKind, Outcome, SessionRecord
from coach.safety.check_texts import EMERGENCY_IDS
from coach.safety.pain import PainLight, judge_pain

CLOCK_SLACK_HOURS = 0.1
"""An end this far in the future is a clock set a little wrong; further, the log's time is not believed."""
RAISED_BY = 2
"""An end rating this much above the start calls for the follow-up."""


@dataclass(frozen=True)
class PreviousSession:
    """The last session that ran (not blocked), and how it ended."""

    pain_before: int | None
    pain_after: int | None
    hours_ago: float | None
    """Since it ended; ``None`` when its log says it ended later than now, beyond a clock set a little wrong."""
    stopped: str = ""
    """Why it stopped, when it stopped for pain: the coach stopped it, or the user ended it at a red rating."""
    leg_stop: bool = False
    """It stopped for pain spreading into a buttock or leg, tingling or numbness."""
    ended_red: bool = False
    """Its last rating was red under the pain rule."""

    @property
    def raised(self) -> bool:
        before, after = self.pain_before, self.pain_after
        return before is not None and after is not None and after >= before + RAISED_BY

    @property
    def followup_due(self) -> bool:
        """It ended 2 or more above its start, ended red, or stopped for pain (PRODUCT.md flow 4)."""
        return self.raised or self.ended_red or bool(self.stopped)


def emergency_pending(recent: Sequence[SessionRecord]) -> bool:
    """The last check that asked about emergency signs found one, or was told no doctor has seen it."""
    for record in recent:
        screening = record.screening
        if any(screening.red_flags.get(sign) for sign in EMERGENCY_IDS) or screening.emergency_assessed is False:
            return True
        if screening.emergency_assessed or any(sign in screening.red_flags for sign in EMERGENCY_IDS):
            return False
    return False


def previous_session(recent: Sequence[SessionRecord], now: datetime) -> PreviousSession | None:
    """The last session that ran (``recent`` newest first), or ``None`` when there is none."""
    last = next(iter(sessions_that_ran(recent)), None)
    return None if last is None else described(last, now)


def sessions_that_ran(recent: Sequence[SessionRecord]) -> list[SessionRecord]:
    """The sessions of ``recent`` that ran: not blocked, not under way; in the same order."""
    return [r for r in recent if r.outcome not in (Outcome.BLOCKED, Outcome.IN_PROGRESS)]


def described(last: SessionRecord, now: datetime) -> PreviousSession:
    """What the check needs to know of one session that ran, ``now``."""
    before, after = last.pain_before, last.pain_after
    ended = last.ended_at if last.ended_at is not None and last.ended_at >= last.started_at else last.started_at
    hours = _hours_since(ended, now)
    stopped = last.stop_advised or last.outcome is Outcome.STOPPED_FOR_PAIN
    leg_stop = any(report.kind is HurtKind.RED_FLAG for report in last.pain_reports)
    red = after is not None and judge_pain(after, before).light is PainLight.RED
    reason = (last.reason or "stopped for pain") if stopped else ""
    return PreviousSession(before, after, hours, reason, leg_stop and stopped, red)


def last_check_at(recent: Sequence[SessionRecord], now: datetime, within_hours: float) -> datetime | None:
    """When the newest check began, if it let a session start less than ``within_hours`` ago and that
    session did not stop for pain (after a stop the whole check is asked again)."""
    newest = recent[0] if recent else None
    if newest is None or newest.outcome in (Outcome.BLOCKED, Outcome.STOPPED_FOR_PAIN) or newest.pain_before is None:
        return None
    if newest.stop_advised:
        return None
    hours = _hours_since(newest.started_at, now)
    return newest.started_at if hours is not None and hours < within_hours else None


def newest_first(records: Sequence[SessionRecord]) -> list[SessionRecord]:
    """Logs by the moment they started, newest first: file names use local time, which a clock change reorders."""
    return sorted(records, key=lambda r: r.started_at, reverse=True)


def _hours_since(moment: datetime, now: datetime) -> float | None:
    """Hours from ``moment`` to ``now``; ``None`` when it lies later than now, beyond a clock set a little wrong."""
    hours = (now - moment).total_seconds() / 3600
    return None if hours < -CLOCK_SLACK_HOURS else max(0.0, hours)
