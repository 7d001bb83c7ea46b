"""After a session the coach stopped for pain: the hours it counts from, and what the check and
home say while they last (docs/safety.md 3.4). The one place of this rule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from coach.durations import elapsed_words
from coach.logs.records import SessionRecord
from coach.safety.check_texts import inline
from coach.safety.last_sessions import PreviousSession, previous_session

SETTLE_HOURS = 12
"""Under this many hours since a session that raised pain: let it settle; from then on: ask."""
REST_TITLE = "Rest for today"


def resting_hours(previous: PreviousSession | None) -> float | None:
    """Hours since the last session, when it stopped for pain under ``SETTLE_HOURS`` ago (rest for
    today, no session); else None."""
    if previous is None or not previous.stopped or previous.hours_ago is None:
        return None
    return previous.hours_ago if previous.hours_ago < SETTLE_HOURS else None


def rest_line(recent: Sequence[SessionRecord], now: datetime) -> str:
    """Home's line while a stop for today lasts, or ``""``; ``recent`` newest first."""
    hours = resting_hours(previous_session(recent, now))
    if hours is None:
        return ""
    return (
        f"Your last session stopped because of pain {elapsed_words(hours)} ago: rest for today. "
        f"Sessions start again {SETTLE_HOURS} hours after it."
    )


def rest_block(previous: PreviousSession | None) -> tuple[str, tuple[str, ...], str] | None:
    """The check's block while a stop for today lasts: title, advice and the logged reason; else None."""
    hours = resting_hours(previous)
    if previous is None or hours is None:
        return None
    reason = f"The last session stopped because of pain {elapsed_words(hours)} ago: rest for today."
    return REST_TITLE, rest_advice(hours, previous.stopped), reason


def rest_advice(hours_ago: float, reason: str) -> tuple[str, ...]:
    """The block after a session in which the coach said to stop for today, while that day lasts."""
    said = f" ({inline(reason)})" if reason else ""
    return (
        f"Your last session, {elapsed_words(hours_ago)} ago, stopped because of pain{said}, "
        "and the advice then was to stop exercising for today.",
        "Rest today and let it settle. Before your next session, talk to a physiotherapist or doctor "
        "if the pain was sharp, shooting or spreading, or has not eased.",
    )
