"""Today's level of a routine, worked out by replaying its logged sessions (flow 11).

One level up after two sessions of the routine in a row, at least 20 hours apart, each comfortable
(no red check, no stop, no "it hurts" worse than mild, an end no more than 1 above the start) and
settled (the next check found neither "not settled" nor a next-day flare); at most one step up in
7 days. One level down after a red check, a stop, "not settled" or a flare — one level, whatever
else was found. Anything else keeps the level. Deleting a log and working it out again gives the
same answer as never having written it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.logs.records import HurtKind, Outcome, Screening, SessionRecord
from coach.progression.levels import doses, level_range
from coach.routines.model import Routine

APART = timedelta(hours=20)
UP_EVERY = timedelta(days=7)
NOT_RAN = (Outcome.BLOCKED, Outcome.IN_PROGRESS)
RAISED_BY = 1
"""An end rating more than this above the start is not comfortable."""


@dataclass(frozen=True)
class Level:
    """Today's level, the level last time ran at, and why, in one sentence."""

    today: int
    last: int
    why: str
    """The reason alone: ``your last two sessions were comfortable and settled``."""
    changed_at: datetime | None = None
    first: bool = False
    """No session of the routine is logged yet."""

    @property
    def easier(self) -> int:
        """One level easier than today's."""
        return self.today - 1


@dataclass(frozen=True)
class LevelChange:
    """A level the routine moved to, when and why: for the report and the trends."""

    at: datetime
    level: int
    why: str


def todays_level(routine: Routine, records: Sequence[SessionRecord], today_check: Screening | None = None) -> Level:
    """The level the next session of ``routine`` runs at, from ``records`` (any order, any routine) and,
    when the check before it has been answered, what it found (``today_check``)."""
    return replay(routine, records, today_check)[1]


def replay(
    routine: Routine, records: Sequence[SessionRecord], today_check: Screening | None = None
) -> tuple[list[LevelChange], Level]:
    """Every level change in the routine's history, and today's level."""
    if not routine.progress:
        return [], Level(0, 0, "this routine keeps its own dose")
    low, high = level_range(routine)
    ordered = sorted(records, key=lambda r: r.started_at)
    ran = [r for r in ordered if _ran(r, routine.name)]
    if not ran:
        return [], Level(0, 0, "this is the first time you do it", first=True)
    level, last_up = 0, None
    row: list[SessionRecord] = []
    changes: list[LevelChange] = []
    why, ran_at = "", 0
    checks = [r for r in ordered if r.screening.pain_before is not None]
    check_times = [r.started_at for r in checks]
    for session in ran:
        ran_at = level
        after = _next_check(checks, check_times, session) or today_check
        worse = _why_worse(session, after)
        if worse:
            row = []
            if level > low:
                level -= 1
                changes.append(LevelChange(session.started_at, level, worse))
            why = worse
            continue
        uneasy = _why_not_comfortable(session)
        if uneasy:
            row, why = [], uneasy
            continue
        row.append(session)
        why = "one more comfortable, settled session before the next step up"
        if len(row) < 2:
            continue
        if row[-1].started_at - row[-2].started_at < APART:
            why = "your last two sessions were less than 20 hours apart"
            continue
        if last_up is not None and session.started_at - last_up < UP_EVERY:
            why = f"at most one step up a week; the next can come from {(last_up + UP_EVERY).date().isoformat()}"
            continue
        if level >= high:
            why = "this is the most this routine goes: twice its own dose"
            continue
        level, last_up, row = level + 1, session.started_at, []
        why = "your last two sessions were comfortable and settled"
        changes.append(LevelChange(session.started_at, level, why))
    return changes, Level(level, ran_at, why, changes[-1].at if changes else None)


def first_time(routine: Routine, records: Sequence[SessionRecord]) -> bool:
    """No session of ``routine`` has run yet (one blocked or going on now does not count)."""
    return not any(_ran(record, routine.name) for record in records)


def _ran(record: SessionRecord, name: str) -> bool:
    return record.routine_name == name and record.outcome not in NOT_RAN


def _next_check(checks: Sequence[SessionRecord], times: Sequence[datetime], session: SessionRecord) -> Screening | None:
    """The first check after ``session`` that asked the pain now (``checks`` in order of their ``times``):
    it says whether that session settled."""
    index = bisect_right(times, session.started_at)
    return checks[index].screening if index < len(checks) else None


def _why_worse(session: SessionRecord, after: Screening | None) -> str:
    if session.outcome is Outcome.STOPPED_FOR_PAIN or session.stop_advised:
        return "your last session stopped for pain"
    if any(report.verdict == "red" for report in session.pain_reports):
        return "your last session had a red pain rating"
    if after is not None and after.previous_settled is False:
        return "the pain from your last session had not settled"
    if after is not None and after.next_day_flare:
        return "your pain flared after your last session"
    return ""


def _why_not_comfortable(session: SessionRecord) -> str:
    if any(r.kind is not None and r.kind is not HurtKind.MILD for r in session.pain_reports):
        return "it hurt more than mildly last time"
    before, after = session.pain_before, session.pain_after
    if before is not None and after is not None and after > before + RAISED_BY:
        return f"your pain rose from {before} to {after} last time"
    return ""


def sentence(routine: Routine, level: Level, chosen: int | None = None) -> str:
    """``Level 2 — holds 24 s, was 22: your last two sessions were comfortable and settled.``"""
    if not routine.progress:
        return "This routine keeps its own dose (it says progress = false)."
    now = level.today if chosen is None else chosen
    changed = [dose for dose in doses(routine, now, level.last) if dose.now != dose.was]
    if changed:
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        figures = f"{changed[0].text()}{more}"
    elif level.first:
        figures = "the routine's own dose"
    else:
        figures = "as last time"
    why = level.why if chosen is None or chosen == level.today else "the dose you chose"
    return f"Level {now} — {figures}: {why}."
