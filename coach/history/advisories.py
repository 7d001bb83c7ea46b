"""The two advisories of history (PRODUCT.md flow 8): pain that persists, pain that is getting worse.

One rule each, used by home, the history screen, ``coach history`` and the Markdown report.
Both look at the pain rated before each session. Cases: ``docs/safety.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from coach.logs.records import SessionRecord

PERSISTING_WINDOW_DAYS = 56
"""Only sessions of the last eight weeks count: the advisory is about now."""
PERSISTING_MIN_DAYS = 21
PERSISTING_MIN_SESSIONS = 6
PERSISTING_PAIN = 3
PERSISTING_MIN_FALL = 2.0
WORSENING_DAYS = 7
WORSENING_RISE = 2.0
WORSENING_WEEKS_BEFORE = 2
"""The last week is compared with each of this many weeks before it, so a steady climb counts too."""
LOOKBACK_DAYS = PERSISTING_WINDOW_DAYS
"""No advisory looks further back than this: the sessions it needs, whatever else is shown."""
SEE_A_PROFESSIONAL = "Have it assessed by a physiotherapist or doctor."


@dataclass(frozen=True)
class Advisory:
    """Advice to see a professional, with the figures that triggered it."""

    kind: str
    """``persisting`` or ``worsening``."""
    title: str
    line: str
    """One line with the figures, for home and the history header."""
    text: str
    """The whole advice, for the history box and the report."""


def advisories(records: list[SessionRecord], today: date) -> list[Advisory]:
    """Every advisory that applies on ``today``: worsening first, then persisting."""
    return [found for found in (worsening(records, today), persisting(records, today)) if found is not None]


def banner(found: list[Advisory], where: str) -> str:
    """One line for home and the history header naming every advisory found, then where to read more."""
    if not found:
        return ""
    if len(found) == 1:
        return f"⚠ {found[0].title}: {found[0].line}. {where}"
    return "⚠ " + "; ".join(advisory.title for advisory in found) + f". {where}"


def _ratings(records: list[SessionRecord], first: date, last: date) -> list[tuple[date, int]]:
    """(day, pain before) of the sessions that started from ``first`` to ``last``, oldest first."""
    return sorted(
        (record.day, record.pain_before)
        for record in records
        if first <= record.day <= last and record.pain_before is not None
    )


def persisting(records: list[SessionRecord], today: date) -> Advisory | None:
    """Pain of 3 or more in most sessions over 21 days or more, not down by 2 from first to last week.

    Takes the sessions of the last eight weeks with a pain-before rating; there must be at least
    six, the first and last at least 21 days apart. The first week is the seven days from the
    first of them, the last week the seven days up to the last.
    """
    rated = _ratings(records, today - timedelta(days=PERSISTING_WINDOW_DAYS), today)
    if len(rated) < PERSISTING_MIN_SESSIONS:
        return None
    first_day, last_day = rated[0][0], rated[-1][0]
    span = (last_day - first_day).days
    if span < PERSISTING_MIN_DAYS:
        return None
    painful = sum(1 for _, pain in rated if pain >= PERSISTING_PAIN)
    if painful * 2 <= len(rated):
        return None
    first_week = fmean(pain for day, pain in rated if day < first_day + timedelta(days=WORSENING_DAYS))
    last_week = fmean(pain for day, pain in rated if day > last_day - timedelta(days=WORSENING_DAYS))
    if first_week - last_week >= PERSISTING_MIN_FALL:
        return None
    weeks = span // 7
    line = (
        f"pain before was {PERSISTING_PAIN} or more in {painful} of {len(rated)} sessions over {weeks} weeks; "
        f"first week {first_week:.1f}, last week {last_week:.1f}"
    )
    trend = "has risen" if last_week > first_week else "has not eased by 2 points"
    text = (
        f"Your pain before sessions has been {PERSISTING_PAIN}/10 or more in most sessions for "
        f"{weeks} weeks ({painful} of {len(rated)} sessions) and {trend}: it averaged "
        f"{first_week:.1f} in the first week and {last_week:.1f} in the last. Pain that persists beyond a "
        f"few weeks of self-care needs a professional's assessment. {SEE_A_PROFESSIONAL}"
    )
    return Advisory("persisting", "Pain is persisting: see a professional", line, text)


def worsening(records: list[SessionRecord], today: date) -> Advisory | None:
    """The mean pain before over the last 7 days is 2 or more points above that of the 7 days before,
    or of the 7 days before those (so that a steady climb over three weeks counts as well as a jump)."""
    last_start = today - timedelta(days=WORSENING_DAYS - 1)
    last = [pain for _, pain in _ratings(records, last_start, today)]
    if not last:
        return None
    last_mean = fmean(last)
    for weeks_back in range(1, WORSENING_WEEKS_BEFORE + 1):
        start = last_start - timedelta(days=WORSENING_DAYS * weeks_back)
        earlier = [pain for _, pain in _ratings(records, start, start + timedelta(days=WORSENING_DAYS - 1))]
        if earlier and last_mean - fmean(earlier) >= WORSENING_RISE:
            return _worsening(last_mean, fmean(earlier), weeks_back)
    return None


def _worsening(last_mean: float, earlier_mean: float, weeks_back: int) -> Advisory:
    when = ("the week before", "the 7 days before") if weeks_back == 1 else ("two weeks before", "days 15 to 21 ago")
    line = f"pain before averaged {last_mean:.1f} this week, up from {earlier_mean:.1f} {when[0]}"
    text = (
        f"Your pain before sessions averaged {last_mean:.1f}/10 over the last 7 days, up from "
        f"{earlier_mean:.1f}/10 {when[1]}. Pain that is getting worse needs a professional's "
        f"assessment before you go on. {SEE_A_PROFESSIONAL}"
    )
    return Advisory("worsening", "Pain is getting worse: see a professional", line, text)
