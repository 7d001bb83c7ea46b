"""History figures: pure functions over session records, in any order.

A session's day is ``SessionRecord.day``, the calendar day written in its own offset, which is
the day the person lived it, whatever time zone it was logged in. Sessions dated after
``today`` are left out of the day-based figures (pain windows here; calendar, weekly counts,
adherence and streak in ``coach.history.adherence``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coach.history.adherence import adherence, current_streak, is_exercising, mean_sessions_per_week, window_start
from coach.logs.records import Outcome, PainReport, SessionRecord
from coach.safety.check_texts import NOT_STARTED_REASON

RECENT_WEEKS = 4
"""Length of the pain windows compared in the summary."""

HURT_RATING = 4
"""A pain rating from which a report counts as "something hurt"."""


def duration_seconds(record: SessionRecord) -> float:
    """Wall-clock length from ``started_at`` to ``ended_at``, else the active seconds."""
    if record.ended_at is not None and record.ended_at >= record.started_at:
        return (record.ended_at - record.started_at).total_seconds()
    return float(record.active_seconds)


def not_started_after_caution(record: SessionRecord) -> bool:
    """Logged as blocked, but the user chose not to start after a caution: no block.

    Logs written before the flag existed are recognised by their reason.
    """
    return record.outcome is Outcome.BLOCKED and (
        record.screening.not_started_after_caution or record.reason.startswith(NOT_STARTED_REASON)
    )


def outcome_label(record: SessionRecord) -> str:
    """The outcome in words: ``not started`` for going back at a caution."""
    return "not started" if not_started_after_caution(record) else record.outcome.label


def outcome_words(record: SessionRecord) -> str:
    """The outcome as history shows it: what blocked a block, and ``not started`` for going back at a caution."""
    return "not started" if not_started_after_caution(record) else record.outcome.description


def chronological(records: list[SessionRecord]) -> list[SessionRecord]:
    """Oldest first: by local day, then by the actual instant, then by id."""
    return sorted(records, key=_chronological_key)


def _chronological_key(record: SessionRecord) -> tuple[date, datetime, str]:
    return (record.day, record.started_at, record.id)


@dataclass(frozen=True)
class PainPoint:
    """One session that exercised, as the pain chart draws it."""

    at: datetime
    before: int | None
    after: int | None
    stopped: bool
    """It stopped for pain."""

    @property
    def day(self) -> date:
        return self.at.date()


def pain_series(records: list[SessionRecord]) -> list[PainPoint]:
    """Every session that exercised, oldest first: when, pain before and after, whether it stopped for pain.

    Checks that did not lead to exercise are left out, so before and after cover the same sessions.
    """
    return [
        PainPoint(record.started_at, record.pain_before, record.pain_after, record.outcome is Outcome.STOPPED_FOR_PAIN)
        for record in chronological(records)
        if is_exercising(record)
    ]


@dataclass(frozen=True)
class PainWindow:
    """Mean pain ratings of the sessions that exercised in a span of days.

    Blocked and not-started checks are left out, so before and after cover the same sessions.
    """

    first_day: date
    last_day: date
    sessions: int
    before: float | None
    after: float | None


class _PainTally:
    __slots__ = ("sessions", "before_sum", "before_count", "after_sum", "after_count")

    def __init__(self) -> None:
        self.sessions = 0
        self.before_sum = self.before_count = self.after_sum = self.after_count = 0

    def add(self, record: SessionRecord) -> None:
        if not is_exercising(record):
            return
        self.sessions += 1
        if record.pain_before is not None:
            self.before_sum += record.pain_before
            self.before_count += 1
        if record.pain_after is not None:
            self.after_sum += record.pain_after
            self.after_count += 1

    def window(self, first_day: date, last_day: date) -> PainWindow:
        return PainWindow(
            first_day,
            last_day,
            self.sessions,
            self.before_sum / self.before_count if self.before_count else None,
            self.after_sum / self.after_count if self.after_count else None,
        )


def pain_window(records: list[SessionRecord], first_day: date, last_day: date) -> PainWindow:
    """Mean pain before and after over the sessions from ``first_day`` to ``last_day``."""
    tally = _PainTally()
    for record in records:
        if first_day <= record.day <= last_day:
            tally.add(record)
    return tally.window(first_day, last_day)


def weekly_pain(records: list[SessionRecord], today: date, weeks: int = 12) -> list[PainWindow]:
    """Mean pain per ISO week, oldest first, counting days up to today."""
    start = window_start(today, weeks)
    tallies = [_PainTally() for _ in range(weeks)]
    for record in records:
        if start <= record.day <= today:
            tallies[(record.day - start).days // 7].add(record)
    return [
        tally.window(start + timedelta(weeks=index), start + timedelta(weeks=index, days=6))
        for index, tally in enumerate(tallies)
    ]


def hurts(records: list[SessionRecord]) -> list[tuple[date, str, PainReport]]:
    """What hurt and when: "it hurts" reports and ratings of 4 or more, oldest first.

    Each comes with its local day and the routine's title.
    """
    found = []
    for record in chronological(records):
        title = record.routine_title or record.routine_name
        for report in record.pain_reports:
            if report.source == "hurts" or report.rating >= HURT_RATING:
                found.append((report.at.date(), title, report))
    return found


@dataclass(frozen=True)
class HistorySummary:
    """The figures a reviewer wants at a glance."""

    sessions: int
    completed: int
    ended_early: int
    stopped_for_pain: int
    blocked: int
    """Blocks by the safety check; going back at a caution is ``not_started`` instead."""
    not_started: int
    interrupted: int
    in_progress: int
    exercising: int
    active_minutes: float
    first_day: date | None
    last_day: date | None
    recent_pain: PainWindow
    """The last four weeks, ending today."""
    previous_pain: PainWindow
    """The four weeks before those."""
    streak: int
    adherence: float
    sessions_per_week: float
    """Mean exercising sessions per week over the adherence window."""
    weeks: int


def summary(records: list[SessionRecord], today: date, weeks: int = 12) -> HistorySummary:
    """Totals, pain windows, streak and adherence."""
    outcomes = Counter(record.outcome for record in records)
    not_started = sum(1 for record in records if not_started_after_caution(record))
    days = [record.day for record in records]
    recent_start = today - timedelta(days=7 * RECENT_WEEKS - 1)
    previous_start = recent_start - timedelta(days=7 * RECENT_WEEKS)
    return HistorySummary(
        sessions=len(records),
        completed=outcomes[Outcome.COMPLETED],
        ended_early=outcomes[Outcome.ENDED_EARLY],
        stopped_for_pain=outcomes[Outcome.STOPPED_FOR_PAIN],
        blocked=outcomes[Outcome.BLOCKED] - not_started,
        not_started=not_started,
        interrupted=outcomes[Outcome.INTERRUPTED],
        in_progress=outcomes[Outcome.IN_PROGRESS],
        exercising=sum(1 for record in records if is_exercising(record)),
        active_minutes=sum(record.active_seconds for record in records) / 60,
        first_day=min(days, default=None),
        last_day=max(days, default=None),
        recent_pain=pain_window(records, recent_start, today),
        previous_pain=pain_window(records, previous_start, recent_start - timedelta(days=1)),
        streak=current_streak(records, today),
        adherence=adherence(records, today, weeks),
        sessions_per_week=mean_sessions_per_week(records, today, weeks),
        weeks=weeks,
    )
