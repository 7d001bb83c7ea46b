"""How regularly someone exercises: sessions per week, the day-by-day calendar, adherence and streak.

A session counts on its day (``SessionRecord.day``, the day written in its own offset); sessions
dated after ``today`` are left out.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from coach.logs.records import Outcome, SessionRecord, StepOutcome


def is_exercising(record: SessionRecord) -> bool:
    """True when the session actually exercised: completed, or not blocked with an exercise begun.

    An exercise counts as begun when it was done, or reached and given some active time; a
    session ended on the first intro card logs every exercise as not reached (its seconds of
    getting ready included) and exercised none.
    """
    if record.outcome is Outcome.COMPLETED:
        return True
    return record.outcome is not Outcome.BLOCKED and any(
        step.outcome is StepOutcome.DONE or (step.outcome is not StepOutcome.NOT_REACHED and step.active_seconds > 0)
        for step in record.steps
    )


def window_start(today: date, weeks: int) -> date:
    """The Monday that opens a window of ``weeks`` ISO weeks ending with today's week."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    return today - timedelta(days=today.weekday() + 7 * (weeks - 1))


def _exercise_days(records: list[SessionRecord], first: date, last: date) -> Counter[date]:
    counts: Counter[date] = Counter()
    for record in records:
        if is_exercising(record) and first <= record.day <= last:
            counts[record.day] += 1
    return counts


def sessions_per_week(records: list[SessionRecord], today: date, weeks: int = 12) -> list[tuple[date, int]]:
    """Exercising sessions per ISO week, oldest first, as (Monday, count)."""
    start = window_start(today, weeks)
    totals = [0] * weeks
    for day, count in _exercise_days(records, start, today).items():
        totals[(day - start).days // 7] += count
    return [(start + timedelta(weeks=index), total) for index, total in enumerate(totals)]


def mean_sessions_per_week(records: list[SessionRecord], today: date, weeks: int = 12) -> float:
    """Exercising sessions per week on average from ``adherence_start`` to today (a week at least).

    Someone who began last week is not averaged over twelve weeks they had not yet started.
    """
    exercising = sum(sessions for _, sessions in sessions_per_week(records, today, weeks))
    days = (today - adherence_start(records, today, weeks)).days + 1
    return exercising * 7 / max(7, days)


def adherence_calendar(records: list[SessionRecord], today: date, weeks: int = 12) -> list[list[int]]:
    """A weeks x 7 grid (Monday to Sunday, oldest week first) of exercising sessions per day.

    Days after ``today`` hold -1.
    """
    start = window_start(today, weeks)
    counts = _exercise_days(records, start, today)
    grid = []
    for week in range(weeks):
        row = []
        for weekday in range(7):
            day = start + timedelta(days=7 * week + weekday)
            row.append(-1 if day > today else counts.get(day, 0))
        grid.append(row)
    return grid


def adherence_start(records: list[SessionRecord], today: date, weeks: int = 12) -> date:
    """The first day adherence counts: the window's Monday, or the first logged session's day if later."""
    logged = [record.day for record in records if record.day <= today]
    return max(window_start(today, weeks), min(logged, default=today))


def adherence(records: list[SessionRecord], today: date, weeks: int = 12) -> float:
    """Share of the days from ``adherence_start`` to today with at least one exercising session."""
    start = adherence_start(records, today, weeks)
    return len(_exercise_days(records, start, today)) / ((today - start).days + 1)


def current_streak(records: list[SessionRecord], today: date) -> int:
    """Consecutive days with exercise ending today, or yesterday if nothing yet today."""
    days = {record.day for record in records if is_exercising(record) and record.day <= today}
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak
