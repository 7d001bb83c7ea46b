"""After a session that stopped for pain: for 12 hours only the flare-up plan may start (nothing
when the stop was for leg symptoms or numbness), and the advice is to keep gently moving, never to
rest (docs/safety.md 3.6). The one place of this rule: the check and home both ask it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from coach.durations import elapsed_words
from coach.logs.records import SessionRecord
from coach.safety.check_texts import KEEP_MOVING, inline
from coach.safety.last_sessions import PreviousSession, described, sessions_that_ran

SETTLE_HOURS = 12
"""Under this many hours since a session that raised pain: let it settle; from then on: ask."""
AFTER_STOP_TITLE = "Ease off exercise today"
STOP_BLOCK_REASON_START = "The last session stopped because of pain"
"""How the logged reason of a block while a stop for pain lasts begins."""


def lasting_stop(recent: Sequence[SessionRecord], now: datetime) -> PreviousSession | None:
    """The newest session of the last 12 hours that stopped for pain (``recent`` newest first), whatever
    ran after it: a flare-up session does not end the 12 hours."""
    for record in sessions_that_ran(recent):
        session = described(record, now)
        if session.hours_ago is None or session.hours_ago >= SETTLE_HOURS:
            return None
        if session.stopped:
            return session
    return None


def resting_hours(previous: PreviousSession | None) -> float | None:
    """Hours since the last session, when it stopped for pain under ``SETTLE_HOURS`` ago; else None."""
    if previous is None or not previous.stopped or previous.hours_ago is None:
        return None
    return previous.hours_ago if previous.hours_ago < SETTLE_HOURS else None


def flare_up_allowed(previous: PreviousSession | None) -> bool:
    """Whether the flare-up plan may start while the stop lasts: not after a stop for leg symptoms or numbness."""
    return previous is None or not previous.leg_stop


def rest_line(recent: Sequence[SessionRecord], now: datetime) -> str:
    """Home's line while a stop for pain lasts, or ``""``; ``recent`` newest first."""
    stop = lasting_stop(recent, now)
    hours = resting_hours(stop)
    if hours is None:
        return ""
    which = "only the flare-up plan may start" if flare_up_allowed(stop) else "no routine starts"
    return (
        f"A session stopped because of pain {elapsed_words(hours)} ago. {KEEP_MOVING} "
        f"For {SETTLE_HOURS} hours after it, {which}."
    )


def stop_block(previous: PreviousSession | None, bad_day_routine: bool) -> tuple[str, tuple[str, ...], str] | None:
    """The check's block while a stop lasts: title, advice and the logged reason; ``None`` when there is
    no such stop, or when the chosen routine is the flare-up plan and the stop allows it."""
    hours = resting_hours(previous)
    if previous is None or hours is None:
        return None
    allowed = flare_up_allowed(previous)
    if bad_day_routine and allowed:
        return None
    said = f" ({inline(previous.stopped)})" if previous.stopped else ""
    which = (
        "Only the flare-up plan may start until then."
        if allowed
        else "Because it stopped for pain spreading into a leg, tingling or numbness, no routine starts until then."
    )
    advice = (
        f"A session {elapsed_words(hours)} ago stopped because of pain{said}.",
        KEEP_MOVING,
        f"Routines start again {SETTLE_HOURS} hours after that stop. {which}",
        "Talk to a physiotherapist or doctor before your next session if the pain was sharp or spreading, "
        "or has not eased.",
    )
    reason = f"{STOP_BLOCK_REASON_START} {elapsed_words(hours)} ago: easing off today."
    return AFTER_STOP_TITLE, advice, reason
