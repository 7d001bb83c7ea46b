"""The two advisories of history (PRODUCT.md flow 8), counted in calendar time, not in sessions.

*Not improving*: six weeks after the first session (or at once when the episode has lasted over
12 weeks with no professional assessment), the last week's mean pain before is not down by 2
points or 30 % from the first week's and the function average has not risen by 2. *Worsening*:
the last 7 days' mean pain before is 2 or more above the 7 days before (or the 7 before those),
or the function average fell by 2 or more. One rule each, used by home, the history screen,
``coach history`` and the Markdown report. Cases: ``docs/safety.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from coach.function.model import FunctionLog
from coach.logs.records import SessionRecord

REVIEW_AFTER_DAYS = 42
"""Six weeks of self-care before "not improving" is judged (NICE CKS reviews at 4-6 weeks)."""
WEEK = 7
RATED_DAYS = 3
"""A week counts only with pain rated on this many days."""
APPLIES_FROM_PAIN = 3
APPLIES_UP_TO_FUNCTION = 7.0
IMPROVED_BY_POINTS = 2.0
IMPROVED_BY_SHARE = 0.3
FUNCTION_BY = 2.0
WORSENING_RISE = 2.0
WORSENING_WEEKS_BEFORE = 2
"""The last week is compared with each of this many weeks before it, so a steady climb counts too."""
SEE_A_PROFESSIONAL = "Have it assessed by a physiotherapist or doctor."


@dataclass(frozen=True)
class Advisory:
    """Advice to see a professional, with the figures that triggered it."""

    kind: str
    """``not-improving`` or ``worsening``."""
    title: str
    line: str
    """One line with the figures, for home and the history header."""
    text: str
    """The whole advice, for the history box and the report."""


def advisories(
    records: list[SessionRecord], today: date, function: FunctionLog | None = None, long_unassessed: bool = False
) -> list[Advisory]:
    """Every advisory that applies on ``today``: worsening first, then not improving.

    ``long_unassessed``: the profile says this episode has lasted over 12 weeks and no
    professional has assessed it."""
    log = function or FunctionLog()
    found = (worsening(records, today, log), not_improving(records, today, log, long_unassessed))
    return [advisory for advisory in found if advisory is not None]


def banner(found: list[Advisory], where: str) -> str:
    """One line for home and the history header naming every advisory found, then where to read more."""
    if not found:
        return ""
    if len(found) == 1:
        return f"⚠ {found[0].title}: {found[0].line}. {where}"
    return "⚠ " + "; ".join(advisory.title for advisory in found) + f". {where}"


def _pain(records: list[SessionRecord], first: date, last: date) -> dict[date, list[int]]:
    """Pain before each session that started from ``first`` to ``last``, by day."""
    days: dict[date, list[int]] = {}
    for record in records:
        if first <= record.day <= last and record.pain_before is not None:
            days.setdefault(record.day, []).append(record.pain_before)
    return days


def _mean(days: dict[date, list[int]]) -> float:
    return fmean(pain for ratings in days.values() for pain in ratings)


def not_improving(
    records: list[SessionRecord], today: date, function: FunctionLog, long_unassessed: bool = False
) -> Advisory | None:
    """Six weeks on, neither the pain before nor function has improved enough: see a professional."""
    if long_unassessed:
        line = "this episode has lasted over 12 weeks and no professional has assessed it"
        text = (
            "Your health profile says this episode of back pain has lasted more than 12 weeks and no doctor or "
            f"physiotherapist has assessed it. Back pain that lasts this long deserves a professional's view. "
            f"{SEE_A_PROFESSIONAL}"
        )
        return Advisory("not-improving", "Have this episode assessed", line, text)
    rated = [record.day for record in records if record.pain_before is not None]
    if not rated:
        return None
    start = min(rated)
    if (today - start).days < REVIEW_AFTER_DAYS:
        return None
    first = _pain(records, start, start + timedelta(days=WEEK - 1))
    last = _pain(records, today - timedelta(days=WEEK - 1), today)
    if len(first) < RATED_DAYS or len(last) < RATED_DAYS:
        return None
    first_pain, last_pain = _mean(first), _mean(last)
    first_function = function.average_between(start, start + timedelta(days=WEEK - 1))
    if first_function is None and function.averages():
        first_function = function.averages()[0][1]
    latest_function = function.averages()[-1][1] if function.averages() else None
    if first_pain < APPLIES_FROM_PAIN and (first_function is None or first_function > APPLIES_UP_TO_FUNCTION):
        return None
    fall = first_pain - last_pain
    if fall >= IMPROVED_BY_POINTS or (first_pain > 0 and fall / first_pain >= IMPROVED_BY_SHARE):
        return None
    risen = None if first_function is None or latest_function is None else latest_function - first_function
    if risen is not None and risen >= FUNCTION_BY:
        return None
    weeks = (today - start).days // WEEK
    function_words = (
        f"; function {first_function:.1f} then {latest_function:.1f}"
        if first_function is not None and latest_function is not None
        else ""
    )
    line = f"pain before {first_pain:.1f} in the first week, {last_pain:.1f} in the last{function_words}"
    activities = (
        f", and your activities' score went from {first_function:.1f} to {latest_function:.1f}"
        if function_words
        else ""
    )
    text = (
        f"After {weeks} weeks, your pain before sessions averaged {last_pain:.1f}/10 in the last week, against "
        f"{first_pain:.1f}/10 in your first week: not down by 2 points or 30 %{activities}. Pain that does not "
        f"improve over six weeks of self-care needs a professional's assessment. {SEE_A_PROFESSIONAL}"
    )
    return Advisory("not-improving", "Not improving: see a professional", line, text)


def worsening(records: list[SessionRecord], today: date, function: FunctionLog) -> Advisory | None:
    """The mean pain before over the last 7 days is 2 or more above that of the 7 days before (or of
    the 7 days before those), or the function average fell by 2 or more since the rating before."""
    last_start = today - timedelta(days=WEEK - 1)
    last = _pain(records, last_start, today)
    if last:
        last_mean = _mean(last)
        for weeks_back in range(1, WORSENING_WEEKS_BEFORE + 1):
            start = last_start - timedelta(days=WEEK * weeks_back)
            earlier = _pain(records, start, start + timedelta(days=WEEK - 1))
            if earlier and last_mean - _mean(earlier) >= WORSENING_RISE:
                return _pain_worsening(last_mean, _mean(earlier), weeks_back)
    averages = function.averages()
    if len(averages) >= 2 and averages[-2][1] - averages[-1][1] >= FUNCTION_BY:
        (before_day, before), (_, now) = averages[-2], averages[-1]
        line = f"your activities' score fell from {before:.1f} to {now:.1f}"
        text = (
            f"Your activities' score fell from {before:.1f} on {before_day.isoformat()} to {now:.1f} at your latest "
            f"rating. Doing less of your everyday life needs a professional's assessment. {SEE_A_PROFESSIONAL}"
        )
        return Advisory("worsening", "Activities are getting harder: see a professional", line, text)
    return None


def _pain_worsening(last_mean: float, earlier_mean: float, weeks_back: int) -> Advisory:
    when = ("the week before", "the 7 days before") if weeks_back == 1 else ("two weeks before", "days 15 to 21 ago")
    line = f"pain before averaged {last_mean:.1f} this week, up from {earlier_mean:.1f} {when[0]}"
    text = (
        f"Your pain before sessions averaged {last_mean:.1f}/10 over the last 7 days, up from "
        f"{earlier_mean:.1f}/10 {when[1]}. Pain that is getting worse needs a professional's "
        f"assessment before you go on. {SEE_A_PROFESSIONAL}"
    )
    return Advisory("worsening", "Pain is getting worse: see a professional", line, text)
