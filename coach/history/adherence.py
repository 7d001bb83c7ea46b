"""How regularly someone exercises: sessions per week, the day-by-day calendar, adherence and streak.

A session counts on its day (``SessionRecord.day``, the day written in its own offset); sessions
dated after ``today`` are left out. Sessions per week, the calendar and adherence count days with
exercise; the streak (and the week's tally against a reminder's rhythm) counts kept days, where a
flare-up session or coach's advice to ease off keeps the day too (PRODUCT.md flow 12).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from coach.logs.records import Outcome, SessionRecord, StepOutcome
from coach.safety.after_stop import STOP_BLOCK_REASON_START
from coach.safety.check_texts import SEVERE_PAIN_AT, SEVERE_PAIN_REASON_START

FLARE_UP_ROUTINE = "flare-up"
"""The name of the flare-up plan that comes with coach: a session of it keeps the day."""


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


def eased_off(record: SessionRecord) -> bool:
    """True when coach advised easing off exercise: it told the user to stop for today, or its check
    blocked the session at pain 8-10 or while a stop for pain lasted."""
    if record.stop_advised:
        return True
    if record.outcome is not Outcome.BLOCKED or record.screening.not_started_after_caution:
        return False
    pain = record.pain_before
    severe = record.reason.startswith(SEVERE_PAIN_REASON_START) and pain is not None and pain >= SEVERE_PAIN_AT
    return severe or record.reason.startswith(STOP_BLOCK_REASON_START)


def keeps_the_day(record: SessionRecord) -> bool:
    """True when the session keeps its day: it exercised, it was the flare-up plan (not blocked), or
    coach advised easing off (``eased_off``). Doing what coach advises on a bad day is keeping up."""
    flare_up = record.routine_name == FLARE_UP_ROUTINE and record.outcome is not Outcome.BLOCKED
    return is_exercising(record) or flare_up or eased_off(record)


def kept_days(records: list[SessionRecord], today: date) -> set[date]:
    """The days up to ``today`` that a session kept."""
    return {record.day for record in records if record.day <= today and keeps_the_day(record)}


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
    """Consecutive kept days (``keeps_the_day``) ending today, or yesterday if nothing yet today."""
    days = kept_days(records, today)
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak
